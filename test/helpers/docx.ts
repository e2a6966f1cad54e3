/**
 * Builds .docx files for the tests, part by part: the OOXML a word processor writes (content
 * types, relationships, document.xml, and numbering, styles, headers, footers, comments and
 * footnotes when asked), zipped with fflate. Each test writes the paragraphs it needs, so the
 * fixtures show exactly what the reader is given.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A run of text. */
export function r(text: string, props = ''): string {
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export interface ParagraphOptions {
  style?: string;
  numId?: number;
  ilvl?: number;
  /** Extra XML inside w:pPr (after pStyle and numPr). */
  pPr?: string;
}

/** A paragraph of runs: a string is one plain run, anything else is inline XML given as is. */
export function p(content: string | { xml: string } | (string | { xml: string })[], o: ParagraphOptions = {}): string {
  const parts = Array.isArray(content) ? content : [content];
  const numPr =
    o.numId !== undefined || o.ilvl !== undefined
      ? `<w:numPr>${o.ilvl !== undefined ? `<w:ilvl w:val="${o.ilvl}"/>` : ''}${o.numId !== undefined ? `<w:numId w:val="${o.numId}"/>` : ''}</w:numPr>`
      : '';
  const pPr = (o.style ? `<w:pStyle w:val="${o.style}"/>` : '') + numPr + (o.pPr ?? '');
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${parts.map((c) => (typeof c === 'string' ? r(c) : c.xml)).join('')}</w:p>`;
}

export const xml = (s: string): { xml: string } => ({ xml: s });

/** A tracked insertion of a run. */
export const ins = (text: string): { xml: string } => xml(`<w:ins w:id="1" w:author="审稿人" w:date="2024-05-06T09:00:00Z">${r(text)}</w:ins>`);
/** A tracked deletion of a run. */
export const del = (text: string): { xml: string } =>
  xml(`<w:del w:id="2" w:author="审稿人" w:date="2024-05-06T09:00:00Z"><w:r><w:delText xml:space="preserve">${esc(text)}</w:delText></w:r></w:del>`);
/** pPr content that marks the paragraph mark as deleted (the paragraph joins the next). */
export const DELETED_MARK = '<w:rPr><w:del w:id="3" w:author="审稿人" w:date="2024-05-06T09:00:00Z"/></w:rPr>';

/** A table: rows of cells, each cell a list of paragraph XML. */
export function table(rows: string[][][]): string {
  const cols = Math.max(...rows.map((row) => row.length));
  const grid = `<w:tblGrid>${'<w:gridCol w:w="3000"/>'.repeat(cols)}</w:tblGrid>`;
  const body = rows.map((row) => `<w:tr>${row.map((cell) => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${cell.join('') || '<w:p/>'}</w:tc>`).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${grid}${body}</w:tbl>`;
}

export interface Level {
  ilvl: number;
  format: string;
  text: string;
  start?: number;
  restart?: number;
  style?: string;
}

export function abstractNum(id: number, levels: Level[], extra = ''): string {
  const lvls = levels
    .map(
      (l) =>
        `<w:lvl w:ilvl="${l.ilvl}"><w:start w:val="${l.start ?? 1}"/><w:numFmt w:val="${l.format}"/>` +
        (l.restart !== undefined ? `<w:lvlRestart w:val="${l.restart}"/>` : '') +
        (l.style ? `<w:pStyle w:val="${l.style}"/>` : '') +
        `<w:lvlText w:val="${esc(l.text)}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>`,
    )
    .join('');
  return `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="multilevel"/>${extra}${lvls}</w:abstractNum>`;
}

/** A numbering instance; `startOverrides` restarts levels where the instance is first used. */
export function num(id: number, abstractId: number, startOverrides: Record<number, number> = {}): string {
  const o = Object.entries(startOverrides)
    .map(([ilvl, start]) => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`)
    .join('');
  return `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${o}</w:num>`;
}

/** The four levels of a party document, as a template would define them: 一、 （一） 1. （1）. */
export const DRAFT_LEVELS: Level[] = [
  { ilvl: 0, format: 'chineseCounting', text: '%1、' },
  { ilvl: 1, format: 'chineseCounting', text: '（%2）' },
  { ilvl: 2, format: 'decimal', text: '%3.' },
  { ilvl: 3, format: 'decimal', text: '（%4）' },
];

export function numberingXml(...defs: string[]): string {
  // Word writes every abstractNum before the first num.
  const abstracts = defs.filter((d) => d.startsWith('<w:abstractNum'));
  const nums = defs.filter((d) => !d.startsWith('<w:abstractNum'));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="${W}">${abstracts.join('')}${nums.join('')}</w:numbering>`;
}

export interface StyleDef {
  id: string;
  name?: string;
  type?: 'paragraph' | 'numbering' | 'character';
  basedOn?: string;
  numId?: number;
  ilvl?: number;
  default?: boolean;
}

export function stylesXml(styles: StyleDef[]): string {
  const body = styles
    .map((s) => {
      const numPr = s.numId !== undefined ? `<w:pPr><w:numPr>${s.ilvl !== undefined ? `<w:ilvl w:val="${s.ilvl}"/>` : ''}<w:numId w:val="${s.numId}"/></w:numPr></w:pPr>` : '';
      return `<w:style w:type="${s.type ?? 'paragraph'}"${s.default ? ' w:default="1"' : ''} w:styleId="${s.id}"><w:name w:val="${esc(s.name ?? s.id)}"/>${s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : ''}${numPr}</w:style>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W}">${body}</w:styles>`;
}

export interface DocxParts {
  /** The body's block content (paragraphs and tables). */
  body: string;
  numbering?: string;
  styles?: string;
  /** Text of a header, a footer, a comment and a footnote, each written as its own part. */
  header?: string;
  footer?: string;
  comment?: string;
  footnote?: string;
  /** Parts added as they are (or replacing the ones above), by zip entry name. */
  extra?: Record<string, string | Uint8Array>;
  /** Leave these entries out of the zip. */
  omit?: string[];
}

/** document.xml around a body, with the namespaces Word declares. */
export function documentXml(body: string, sectPr = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:mc="${MC}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">` +
    `<w:body>${body}${sectPr}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
  );
}

/** The zipped .docx. */
export function buildDocx(parts: DocxParts): Uint8Array {
  const rels: string[] = [];
  const types: string[] = [];
  const files: Record<string, string | Uint8Array> = {};
  const add = (id: string, type: string, target: string, contentType: string, content: string): void => {
    rels.push(`<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`);
    types.push(`<Override PartName="/word/${target}" ContentType="${contentType}"/>`);
    files[`word/${target}`] = content;
  };
  const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  if (parts.styles) add('rIdStyles', 'styles', 'styles.xml', `${wml}.styles+xml`, parts.styles);
  if (parts.numbering) add('rIdNumbering', 'numbering', 'numbering.xml', `${wml}.numbering+xml`, parts.numbering);
  let sectPr = '';
  if (parts.header !== undefined) {
    add('rIdHeader', 'header', 'header1.xml', `${wml}.header+xml`, `<w:hdr xmlns:w="${W}">${p(parts.header)}</w:hdr>`);
    sectPr += '<w:headerReference w:type="default" r:id="rIdHeader"/>';
  }
  if (parts.footer !== undefined) {
    add('rIdFooter', 'footer', 'footer1.xml', `${wml}.footer+xml`, `<w:ftr xmlns:w="${W}">${p(parts.footer)}</w:ftr>`);
    sectPr += '<w:footerReference w:type="default" r:id="rIdFooter"/>';
  }
  if (parts.comment !== undefined) {
    add('rIdComments', 'comments', 'comments.xml', `${wml}.comments+xml`, `<w:comments xmlns:w="${W}"><w:comment w:id="0" w:author="审稿人">${p(parts.comment)}</w:comment></w:comments>`);
  }
  if (parts.footnote !== undefined) {
    add(
      'rIdFootnotes',
      'footnotes',
      'footnotes.xml',
      `${wml}.footnotes+xml`,
      `<w:footnotes xmlns:w="${W}"><w:footnote w:id="1">${p(parts.footnote)}</w:footnote></w:footnotes>`,
    );
  }
  // The header and footer references belong in the body's last w:sectPr.
  const document = documentXml(parts.body).replace('<w:sectPr>', `<w:sectPr>${sectPr}`);
  files['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/word/document.xml" ContentType="${wml}.document.main+xml"/>${types.join('')}</Types>`;
  files['_rels/.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`;
  files['word/_rels/document.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  files['word/document.xml'] = document;
  Object.assign(files, parts.extra ?? {});
  for (const o of parts.omit ?? []) delete files[o];
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(zippable, { level: 6 });
}

/** A .docx whose body is these paragraphs, typed. */
export function typedDocx(lines: readonly string[]): Uint8Array {
  return buildDocx({ body: lines.map((l) => p(l)).join('') });
}
