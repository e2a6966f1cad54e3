/**
 * GB18030 encoding, built as the exact inverse of the platform's GB18030 decoder (the one that
 * reads drafts), so that a file written back decodes to precisely the text that was fixed.
 */
let table: Map<number, number> | undefined;

function buildTable(): Map<number, number> {
  const map = new Map<number, number>();
  const decoder = new TextDecoder('gb18030');
  // Two-byte codes: lead 0x81-0xFE, trail 0x40-0xFE except 0x7F.
  const two: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) two.push((lead << 8) | trail);
  }
  const bytes2 = new Uint8Array(two.length * 2);
  two.forEach((c, i) => {
    bytes2[i * 2] = c >> 8;
    bytes2[i * 2 + 1] = c & 0xff;
  });
  const chars2 = decoder.decode(bytes2);
  // Every pair decodes to one BMP character (unmapped ones to U+FFFD, which is skipped).
  for (let i = 0; i < two.length; i++) {
    const ch = chars2.charCodeAt(i);
    if (ch !== 0xfffd && !map.has(ch)) map.set(ch, two[i]!);
  }
  return map;
}

/** Four-byte code for a linear index: b1 0x81-0xFE, b2 0x30-0x39, b3 0x81-0xFE, b4 0x30-0x39. */
function fourBytes(linear: number): number[] {
  const b4 = linear % 10;
  linear = (linear - b4) / 10;
  const b3 = linear % 126;
  linear = (linear - b3) / 126;
  const b2 = linear % 10;
  const b1 = (linear - b2) / 10;
  return [0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

let bmpFour: Map<number, number> | undefined;

/** The BMP characters outside the two-byte table, mapped to their four-byte linear index. */
function buildBmpFour(): Map<number, number> {
  const map = new Map<number, number>();
  const count = 39420; // 0x81308130 … 0x8431A439
  const bytes = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) bytes.set(fourBytes(i), i * 4);
  const chars = new TextDecoder('gb18030').decode(bytes);
  for (let i = 0; i < count && i < chars.length; i++) {
    const ch = chars.charCodeAt(i);
    if (ch !== 0xfffd && !map.has(ch)) map.set(ch, i);
  }
  return map;
}

export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (cp > 0xffff) {
      out.push(...fourBytes(0x2e248 + (cp - 0x10000)));
      continue;
    }
    const two = table.get(cp);
    if (two !== undefined) {
      out.push(two >> 8, two & 0xff);
      continue;
    }
    bmpFour ??= buildBmpFour();
    const four = bmpFour.get(cp);
    if (four === undefined) throw new RangeError(`GB18030 无法表示字符 U+${cp.toString(16).toUpperCase()}`);
    out.push(...fourBytes(four));
  }
  return Uint8Array.from(out);
}
