/**
 * Reads a Word draft (.docx) as the text a reader sees: the body's paragraphs in document order,
 * those in table cells included, with Word's automatic numbering written out as the marker it
 * shows (一、 （一） 1.…), so that the draft lints as if the markers had been typed.
 *
 * Left out: headers and footers, comments, footnotes and endnotes (other parts of the package,
 * never read), text boxes and drawings, hidden text (w:vanish), and tracked deletions (w:del,
 * w:moveFrom); tracked insertions (w:ins, w:moveTo) are kept, as if every change were accepted.
 * A field shows its last result (a date, a page reference), not its code.
 *
 * A manual line break (Shift+Enter, w:br) starts a new paragraph of the result: drafts pasted
 * from the web often hold a whole section in one Word paragraph, and markers are only recognised
 * at the start of a line. A break with no text on one side of it adds nothing.
 */
import type { SaxesTagNS } from 'saxes';
import { Numbering, symbolText } from './numbering';
import { DocxError, DocxPackage, MC_NS, isOn, walkXml, wordAttr, wordName } from './package';

export { DocxError, MAX_PART_BYTES } from './package';
export { quoteOf } from './quote';

export interface DocxParagraph {
  text: string;
}

export interface DocxDraft {
  paragraphs: DocxParagraph[];
  /** The paragraphs joined with '\n': line i + 1 is paragraph i + 1. */
  text: string;
}

/** Elements whose content is never body text. */
const SKIPPED = new Set([
  'del', 'moveFrom', 'delText', 'instrText', 'delInstrText',
  'pPrChange', 'rPrChange', 'sectPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'numberingChange',
  'sectPr', 'sdtPr', 'sdtEndPr', 'tblPr', 'tblGrid', 'trPr', 'tcPr', 'customXmlPr', 'smartTagPr',
  'drawing', 'pict', 'object', 'txbxContent', 'fldData', 'ffData', 'rt',
]);

interface ParagraphState {
  lines: string[];
  styleId: string | undefined;
  numId: string | undefined;
  ilvl: number | undefined;
  /** The paragraph mark itself is a tracked deletion: the text joins the next paragraph. */
  markDeleted: boolean;
}

class BodyReader {
  readonly paragraphs: DocxParagraph[] = [];
  private readonly stack: string[] = [];
  private skipDepth = 0;
  /** Per open mc:AlternateContent: whether one of its choices has been read. */
  private readonly alternates: boolean[] = [];
  private paragraph: ParagraphState | undefined;
  private carried: string[] | undefined;
  private runHidden = false;
  private inText = false;

  constructor(private readonly numbering: Numbering) {}

  open(tag: SaxesTagNS): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    if (this.stack.length === 0 && wordName(tag) !== 'document') {
      throw new DocxError(`不是有效的 Word 文档（.docx）：word/document.xml 的根元素是 ${tag.name}，不是 w:document`);
    }
    if (tag.uri === MC_NS) {
      const last = this.alternates.length - 1;
      if ((tag.local === 'Choice' || tag.local === 'Fallback') && last >= 0) {
        // Word writes a choice for new readers and a fallback for old ones: the same content twice.
        if (this.alternates[last]) return this.skip();
        this.alternates[last] = true;
      }
      if (tag.local === 'AlternateContent') this.alternates.push(false);
      this.stack.push(tag.local === 'AlternateContent' ? '#alternates' : '#mc');
      return;
    }
    const name = wordName(tag);
    if (name === undefined) {
      this.stack.push('#other');
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const grand = this.stack[this.stack.length - 2];
    this.stack.push(name);
    const p = this.paragraph;
    switch (name) {
      case 'p':
        this.paragraph = { lines: [''], styleId: undefined, numId: undefined, ilvl: undefined, markDeleted: false };
        return;
      case 'pStyle':
        if (parent === 'pPr' && grand === 'p' && p) p.styleId = wordAttr(tag, 'val');
        return;
      case 'numId':
        if (parent === 'numPr' && p) p.numId = wordAttr(tag, 'val');
        return;
      case 'ilvl':
        if (parent === 'numPr' && p) p.ilvl = toInt(wordAttr(tag, 'val'));
        return;
      case 'r':
        this.runHidden = false;
        return;
      case 'vanish':
        if (parent === 'rPr' && grand === 'r' && isOn(tag)) this.runHidden = true;
        return;
      case 't':
        this.inText = parent === 'r';
        return;
      case 'tab':
      case 'ptab':
        if (parent === 'r') this.add('\t');
        return;
      case 'noBreakHyphen':
        if (parent === 'r') this.add('-');
        return;
      case 'br':
      case 'cr':
        if (parent === 'r') this.lineBreak();
        return;
      case 'sym':
        if (parent === 'r') this.add(symbolOf(wordAttr(tag, 'char')));
        return;
      case 'del':
        // In the paragraph mark's properties, a deletion deletes the mark: the paragraph joins the next.
        if (parent === 'rPr' && grand === 'pPr' && p) p.markDeleted = true;
        this.stack.pop();
        this.skip();
        return;
      default:
        if (SKIPPED.has(name)) {
          this.stack.pop();
          this.skip();
        }
    }
  }

  private skip(): void {
    this.skipDepth = 1;
  }

  close(): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const name = this.stack.pop();
    if (name === '#alternates') this.alternates.pop();
    else if (name === 't') this.inText = false;
    else if (name === 'r') this.runHidden = false;
    else if (name === 'p') this.endParagraph();
  }

  text(s: string): void {
    if (this.skipDepth > 0 || !this.inText) return;
    // XML keeps line ends inside w:t; Word shows them as spaces, and a line is a paragraph here.
    this.add(s.replace(/\r\n?|\n/g, ' '));
  }

  private add(s: string): void {
    const p = this.paragraph;
    if (!p || this.runHidden || !s) return;
    p.lines[p.lines.length - 1] += s;
  }

  private lineBreak(): void {
    const p = this.paragraph;
    if (!p || this.runHidden) return;
    if (p.lines.length === 1 && p.lines[0] === '') return;
    p.lines.push('');
  }

  private endParagraph(): void {
    const p = this.paragraph;
    this.paragraph = undefined;
    if (!p) return;
    let lines = p.lines;
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    if (this.carried) {
      const c = this.carried;
      lines = [...c.slice(0, -1), c[c.length - 1]! + lines[0]!, ...lines.slice(1)];
      this.carried = undefined;
    }
    if (p.markDeleted) {
      this.carried = lines;
      return;
    }
    lines[0] = this.numbering.next(p) + lines[0];
    for (const text of lines) this.paragraphs.push({ text });
  }

  finish(): void {
    if (this.carried) for (const text of this.carried) this.paragraphs.push({ text });
    this.carried = undefined;
  }
}

function toInt(s: string | undefined): number | undefined {
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}

/** w:sym's character: a code point, or a symbol-font glyph (U+F0xx, or 00xx meaning F0xx). */
function symbolOf(hex: string | undefined): string {
  if (!hex || !/^[0-9a-fA-F]{1,6}$/.test(hex)) return '';
  let code = Number.parseInt(hex, 16);
  if (code < 0x100) code += 0xf000;
  if (code > 0x10ffff) return '';
  return symbolText(String.fromCodePoint(code));
}

/** The main document part: where the package's relationships say, else the usual name. */
function mainPart(pkg: DocxPackage): string {
  const target = pkg.relationships('').get('officeDocument');
  if (target && pkg.has(target)) return target;
  if (pkg.has('word/document.xml')) return 'word/document.xml';
  throw new DocxError('不是有效的 Word 文档（.docx）：压缩包中没有 word/document.xml，可能是其他格式的 zip 文件（如 .xlsx、.pptx）');
}

/** Reads a .docx; throws DocxError (with a Chinese message) for anything that is not one. */
export function readDocx(bytes: Uint8Array): DocxDraft {
  const pkg = new DocxPackage(bytes);
  const main = mainPart(pkg);
  const rels = pkg.relationships(main);
  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const partText = (kind: string): string | undefined => {
    const name = rels.get(kind) ?? `${dir}${kind}.xml`;
    return pkg.has(name) ? pkg.textOf(name) : undefined;
  };
  const numbering = new Numbering(partText('numbering'), partText('styles'));
  const reader = new BodyReader(numbering);
  walkXml(main, pkg.textOf(main)!, {
    open: (tag) => reader.open(tag),
    close: () => reader.close(),
    text: (s) => reader.text(s),
  });
  reader.finish();
  const paragraphs = reader.paragraphs;
  return { paragraphs, text: paragraphs.map((p) => p.text).join('\n') };
}
