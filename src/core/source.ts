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
  // Segments are contiguous and ordered: only the one holding `start`, or for an empty range the
  // one ending there, can hold the range.
  const k = segmentAt(segments, start);
  for (let i = Math.max(0, k - 1); i <= k && i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.text <= start && end <= seg.text + seg.length) return seg.exact;
  }
  return false;
}

/** The index of the last segment that starts at or before text offset i (0 when none does). */
function segmentAt(segments: readonly Segment[], i: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.text <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Cuts collected text into one paragraph per line, trimmed, keeping the source map. A line copied
 * from one stretch of `file` (most are) is that stretch of it, sharing its characters: the
 * collected text is dropped with the syntax tree.
 */
function splitLines(text: string, segments: Segment[], file: string, kind: ParagraphKind, out: RawParagraph[]): void {
  let lineStart = 0;
  // Lines come in order: the segments of each start where the last line's left off.
  let first = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) {
      while (first < segments.length && segments[first]!.text + segments[first]!.length <= s) first++;
      const seg = segments[first];
      if (seg?.exact && seg.text <= s && e <= seg.text + seg.length) {
        const source = seg.source + (s - seg.text);
        out.push({ text: file.slice(source, source + e - s), segments: [{ text: 0, source, length: e - s, sourceLength: e - s, exact: true }], kind });
      } else {
        // Copied, so that the array holds no spare room.
        out.push({ text: text.slice(s, e), segments: sliceSegments(segments, s, e, first).slice(), kind });
      }
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
}

/** The segments of text[s, e), offsets made relative to s; the search starts at segments[from]. */
function sliceSegments(segments: readonly Segment[], s: number, e: number, from = 0, into: Segment[] = [], at = 0): Segment[] {
  for (let k = from; k < segments.length; k++) {
    const seg = segments[k]!;
    if (seg.text >= e) break;
    const a = Math.max(s, seg.text);
    const b = Math.min(e, seg.text + seg.length);
    if (a >= b) continue;
    if (seg.exact) {
      into.push({ text: at + a - s, source: seg.source + (a - seg.text), length: b - a, sourceLength: b - a, exact: true });
    } else {
      into.push({ text: at + a - s, source: seg.source, length: b - a, sourceLength: seg.sourceLength, exact: false });
    }
  }
  return into;
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
  label?: string | null;
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

/** Calls visit(start, end, next) for each line: its content [start, end) and the start of the next. */
function eachLine(s: string, visit: (start: number, end: number, next: number) => void): void {
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    const next = c === 13 && s.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    visit(start, i, next);
    i = next - 1;
    start = next;
  }
}

const isBlankOrTab = (c: number): boolean => c === 32 || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Deeper than any draft nests quotes and lists; the parser slows down sharply past it. */
const MAX_NESTING = 32;

/**
 * The parser's cost grows with the square of the nesting of quotes and lists on one line
 * (>>>>… or - - - …). Past MAX_NESTING the next container marker is replaced by a letter, so
 * the rest of the line is read as text; the Collector restores the character in the text.
 */
function capNesting(s: string): string {
  const at: number[] = [];
  eachLine(s, (start, end) => {
    if (isThematicBreak(s, start, end)) return;
    let p = start;
    let depth = 0;
    for (;;) {
      while (p < end && isBlankOrTab(s.charCodeAt(p))) p++;
      const c = s.charCodeAt(p);
      let next = -1;
      if (c === 62 /* > */) next = p + 1;
      else if ((c === 45 || c === 43 || c === 42) /* - + * */ && isBlankOrTab(s.charCodeAt(p + 1))) next = p + 1;
      else if (isDigit(c)) {
        let q = p;
        while (q < end && q - p < 9 && isDigit(s.charCodeAt(q))) q++;
        if ((s[q] === '.' || s[q] === ')') && isBlankOrTab(s.charCodeAt(q + 1))) next = q + 1;
      }
      if (next < 0) return;
      if (++depth > MAX_NESTING) {
        at.push(p);
        return;
      }
      p = next;
    }
  });
  if (!at.length) return s;
  let out = '';
  let from = 0;
  for (const p of at) {
    out += s.slice(from, p) + 'x';
    from = p + 1;
  }
  return out + s.slice(from);
}

/** - - - or * * * or ___ alone on a line: a rule, however long, is not nesting. */
function isThematicBreak(s: string, start: number, end: number): boolean {
  let mark = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isBlankOrTab(c)) continue;
    if (c !== 45 && c !== 42 && c !== 95) return false;
    if (mark && c !== mark) return false;
    mark = c;
    count++;
  }
  return count >= 3;
}

/**
 * When the parser reads a stretch on its own: the lines of a block after its first `block`
 * characters, and the rest of a line after its first `line` characters, in pieces of about
 * `line` characters cut at a Chinese character (or, past `hard`, at any letter).
 */
export interface PieceLimits {
  block: number;
  line: number;
  hard: number;
  /**
   * The least length of a chunk of the whole text parsed on its own (parseChunks). Small: remark's
   * cost per character grows with the blocks it reads at once even over a few KB (dense emphasis,
   * many fences), and a parse costs only some 0.1 ms to set up.
   */
  chunk: number;
  /** Whether stretches of plain lines between blank lines are read without the parser (parseChunks). */
  plain: boolean;
}

const PIECE_LIMITS: PieceLimits = { block: 16_384, line: 4_096, hard: 6_144, chunk: 2_048, plain: true };

/** A Chinese character or full-width punctuation: no Markdown syntax starts or ends with it. */
function isCjk(c: number): boolean {
  return (c >= 0x2e80 && c < 0xd800 && c !== 0x3000) || (c >= 0xf900 && c <= 0xffef && c !== 0xfeff);
}

/** A letter of any script: no Markdown syntax starts with it (all of it is ASCII punctuation, digits or space). */
function isLetter(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return !(c >= 0xdc00 && c <= 0xdfff) && !isSpace(s[k]) && c !== 0x2028 && c !== 0x2029;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** The HTML blocks that run on past blank lines, each with the text that ends it. */
const HTML_BLOCKS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** An HTML block that runs to the next blank line: a block-level tag, or any tag alone on its line after a blank line. */
const HTML_BLOCK_TAG =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i;
const HTML_LONE_TAG = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

/** True when a line (without its container prefix) may open something other than a line of a paragraph. */
function mayOpenBlock(s: string, start: number, end: number): boolean {
  if (start >= end) return true;
  const c0 = s[start]!;
  const c1 = s[start + 1];
  if (isSpace(c0) || c0 === '>' || c0 === '<' || c0 === '[') return true;
  if ((c0 === '-' || c0 === '+' || c0 === '*') && (start + 1 >= end || isBlankOrTab(s.charCodeAt(start + 1)))) return true;
  if (c0 === '#' && (start + 1 >= end || c1 === ' ' || c1 === '\t' || c1 === '#')) return true;
  if ((c0 === '`' || c0 === '~') && c1 === c0) return true;
  if (isDigit(s.charCodeAt(start))) return true;
  return isThematicBreak(s, start, end);
}

/**
 * What the parser reads, and in which pieces. remark's cost grows faster than its input within
 * one paragraph: it rematches emphasis markers (*汉*汉…) across the whole paragraph and rereads
 * the lazy lines of a quote or list item for each line. So an oversized paragraph is parsed in
 * pieces: the source is parsed once with those stretches blanked out (offsets and every other
 * line's context unchanged), and each stretch is parsed on its own; markdownLayer puts the text
 * back where it was. A draft without such stretches is read as it is (in chunks that change
 * nothing: parseChunks).
 *
 * - `tails`: a line longer than `line` keeps its first part in place; the rest is cut into pieces
 *   between two characters that are not spaces, before a Chinese character (or a letter), which no
 *   Markdown syntax starts with, so each piece parses as one paragraph's text.
 * - `runs`: in a block longer than `block`, a run of plain lines (each with the > or indentation
 *   of the line above it, or none, and none able to open a list, quote, heading, fence or HTML
 *   block) is parsed on its own, cut every `block` characters; a plain line reads the same
 *   whether a paragraph goes on or starts there, and going on, it closes nothing that blank lines
 *   would not. Where the block goes on after the run, the run's last line stays, so that the
 *   lines after it still follow a line of the paragraph. Never inside fenced code or an HTML
 *   block, after a line ending in a backslash (a hard break) or what may be indented code, above
 *   a setext underline, or in a draft with link reference definitions ([x]: …), which the parser
 *   resolves across the whole document.
 *
 * What a cut can still change is emphasis, a link or a code span that crosses it, or an emphasis
 * marker beside it: the price of linear time on 10 000 lines of one paragraph or a 2 MB line.
 * test/markdown-pieces.test.ts cuts wherever a cut is allowed and compares with one parse.
 */
export interface PiecePlan {
  /** The source with the stretches below blanked (line ends kept): the first parse. */
  main: string;
  /** The source with only the tails blanked: what the runs are parsed from. */
  withoutTails: string;
  /** [start, end) of each run piece. */
  runs: Array<[number, number]>;
  /**
   * Each run: its stretch, where the line before it ends and where the line kept after it starts.
   * Where the paragraph above goes on into the run, the run's lines and the kept line are that
   * paragraph's (a lazy line of an ordered list item is the item's).
   */
  runSpans: Array<{ start: number; end: number; lineBefore: number; kept: number | undefined; quotes: number }>;
  /** For each long line, its tail pieces in order. */
  tails: Array<Array<[number, number]>>;
}

export function planPieces(s: string, limits: PieceLimits = PIECE_LIMITS): PiecePlan {
  const plan: PiecePlan = { main: s, withoutTails: s, runs: [], runSpans: [], tails: [] };
  if (s.length <= Math.min(limits.block, limits.line) || !oversized(s, limits)) return plan;
  const starts: number[] = [];
  const ends: number[] = [];
  eachLine(s, (start, end) => {
    starts.push(start);
    ends.push(end);
  });
  const n = starts.length;
  /** Where the line's text starts, after the > and indentation of the blocks it is in. */
  const content: number[] = [];
  for (let k = 0; k < n; k++) {
    let p = starts[k]!;
    while (p < ends[k]! && (isBlankOrTab(s.charCodeAt(p)) || s.charCodeAt(p) === 62)) p++;
    content.push(p);
  }
  const isBlank = (k: number): boolean => !s.slice(starts[k], ends[k]).trim();
  const prefix = (k: number): string => s.slice(starts[k], content[k]);
  // A backward pass first: does a setext underline follow in the block, and a line that reads
  // otherwise after a paragraph's line outside any quote or list than after a lazy line of one?
  const underlineAhead = new Uint8Array(n);
  const dependentAhead = new Uint8Array(n);
  for (let k = n - 1, underline = 0, dependent = 0; k >= 0; k--) {
    if (isBlank(k)) underline = dependent = 0;
    else {
      const [p, end] = [content[k]!, ends[k]!];
      if (SETEXT_UNDERLINE.test(s.slice(p, end))) underline = 1;
      if (!readsAlikeAfterParagraph(s, p, end) || (p > starts[k]! && mayOpenBlock(s, p, end))) dependent = 1;
    }
    underlineAhead[k] = underline;
    dependentAhead[k] = dependent;
  }
  // Then the fenced code and HTML blocks, which are never cut, and the tails of long lines.
  const movable = new Uint8Array(n);
  const tailStretches: Array<[number, number]> = [];
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let htmlToBlank = false;
  // Since the last blank line, a quote or list was open: a lone tag may then open an HTML block
  // (on a lazy line), where after a plain paragraph it cannot.
  let contained = false;
  for (let k = 0; k < n; k++) {
    const p = content[k]!;
    const end = ends[k]!;
    const text = s.slice(p, end);
    const free = !fence && !htmlEnd && !htmlToBlank;
    let opens = false;
    if (fence) {
      const m = FENCE_CLOSE.exec(text);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(text)) htmlEnd = undefined;
    } else if (!text) {
      htmlToBlank = false;
    } else if (text[0] === '`' || text[0] === '~' || text[0] === '<') {
      const f = FENCE_OPEN.exec(text);
      const html = HTML_BLOCKS.find(([open]) => open.test(text));
      if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) fence = { char: f[1]![0]!, length: f[1]!.length };
      // The end may share characters with the start: <!--> is a whole comment.
      else if (html) htmlEnd = html[1].test(text.replace(html[0] === HTML_BLOCKS[1]![0] ? /^ {0,3}<!/ : html[0], '')) ? undefined : html[1];
      else if (HTML_BLOCK_TAG.test(text) || ((k === 0 || isBlank(k - 1) || contained) && HTML_LONE_TAG.test(text))) htmlToBlank = true;
      opens = fence !== undefined || html !== undefined || htmlToBlank;
    }
    if (!text) contained = false;
    else if (p > starts[k]! || opensListItem(s, p, end)) contained = true;
    // A line that opens such a block, or lies inside one, is not prose.
    if (!free || opens || !text) continue;
    // Cut short, a line that starts like a fence (```text`…) could become one.
    if (end - p > limits.line && !/^(?:```|~~~)/.test(text)) {
      // A backslash that ends the line is a hard break: it stays with the line ending.
      let last = end;
      while (last > p && s.charCodeAt(last - 1) === 92) last--;
      let tailEnd = (end - last) % 2 ? end - 1 : end;
      // So does the closing # of a heading (## 标题 ##).
      if (/^#{1,6}(?:[ \t]|$)/.test(text)) {
        let e = end;
        while (e > p && isBlankOrTab(s.charCodeAt(e - 1))) e--;
        let h = e;
        while (h > p && s[h - 1] === '#') h--;
        if (h < e && isBlankOrTab(s.charCodeAt(h - 1))) tailEnd = h;
      }
      // And the spaces before either: "… \\" keeps its space, which ends no paragraph.
      if (tailEnd < end) while (tailEnd > p && isSpace(s[tailEnd - 1])) tailEnd--;
      // The part left in place keeps a letter, so that it still reads as the paragraph it
      // starts (a line of **** alone would read as a rule).
      let letter = p;
      while (letter < tailEnd && !isLetter(s, letter)) letter++;
      const cuts = letter < tailEnd ? cutLine(s, Math.max(p, letter + 1 - limits.line), tailEnd, limits) : [];
      if (cuts.length) {
        plan.tails.push(cuts.map((c, i) => [c, cuts[i + 1] ?? tailEnd]));
        tailStretches.push([cuts[0]!, tailEnd]);
      }
    }
    if (!mayOpenBlock(s, p, end) && !/[ \t]{4}|\t/.test(prefix(k)) && s.charCodeAt(end - 1) !== 92 /* \ */) movable[k] = 1;
  }
  const runStretches: Array<[number, number]> = [];
  if (!s.includes(']:')) {
    let from = 0;
    for (let k = 1; k < n; k++) {
      if (isBlank(k)) from = ends[k]!;
      if (!movable[k] || isBlank(k - 1) || s.charCodeAt(ends[k - 1]! - 1) === 92 || underlineAhead[k] || starts[k]! - from < limits.block) continue;
      // The run must go on with the line above, not open a quote: blanked, it could not close
      // the blocks that quote closes.
      if (prefix(k) !== '' && prefix(k) !== prefix(k - 1)) continue;
      // Nor follow what may be indented code, which blank lines would continue.
      if (/[ \t]{4}|\t/.test(prefix(k - 1))) continue;
      let m = k;
      while (m < n && movable[m] && prefix(m) === prefix(k)) m++;
      if (m < n && !isBlank(m)) {
        // The lines after the run then go on from the kept line, a paragraph's line outside any
        // quote or list: none may read otherwise there than after a lazy line of one.
        if (dependentAhead[m]) continue;
        m--;
      }
      if (m <= k) continue;
      for (let a = k, j = k; j < m; j++) {
        if (j === m - 1 || ends[j]! - starts[a]! >= limits.block) {
          plan.runs.push([starts[a]!, ends[j]!]);
          a = j + 1;
        }
      }
      runStretches.push([starts[k]!, ends[m - 1]!]);
      plan.runSpans.push({ start: starts[k]!, end: ends[m - 1]!, lineBefore: ends[k - 1]!, kept: m < n && !isBlank(m) ? starts[m] : undefined, quotes: quotesIn(s, starts[k]!, content[k]!) });
      from = starts[m] ?? s.length;
      k = m - 1;
    }
  }
  plan.withoutTails = blankOut(s, tailStretches);
  plan.main = blankOut(plan.withoutTails, runStretches);
  return plan;
}

/**
 * Whether planPieces has anything to cut: a line longer than `limits.line`, or one that starts
 * `limits.block` characters or more after the last blank line (a first look, in one pass).
 */
function oversized(s: string, limits: PieceLimits): boolean {
  let from = 0;
  for (let start = 0; start < s.length; ) {
    let end = start;
    let blank = true;
    for (let c = s.charCodeAt(end); end < s.length && c !== 10 && c !== 13; c = s.charCodeAt(++end)) if (blank && !isBlankOrTab(c)) blank = false;
    if (end - start > limits.line) return true;
    if (blank) from = end;
    else if (start - from >= limits.block) return true;
    start = s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return false;
}

/** A list item's marker: - + * or 1. 1) followed by a space, a tab or the line's end. */
function opensListItem(s: string, start: number, end: number): boolean {
  const c = s.charCodeAt(start);
  const item = (after: number): boolean => after >= end || isBlankOrTab(s.charCodeAt(after));
  if (c === 45 || c === 43 || c === 42) return item(start + 1);
  let q = start;
  while (q < end && q - start < 9 && isDigit(s.charCodeAt(q))) q++;
  return q > start && (s[q] === '.' || s[q] === ')') && item(q + 1);
}

/**
 * False for the lines that open a block after a lazy line of a quote or list item but go on with
 * a paragraph outside one: an ordered item not numbered 1, an empty item, a lone inline tag.
 */
function readsAlikeAfterParagraph(s: string, start: number, end: number): boolean {
  const c = s.charCodeAt(start);
  const item = (after: number): boolean => after >= end || isBlankOrTab(s.charCodeAt(after));
  const empty = (after: number): boolean => !s.slice(after, end).trim();
  if (isDigit(c)) {
    let q = start;
    while (q < end && q - start < 9 && isDigit(s.charCodeAt(q))) q++;
    const delimited = s[q] === '.' || s[q] === ')';
    return !(delimited && item(q + 1) && (Number(s.slice(start, q)) !== 1 || empty(q + 1)));
  }
  if (c === 45 || c === 43 || c === 42) return !(item(start + 1) && empty(start + 1));
  const line = s.slice(start, end);
  return !(c === 60 && HTML_LONE_TAG.test(line) && !HTML_BLOCK_TAG.test(line));
}

/** The text with each stretch's characters, line ends aside, made spaces. */
function blankOut(s: string, stretches: ReadonlyArray<readonly [number, number]>): string {
  if (!stretches.length) return s;
  let out = '';
  let at = 0;
  for (const [start, end] of stretches) {
    out += s.slice(at, start) + s.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + s.slice(at);
}

/** The cuts in the line s[from, end): one every `limits.line` characters or so. */
function cutLine(s: string, from: number, end: number, limits: PieceLimits): number[] {
  const cuts: number[] = [];
  for (let pieceStart = from, i = from + limits.line; i < end; i = pieceStart + limits.line) {
    const at = cutPoint(s, i, Math.min(end, pieceStart + limits.hard), end);
    if (at < 0) break;
    cuts.push(at);
    pieceStart = at;
  }
  return cuts;
}

/**
 * Where to cut in s[i, end): between two Chinese characters, preferably right after 。！？；,
 * else before a Chinese character that follows no space, else past `hard` before any letter;
 * -1 where the line has none of these (a run of markup alone, which the parser reads in linear
 * time). Cutting between two Chinese characters leaves any markup whole.
 */
function cutPoint(s: string, i: number, hard: number, end: number): number {
  // Never after a space or a backslash, nor inside a surrogate pair; preferably not beside an
  // emphasis or code marker, whose meaning depends on what stands on either side.
  const seam = (k: number, besideMarkup: boolean): boolean => {
    const before = s.charCodeAt(k - 1);
    return before !== 92 /* \ */ && !isSpace(s[k - 1]) && !(before >= 0xd800 && before <= 0xdbff) && (besideMarkup || !/[*_`~]/.test(s[k - 1]!));
  };
  let between = -1;
  let after = -1;
  for (let k = i; k < hard; k++) {
    if (!isCjk(s.charCodeAt(k)) || !seam(k, false)) continue;
    if (after < 0) after = k;
    if (!isCjk(s.charCodeAt(k - 1))) continue;
    if ('。！？；'.includes(s[k - 1]!)) return k;
    if (between < 0) between = k;
    else if (k - between > 256) break;
  }
  if (between >= 0) return between;
  if (after >= 0) return after;
  // A letter that starts a word: not inside a character reference (&amp;) or a run of ASCII.
  const word = (k: number): boolean => isLetter(s, k) && !/[A-Za-z0-9#&]/.test(s[k - 1]!);
  for (let k = Math.max(i, hard); k < end; k++) if (word(k) && seam(k, false)) return k;
  for (let k = Math.max(i, hard); k < end; k++) if (word(k) && seam(k, true)) return k;
  return -1;
}

const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const AMPERSAND = /^&(?:amp|#0*38|#[xX]0*26);$/;

class Collector {
  text = '';
  segments: Segment[] = [];

  /**
   * `source` is what the parser read; `original`, where that differs from the file (front matter
   * blanked, deep nesting capped), is the file, from which exactly copied text is taken.
   */
  constructor(
    readonly source: string,
    readonly original: string | undefined,
  ) {}

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
      // Skip what the parser dropped (a backslash, continuation indentation, a quote marker) up
      // to the character, or to a character reference, close by; else stay where we are.
      let k = j;
      const limit = Math.min(end, j + 12);
      while (k < limit && !src.startsWith(ch, k) && src[k] !== '&' && (src[k] === '\\' || /[ \t>\r\n]/.test(src[k]!))) k++;
      if (k >= limit || (!src.startsWith(ch, k) && src[k] !== '&')) k = j;
      // \&amp; is an escaped & and the letters amp;, not a reference.
      const escaped = k > j && src[k - 1] === '\\';
      const entity = src[k] === '&' && !escaped ? ENTITY.exec(src.slice(k, k + 40)) : null;
      const literal = src.startsWith(ch, k) && !(entity && AMPERSAND.test(entity[0]));
      if (literal) {
        if (k !== runSource + (i - runText)) {
          flush(i);
          runText = i;
          runSource = k;
        }
        j = k + len;
        i += len;
        continue;
      }
      flush(i);
      if (entity && k + entity[0].length <= end) {
        // A character reference (&amp; &#x4E00;) is one character of text: one inexact unit.
        this.push(ch, k, len, false, entity[0].length);
        j = k + entity[0].length;
      } else {
        this.push(ch, j, len, false, Math.min(len, end - j));
        j = Math.min(j + len, end);
      }
      i += len;
      runText = i;
      runSource = j;
    }
    flush(value.length);
  }

  /**
   * Appends other.text[from, to) with its source map. Where the two meet on one stretch of source
   * (the halves of a line parsed in pieces), the stretch is one segment again.
   */
  copy(other: Collector, from: number, to: number): void {
    if (to <= from) return;
    const at = this.segments.length;
    sliceSegments(other.segments, from, to, segmentAt(other.segments, from), this.segments, this.text.length);
    this.text += other.text.slice(from, to);
    const a = this.segments[at - 1];
    const b = this.segments[at];
    if (a && b && a.exact && b.exact && a.source + a.length === b.source && a.text + a.length === b.text) {
      a.length += b.length;
      a.sourceLength += b.sourceLength;
      this.segments.splice(at, 1);
    }
  }

  private push(value: string, source: number, length: number, exact: boolean, sourceLength = length): void {
    this.segments.push({ text: this.text.length, source, length, sourceLength, exact });
    this.text += exact && this.original !== undefined ? this.original.slice(source, source + length) : value;
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
  // Align the whole value first (an escape or an entity anywhere shifts what follows), then drop
  // the runs that were written as asterisks in the source; an escaped \*\* is the writer's text.
  const whole = new Collector(c.source, c.original);
  whole.add(value, start, end);
  let at = 0;
  for (const m of value.matchAll(STRAY_EMPHASIS)) {
    if (!mapsExactly(whole.segments, m.index, m.index + m[0].length)) continue;
    c.copy(whole, at, m.index);
    at = m.index + m[0].length;
  }
  c.copy(whole, at, value.length);
}

const INLINE_CONTAINERS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** The prose inside a paragraph or heading, depth first; a loop, for emphasis nested thousands deep. */
function collectInline(node: MdNode, c: Collector, base: number): void {
  const stack: Array<{ nodes: MdNode[]; i: number }> = [{ nodes: node.children ?? [], i: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const child = frame.nodes[frame.i++];
    if (!child) {
      stack.pop();
      continue;
    }
    const s = base + (child.position?.start.offset ?? 0);
    const e = child.position?.end.offset === undefined ? s : base + child.position.end.offset;
    if (child.type === 'text') addText(c, child.value ?? '', s, e);
    else if (child.type === 'break') c.add('\n', s, e);
    else if (child.type === 'inlineCode') c.gap(s, e);
    else if (INLINE_CONTAINERS.has(child.type)) stack.push({ nodes: child.children ?? [], i: 0 });
  }
}

/** A heading, paragraph or ordered list item's first paragraph, collected; cut into lines at the end. */
interface ProseBlock {
  c: Collector;
  kind: ParagraphKind;
  start: number;
  end: number;
}

let processor: ReturnType<typeof makeProcessor> | undefined;
function makeProcessor() {
  return unified().use(remarkParse);
}

/** Parses text.slice(start, end), with `prefix` (link reference definitions) read before it. */
function parseTree(text: string, start: number, end: number, prefix = ''): MdNode {
  processor ??= makeProcessor();
  const piece = start === 0 && end === text.length ? text : text.slice(start, end);
  return processor.parse(prefix + piece) as unknown as MdNode;
}

/**
 * Parses text.slice(start, end) and collects its prose blocks and directives, with offsets into
 * `text` (whose other characters the parse does not see).
 */
function parsePiece(text: string, original: string | undefined, start: number, end: number, blocks: ProseBlock[], directives: Directive[]): void {
  collect(parseTree(text, start, end), text, original, start, blocks, directives);
}

/** Collects the prose blocks and directives of a tree whose offsets are `base` short of those in `text`. */
function collect(tree: MdNode, text: string, original: string | undefined, base: number, blocks: ProseBlock[], directives: Directive[]): void {
  const at = (n: MdNode, which: 'start' | 'end'): number => base + (n.position?.[which].offset ?? 0);
  // A loop with its own stack: quotes and lists nest as deep as the draft writes them.
  const stack: Array<{ nodes: MdNode[]; i: number; ordered: boolean | undefined }> = [{ nodes: tree.children ?? [], i: 0, ordered: undefined }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const child = frame.nodes[frame.i++];
    if (!child) {
      stack.pop();
      continue;
    }
    const s = at(child, 'start');
    switch (child.type) {
      case 'heading':
      case 'paragraph': {
        const c = new Collector(text, original);
        collectInline(child, c, base);
        blocks.push({ c, kind: child.type, start: s, end: at(child, 'end') });
        break;
      }
      case 'html':
        readDirectives(child.value ?? '', s, directives);
        break;
      case 'list':
        stack.push({ nodes: child.children ?? [], i: 0, ordered: child.ordered === true });
        break;
      case 'listItem': {
        const first = child.children?.[0];
        if (frame.ordered && first?.type === 'paragraph') {
          // An ordered list's "1." is the draft's own level-3 marker: keep it as text.
          const c = new Collector(text, original);
          const fs = first.position?.start.offset === undefined ? s : at(first, 'start');
          const raw = text.slice(s, fs);
          const lead = raw.length - raw.trimStart().length;
          const marker = raw.trim();
          c.add(marker, s + lead, s + lead + marker.length);
          collectInline(first, c, base);
          blocks.push({ c, kind: 'listItem', start: s, end: at(first, 'end') });
          stack.push({ nodes: child.children ?? [], i: 1, ordered: undefined });
        } else {
          stack.push({ nodes: child.children ?? [], i: 0, ordered: undefined });
        }
        break;
      }
      case 'blockquote':
        stack.push({ nodes: child.children ?? [], i: 0, ordered: undefined });
        break;
      default:
        break; // code, thematicBreak, definition, …: not prose
    }
  }
}

/**
 * Where the next chunk may start, at or after `from`: a line after a blank line, not indented, and
 * not starting with U+FEFF (which the parser drops at the start of what it reads). Whatever was
 * open before the blank line, that line closes it (or goes on with a list as a new item of it,
 * which reads the same as a new list), unless code, a fence or an HTML block that runs past blank
 * lines is still open, which eachChunk checks with the parser (closedBefore). The end when none.
 */
function nextCut(s: string, from: number): number {
  let start = from;
  let afterBlank = false;
  for (let first = true; start < s.length; first = false) {
    let end = start;
    let blank = true;
    for (let c = s.charCodeAt(end); end < s.length && c !== 10 && c !== 13; c = s.charCodeAt(++end)) if (blank && !isBlankOrTab(c)) blank = false;
    const c0 = s.charCodeAt(start);
    if (!first && afterBlank && !blank && !isBlankOrTab(c0) && c0 !== 0xfeff) return start;
    // The part line `from` falls in may be the end of a line, or the \n of a \r\n: never blank.
    afterBlank = blank && !first;
    start = s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return s.length;
}

/**
 * Parses the whole text in chunks cut at blank lines (nextCut), each of which remark reads in time
 * linear in its length, where its cost grows faster than its input over a whole draft; `take` gets
 * each chunk's prose blocks, and the chunk's tree is dropped. A cut is kept only when the chunk's
 * last top-level block ends before the blank lines, that is, when nothing that the next line
 * could go on with is still open; else the chunk grows. Link references resolve across the whole
 * draft: when it defines any, every chunk is read after the definitions' labels.
 *
 * Given `plain`, a stretch between two cuts that is all plain lines (scanStretch) is not parsed:
 * `plain` gets it instead, and the chunks are the stretches between such stretches.
 */
function parseChunks(
  text: string,
  original: string | undefined,
  size: number,
  directives: Directive[],
  take: (blocks: ProseBlock[]) => void,
  plain?: (start: number, end: number) => void,
): void {
  const labels = new Set<string>();
  if ((text.length > size || plain) && text.includes(']:')) eachChunk(text, size, '', (tree) => definitionLabels(tree, labels), plain && (() => {}));
  const prefix = labels.size ? [...labels].map((l) => `[${l}]: #\n`).join('') + '\n' : '';
  const visit = (tree: MdNode, base: number): void => {
    const blocks: ProseBlock[] = [];
    collect(tree, text, original, base, blocks, directives);
    take(blocks);
  };
  // Chunks a few times the definitions' length, so that they are not read too often.
  eachChunk(text, Math.max(size, 4 * prefix.length), prefix, visit, plain);
}

/**
 * Calls visit with the tree of each chunk (parseChunks), the offset of its start in `text` less the
 * prefix's length, and its end; and plain, where given, with each stretch of plain lines.
 */
function eachChunk(text: string, size: number, prefix: string, visit: (tree: MdNode, base: number, end: number) => void, plain?: (start: number, end: number) => void): void {
  const n = text.length;
  // The stretch last looked at ahead of the chunk is where the next one starts.
  let ahead = { start: -1, end: 0, plain: false };
  const stretch = (start: number): typeof ahead => (ahead.start === start ? ahead : (ahead = { start, ...scanStretch(text, start) }));
  // After a refusal, the chunk grows over plain stretches too.
  for (let a = 0, target = size, grown = false; a < n; ) {
    let c: number;
    if (plain && !grown) {
      let st = stretch(a);
      if (st.plain) {
        plain(a, st.end);
        a = st.end;
        continue;
      }
      for (c = st.end; c < n && c - a < target; c = st.end) {
        st = stretch(c);
        if (st.plain) break;
      }
    } else c = a + target >= n ? n : nextCut(text, a + target);
    const tree = parseTree(text, a, c, prefix);
    const base = a - prefix.length;
    const kids = tree.children ?? [];
    if (c < n && !closedBefore(kids[kids.length - 1], text, base, a, c)) {
      // What is open at the cut started at q: where that is a cut, the chunk ends there instead,
      // read from the same tree, and the next starts with it. Else the chunk grows.
      const q = base + (kids[kids.length - 1]!.position?.start.offset ?? 0);
      if (q > a && startsChunk(text, q) && closedBefore(kids[kids.length - 2], text, base, a, q)) {
        visit({ type: 'root', children: kids.slice(0, -1) }, base, q);
        a = q;
        target = size;
        grown = false;
      } else {
        target = Math.max(2 * target, 2 * (c - a));
        grown = true;
      }
      continue;
    }
    visit(tree, base, c);
    a = c;
    target = size;
    grown = false;
  }
}

/** An ATX heading's opening: # to ###### and a space or a tab. */
function headingText(s: string, start: number, end: number): number {
  let p = start;
  while (p < end && p - start < 7 && s.charCodeAt(p) === 35) p++;
  return p > start && p - start <= 6 && (p === end || isBlankOrTab(s.charCodeAt(p))) ? p : -1;
}

/**
 * The stretch from the line at `start` to where the next chunk may start (as nextCut), and whether
 * all its lines are plain, which the parser reads as they are written: each line is a line of a
 * paragraph, or after # and a space, a heading's text. A plain line is not indented, opens no
 * other block, and holds no character that starts inline markup, an escape, a character
 * reference or HTML (nor a NUL, which the parser replaces), save * and _: a paragraph may hold one
 * run of each, which has nothing to pair with, unless it is two or three long (addText drops those).
 */
function scanStretch(s: string, start: number): { end: number; plain: boolean } {
  let plain = true;
  let afterBlank = false;
  let stars = 0;
  let lows = 0;
  for (let i = start; i < s.length; ) {
    let e = i;
    let blank = true;
    for (let c = s.charCodeAt(e); e < s.length && c !== 10 && c !== 13; c = s.charCodeAt(++e)) if (blank && !isBlankOrTab(c)) blank = false;
    const c0 = s.charCodeAt(i);
    if (i > start && afterBlank && !blank && !isBlankOrTab(c0) && c0 !== 0xfeff) return { end: i, plain };
    afterBlank = blank;
    if (blank) stars = lows = 0;
    else if (plain) {
      let from = i;
      if (c0 === 35 /* # */) {
        from = headingText(s, i, e);
        stars = lows = 0;
      } else if (isBlankOrTab(c0) || '>-+*`~<=_['.includes(s[i]!) || (isDigit(c0) && opensListItem(s, i, e))) from = -1;
      for (let k = from; from >= 0 && k < e; k++) {
        const c = s.charCodeAt(k);
        if (c === 42 /* * */ || c === 95 /* _ */) {
          let r = k + 1;
          while (r < e && s.charCodeAt(r) === c) r++;
          if (r - k === 2 || r - k === 3 || (c === 42 ? ++stars : ++lows) > 1) {
            from = -1;
            break;
          }
          k = r - 1;
        } else if (c === 0 || c === 38 /* & */ || c === 60 /* < */ || c === 91 /* [ */ || c === 92 /* \ */ || c === 96 /* ` */ || (c === 35 && c0 === 35)) {
          // (A # in a heading may close it.)
          from = -1;
          break;
        }
      }
      if (from < 0) plain = false;
      if (c0 === 35) stars = lows = 0;
    }
    i = s.charCodeAt(e) === 13 && s.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
  }
  return { end: s.length, plain };
}

/**
 * The paragraphs of a plain stretch of `s`, one per line, trimmed; their text is taken from `file`,
 * the same characters where a line of `s` is plain (front matter is blank in `s`, not in `file`).
 */
function plainParagraphs(s: string, file: string, start: number, end: number, out: RawParagraph[]): void {
  for (let i = start; i < end; ) {
    let e = i;
    while (e < end && s.charCodeAt(e) !== 10 && s.charCodeAt(e) !== 13) e++;
    const next = s.charCodeAt(e) === 13 && s.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
    const heading = s.charCodeAt(i) === 35;
    let b = heading ? headingText(s, i, e) : i;
    while (b < e && isSpace(s[b])) b++;
    while (e > b && isSpace(s[e - 1])) e--;
    if (e > b) out.push({ text: file.slice(b, e), segments: [{ text: 0, source: b, length: e - b, sourceLength: e - b, exact: true }], kind: heading ? 'heading' : 'paragraph' });
    i = next;
  }
}

/** How parseChunks reads `text` (the Markdown as the parser reads it): the parsed chunks and the plain stretches, in order. For tests. */
export function chunksOf(text: string, size: number, plain: boolean): Array<{ start: number; end: number; plain: boolean }> {
  const out: Array<{ start: number; end: number; plain: boolean }> = [];
  eachChunk(
    text,
    size,
    '',
    (_tree, start, end) => out.push({ start, end, plain: false }),
    plain ? (start, end) => out.push({ start, end, plain: true }) : undefined,
  );
  return out;
}

/**
 * True when a chunk text[a, c) whose last top-level block is `last` may end at c: that block ends
 * before the blank lines that end the chunk, and is not code: the parser holds indented code open
 * across blank lines, waiting for the next line, and a line after it that opens a quote then reads
 * as if it interrupted a paragraph ("> *" is then text, not an empty list item).
 */
function closedBefore(last: MdNode | undefined, text: string, base: number, a: number, c: number): boolean {
  if (!last) return true;
  if (last.type === 'code') return false;
  let b = c;
  while (b > a && (isBlankOrTab(text.charCodeAt(b - 1)) || text.charCodeAt(b - 1) === 10 || text.charCodeAt(b - 1) === 13)) b--;
  const end = last.position?.end.offset;
  return end !== undefined && base + end <= b;
}

/** Whether a chunk may start at q, as nextCut has it. */
function startsChunk(s: string, q: number): boolean {
  const c0 = s.charCodeAt(q);
  if (isBlankOrTab(c0) || c0 === 0xfeff || c0 === 10 || c0 === 13 || q >= s.length) return false;
  // The line before: back over its line end, then over spaces and tabs to the line end before it.
  let p = q - 1;
  if (s.charCodeAt(p) === 10 && s.charCodeAt(p - 1) === 13) p--;
  else if (s.charCodeAt(p) !== 10 && s.charCodeAt(p) !== 13) return false;
  p--;
  while (p >= 0 && isBlankOrTab(s.charCodeAt(p))) p--;
  return p < 0 || s.charCodeAt(p) === 10 || s.charCodeAt(p) === 13;
}

/** Adds the labels of a tree's link reference definitions, each on one line (a label's next line reads as the blocks around it make it). */
function definitionLabels(tree: MdNode, labels: Set<string>): void {
  const stack = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition' && node.label != null) labels.add(node.label.replace(/[\r\n]+/g, ' '));
    for (const child of node.children ?? []) stack.push(child);
  }
}

/** The Markdown as the parser reads it: front matter blanked, nesting capped, offsets unchanged. */
export function maskMarkdown(source: string): string {
  return capNesting(maskFrontMatter(source));
}

export function markdownLayer(source: string, limits: PieceLimits = PIECE_LIMITS): SourceLayer {
  const masked = maskMarkdown(source);
  // Compared once here: blanked stretches never yield exactly copied text.
  const original = masked === source ? undefined : source;
  const file = original ?? masked;
  const plan = planPieces(masked, limits);
  const paragraphs: RawParagraph[] = [];
  const directives: Directive[] = [];
  const toParagraphs = (blocks: readonly ProseBlock[]): void => {
    for (const b of blocks) splitLines(b.c.text, b.c.segments, file, b.kind, paragraphs);
  };
  if (!plan.runs.length && !plan.tails.length) {
    const plain = limits.plain ? (start: number, end: number): void => plainParagraphs(masked, file, start, end, paragraphs) : undefined;
    parseChunks(masked, original, limits.chunk, directives, toParagraphs, plain);
    return { paragraphs, directives };
  }
  const blocks: ProseBlock[] = [];
  parseChunks(plan.main, original, limits.chunk, directives, (bs) => {
    for (const b of bs) blocks.push(b);
  });
  for (const [start, end] of plan.runs) parsePiece(plan.withoutTails, original, start, end, blocks, directives);
  // Pieces come in document order within each parse; the runs fill the main parse's gaps.
  blocks.sort((a, b) => a.start - b.start);
  directives.sort((a, b) => a.offset - b.offset);
  continueParagraphs(plan, blocks);
  putTailsBack(masked, original, plan.tails, blocks);
  toParagraphs(blocks);
  return { paragraphs, directives };
}

/** The index of the last block that starts before `at` (0 when none does). */
function blockBefore(blocks: readonly ProseBlock[], at: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.start < at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many > open quotes in s[start, end). */
function quotesIn(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 62) n++;
  return n;
}

/**
 * A run that goes on with the paragraph above it takes that paragraph's kind, and so does the
 * line kept after it: the paragraph reaches the line above the run, and the run's first line opens
 * no deeper quote (a plain line can open nothing else).
 */
function continueParagraphs(plan: PiecePlan, blocks: ProseBlock[]): void {
  const s = plan.withoutTails;
  for (const run of plan.runSpans) {
    const k = blockBefore(blocks, run.start);
    const head = blocks[k];
    if (!head || head.start >= run.start || head.kind === 'heading' || s.slice(head.end, run.lineBefore).trim()) continue;
    const lineStart = Math.max(s.lastIndexOf('\n', head.start - 1), s.lastIndexOf('\r', head.start - 1)) + 1;
    if (run.quotes > quotesIn(s, lineStart, head.start)) continue;
    for (let i = k + 1; i < blocks.length && blocks[i]!.start <= (run.kept ?? run.end); i++) blocks[i]!.kind = head.kind;
  }
}

/**
 * Parses the tails of long lines and puts each back into the paragraph its line belongs to. A
 * tail whose line holds no paragraph in the first parse (indented code, say) is not prose.
 */
function putTailsBack(masked: string, original: string | undefined, tails: PiecePlan['tails'], blocks: ProseBlock[]): void {
  const into = new Map<ProseBlock, Array<{ at: number; end: number; c: Collector }>>();
  for (const pieces of tails) {
    const at = pieces[0]![0];
    const end = pieces[pieces.length - 1]![1];
    // The block holding the line: the last to start before the tail, if it reaches it.
    const host = blocks[blockBefore(blocks, at)];
    if (!host || host.start >= at || at > host.end) continue;
    const c = new Collector(masked, original);
    for (const [start, stop] of pieces) {
      const parsed: ProseBlock[] = [];
      parsePiece(masked, original, start, stop, parsed, []);
      for (const b of parsed) c.copy(b.c, 0, b.c.text.length);
    }
    const list = into.get(host) ?? [];
    list.push({ at, end, c });
    into.set(host, list);
  }
  for (const [host, list] of into) {
    const h = host.c;
    const segs = h.segments;
    const out = new Collector(h.source, h.original);
    let from = 0;
    let k = 0;
    for (const { at, end, c } of list) {
      // The tail goes where its first character was: before whatever the first parse read from
      // there on (the line's break, the next line), leaving out the blanks it read in its place.
      while (k < segs.length && segs[k]!.source + segs[k]!.sourceLength <= at) k++;
      const seg = segs[k];
      const to = !seg ? h.text.length : seg.exact && seg.source < at ? seg.text + (at - seg.source) : seg.text;
      out.copy(h, from, to);
      out.copy(c, 0, c.text.length);
      from = to;
      for (; k < segs.length && segs[k]!.exact && segs[k]!.source < end; k++) {
        const sk = segs[k]!;
        if (sk.source + sk.length > end) {
          from = sk.text + (end - sk.source);
          break;
        }
        from = sk.text + sk.length;
      }
    }
    out.copy(h, from, h.text.length);
    host.c = out;
  }
}
