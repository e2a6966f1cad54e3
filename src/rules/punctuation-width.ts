import { mapsExactly } from '../core/source';
import { paragraphRange } from '../core/model';
import type { Rule } from '../core/types';
import { charAt, charBefore, isHan } from './shared';

/**
 * Half-width , ; : ? ! ( ) in Chinese text become full-width (GB/T 15834-2011 5.1). Numbers
 * (1,000, 3:30), Latin text and URLs are left alone: a mark counts only with Chinese on its sides.
 */

const FULL: Record<string, { to: string; name: string }> = {
  ',': { to: '，', name: '逗号' },
  ';': { to: '；', name: '分号' },
  ':': { to: '：', name: '冒号' },
  '?': { to: '？', name: '问号' },
  '!': { to: '！', name: '叹号' },
  '(': { to: '（', name: '左括号' },
  ')': { to: '）', name: '右括号' },
};

/** Closing Chinese quotes and brackets: a mark after them is in Chinese text. */
const CLOSE_CN = codes('”’」』》〉）】〕］');
/** Opening Chinese quotes and brackets, and the closing quotes a ？ or ！ may stand before. */
const QUOTE_CN = codes('“‘「『《〈（【〔［”’」』');
/** The characters the scans below stop at (a regular expression finds them faster than a loop over the text). */
const PARENS = /[()（）]/g;
const MARKS = /[,;:?!]/g;

function codes(s: string): Set<number> {
  return new Set(Array.from(s, (c) => c.charCodeAt(0)));
}

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** isHan(charAt(t, i)), without making a string for the common cases (ASCII, the CJK block). */
function isHanAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 0x80) return false;
  if (c >= 0x4e00 && c <= 0x9fef) return true;
  return isHan(charAt(t, i));
}

/** isHan(charBefore(t, i)), likewise. */
function isHanBefore(t: string, i: number): boolean {
  const c = t.charCodeAt(i - 1);
  if (c < 0x80) return false;
  if (c >= 0x4e00 && c <= 0x9fef) return true;
  return isHan(charBefore(t, i));
}

/**
 * Half-width parentheses that belong to a pair on the line whose content holds 汉字: (一), (试行),
 * 县(市、区). A pair may mix widths, (一）; only its half-width members are reported, so a line
 * without ( or ) has none.
 */
function chineseParens(t: string): number[] {
  if (!t.includes('(') && !t.includes(')')) return NO_PARENS;
  const out: number[] = [];
  const open: number[] = [];
  // The last 汉字 before the close being looked at: the closes come in order, so one pass reads it.
  let lastHan = -1;
  let scanned = 0;
  PARENS.lastIndex = 0;
  for (let m = PARENS.exec(t); m; m = PARENS.exec(t)) {
    const i = m.index;
    const c = m[0];
    if (c === '(' || c === '（') {
      open.push(i);
    } else if (open.length) {
      const s = open.pop()!;
      for (; scanned < i; scanned++) if (isHanAt(t, scanned)) lastHan = scanned;
      if (lastHan <= s) continue;
      if (t[s] === '(') out.push(s);
      if (c === ')') out.push(i);
    }
  }
  return out;
}

const NO_PARENS: number[] = [];

/** One half-width mark to report, in offsets of the paragraph; `fixEnd` takes the spaces after it too. */
interface Hit {
  start: number;
  fixEnd: number;
  mark: string;
  /** A parenthesis, which a numbering marker may hold. */
  paren: boolean;
}

/** Every half-width mark the paragraph's text holds in Chinese context, parentheses first. */
function hitsOf(t: string): readonly Hit[] {
  const parenList = chineseParens(t);
  const parens = parenList.length ? new Set(parenList) : undefined;
  const out: Hit[] = parenList.map((i) => ({ start: i, fixEnd: i + 1, mark: t[i]!, paren: true }));
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(t); m; m = MARKS.exec(t)) {
    const i = m.index;
    let j = i + 1;
    while (j < t.length && j - i <= 2 && (t.charCodeAt(j) === 0x20 || t.charCodeAt(j) === 0x09)) j++;
    const b = i > 0 ? t.charCodeAt(i - 1) : -1;
    const a = j < t.length ? t.charCodeAt(j) : -1;
    const chineseBefore = (b >= 0 && isHanBefore(t, i)) || CLOSE_CN.has(b) || (b === 0x29 && parens !== undefined && parens.has(i - 1));
    const chineseAfter = (a >= 0 && isHanAt(t, j)) || QUOTE_CN.has(a) || (a === 0x28 && parens !== undefined && parens.has(j));
    let counts: boolean;
    if (chineseBefore) {
      // 2025年,市…  其中:1.  吗?  — but a URL (网址:http) or Latin after it stays as it is.
      counts = chineseAfter || a < 0 || isDigit(a);
    } else {
      // 整改率93.63%;一手抓  覆盖12个县,其中: a number or % between Chinese words; never 1,000 or 3:30.
      counts = ((b >= 0x30 && b <= 0x39) || b === 0x25 || b === 0xff05) && chineseAfter;
    }
    if (!counts) continue;
    // Spaces after the mark go with it: a full-width mark carries its own space.
    out.push({ start: i, fixEnd: chineseAfter || isDigit(a) ? j : i + 1, mark: m[0], paren: false });
  }
  return out.length ? out : NONE;
}

const NONE: readonly Hit[] = [];

export const punctuationWidth: Rule = {
  id: 'punctuation-width',
  description: '中文语境中的半角标点 , ; : ? ! ( ) 应为全角（GB/T 15834 5.1）',
  category: 'punctuation',
  defaultSeverity: 'warning',
  fixable: true,
  check({ model, report, t, memo }) {
    // In a full-width draft numbering-punctuation corrects a marker written (一); in a half-width
    // draft it leaves the width to this rule. The outline block before the title is left to us.
    const body = model.outlineBlock ? model.outlineBlock.last + 1 : 0;
    const messages = new Map<string, string>();
    const messageOf = (mark: string): string => {
      let m = messages.get(mark);
      if (m === undefined) {
        const { to, name } = FULL[mark]!;
        messages.set(mark, (m = t('中文语境中的半角{name}“{mark}”应改为全角“{full}”', { name: t(name), mark, full: to })));
      }
      return m;
    };
    for (const p of model.paragraphs) {
      const hits = memo(p.text, () => hitsOf(p.text));
      if (!hits.length) continue;
      // A marker's own punctuation (一, 1,) is numbering-punctuation's: it becomes 一、 or 1.
      const markerEnd = p.marker ? p.marker.text.length : 0;
      const skipMarkerParens = !model.halfWidthPunctuation && p.index >= body;
      for (const h of hits) {
        if (h.start < markerEnd && (!h.paren || skipMarkerParens)) continue;
        const range = paragraphRange(p, h.start, h.start + 1);
        // Most marks are replaced alone: the finding and its fix then share one range.
        if (mapsExactly(p.segments, h.start, h.fixEnd)) report({ range, message: messageOf(h.mark), fix: { range: h.fixEnd === h.start + 1 ? range : paragraphRange(p, h.start, h.fixEnd), text: FULL[h.mark]!.to } });
        else report({ range, message: messageOf(h.mark) });
      }
    }
  },
};
