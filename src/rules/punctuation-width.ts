import { mapsExactly } from '../core/source';
import { paragraphRange, type Paragraph } from '../core/model';
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
const CLOSE_CN = new Set(['”', '’', '」', '』', '》', '〉', '）', '】', '〕', '］']);
/** Opening Chinese quotes and brackets, and the closing quotes a ？ or ！ may stand before. */
const QUOTE_CN = new Set(['“', '‘', '「', '『', '《', '〈', '（', '【', '〔', '［', '”', '’', '」', '』']);
const DIGIT = /^[0-9０-９]$/;
/** The characters the scans below stop at (a regular expression finds them faster than a loop over the text). */
const PARENS = /[()（）]/g;
const MARKS = /[,;:?!]/g;


/** isHan(charAt(t, i)), without making a string for the common cases (ASCII, the CJK block). */
function isHanAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 0x80) return false;
  if (c >= 0x4e00 && c <= 0x9fef) return true;
  return isHan(charAt(t, i));
}

/**
 * Half-width parentheses that belong to a pair on the line whose content holds 汉字: (一), (试行),
 * 县(市、区). A pair may mix widths, (一）; only its half-width members are reported.
 */
function chineseParens(t: string): Set<number> {
  // Counts of 汉字 before each offset, made when the first pair closes (most lines have none).
  let han: Int32Array | undefined;
  const hanCounts = (): Int32Array => {
    const counts = new Int32Array(t.length + 1);
    for (let i = 0; i < t.length; i++) counts[i + 1] = counts[i]! + (isHanAt(t, i) ? 1 : 0);
    return counts;
  };
  const out = new Set<number>();
  const open: number[] = [];
  PARENS.lastIndex = 0;
  for (let m = PARENS.exec(t); m; m = PARENS.exec(t)) {
    const i = m.index;
    const c = m[0];
    if (c === '(' || c === '（') {
      open.push(i);
    } else if ((c === ')' || c === '）') && open.length) {
      const s = open.pop()!;
      han ??= hanCounts();
      if (han[i]! - han[s + 1]! === 0) continue;
      if (t[s] === '(') out.add(s);
      if (c === ')') out.add(i);
    }
  }
  return out;
}

function checkParagraph(p: Paragraph, skipMarkerParens: boolean, report: (start: number, end: number, mark: string) => void): void {
  const t = p.text;
  const markerEnd = p.marker ? p.marker.text.length : 0;
  const parens = chineseParens(t);
  for (const i of parens) {
    if (skipMarkerParens && i < markerEnd) continue;
    report(i, i + 1, t[i]!);
  }
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(t); m; m = MARKS.exec(t)) {
    const i = m.index;
    const c = m[0];
    // A marker's own punctuation (一, 1,) is numbering-punctuation's: it becomes 一、 or 1.
    if (i < markerEnd) continue;
    const before = charBefore(t, i);
    let j = i + 1;
    while (j < t.length && j - i <= 2 && (t[j] === ' ' || t[j] === '\t')) j++;
    const after = charAt(t, j);
    const chineseBefore = isHan(before) || (before !== undefined && CLOSE_CN.has(before)) || (before === ')' && parens.has(i - 1));
    const chineseAfter = isHan(after) || (after !== undefined && QUOTE_CN.has(after)) || (after === '(' && parens.has(j));
    let counts: boolean;
    if (chineseBefore) {
      // 2025年,市…  其中:1.  吗?  — but a URL (网址:http) or Latin after it stays as it is.
      counts = chineseAfter || after === undefined || (after !== undefined && DIGIT.test(after));
    } else {
      // 整改率93.63%;一手抓  覆盖12个县,其中: a number or % between Chinese words; never 1,000 or 3:30.
      counts = before !== undefined && /^[0-9%％]$/u.test(before) && chineseAfter;
    }
    if (!counts) continue;
    // Spaces after the mark go with it: a full-width mark carries its own space.
    report(i, chineseAfter || DIGIT.test(after ?? '') ? j : i + 1, c);
  }
}

export const punctuationWidth: Rule = {
  id: 'punctuation-width',
  description: '中文语境中的半角标点 , ; : ? ! ( ) 应为全角（GB/T 15834 5.1）',
  category: 'punctuation',
  defaultSeverity: 'warning',
  fixable: true,
  check({ model, report, t }) {
    // In a full-width draft numbering-punctuation corrects a marker written (一); in a half-width
    // draft it leaves the width to this rule. The outline block before the title is left to us.
    const body = model.outlineBlock ? model.outlineBlock.last + 1 : 0;
    for (const p of model.paragraphs) {
      const skipMarkerParens = !model.halfWidthPunctuation && p.index >= body;
      checkParagraph(p, skipMarkerParens, (start, fixEnd, mark) => {
        const { to, name } = FULL[mark]!;
        const range = paragraphRange(p, start, start + 1);
        const fix = mapsExactly(p.segments, start, fixEnd) ? { fix: { range: paragraphRange(p, start, fixEnd), text: to } } : {};
        report({ range, message: t('中文语境中的半角{name}“{mark}”应改为全角“{full}”', { name: t(name), mark, full: to }), ...fix });
      });
    }
  },
};
