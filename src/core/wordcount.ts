/**
 * Counts characters the way drafters (and Word's 字数统计) do: every 汉字 and full-width
 * punctuation mark is one, a run of Latin letters or digits is one, spaces count nothing.
 */
export function countChars(text: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wordChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 37;
    if (wordChar) {
      if (!inWord) n++;
      inWord = true;
      continue;
    }
    inWord = false;
    if (c <= 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x200b && c <= 0x200d)) continue;
    n++;
  }
  return n;
}
