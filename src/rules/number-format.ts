import { mapsExactly } from '../core/source';
import { paragraphRange } from '../core/model';
import { formatChineseNumeral } from '../core/numerals';
import type { Rule, RuleContext } from '../core/types';

type Translate = RuleContext<unknown>['t'];

/**
 * Numbers written against GB/T 15835-2011《出版物上数字用法》: full-width digits, Arabic
 * numerals joined to 千/百/十, ranges that drop the first unit, doubled approximation, and party
 * congresses and plenary sessions in Arabic numerals.
 */

interface Candidate {
  start: number;
  end: number;
  message: string;
  /** Replacement for text[start, end), when the fix is unambiguous. */
  replacement?: string;
  /** Not reported inside a numbering marker (１. or （１）): the marker is numbering-punctuation's to fix. */
  skipInMarker?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Full-width digits: １８ → 18

const FULL_DIGITS = /[０-９]{1,32}(?:．[０-９]{1,32})?/gu;
const FULL_DIGIT_CHAR = /[０-９]/;

function toHalf(s: string): string {
  return s.replace(/[０-９．]/gu, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function fullWidthDigits(t: string, out: Candidate[], tr: Translate): void {
  for (const m of t.matchAll(FULL_DIGITS)) {
    const half = toHalf(m[0]);
    out.push({ start: m.index, end: m.index + m[0].length, message: tr('全角数字“{digits}”应改为半角“{half}”', { digits: m[0], half }), replacement: half, skipInMarker: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Arabic numerals with 千/百/十 as digit words: 4千 → 4000 (万 and 亿 are fine: 3.5万, 1.5亿)

const DIGIT_WORD = /(?<![0-9.．０-９A-Za-z])([0-9]{1,4}(?:\.[0-9]{1,4})?)([千百十])((?:[0-9][千百十]?){0,3})/gu;
/** 千 and 百 that begin a unit or a word rather than a count: 5千瓦, 10千米, 3百分点 (never a count). */
const UNIT_AFTER: Record<string, RegExp> = {
  千: /^(?:瓦|米|克|伏|帕|卡|焦|赫|字节|兆|位)/u,
  百: /^(?:分)/u,
  十: /^(?:分|足|全|年代)/u,
};
const MULTIPLIER: Record<string, number> = { 千: 1000, 百: 100, 十: 10 };

function times(num: string, unit: string): string {
  const [int, frac = ''] = num.split('.');
  const zeros = String(MULTIPLIER[unit]!).length - 1;
  const digits = int! + frac.padEnd(zeros, '0');
  const point = int!.length + zeros;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/u, '') || '0';
  // Trailing zeros, counted off by hand: /0+$/ retries from every zero of a long run.
  let cut = digits.length;
  while (cut > point && digits[cut - 1] === '0') cut--;
  const rest = digits.slice(point, cut);
  return rest ? `${whole}.${rest}` : whole;
}

function digitWords(t: string, out: Candidate[], tr: Translate): void {
  if (!t.includes('千') && !t.includes('百') && !t.includes('十')) return; // DIGIT_WORD needs one
  for (const m of t.matchAll(DIGIT_WORD)) {
    const [whole, num, unit, chain] = [m[0], m[1]!, m[2]!, m[3]!];
    const end = m.index + whole.length;
    const next = t.slice(end, end + 2);
    if (!chain && UNIT_AFTER[unit]!.test(next)) continue;
    // 十 joined to a digit is only a digit word after a single digit (3十 for 30).
    if (unit === '十' && !/^[1-9]$/u.test(num)) continue;
    if (chain || /^[零〇一二两三四五六七八九]/u.test(next)) {
      out.push({
        start: m.index,
        end,
        message: tr('数字“{number}”中阿拉伯数字与“{unit}”混用，应全部写作阿拉伯数字（GB/T 15835：阿拉伯数字只与“万”“亿”连用）', { number: whole, unit }),
      });
      continue;
    }
    const fixed = times(num, unit);
    out.push({
      start: m.index,
      end,
      message: tr('数字“{number}”中阿拉伯数字与“{unit}”混用，应写作“{fixed}”（GB/T 15835：阿拉伯数字只与“万”“亿”连用）', { number: whole, unit, fixed }),
      replacement: fixed,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges: 15～30% → 15%～30%, 3～5万 → 3万～5万, 2023-2025年 → 2023—2025年

const UNIT_RANGE = /(?<![0-9.．%％A-Za-z])([0-9]{1,6}(?:\.[0-9]{1,4})?)\s?([～~〜—－-])\s?([0-9]{1,6}(?:\.[0-9]{1,4})?)([%％万亿])/gu;
const RANGE_SIGN = /[～~〜—－\-–]/;
const YEAR_RANGE = /(?<![0-9.．\-－–/:：A-Za-z])((?:1[89]|2[01])[0-9]{2}(年?))\s?([-－–])\s?((?:1[89]|2[01])[0-9]{2})(?=\s?年)/gu;

function ranges(t: string, out: Candidate[], tr: Translate): void {
  // Both patterns need a dash or a tilde between two numbers.
  if (!RANGE_SIGN.test(t)) return;
  for (const m of t.matchAll(UNIT_RANGE)) {
    const [whole, a, , b, unit] = [m[0], m[1]!, m[2]!, m[3]!, m[4]!];
    const fixed = `${a}${unit}～${b}${unit}`;
    const percent = unit === '%' || unit === '％';
    out.push({
      start: m.index,
      end: m.index + whole.length,
      message: percent
        ? tr('百分数范围“{range}”应写作“{fixed}”：前一个数值的“{unit}”不能省略（GB/T 15835）', { range: whole, fixed, unit })
        : tr('带“{unit}”的数值范围“{range}”应写作“{fixed}”：前一个数值的“{unit}”不能省略（GB/T 15835）', { range: whole, fixed, unit }),
      replacement: fixed,
    });
  }
  for (const m of t.matchAll(YEAR_RANGE)) {
    const [whole, first, dash, second] = [m[0], m[1]!, m[3]!, m[4]!];
    const fixed = `${first}—${second}`;
    out.push({
      start: m.index,
      end: m.index + whole.length,
      message: tr('年份起止“{range}年”应用一字线连接，写作“{fixed}年”，而不是“{dash}”（GB/T 15834）', { range: whole, fixed, dash }),
      replacement: fixed,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Doubled approximation: 约300余人, 近300多名, 大约…左右

const NUM = '(?:[0-9]{1,12}(?:\\.[0-9]{1,4})?|[零〇一二两三四五六七八九十百千万亿]{1,8})';
const APPROX = '(大约|大概|大致|将近|接近|约|近)';
const APPROX_PLUS = new RegExp(`${APPROX}\\s?(${NUM}[万亿]?)(余|多)`, 'gu');
const APPROX_AROUND = new RegExp(`${APPROX}\\s?(${NUM})([^\\s0-9，。；：、,.;:！？!?（）()“”‘’]{0,4}?)左右`, 'gu');
/** Words that end in 约 or 近 but are no approximation: 节约300余元, 签约30多家, 附近, 最近. */
const NOT_APPROX_BEFORE: Record<string, string> = {
  约: '节制公契简邀预规签履违特相条盟缔婉誓践赴失毁守解续爽密集俭隐',
  近: '最附靠临邻亲就贴逼远相迫走拉挨浅',
};
/** 近 before a span of time is "the last": 近10余年来, 近20多个月. */
const TIME_AFTER = /^(?:个多?月|年|月|天|日|周|届|个年头)/u;

function approximations(t: string, out: Candidate[], tr: Translate): void {
  // APPROX_PLUS needs 余 or 多, APPROX_AROUND needs 左右; each word of APPROX holds 约, 近, 大概 or 大致.
  if (!t.includes('余') && !t.includes('多') && !t.includes('左右')) return;
  if (!t.includes('约') && !t.includes('近') && !t.includes('大概') && !t.includes('大致')) return;
  const seen = new Set<number>();
  const check = (re: RegExp, second: (m: RegExpExecArray) => string, afterNumber: (m: RegExpExecArray) => number): void => {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const word = m[1]!;
      const start = m.index;
      const end = start + m[0].length;
      if (word.length === 1) {
        const before = t[start - 1];
        if (before !== undefined && NOT_APPROX_BEFORE[word]!.includes(before)) {
          re.lastIndex = start + 1;
          continue;
        }
      }
      if (word.endsWith('近') && TIME_AFTER.test(t.slice(afterNumber(m)))) {
        re.lastIndex = start + 1;
        continue;
      }
      if (seen.has(start)) continue;
      seen.add(start);
      out.push({
        start,
        end,
        message: tr('概数重复：“{phrase}”中“{first}”与“{second}”都表示约数，应只保留一个（GB/T 15835）', { phrase: m[0], first: word, second: second(m) }),
      });
    }
  };
  check(APPROX_PLUS, (m) => m[3]!, (m) => m.index + m[0].length);
  check(APPROX_AROUND, () => '左右', (m) => m.index + m[0].length - m[3]!.length - 2);
}

// ---------------------------------------------------------------------------------------------
// Party congresses and plenary sessions: 二十大, 十九届六中全会 (not 20大, 19届6中全会)

const CONGRESS = /(?<![0-9.．０-９A-Za-z])([0-9]{1,2})大/gu;
const CONGRESS_NEXT = /^(?:精神|报告|以来|代表|召开|胜利|提出|作出|做出|强调|部署|确定|通过|党章|期间|开幕|闭幕|会议|主题)/u;
const CONGRESS_LEAD = /(?:党的|中共|中国共产党)第?$/u;
const CN_NUM = '[一二三四五六七八九十]{1,3}';
const PLENUM = new RegExp(`(?<![0-9.．])(第)?([0-9]{1,2}|${CN_NUM})届([0-9]{1,2}|${CN_NUM})中全会`, 'gu');
const CENTRAL_COMMITTEE = /(?<![0-9.．])(第)?([0-9]{1,2})届(中央委员会|中央纪律检查委员会|中央纪委)(?:第([0-9]{1,2})次全体会议)?/gu;
const NATIONAL_CONGRESS = /(党的|中国共产党|中共)(第)?([0-9]{1,2})次全国代表大会/gu;

function cn(s: string): string {
  return /^[0-9]+$/u.test(s) ? formatChineseNumeral(Number(s)) : s;
}

function party(t: string, out: Candidate[], tr: Translate): void {
  // Each pattern needs words that most paragraphs lack: skip the scans that cannot match.
  const da = t.includes('大');
  const jie = t.includes('届');
  if (!da && !jie) return;
  if (da) congresses(t, out, tr);
  if (jie && t.includes('中全会')) plenums(t, out, tr);
  if (jie && t.includes('中央')) centralCommittees(t, out, tr);
  if (da && t.includes('次全国代表大会')) nationalCongresses(t, out, tr);
}

function congresses(t: string, out: Candidate[], tr: Translate): void {
  for (const m of t.matchAll(CONGRESS)) {
    const n = Number(m[1]);
    const end = m.index + m[0].length;
    const lead = CONGRESS_LEAD.test(t.slice(Math.max(0, m.index - 4), m.index));
    const follows = CONGRESS_NEXT.test(t.slice(end, end + 2));
    if (n < 1 || n > 30 || !(lead || follows)) continue;
    const fixed = `${cn(m[1]!)}大`;
    out.push({ start: m.index, end, message: tr('党的代表大会届次应用汉字数字：“{found}”应写作“{fixed}”', { found: m[0], fixed }), replacement: fixed });
  }
}

function plenums(t: string, out: Candidate[], tr: Translate): void {
  for (const m of t.matchAll(PLENUM)) {
    const [whole, di, a, b] = [m[0], m[1] ?? '', m[2]!, m[3]!];
    if (!/[0-9]/u.test(a + b)) continue;
    const fixed = `${di}${cn(a)}届${cn(b)}中全会`;
    out.push({ start: m.index, end: m.index + whole.length, message: tr('全会届次应用汉字数字：“{found}”应写作“{fixed}”', { found: whole, fixed }), replacement: fixed });
  }
}

function centralCommittees(t: string, out: Candidate[], tr: Translate): void {
  for (const m of t.matchAll(CENTRAL_COMMITTEE)) {
    const [whole, di, a, body, b] = [m[0], m[1] ?? '', m[2]!, m[3]!, m[4]];
    const fixed = `${di}${cn(a)}届${body}${b ? `第${cn(b)}次全体会议` : ''}`;
    out.push({ start: m.index, end: m.index + whole.length, message: tr('届次应用汉字数字：“{found}”应写作“{fixed}”', { found: whole, fixed }), replacement: fixed });
  }
}

function nationalCongresses(t: string, out: Candidate[], tr: Translate): void {
  for (const m of t.matchAll(NATIONAL_CONGRESS)) {
    const [whole, lead, , n] = [m[0], m[1]!, m[2], m[3]!];
    const fixed = `${lead}第${cn(n)}次全国代表大会`;
    out.push({ start: m.index, end: m.index + whole.length, message: tr('党的代表大会届次应用汉字数字：“{found}”应写作“{fixed}”', { found: whole, fixed }), replacement: fixed });
  }
}

/**
 * Everything a paragraph's text may be reported for, in order; which of them are reported (one of
 * overlapping readings, none inside the marker) is decided per paragraph, as is whether a fix may
 * be offered (Markdown markup inside the range).
 */
function candidates(t: string, tr: Translate): readonly Candidate[] {
  const found: Candidate[] = [];
  // Apart from full-width digits and approximations (约三百余人), every pattern needs a digit 0-9.
  const digit = ASCII_DIGIT.test(t);
  if (FULL_DIGIT_CHAR.test(t)) fullWidthDigits(t, found, tr);
  if (digit) {
    digitWords(t, found, tr);
    ranges(t, found, tr);
  }
  approximations(t, found, tr);
  if (digit) party(t, found, tr);
  if (!found.length) return NONE;
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

const ASCII_DIGIT = /[0-9]/;
const NONE: readonly Candidate[] = [];

export const numberFormat: Rule = {
  id: 'number-format',
  description: '数字用法（GB/T 15835）：全角数字、“4千”类混写、数值范围、概数重复、党代会与全会届次',
  category: 'figures',
  defaultSeverity: 'warning',
  fixable: true,
  check({ model, report, t, memo }) {
    for (const p of model.paragraphs) {
      const found = memo(p.text, () => candidates(p.text, t));
      // The numbering marker (１. or （１）) is numbering-punctuation's to fix.
      const markerEnd = p.marker ? p.marker.text.length : 0;
      let at = 0;
      for (const c of found) {
        if (c.skipInMarker && c.start < markerEnd) continue;
        if (c.start < at) continue;
        at = c.end;
        const range = paragraphRange(p, c.start, c.end);
        const fix = c.replacement !== undefined && mapsExactly(p.segments, c.start, c.end) ? { fix: { range, text: c.replacement } } : {};
        report({ range, message: c.message, ...fix });
      }
    }
  },
};
