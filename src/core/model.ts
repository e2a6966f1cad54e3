import { LineIndex, type Range } from './text';
import {
  LONE_CHECKED_FAMILIES,
  ORDER_FAMILY,
  matchMarker,
  markerText,
  scanInline,
  type InlineFamily,
  type MarkerLevel,
  type MarkerParts,
} from './markers';
import { mapsExactly, markdownLayer, plainTextLayer, sourceOffset, type Directive, type ParagraphKind, type Segment } from './source';

export type DocumentFormat = 'text' | 'markdown';

export interface Marker extends MarkerParts {
  /** The marker as written. */
  text: string;
  range: Range;
  /** The marker is one unbroken stretch of source (no Markdown markup inside it), so an edit may replace it. */
  editable: boolean;
}

export interface InlineMarker {
  family: InlineFamily;
  value: number;
  raw: string;
  punct: string;
  paragraph: number;
  range: Range;
  /** What a renumber replaces: 三是 in 三是…, 第三 in 第三，… */
  numeralRange: Range;
  atParagraphStart: boolean;
  editable: boolean;
  /** Set when a paragraph-opening 第三， continues a run of 一、 二、 headings. */
  styleMixOf?: Section;
}

export interface Paragraph {
  index: number;
  text: string;
  kind: ParagraphKind;
  range: Range;
  /** 0-based line of the paragraph's first character. */
  line: number;
  segments: Segment[];
  marker?: Marker;
  inline: InlineMarker[];
}

export interface Section {
  marker: Marker;
  paragraph: number;
  /** The level the section holds in the tree (a marker written in another level's style takes its run's level). */
  level: MarkerLevel;
  /** Heading text without its marker and without a closing 。 */
  heading: string;
  headingRange: Range;
  /** The heading is the whole line, rather than the first sentence of a paragraph. */
  headingAlone: boolean;
  headingEndsWithPeriod: boolean;
  /** From the heading's start to the end of the last paragraph the section holds. */
  range: Range;
  children: Section[];
  parent: Section | undefined;
  /** Set when the marker continues a sibling run written in another style (1. 2. ③). */
  styleMixOf?: Section;
}

export interface InlineRun {
  family: InlineFamily;
  markers: InlineMarker[];
}

export interface OutlineBlock {
  /** Paragraph indices of the outline lines that precede the title. */
  first: number;
  last: number;
}

export interface DocumentModel {
  text: string;
  format: DocumentFormat;
  lines: LineIndex;
  paragraphs: Paragraph[];
  /** Index of the title paragraph, if the draft has one. */
  title: number | undefined;
  /** A table of contents pasted before the title; its markers are not part of the tree. */
  outlineBlock: OutlineBlock | undefined;
  /** Top-level sections of the body. */
  sections: Section[];
  /** Every section in document order. */
  allSections: Section[];
  inlineRuns: InlineRun[];
  directives: Directive[];
  /** True when the draft's punctuation is mostly half-width (, ; : ( )), as pasted web text often is. */
  halfWidthPunctuation: boolean;
}

export function paragraphRange(p: Paragraph, start: number, end: number): Range {
  return { start: sourceOffset(p.segments, start), end: sourceOffset(p.segments, end, true) };
}

/** Shared by every paragraph without inline markers; nothing adds to a paragraph's list after the model is built. */
const NO_INLINE: InlineMarker[] = [];

const SENTENCE_END = /[。！？；：，、,.!?;:…]$/;

export function formatOf(fileNameOrLanguage: string | undefined): DocumentFormat {
  if (!fileNameOrLanguage) return 'text';
  const s = fileNameOrLanguage.toLowerCase();
  return s === 'markdown' || /\.(md|markdown|mdx)$/.test(s) ? 'markdown' : 'text';
}

export function buildModel(text: string, format: DocumentFormat = 'text'): DocumentModel {
  const layer = format === 'markdown' ? markdownLayer(text) : plainTextLayer(text);
  const lines = new LineIndex(text);
  const paragraphs: Paragraph[] = layer.paragraphs.map((raw, index) => {
    const segments = raw.segments;
    const range = { start: sourceOffset(segments, 0), end: sourceOffset(segments, raw.text.length, true) };
    const parts = matchMarker(raw.text);
    let marker: Marker | undefined;
    let after = 0;
    if (parts && !Number.isNaN(parts.value)) {
      const t = markerText(parts);
      // Field by field: an object spread here cost more than the rest of the paragraph's analysis.
      marker = {
        level: parts.level,
        value: parts.value,
        open: parts.open,
        numeral: parts.numeral,
        close: parts.close,
        trail: parts.trail,
        text: t,
        range: { start: sourceOffset(segments, 0), end: sourceOffset(segments, t.length, true) },
        editable: mapsExactly(segments, 0, t.length),
      };
      after = t.length;
    }
    // Most paragraphs have no inline marker; they share one empty list rather than each growing
    // a list of their own.
    const found = scanInline(after ? raw.text.slice(after) : raw.text);
    const inline: InlineMarker[] = found.length === 0 ? NO_INLINE : found.map((m) => {
      const start = m.start + after;
      const numeralStart = m.numeralStart + after;
      return {
        family: m.family,
        value: m.value,
        raw: m.raw,
        punct: m.punct,
        paragraph: index,
        range: { start: sourceOffset(segments, start), end: sourceOffset(segments, start + m.length, true) },
        numeralRange: { start: sourceOffset(segments, numeralStart), end: sourceOffset(segments, numeralStart + m.numeralLength, true) },
        atParagraphStart: start === 0,
        editable: mapsExactly(segments, start, start + m.length),
      };
    });
    const p: Paragraph = { index, text: raw.text, kind: raw.kind, range, line: lines.lineAt(range.start), segments, marker, inline };
    return p;
  });

  const candidate = findTitle(paragraphs);
  const outlineBlock = findOutlineBlock(paragraphs, candidate);
  // Numbered lines stand before a title only as a table of contents; without one, the unnumbered
  // line after them is body text (a sign-off, a closing line), not the title.
  const title = candidate && !outlineBlock ? undefined : candidate;
  const bodyStart = outlineBlock ? outlineBlock.last + 1 : 0;
  const body = paragraphs.slice(bodyStart).filter((p) => p.index !== title);
  const { roots, all } = buildTree(body, paragraphs, text.length);
  return {
    text,
    format,
    lines,
    paragraphs,
    title,
    outlineBlock,
    sections: roots,
    allSections: all,
    inlineRuns: buildInlineRuns(body, all),
    directives: layer.directives,
    halfWidthPunctuation: isHalfWidthDraft(text),
  };
}

/** The first unnumbered paragraph that does not end like a sentence; numbered lines may precede it. */
function findTitle(paragraphs: Paragraph[]): number | undefined {
  for (const p of paragraphs) {
    if (p.marker) continue;
    return SENTENCE_END.test(p.text) || p.inline.some((m) => m.atParagraphStart) ? undefined : p.index;
  }
  return undefined;
}

/**
 * Numbered lines before the title are an outline block only when the body then starts the same
 * numbering again from one: that is a table of contents, not the start of the draft.
 */
function findOutlineBlock(paragraphs: Paragraph[], title: number | undefined): OutlineBlock | undefined {
  if (!title) return undefined;
  const before = paragraphs.slice(0, title);
  if (!before.every((p) => p.marker)) return undefined;
  // A loop, not Math.min(...levels): a spread of 200 000 lines overflows the stack.
  const top = before.reduce((min, p) => Math.min(min, p.marker!.level), Infinity);
  const restarts = paragraphs.slice(title + 1).some((p) => p.marker?.level === top && p.marker.value === 1);
  return restarts ? { first: 0, last: title - 1 } : undefined;
}

function headingOf(p: Paragraph, marker: Marker): Pick<Section, 'heading' | 'headingRange' | 'headingAlone' | 'headingEndsWithPeriod'> {
  const t = p.text;
  let start = marker.text.length;
  while (start < t.length && (t[start] === ' ' || t[start] === '\u3000')) start++;
  const stop = /[。！？]/g;
  stop.lastIndex = start;
  const m = stop.exec(t);
  const sentenceEnd = m ? m.index + 1 : t.length;
  const headingAlone = sentenceEnd >= t.length;
  const endsWithPeriod = m !== null && t[sentenceEnd - 1] === '。';
  const heading = t.slice(start, endsWithPeriod ? sentenceEnd - 1 : sentenceEnd).trim();
  return { heading, headingRange: paragraphRange(p, 0, sentenceEnd), headingAlone, headingEndsWithPeriod: endsWithPeriod };
}

function buildTree(body: Paragraph[], all: Paragraph[], textLength: number): { roots: Section[]; all: Section[] } {
  const roots: Section[] = [];
  const flat: Section[] = [];
  const stack: Section[] = [];
  for (const p of body) {
    const marker = p.marker;
    if (!marker) continue;
    const h = headingOf(p, marker);
    const section: Section = {
      marker,
      paragraph: p.index,
      level: marker.level,
      heading: h.heading,
      headingRange: h.headingRange,
      headingAlone: h.headingAlone,
      headingEndsWithPeriod: h.headingEndsWithPeriod,
      range: { start: p.range.start, end: p.range.end },
      children: [],
      parent: undefined,
    };
    const mixed = styleMixTarget(stack, marker);
    if (mixed) {
      section.level = mixed.level;
      section.styleMixOf = mixed;
    }
    while (stack.length && stack[stack.length - 1]!.level >= section.level) stack.pop();
    const parent = stack[stack.length - 1];
    section.parent = parent;
    (parent ? parent.children : roots).push(section);
    stack.push(section);
    flat.push(section);
  }
  // A section ends where the next section of the same or a higher level begins.
  const open: Section[] = [];
  const close = (s: Section, nextParagraph: number | undefined): void => {
    const last = nextParagraph === undefined ? lastParagraphEnd(all, textLength) : endBefore(all, nextParagraph, s.paragraph);
    s.range = { start: s.range.start, end: Math.max(last, s.range.end) };
  };
  for (const s of flat) {
    while (open.length && open[open.length - 1]!.level >= s.level) close(open.pop()!, s.paragraph);
    open.push(s);
  }
  while (open.length) close(open.pop()!, undefined);
  return { roots, all: flat };
}

function lastParagraphEnd(all: Paragraph[], textLength: number): number {
  return all.length ? all[all.length - 1]!.range.end : textLength;
}

function endBefore(all: Paragraph[], next: number, own: number): number {
  const prev = all[Math.max(own, next - 1)];
  return prev ? prev.range.end : 0;
}

/**
 * A marker that cannot continue a run of its own style but continues an open run of another
 * style (2. followed by ③) is that run's next sibling, written in the wrong style.
 */
function styleMixTarget(stack: Section[], m: Marker): Section | undefined {
  if (m.value <= 1) return undefined;
  // Where the marker's own style is already in use on this branch, a wrong number is a sequence
  // error, not a change of style.
  if (stack.some((s) => s.level === m.level)) return undefined;
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = stack[i]!;
    if (s.level !== m.level && s.marker.level !== m.level && s.marker.value === m.value - 1) return s;
  }
  return undefined;
}

/**
 * Inline markers form runs per family within one stretch of body between numbered headings:
 * 一是 starts a run, 二是, 三是 continue it.
 */
function buildInlineRuns(body: Paragraph[], sections: Section[]): InlineRun[] {
  const runs: InlineRun[] = [];
  let open = new Map<InlineFamily, InlineRun>();
  let next = 0;
  let current: Section | undefined;
  for (const p of body) {
    while (next < sections.length && sections[next]!.paragraph <= p.index) current = sections[next++];
    if (p.marker) open = new Map();
    for (const m of p.inline) {
      const run = open.get(m.family);
      if (m.family === ORDER_FAMILY) {
        // Within a 首先 run, 其次/再次 count when they follow in order or are set off by a comma
        // (再次，…); otherwise they are everyday adverbs (再次感谢).
        const last = run?.markers[run.markers.length - 1]?.value;
        if (m.value === 1) open.set(m.family, push(runs, m));
        else if (run && (m.value === 100 || m.value === last! + 1 || m.punct)) run.markers.push(m);
        if (m.value === 100) open.delete(m.family);
        continue;
      }
      if (!run && m.family === '第' && m.atParagraphStart && m.value > 1) {
        // 一、… 二、… 第三，…: a heading written in another style continues its siblings' run.
        const sibling = ancestry(current).find((s) => s.level <= 2 && s.marker.value === m.value - 1);
        if (sibling) {
          m.styleMixOf = sibling;
          continue;
        }
      }
      if (run && (m.value !== 1 || run.markers.length === 1)) {
        // A second 一是 right after a lone one is a repeat in the same run, not a new run.
        run.markers.push(m);
      } else if (m.value === 1 || LONE_CHECKED_FAMILIES.has(m.family) || m.atParagraphStart) {
        // A run that starts past one is kept only where a reader sees an enumeration.
        open.set(m.family, push(runs, m));
      }
    }
  }
  return runs;
}

function ancestry(s: Section | undefined): Section[] {
  const out: Section[] = [];
  for (let x = s; x; x = x.parent) out.push(x);
  return out;
}

function push(runs: InlineRun[], m: InlineMarker): InlineRun {
  const run = { family: m.family, markers: [m] };
  runs.push(run);
  return run;
}

/**
 * True when half-width punctuation touching a Chinese character (汉字,汉字) outnumbers full-width
 * punctuation. One pass over the character codes: two regular expressions over the whole text
 * cost the model more than all its paragraphs' markers.
 */
function isHalfWidthDraft(text: string): boolean {
  let half = 0;
  let full = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (isHalfPunct(c) && (isHan(text.charCodeAt(i - 1)) || isHan(text.charCodeAt(i + 1)))) half++;
    } else if (c === 0xff0c || c === 0xff1b || c === 0xff1a || c === 0xff1f || c === 0xff01 || c === 0xff08 || c === 0xff09) {
      full++;
    }
  }
  return half > full;
}

/** , ; : ? ! ( ) */
function isHalfPunct(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || c === 63 || c === 33 || c === 40 || c === 41;
}

function isHan(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}
