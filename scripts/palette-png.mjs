// Shrinks the README's screenshots, which ship in the .vsix: a workbench screenshot has a few
// thousand colours, nearly all of them the anti-aliased edges of text, and reads the same with 16.
// An indexed-colour PNG of 16 colours packs two pixels in a byte: under a quarter of the size of
// Chromium's RGB one (a 48-colour one, a byte a pixel, was 30% larger). A grey page of text reads
// the same with 4 (four pixels a byte).
//
//   node scripts/palette-png.mjs [--colors N] FILE.png...   rewrites each file in place
//
// scripts/e2e.mjs uses toPalettePng() on the screenshots it saves into docs/screenshots/;
// scripts/render-docx-page.sh runs this with --colors 4 on the rendered page.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const README_COLORS = 16;

/** Decodes a non-interlaced PNG (8-bit grey, RGB, with or without alpha; indexed or grey of 1–8 bits) into RGB bytes; alpha is dropped. */
export function decodePng(png) {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let type = 0;
  let depth = 8;
  let palette;
  const idat = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const kind = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      type = data[9];
      if (data[12] !== 0) throw new Error('only non-interlaced PNGs');
      if (depth !== 8 && !(depth < 8 && (type === 0 || type === 3))) throw new Error(`no ${depth}-bit PNGs of colour type ${type}`);
    } else if (kind === 'PLTE') palette = data;
    else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    at += 12 + length;
  }
  const bpp = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type];
  const raw = zlib.inflateSync(Buffer.concat(idat));
  // Below 8 bits a row is packed, and filters work on its bytes, one byte to the left.
  const stride = Math.ceil((width * bpp * depth) / 8);
  const step = depth < 8 ? 1 : bpp;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= step ? px[row + x - step] : 0;
      const b = y > 0 ? px[row - stride + x] : 0;
      const c = x >= step && y > 0 ? px[row - stride + x - step] : 0;
      let v = raw[src + x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[row + x] = v & 0xff;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    if (type === 3) {
      const index = sample(px, stride, width, depth, i);
      palette.copy(rgb, i * 3, index * 3, index * 3 + 3);
    } else if (type === 0) rgb.fill((sample(px, stride, width, depth, i) * 255) / (2 ** depth - 1), i * 3, i * 3 + 3);
    else if (type === 4) rgb.fill(px[i * bpp], i * 3, i * 3 + 3);
    else px.copy(rgb, i * 3, i * bpp, i * bpp + 3);
  }
  return { width, height, rgb };
}

/** Pixel i's value in rows of `depth`-bit samples, each row starting on a byte of its own. */
function sample(px, stride, width, depth, i) {
  const y = Math.floor(i / width);
  const bit = (i % width) * depth;
  return (px[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/**
 * At most `colors` of the image's own colours, picked one by one: next is the colour farthest from
 * those picked so far, weighted by the root of its pixel count. The first picks are the flat
 * backgrounds and the cores of text in each syntax colour, however few their pixels; the
 * anti-aliased edges then map onto their nearest pick.
 */
function paletteOf(rgb, colors) {
  const counts = new Map();
  for (let i = 0; i < rgb.length; i += 3) {
    const key = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const all = [...counts].map(([key, n]) => ({ rgb: [key >> 16, (key >> 8) & 255, key & 255], weight: Math.sqrt(n) }));
  all.sort((a, b) => b.weight - a.weight);
  const palette = [all[0].rgb];
  const gap = all.map((c) => distance(c.rgb, all[0].rgb));
  while (palette.length < colors) {
    let best = 0;
    let next = -1;
    all.forEach((c, i) => {
      if (c.weight * gap[i] > best) [best, next] = [c.weight * gap[i], i];
    });
    if (next < 0) break;
    palette.push(all[next].rgb);
    all.forEach((c, i) => (gap[i] = Math.min(gap[i], distance(c.rgb, all[next].rgb))));
  }
  return palette;
}

/** Squared distance, green counting most and blue more than red, as the eye does. */
function distance([r, g, b], [pr, pg, pb]) {
  return 2 * (pr - r) ** 2 + 4 * (pg - g) ** 2 + 3 * (pb - b) ** 2;
}

function chunk(kind, data) {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([head, body, crc]);
}

/**
 * An indexed-colour PNG of the image with at most `colors` colours (no dithering: it costs bytes and
 * blurs text), in as few bits a pixel as the palette allows: deflate finds more repeats in packed rows.
 */
export function toPalettePng(png, colors = README_COLORS) {
  const { width, height, rgb } = decodePng(png);
  const palette = paletteOf(rgb, colors);
  const depth = [1, 2, 4, 8].find((d) => palette.length <= 2 ** d);
  const stride = Math.ceil((width * depth) / 8);
  const nearest = new Map();
  const raw = Buffer.alloc((stride + 1) * height);
  for (let p = 0; p < width * height; p++) {
    const [r, g, b] = [rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2]];
    const key = (r << 16) | (g << 8) | b;
    let index = nearest.get(key);
    if (index === undefined) {
      let best = Infinity;
      palette.forEach((p, i) => {
        const d = distance([r, g, b], p);
        if (d < best) [best, index] = [d, i];
      });
      nearest.set(key, index);
    }
    // Each row starts with its filter byte, 0 (none): what compresses indexed images best.
    const bit = (p % width) * depth;
    raw[Math.floor(p / width) * (stride + 1) + 1 + (bit >> 3)] |= index << (8 - depth - (bit & 7));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = 3;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--colors');
  const colors = at < 0 ? README_COLORS : Number(args.splice(at, 2)[1]);
  if (!(colors >= 2 && colors <= 256)) throw new Error('--colors takes a number from 2 to 256');
  for (const file of args) {
    const before = readFileSync(file);
    const after = toPalettePng(before, colors);
    writeFileSync(file, after);
    console.log(`${file}: ${(before.length / 1024).toFixed(0)} KB → ${(after.length / 1024).toFixed(0)} KB`);
  }
}
