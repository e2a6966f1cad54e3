/**
 * The package layer of the Word export: XML text made safe, and the parts zipped with the content
 * types and relationships that tie them together (Open Packaging Conventions). Only as much of the
 * standard as the export writes.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const NS = 'http://schemas.openxmlformats.org';
export const W_NS = `${NS}/wordprocessingml/2006/main`;
export const R_NS = `${NS}/officeDocument/2006/relationships`;
export const WML_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** Characters an XML document cannot hold; Word would refuse the file. Same length, so columns keep. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text or an attribute value as XML: markup characters escaped, characters XML cannot hold replaced by U+FFFD. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"]/g, (c) => ENTITY[c]!);
}

/** A part of the package: its name in the zip, its XML and, unless it is a relationships part, its content type. */
export interface Part {
  name: string;
  xml: string;
  contentType?: string;
}

export interface Relationship {
  type: string;
  target: string;
}

/** A relationships part; the ids are rId1… in the order given. */
export function relationships(rels: readonly Relationship[]): string {
  const body = rels.map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${xmlEscape(r.target)}"/>`).join('');
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
}

/** The zipped package: [Content_Types].xml first, as Word writes it, then the parts in order. */
export function zipPackage(parts: readonly Part[]): Uint8Array {
  const overrides = parts
    .filter((p) => p.contentType)
    .map((p) => `<Override PartName="/${p.name}" ContentType="${p.contentType}"/>`)
    .join('');
  const contentTypes =
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
  const files: Zippable = { '[Content_Types].xml': strToU8(contentTypes) };
  for (const p of parts) files[p.name] = strToU8(p.xml);
  return zipSync(files, { level: 6 });
}
