import { encodeGb18030 } from './gb18030';

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'gb18030';

export const ENCODING_NAMES: Record<Encoding, string> = {
  utf8: 'UTF-8',
  utf8bom: 'UTF-8（带 BOM）',
  utf16le: 'UTF-16 LE',
  utf16be: 'UTF-16 BE',
  gb18030: 'GB18030/GBK',
};

export class DecodeError extends Error {}
export class BinaryFileError extends Error {}

function strict(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * Decodes a draft: a BOM decides UTF-8 or UTF-16; without one, valid UTF-8 is UTF-8, else valid
 * GB18030 (which covers GBK and GB2312) is GB18030; anything else is refused, never guessed.
 */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf8bom' };
    } catch {
      throw new DecodeError('文件以 UTF-8 BOM 开头，但其后有无效的 UTF-8 字节');
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strictUtf16('utf-16le', bytes), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strictUtf16('utf-16be', bytes), encoding: 'utf16be' };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new BinaryFileError('不是文本文件（含有 NUL 字节）');
  try {
    return { text: strict('utf-8', bytes), encoding: 'utf8' };
  } catch {
    // fall through to GB18030
  }
  try {
    return { text: strict('gb18030', bytes), encoding: 'gb18030' };
  } catch {
    throw new DecodeError('无法识别文件编码：既不是有效的 UTF-8，也不是有效的 GB18030/GBK');
  }
}

function strictUtf16(label: string, bytes: Uint8Array): string {
  if ((bytes.length - 2) % 2 !== 0) throw new DecodeError(`文件以 ${label.toUpperCase()} BOM 开头，但字节数为奇数`);
  try {
    return strict(label, bytes.subarray(2));
  } catch {
    throw new DecodeError(`文件以 ${label.toUpperCase()} BOM 开头，但其后有无效的字节`);
  }
}

/** Encodes text back the way it was read, BOM included. */
export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'gb18030':
      return encodeGb18030(text);
  }
}
