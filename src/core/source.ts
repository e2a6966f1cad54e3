import { unified } from 'unified';
import remarkParse from 'remark-parse';

/**
 * A stretch of paragraph text that maps onto the source: text[text + k] came from
 * source[source + k] when `exact`; otherwise the stretch stands for `sourceLength` source characters
 * (an escape, an entity, inline code) and only its ends map.
 */
export interface Segment {
  text: number;
  source: number;
  length: number;
  sourceLength: number;
  exact: boolean;
}

export type ParagraphKind = 'line' | 'heading' | 'paragraph' | 'listItem';

/** A paragraph's lintable text before analysis: one source line of prose. */
export interface RawParagraph {
  text: string;
  segments: Segment[];
  kind: ParagraphKind;
}

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line';

/** An inline `<!-- dangjian-… -->` comment. An empty `rules` list means every rule. */
export interface Directive {
  kind: DirectiveKind;
  rules: string[];
  offset: number;
}

export interface SourceLayer {
  paragraphs: RawParagraph[];
  directives: Directive[];
}

const DIRECTIVE = /<!--\s*dangjian-(disable-next-line|disable|enable)((?:\s+[A-Za-z0-9_-]+)*)\s*-->/g;

function readDirectives(s: string, base: number, out: Directive[]): void {
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(s); m; m = DIRECTIVE.exec(s)) {
    const rules = m[2]!.trim().split(/\s+/).filter(Boolean);
    out.push({ kind: m[1] as DirectiveKind, rules, offset: base + m.index });
  }
}

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\ufeff';
}

/**
 * Maps an offset in a paragraph's text to an offset in the source. Where two segments meet
 * (…一是** 坚持…), a range's start belongs to the segment after the seam and its end to the one
 * before, so that a range never swallows markup between them.
 */
export function sourceOffset(segments: readonly Segment[], i: number, end = false): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const t = segments[mid]!.text;
    if (end ? t < i : t <= i) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  if (!seg) return 0;
  const k = Math.max(0, i - seg.text);
  if (seg.exact) return seg.source + Math.min(k, seg.length);
  return k === 0 ? seg.source : seg.source + seg.sourceLength;
}

/** True when text[start, end) maps onto one contiguous, exactly copied stretch of source. */
export function mapsExactly(segments: readonly Segment[], start: number, end: number): boolean {
  for (const seg of segments) {
    if (seg.text <= start && end <= seg.text + seg.length) return seg.exact;
  }
  return false;
}

/** Cuts collected text into one paragraph per line, trimmed, keeping the source map. */
function splitLines(text: string, segments: Segment[], kind: ParagraphKind, out: RawParagraph[]): void {
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ text: text.slice(s, e), segments: sliceSegments(segments, s, e), kind });
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
}

function sliceSegments(segments: Segment[], s: number, e: number): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const a = Math.max(s, seg.text);
    const b = Math.min(e, seg.text + seg.length);
    if (a >= b) continue;
    if (seg.exact) {
      out.push({ text: a - s, source: seg.source + (a - seg.text), length: b - a, sourceLength: b - a, exact: true });
    } else {
      out.push({ text: a - s, source: seg.source, length: b - a, sourceLength: seg.sourceLength, exact: false });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plain text: every non-blank line is a paragraph; a line that is only an HTML comment (a
// directive, or a note to the drafter) is not, just as in Markdown.

const COMMENT_LINE = /^<!--(?:(?!-->)[^])*-->$/;

export function plainTextLayer(source: string): SourceLayer {
  const paragraphs: RawParagraph[] = [];
  const directives: Directive[] = [];
  let lineStart = 0;
  const n = source.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? source.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isSpace(source[s])) s++;
    while (e > s && isSpace(source[e - 1])) e--;
    if (e > s) {
      const text = source.slice(s, e);
      if (text.startsWith('<!--') && COMMENT_LINE.test(text)) {
        readDirectives(text, s, directives);
      } else {
        paragraphs.push({ text, segments: [{ text: 0, source: s, length: e - s, sourceLength: e - s, exact: true }], kind: 'line' });
      }
    }
    if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  return { paragraphs, directives };
}

// ---------------------------------------------------------------------------------------------
// Markdown: remark finds the prose; code, HTML, front matter and link targets are never text.

interface MdNode {
  type: string;
  value?: string;
  ordered?: boolean;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** Blanks out YAML/TOML front matter so offsets stay those of the file. */
function maskFrontMatter(source: string): string {
  // The parser drops a leading BOM and counts offsets from after it; a space keeps them the file's.
  if (source.charCodeAt(0) === 0xfeff) source = ' ' + source.slice(1);
  const m = /^(---|\+\+\+)[ \t]*\r?\n/.exec(source);
  if (!m) return source;
  const fence = m[1]!;
  const close = new RegExp(`\\r?\\n(${fence === '---' ? '---|\\.\\.\\.' : '\\+\\+\\+'})[ \\t]*(?=\\r?\\n|$)`).exec(source.slice(m[0].length - 1));
  if (!close) return source;
  const end = m[0].length - 1 + close.index + close[0].length;
  return source.slice(0, end).replace(/[^\r\n]/g, ' ') + source.slice(end);
}

const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const AMPERSAND = /^&(?:amp|#0*38|#[xX]0*26);$/;

class Collector {
  text = '';
  segments: Segment[] = [];

  constructor(private readonly source: string) {}

  /** Adds a node's value, aligning it with its source span (escapes and entities differ in length). */
  add(value: string, start: number, end: number): void {
    if (value.length === end - start && this.source.startsWith(value, start)) {
      this.push(value, start, value.length, true);
      return;
    }
    let j = start;
    let runText = 0;
    let runSource = start;
    const flush = (i: number): void => {
      if (i > runText) this.push(value.slice(runText, i), runSource, i - runText, true);
    };
    const src = this.source;
    for (let i = 0; i < value.length; ) {
      // Work by code point, so that an astral character is never split between two segments.
      const len = (value.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      const ch = value.slice(i, i + len);
      const entity = src[j] === '&' ? ENTITY.exec(src.slice(j, j + 40)) : null;
      const literal = src.startsWith(ch, j) && !(entity && AMPERSAND.test(entity[0]));
      if (literal) {
        if (j !== runSource + (i - runText)) {
          flush(i);
          runText = i;
          runSource = j;
        }
        j += len;
        i += len;
        continue;
      }
      flush(i);
      if (entity && j + entity[0].length <= end) {
        // A character reference (&amp; &#x4E00;) is one character of text: one inexact unit.
        this.push(ch, j, len, false, entity[0].length);
        j += entity[0].length;
      } else {
        // Skip what the parser dropped (a backslash, continuation indentation, a quote marker)
        // until the character reappears close by.
        let k = j;
        const limit = Math.min(end, j + 12);
        while (k < limit && !src.startsWith(ch, k) && (src[k] === '\\' || /[ \t>\r\n]/.test(src[k]!))) k++;
        if (k < limit && src.startsWith(ch, k)) {
          runText = i;
          runSource = k;
          j = k + len;
          i += len;
          continue;
        }
        this.push(ch, j, len, false, Math.min(len, end - j));
        j = Math.min(j + len, end);
      }
      i += len;
      runText = i;
      runSource = j;
    }
    flush(value.length);
  }

  private push(value: string, source: number, length: number, exact: boolean, sourceLength = length): void {
    this.segments.push({ text: this.text.length, source, length, sourceLength, exact });
    this.text += value;
  }

  /** A stand-in for what is not prose (inline code), so the words beside it do not run together. */
  gap(start: number, end: number): void {
    this.push(' ', start, 1, false, end - start);
  }
}

/**
 * Chinese drafts often write **（一）坚持学习。**正文: CommonMark does not close bold after 。, so
 * the asterisks stay literal text. Two or three of them are the writer's bold, not prose; a single
 * * (and a run of more, *****党组) is kept, being a placeholder.
 */
const STRAY_EMPHASIS = /(?<![*_])(?:\*{2,3}|_{2,3})(?![*_])/g;

function addText(c: Collector, value: string, start: number, end: number): void {
  if (!value.includes('**') && !value.includes('__')) {
    c.add(value, start, end);
    return;
  }
  // Only exact text can be split by position; otherwise keep the value whole.
  if (value.length !== end - start) {
    c.add(value, start, end);
    return;
  }
  let at = 0;
  for (const m of value.matchAll(STRAY_EMPHASIS)) {
    if (m.index > at) c.add(value.slice(at, m.index), start + at, start + m.index);
    at = m.index + m[0].length;
  }
  if (at < value.length) c.add(value.slice(at), start + at, end);
}

const INLINE_CONTAINERS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

function collectInline(node: MdNode, c: Collector): void {
  for (const child of node.children ?? []) {
    const s = child.position?.start.offset ?? 0;
    const e = child.position?.end.offset ?? s;
    if (child.type === 'text') addText(c, child.value ?? '', s, e);
    else if (child.type === 'break') c.add('\n', s, e);
    else if (child.type === 'inlineCode') c.gap(s, e);
    else if (INLINE_CONTAINERS.has(child.type)) collectInline(child, c);
  }
}

export function markdownLayer(source: string): SourceLayer {
  const masked = maskFrontMatter(source);
  const tree = unified().use(remarkParse).parse(masked) as unknown as MdNode;
  const paragraphs: RawParagraph[] = [];
  const directives: Directive[] = [];

  const visit = (node: MdNode, listOrdered: boolean | undefined): void => {
    for (const child of node.children ?? []) {
      const s = child.position?.start.offset ?? 0;
      switch (child.type) {
        case 'heading':
        case 'paragraph': {
          const c = new Collector(source);
          collectInline(child, c);
          splitLines(c.text, c.segments, child.type, paragraphs);
          break;
        }
        case 'html':
          readDirectives(child.value ?? '', s, directives);
          break;
        case 'list':
          visit(child, child.ordered === true);
          break;
        case 'listItem': {
          const first = child.children?.[0];
          if (listOrdered && first?.type === 'paragraph') {
            // An ordered list's "1." is the draft's own level-3 marker: keep it as text.
            const c = new Collector(source);
            const fs = first.position?.start.offset ?? s;
            const raw = source.slice(s, fs);
            const lead = raw.length - raw.trimStart().length;
            const marker = raw.trim();
            c.add(marker, s + lead, s + lead + marker.length);
            collectInline(first, c);
            splitLines(c.text, c.segments, 'listItem', paragraphs);
            visit({ type: 'root', children: child.children?.slice(1) ?? [] }, undefined);
          } else {
            visit(child, undefined);
          }
          break;
        }
        case 'blockquote':
          visit(child, undefined);
          break;
        default:
          break; // code, thematicBreak, definition, …: not prose
      }
    }
  };
  visit(tree, undefined);
  return { paragraphs, directives };
}
