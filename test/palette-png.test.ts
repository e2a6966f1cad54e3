import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * scripts/palette-png.mjs turns the README's screenshots (which ship in the .vsix) into indexed-colour
 * PNGs. A broken decoder or palette would put garbled or discoloured pictures on the extension's page.
 */
interface Decoded {
  width: number;
  height: number;
  rgb: Buffer;
}
interface PalettePng {
  decodePng(png: Buffer): Decoded;
  toPalettePng(png: Buffer, colors?: number): Buffer;
}
const SCRIPT = '../scripts/palette-png.mjs';
const { decodePng, toPalettePng } = (await import(SCRIPT)) as PalettePng;

function chunk(kind: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** An RGB PNG as a browser writes one: each row with its own filter, all five kinds in turn. */
function rgbPng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): { png: Buffer; rgb: Buffer } {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(pixel(x, y), (y * width + x) * 3);
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const at = y * stride + i;
      const a = i >= 3 ? rgb[at - 3]! : 0;
      const b = y > 0 ? rgb[at - stride]! : 0;
      const c = i >= 3 && y > 0 ? rgb[at - stride - 3]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + i] = (rgb[at]! - predicted) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return { png, rgb };
}

const colorsOf = (rgb: Buffer): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i < rgb.length; i += 3) out.add(`${rgb[i]},${rgb[i + 1]},${rgb[i + 2]}`);
  return out;
};

describe('palette PNGs for the README screenshots', () => {
  it('reads a browser-written PNG back pixel for pixel, whatever filter each row uses', () => {
    const { png, rgb } = rgbPng(37, 23, (x, y) => [(x * 7 + y) & 255, (x * y) & 255, (255 - x * 3) & 255]);
    const out = decodePng(png);
    expect([out.width, out.height]).toEqual([37, 23]);
    expect(out.rgb.equals(rgb)).toBe(true);
  });

  it('keeps a picture of few colours exactly', () => {
    const { png, rgb } = rgbPng(60, 40, (x, y) => (x < 20 ? [255, 255, 255] : y < 20 ? [0, 95, 184] : x % 3 ? [175, 0, 219] : [30, 30, 30]));
    const out = toPalettePng(png);
    expect(out[25]).toBe(3); // colour type: indexed
    expect(decodePng(out).rgb.equals(rgb)).toBe(true);
  });

  it('packs a palette of 2, 4 or 16 colours into 1, 2 or 4 bits a pixel, rows of any width read back exactly', () => {
    const steps = [0, 60, 120, 180, 240, 30, 90, 150, 210, 15, 45, 75, 105, 135, 165, 195];
    for (const [colors, depth] of [[2, 1], [4, 2], [16, 4]] as const) {
      // Widths that end a row part-way through a byte: each row must start on a byte of its own.
      for (const width of [1, 13, 37]) {
        const { png, rgb } = rgbPng(width, 9, (x, y) => {
          const v = steps[(x * 3 + y * 5) % colors]!;
          return [v, 255 - v, (v * 7) & 255];
        });
        const out = toPalettePng(png, colors);
        expect([out[24], out[25]], `${colors} colours, ${width} wide`).toEqual([depth, 3]);
        expect(decodePng(out).rgb.equals(rgb), `${colors} colours, ${width} wide`).toBe(true);
      }
    }
  });

  it('keeps the few pixels of each syntax colour while some 1500 anti-aliased shades share the rest', () => {
    // Like highlighted text on white: for each colour a small solid core, and beside it a ramp of
    // 40 shades from the colour towards white, each shade a 1-pixel column.
    const syntax: [number, number, number][] = [[175, 0, 219], [9, 134, 88], [0, 0, 128], [0, 95, 184], [193, 93, 93], [221, 177, 0], [4, 49, 250], [30, 30, 30]];
    const { png } = rgbPng(48, 8 * 6, (x, y) => {
      const base = syntax[Math.floor(y / 6)]!;
      if (y % 6 === 5) return [255, 255, 255];
      if (x < 4) return base;
      const t = Math.min(1, (x - 4) / 40 + (y % 6) / 200);
      return base.map((c) => Math.round(c + (255 - c) * t)) as [number, number, number];
    });
    const out = decodePng(toPalettePng(png, 48));
    const kept = colorsOf(out.rgb);
    expect(kept.size).toBeLessThanOrEqual(48);
    for (const c of syntax) expect(kept.has(c.join(',')), c.join(',')).toBe(true);
  });
});
