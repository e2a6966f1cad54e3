/**
 * Writes a draft as a Word document laid out per GB/T 9704-2012 (body text): A4, the standard's
 * margins and 22 × 28 grid, title, body and heading fonts per level, and the `— 1 —` page number on
 * the outer edge. Markers stay typed text rather than Word numbering, so that reading the file back
 * gives the draft's paragraphs exactly.
 *
 * The WordprocessingML is written here directly: the export needs a handful of elements, which a
 * general-purpose library would bring in with some 180 KB of code for the rest of the standard.
 */
import type { MarkerLevel } from '../markers';
import type { DocumentModel } from '../model';
import {
  CHAR_SPACE,
  FIRST_LINE_INDENT,
  FONT,
  FOOTER_DISTANCE,
  HEADER_DISTANCE,
  LINE_PITCH,
  MARGIN,
  PAGE,
  PAGE_NUMBER_INSET,
  PT,
} from './layout';
import { R_NS, relationships, W_NS, WML_TYPE, XML_DECLARATION, xmlEscape, zipPackage, type Part, type Relationship } from './ooxml';

export interface ExportOptions {
  /** The document's title in its properties; the draft's title paragraph by default. */
  title?: string;
}

/**
 * Word reads a font name from w:ascii/w:hAnsi for Latin text and w:eastAsia for Chinese; WPS looks
 * at all of them, and the hint keeps ambiguous characters (— “ ”) in the Chinese font.
 */
function runProperties(font: string, pt: number): string {
  const f = xmlEscape(font);
  return `<w:rPr><w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}" w:hint="eastAsia"/><w:sz w:val="${pt * 2}"/><w:szCs w:val="${pt * 2}"/></w:rPr>`;
}

/** Spaces kept as typed: without xml:space, Word drops leading, trailing and doubled ones. */
function run(text: string, font: string, pt: number): string {
  return `<w:r>${runProperties(font, pt)}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

const HEADING_FONT: Partial<Record<MarkerLevel, string>> = { 1: FONT.level1, 2: FONT.level2, 3: FONT.body, 4: FONT.body };

/** Exactly one grid line per line, whatever a substituted font's own line height would be. */
const spacing = (after: number): string => `<w:spacing w:before="0" w:after="${after}" w:line="${LINE_PITCH}" w:lineRule="exact"/>`;

/**
 * Off the character grid: on it, Word and WPS give each character of a font larger than the grid's
 * pitch two cells, spreading a 2号 title to half its width. CT_PPr's order: w:snapToGrid, w:spacing,
 * w:ind, w:jc (Word rejects a file whose w:pPr is out of order).
 */
const OFF_GRID = '<w:snapToGrid w:val="0"/>';

const BODY_PPR = `<w:pPr>${spacing(0)}<w:ind w:firstLine="${FIRST_LINE_INDENT.twips}" w:firstLineChars="${FIRST_LINE_INDENT.chars}"/><w:jc w:val="both"/></w:pPr>`;

/** Where a heading that runs on into its paragraph (（一）坚持学习。正文…) ends: after its first sentence. */
function headingEnd(text: string): number {
  const m = /[。！？]/.exec(text);
  return m ? m.index + 1 : text.length;
}

function titleParagraph(text: string): string {
  // 标题下空一行, as spacing rather than an empty paragraph, so that the text reads back unchanged.
  return `<w:p><w:pPr>${OFF_GRID}${spacing(LINE_PITCH)}<w:jc w:val="center"/></w:pPr>${run(text, FONT.title, PT.title)}</w:p>`;
}

/** `— 1 —` in 4号 宋体, one character in from the outer edge: a PAGE field between two dashes. */
function pageNumberFooter(side: 'right' | 'left'): string {
  const r = (content: string) => `<w:r>${runProperties(FONT.pageNumber, PT.pageNumber)}${content}</w:r>`;
  const field = (type: string) => r(`<w:fldChar w:fldCharType="${type}"/>`);
  const p =
    `<w:p><w:pPr>${OFF_GRID}<w:spacing w:before="0" w:after="0"/><w:ind w:${side}="${PAGE_NUMBER_INSET}"/><w:jc w:val="${side}"/></w:pPr>` +
    r('<w:t xml:space="preserve">— </w:t>') +
    field('begin') +
    r('<w:instrText xml:space="preserve">PAGE</w:instrText>') +
    field('separate') +
    field('end') +
    r('<w:t xml:space="preserve"> —</w:t>') +
    '</w:p>';
  return `${XML_DECLARATION}<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}">${p}</w:ftr>`;
}

function bodyXml(model: DocumentModel): string {
  const levelOf = new Map(model.allSections.map((s) => [s.paragraph, s.marker.level]));
  return model.paragraphs
    .map((p) => {
      const text = p.text;
      if (p.index === model.title) return titleParagraph(text);
      const level = levelOf.get(p.index);
      const headingFont = level === undefined ? undefined : HEADING_FONT[level];
      if (!headingFont) return `<w:p>${BODY_PPR}${run(text, FONT.body, PT.body)}</w:p>`;
      const end = headingEnd(text);
      const rest = end < text.length ? run(text.slice(end), FONT.body, PT.body) : '';
      return `<w:p>${BODY_PPR}${run(text.slice(0, end), headingFont, PT.body)}${rest}</w:p>`;
    })
    .join('');
}

const REL = `${R_NS}/`;

function documentXml(model: DocumentModel, footers: { default: string; even: string }): string {
  const m = MARGIN;
  const sectPr =
    `<w:sectPr><w:footerReference w:type="default" r:id="${footers.default}"/><w:footerReference w:type="even" r:id="${footers.even}"/>` +
    `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}" w:orient="portrait"/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${HEADER_DISTANCE}" w:footer="${FOOTER_DISTANCE}" w:gutter="0"/>` +
    `<w:docGrid w:type="linesAndChars" w:linePitch="${LINE_PITCH}" w:charSpace="${CHAR_SPACE}"/></w:sectPr>`;
  return `${XML_DECLARATION}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${bodyXml(model)}${sectPr}</w:body></w:document>`;
}

/**
 * The grid's character pitch is counted from the Normal font size, so that must be 3号: Word takes
 * it from the document defaults, LibreOffice from the Normal style itself. The empty w:pPrDefault
 * is for LibreOffice: without it, it turns widow and orphan control off and breaks some pages one
 * line later than it did for the exports written so far.
 */
function stylesXml(): string {
  const body = runProperties(FONT.body, PT.body);
  return (
    `${XML_DECLARATION}<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault>${body}</w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>${body}</w:style></w:styles>`
  );
}

/**
 * Odd and even pages get their own footers. Compatibility mode 15 (Word 2013 and later): without
 * it Word opens the file in Compatibility Mode, with an older version's layout rules.
 */
const SETTINGS =
  `${XML_DECLARATION}<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="720"/><w:evenAndOddHeaders/>` +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

/** The title, and no author: that is the drafter, whom the export does not know. */
function corePropertiesXml(title: string | undefined): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const date = (name: string) => `<dcterms:${name} xsi:type="dcterms:W3CDTF">${now}</dcterms:${name}>`;
  return (
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title ? `<dc:title>${xmlEscape(title)}</dc:title>` : '') +
    `<cp:revision>1</cp:revision>${date('created')}${date('modified')}</cp:coreProperties>`
  );
}

export async function exportDocx(model: DocumentModel, options: ExportOptions = {}): Promise<Uint8Array> {
  const title = options.title ?? (model.title === undefined ? undefined : model.paragraphs[model.title]!.text);
  const oddFooter = { type: `${REL}footer`, target: 'footer1.xml', name: 'word/footer1.xml', contentType: `${WML_TYPE}.footer+xml`, xml: pageNumberFooter('right') };
  const evenFooter = { type: `${REL}footer`, target: 'footer2.xml', name: 'word/footer2.xml', contentType: `${WML_TYPE}.footer+xml`, xml: pageNumberFooter('left') };
  const wordParts: (Part & Relationship)[] = [
    { type: `${REL}styles`, target: 'styles.xml', name: 'word/styles.xml', contentType: `${WML_TYPE}.styles+xml`, xml: stylesXml() },
    { type: `${REL}settings`, target: 'settings.xml', name: 'word/settings.xml', contentType: `${WML_TYPE}.settings+xml`, xml: SETTINGS },
    oddFooter,
    evenFooter,
  ];
  const rId = (part: Part & Relationship) => `rId${wordParts.indexOf(part) + 1}`;
  const footers = { default: rId(oddFooter), even: rId(evenFooter) };
  return zipPackage([
    {
      name: '_rels/.rels',
      xml: relationships([
        { type: `${REL}officeDocument`, target: 'word/document.xml' },
        { type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
        { type: `${REL}extended-properties`, target: 'docProps/app.xml' },
      ]),
    },
    { name: 'word/document.xml', contentType: `${WML_TYPE}.document.main+xml`, xml: documentXml(model, footers) },
    { name: 'word/_rels/document.xml.rels', xml: relationships(wordParts) },
    ...wordParts,
    { name: 'docProps/core.xml', contentType: 'application/vnd.openxmlformats-package.core-properties+xml', xml: corePropertiesXml(title) },
    {
      name: 'docProps/app.xml',
      contentType: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
      xml: `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>`,
    },
  ]);
}
