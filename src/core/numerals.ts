const DIGITS = '零一二三四五六七八九';

/** Parses 汉字 numerals as used in numbering (一 … 九十九, 一百零一); NaN when it is not one. */
export function parseChineseNumeral(s: string): number {
  if (s.length === 0) return NaN;
  let total = 0;
  let current = 0;
  let sawUnit = false;
  for (const ch of s) {
    const d = ch === '〇' ? 0 : DIGITS.indexOf(ch);
    if (d >= 0) {
      current = d;
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 0;
    if (unit === 0) return NaN;
    total += (current === 0 && unit === 10 && !sawUnit ? 1 : current) * unit;
    current = 0;
    sawUnit = true;
  }
  return total + current;
}

/** Writes a number the way numbering writes it: 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 101 → 一百零一. */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    const head = DIGITS[Math.floor(n / 100)] + '百';
    if (rest === 0) return head;
    return head + (rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + formatChineseNumeral(rest) : formatChineseNumeral(rest));
  }
  return String(n);
}

const FULL_WIDTH_DIGIT = /[０-９]/;

/** Full-width digits ０-９ become ASCII; everything else is kept. */
export function toHalfWidthDigits(s: string): string {
  // Most numerals are ASCII already: a test is cheaper than a replace that calls back for nothing.
  if (!FULL_WIDTH_DIGIT.test(s)) return s;
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function parseArabic(s: string): number {
  return Number.parseInt(toHalfWidthDigits(s), 10);
}

const CIRCLED_FIRST = 0x2460; // ①

export function parseCircled(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= CIRCLED_FIRST && c < CIRCLED_FIRST + 20 ? c - CIRCLED_FIRST + 1 : NaN;
}

export function formatCircled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCharCode(CIRCLED_FIRST + n - 1) : `(${n})`;
}
