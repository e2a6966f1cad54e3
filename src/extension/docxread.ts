/**
 * The .docx reader as the extension loads it: on the desktop a bundle of its own (dist/docxread.js,
 * with its zip and XML libraries), required the first time a Word file is read, so that activation
 * never loads it; in the browser part of the one bundle, initialised on first use.
 */
export { DocxError, readDocx } from '../core/docx/read';
