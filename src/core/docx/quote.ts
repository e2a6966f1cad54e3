/**
 * The start of a paragraph, for messages about a Word document: a .docx has no lines to point at,
 * so a finding names its paragraph and quotes how it begins. Kept apart from the reader so that
 * the CLI's formatter can use it without loading the zip and XML libraries.
 */

export const QUOTE_LENGTH = 16;

/** The paragraph's first characters (whitespace runs shown as one space), with … when cut. */
export function quoteOf(paragraphText: string): string {
  const chars = [...paragraphText.replace(/[\s\u3000]+/g, ' ').trim()];
  return chars.length > QUOTE_LENGTH ? chars.slice(0, QUOTE_LENGTH).join('') + '…' : chars.join('');
}
