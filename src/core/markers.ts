import { formatChineseNumeral, formatCircled, parseArabic, parseChineseNumeral, parseCircled } from './numerals';

export type MarkerLevel = 1 | 2 | 3 | 4 | 5;

/** The canonical style of each level: 一、 （一） 1. （1） ①. */
export const LEVEL_STYLE_NAMES: Record<MarkerLevel, string> = {
  1: '一、',
  2: '（一）',
  3: '1.',
  4: '（1）',
  5: '①',
};

/** A numbering marker as written at the start of a paragraph: open + numeral + close + trail. */
export interface MarkerParts {
  level: MarkerLevel;
  value: number;
  open: string;
  numeral: string;
  close: string;
  trail: string;
}

export const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';
const DIGIT = '[0-9０-９]{1,2}';

// Each pattern is anchored at the paragraph start and bounded, so none can backtrack over a line.
// 一、二季度 and 一、二线城市 name two numbers, not a heading.
const L1 = new RegExp(`^(${CN_NUMERAL})([、.．，,:：])(?![0-9０-９]|[一二三四五六七八九十]{1,2}(?:季度|线|等奖|类|级|档|期|批|月|年级|、))`);
// The trail is every punctuation mark after the bracket, so one fix removes them all.
const L2 = new RegExp(`^([（(])(${CN_NUMERAL})([）)])([、.．，,]*)`);
const L3 = new RegExp(`^(${DIGIT})([.．、，,])(?![0-9０-９%％.．])`);
const L4 = new RegExp(`^([（(])(${DIGIT})([）)])([、.．，,]*)`);
const L4_BARE = new RegExp(`^(${DIGIT})([)）])`);
const L5 = /^([\u2460-\u2473])/;

/** Recognises the marker at the very start of `text`, or returns undefined. */
export function matchMarker(text: string): MarkerParts | undefined {
  const c = text.charCodeAt(0);
  if (c === 0xff08 || c === 40) {
    let m = L2.exec(text);
    if (m) return { level: 2, value: parseChineseNumeral(m[2]!), open: m[1]!, numeral: m[2]!, close: m[3]!, trail: m[4]! };
    m = L4.exec(text);
    if (m) return { level: 4, value: parseArabic(m[2]!), open: m[1]!, numeral: m[2]!, close: m[3]!, trail: m[4]! };
    return undefined;
  }
  if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
    let m = L3.exec(text);
    if (m) return { level: 3, value: parseArabic(m[1]!), open: '', numeral: m[1]!, close: m[2]!, trail: '' };
    m = L4_BARE.exec(text);
    if (m) return { level: 4, value: parseArabic(m[1]!), open: '', numeral: m[1]!, close: m[2]!, trail: '' };
    return undefined;
  }
  if (c >= 0x2460 && c <= 0x2473) {
    const m = L5.exec(text)!;
    return { level: 5, value: parseCircled(m[1]!), open: '', numeral: m[1]!, close: '', trail: '' };
  }
  const m = L1.exec(text);
  if (m) {
    const value = parseChineseNumeral(m[1]!);
    if (Number.isNaN(value)) return undefined;
    return { level: 1, value, open: '', numeral: m[1]!, close: m[2]!, trail: '' };
  }
  return undefined;
}

export function markerText(p: Pick<MarkerParts, 'open' | 'numeral' | 'close' | 'trail'>): string {
  return p.open + p.numeral + p.close + p.trail;
}

function isFullWidthDigits(s: string): boolean {
  return /[０-９]/.test(s);
}

export function formatNumeral(level: MarkerLevel, value: number, like: string): string {
  if (level === 1 || level === 2) return formatChineseNumeral(value);
  if (level === 5) return formatCircled(value);
  const ascii = String(value);
  return isFullWidthDigits(like) ? ascii.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : ascii;
}

/** The same marker with another number, keeping the punctuation the author wrote. */
export function renumbered(p: MarkerParts, value: number): string {
  return markerText({ ...p, numeral: formatNumeral(p.level, value, p.numeral) });
}

/** The canonical marker for a level and value: 三、 （三） 3. （3） ③. */
export function canonicalMarker(level: MarkerLevel, value: number): string {
  switch (level) {
    case 1:
      return formatChineseNumeral(value) + '、';
    case 2:
      return `（${formatChineseNumeral(value)}）`;
    case 3:
      return `${value}.`;
    case 4:
      return `（${value}）`;
    case 5:
      return formatCircled(value);
  }
}

const HALF_PARENS = /[()]/;

/**
 * The marker with its punctuation corrected per GB/T 15834 B.3. Width is corrected only when
 * `fixWidth` is set: in a draft whose punctuation is half-width throughout, width is the
 * punctuation-width rule's business, and changing the markers alone would make it inconsistent.
 */
export function correctedMarker(p: MarkerParts, fixWidth: boolean): string {
  switch (p.level) {
    case 1:
      return p.numeral + '、';
    case 2:
    case 4: {
      const numeral = p.level === 4 ? p.numeral.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : p.numeral;
      const half = !fixWidth && (HALF_PARENS.test(p.open) || HALF_PARENS.test(p.close));
      return half ? `(${numeral})` : `（${numeral}）`;
    }
    case 3:
      return p.numeral.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) + '.';
    case 5:
      return p.numeral;
  }
}

// ---------------------------------------------------------------------------------------------
// Inline enumerations: 一是…二是…, 一要…, 第一，…, 首先…其次…最后.

export type InlineFamily = string;

export interface InlineMatch {
  family: InlineFamily;
  value: number;
  /** Offset of the marker in the paragraph text and its length (numeral and verb, or 第一 and its punctuation). */
  start: number;
  length: number;
  /** Offset and length of the part a renumber replaces. */
  numeralStart: number;
  numeralLength: number;
  raw: string;
  /** The punctuation after 第一 (， or 、 …); empty for other families. */
  punct: string;
}

/** Families whose members stand alone in an enumeration: a lone 一是 is a draft cut short. */
export const LONE_CHECKED_FAMILIES = new Set(['是', '第']);

const ORDER_WORDS: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: 100 };
export const ORDER_FAMILY = '首先';

/** Characters after which a reader sees an inline marker start. */
const BOUNDARY = new Set([...'。！？；：，、,;:!?…）)”’"」』】 \t\u3000\u00a0']);
const LEAD_INS = ['表现为', '体现为', '体现在', '表现在', '主要有', '包括', '分别是', '具体是'];

function atBoundary(text: string, i: number): boolean {
  if (i === 0) return true;
  if (BOUNDARY.has(text[i - 1]!)) return true;
  for (const w of LEAD_INS) if (text.startsWith(w, i - w.length)) return true;
  return false;
}

const INLINE_RE = new RegExp(`(${CN_NUMERAL})(是|要|抓|靠|讲)|第(${CN_NUMERAL})([，,、：:])|(首先|其次|再次|最后)`, 'g');

const IDIOM = /^一是一[，、,]?二是二/;

/** Every inline enumeration marker a reader would see in a paragraph's text. */
export function scanInline(text: string): InlineMatch[] {
  const out: InlineMatch[] = [];
  INLINE_RE.lastIndex = 0;
  for (let m = INLINE_RE.exec(text); m; m = INLINE_RE.exec(text)) {
    const at = m.index;
    // 一是一、二是二 is an idiom (each thing as it is), not an enumeration.
    if (IDIOM.test(text.slice(at, at + 7))) {
      INLINE_RE.lastIndex = at + 7;
      continue;
    }
    if (!atBoundary(text, at)) {
      // A longer numeral may hide a valid shorter one (…十一是): retry one character on.
      INLINE_RE.lastIndex = at + 1;
      continue;
    }
    if (m[1]) {
      const value = parseChineseNumeral(m[1]);
      if (Number.isNaN(value) || value < 1) continue;
      out.push({ family: m[2]!, value, start: at, length: m[0].length, numeralStart: at, numeralLength: m[0].length, raw: m[0], punct: '' });
    } else if (m[3]) {
      const value = parseChineseNumeral(m[3]);
      if (Number.isNaN(value) || value < 1) continue;
      out.push({ family: '第', value, start: at, length: m[0].length, numeralStart: at, numeralLength: 1 + m[3].length, raw: m[0], punct: m[4]! });
    } else {
      const word = m[5]!;
      const after = text[at + 2] ?? '';
      out.push({ family: ORDER_FAMILY, value: ORDER_WORDS[word]!, start: at, length: 2, numeralStart: at, numeralLength: 2, raw: word, punct: after === '，' || after === ',' ? after : '' });
    }
  }
  return out;
}

export function inlineMarkerText(family: InlineFamily, value: number): string {
  if (family === '第') return '第' + formatChineseNumeral(value);
  if (family === ORDER_FAMILY) return value === 1 ? '首先' : value === 2 ? '其次' : value === 3 ? '再次' : '最后';
  return formatChineseNumeral(value) + family;
}
