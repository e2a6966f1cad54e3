/**
 * Decodes a draft file read as bytes, as the CLI does: a BOM decides UTF-8 or UTF-16; without one,
 * valid UTF-8 is UTF-8, else valid GB18030 (covering GBK and GB2312). Returns undefined for a
 * binary or undecodable file, which is then not linted. Uses only TextDecoder, which Node and
 * browsers both have.
 */
export function decodeDraftBytes(bytes: Uint8Array): string | undefined {
  const strict = (label: string, b: Uint8Array): string | undefined => {
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b);
    } catch {
      return undefined;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.length % 2 === 0 ? strict('utf-16le', bytes.subarray(2)) : undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.length % 2 === 0 ? strict('utf-16be', bytes.subarray(2)) : undefined;
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return strict('utf-8', bytes) ?? strict('gb18030', bytes);
}
