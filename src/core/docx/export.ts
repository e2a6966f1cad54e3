/**
 * Writes a draft as a Word document laid out per GB/T 9704-2012 (body text): A4, the standard's
 * margins and 22 × 28 grid, title, body and heading fonts per level, and the `— 1 —` page number on
 * the outer edge. Markers stay typed text rather than Word numbering, so that reading the file back
 * gives the draft's paragraphs exactly.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IContext,
  type IRunOptions,
  type IXmlableObject,
} from 'docx';
import type { MarkerLevel } from '../markers';
import type { DocumentModel } from '../model';
import {
  CHAR_SPACE,
  FIRST_LINE_INDENT,
  FONT,
  FOOTER_DISTANCE,
  LINE_PITCH,
  MARGIN,
  PAGE,
  PAGE_NUMBER_INSET,
  PT,
} from './layout';

export interface ExportOptions {
  /** The document's title in its properties; the draft's title paragraph by default. */
  title?: string;
}

/**
 * Word reads a font name from w:ascii/w:hAnsi for Latin text and w:eastAsia for Chinese; WPS looks
 * at all of them, and the hint keeps ambiguous characters (— “ ”) in the Chinese font.
 */
function font(name: string): IRunOptions['font'] {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

function run(text: string, fontName: string, pt: number): TextRun {
  return new TextRun({ text, font: font(fontName), size: pt * 2, sizeComplexScript: pt * 2 });
}

const BODY_RUN = { font: font(FONT.body), size: PT.body * 2, sizeComplexScript: PT.body * 2 };

const HEADING_FONT: Partial<Record<MarkerLevel, string>> = { 1: FONT.level1, 2: FONT.level2, 3: FONT.body, 4: FONT.body };

/** Exactly one grid line per line, whatever a substituted font's own line height would be. */
const LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** Characters an XML document cannot hold; Word would refuse the file. Same length, so columns keep. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\ufffd');
}

/** Where a heading that runs on into its paragraph (（一）坚持学习。正文…) ends: after its first sentence. */
function headingEnd(text: string): number {
  const m = /[。！？]/.exec(text);
  return m ? m.index + 1 : text.length;
}

/**
 * A paragraph kept off the character grid (w:snapToGrid w:val="0", which the library has no
 * option for): on the grid, Word and WPS give each character of a font larger than the grid's
 * pitch two cells, spreading a 2号 title to half its width; the line spacing stays exact.
 */
class OffGridParagraph extends Paragraph {
  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = super.prepForXml(context);
    const children = xml?.['w:p'] as IXmlableObject[] | undefined;
    const pPr = children?.find((c) => 'w:pPr' in c)?.['w:pPr'] as IXmlableObject[] | undefined;
    if (!pPr) throw new Error('docx: a paragraph without w:pPr');
    // CT_PPr's order: w:snapToGrid comes right before w:spacing, which every paragraph here has.
    const at = pPr.findIndex((c) => 'w:spacing' in c);
    pPr.splice(at < 0 ? 0 : at, 0, { 'w:snapToGrid': { _attr: { 'w:val': '0' } } });
    return xml;
  }
}

function bodyParagraph(children: TextRun[]): Paragraph {
  return new Paragraph({
    children,
    alignment: AlignmentType.BOTH,
    indent: { firstLine: FIRST_LINE_INDENT.twips, firstLineChars: FIRST_LINE_INDENT.chars },
    spacing: LINE,
  });
}

function titleParagraph(text: string): Paragraph {
  return new OffGridParagraph({
    children: [run(text, FONT.title, PT.title)],
    alignment: AlignmentType.CENTER,
    // 标题下空一行, as spacing rather than an empty paragraph, so that the text reads back unchanged.
    spacing: { ...LINE, after: LINE_PITCH },
  });
}

/** `— 1 —` in 4号 宋体, one character in from the outer edge. */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const runOptions = { font: font(FONT.pageNumber), size: PT.pageNumber * 2, sizeComplexScript: PT.pageNumber * 2 };
  return new Footer({
    children: [
      new OffGridParagraph({
        spacing: { before: 0, after: 0 },
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
        children: [new TextRun({ ...runOptions, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

export function buildDocument(model: DocumentModel, options: ExportOptions = {}): Document {
  const levelOf = new Map(model.allSections.map((s) => [s.paragraph, s.marker.level]));
  const children = model.paragraphs.map((p) => {
    const text = xmlSafe(p.text);
    if (p.index === model.title) return titleParagraph(text);
    const level = levelOf.get(p.index);
    const headingFont = level === undefined ? undefined : HEADING_FONT[level];
    if (!headingFont) return bodyParagraph([run(text, FONT.body, PT.body)]);
    const end = headingEnd(text);
    const runs = [run(text.slice(0, end), headingFont, PT.body)];
    if (end < text.length) runs.push(run(text.slice(end), FONT.body, PT.body));
    return bodyParagraph(runs);
  });
  const title = options.title ?? (model.title === undefined ? undefined : model.paragraphs[model.title]!.text);
  return new Document({
    ...(title ? { title } : {}),
    // The author is the drafter, whom the export does not know; the library would write "Un-named".
    creator: '',
    lastModifiedBy: '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      // The grid's character pitch is counted from the Normal font size, so that must be 3号: Word
      // takes it from the document defaults, LibreOffice from the Normal style itself.
      default: { document: { run: BODY_RUN } },
      paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, run: BODY_RUN }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, footer: FOOTER_DISTANCE },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
}

export async function exportDocx(model: DocumentModel, options: ExportOptions = {}): Promise<Uint8Array> {
  return Packer.pack(buildDocument(model, options), 'uint8array');
}
