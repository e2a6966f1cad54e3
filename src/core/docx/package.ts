/**
 * The zip and XML layer of the .docx reader: finds the parts of the package through its
 * relationships, inflates only the XML parts the reader needs (never the images), and parses them
 * with a streaming XML parser. Every failure becomes a DocxError with a Chinese message.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export class DocxError extends Error {
  override name = 'DocxError';
}

const INVALID = '不是有效的 Word 文档（.docx）';

/**
 * The most an XML part may inflate to. A draft's document.xml is a few MB; a zip bomb declares
 * gigabytes. The inflated size is also held to the size the zip declares, so a part that lies
 * about its size cannot use more memory than this either.
 */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** A .docx has a few dozen entries; a crafted central directory may claim billions. */
const MAX_ENTRIES = 50_000;

export const WORD_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

export class DocxPackage {
  /** Entries by lower-cased name: part names in a package are case-insensitive. */
  private readonly entries = new Map<string, UnzipFileInfo>();

  constructor(private readonly bytes: Uint8Array) {
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
        // An OLE compound file: Word 97–2003's .doc, or a .docx saved with a password.
        throw new DocxError(`${INVALID}：这是旧版 Word（.doc）文件或设有打开密码的文档，请在 Word 中另存为不加密的 .docx 后再检查`);
      }
      throw new DocxError(`${INVALID}：文件不是 zip 压缩包`);
    }
    try {
      unzipSync(bytes, {
        filter: (f) => {
          if (this.entries.size >= MAX_ENTRIES) throw new DocxError(`${INVALID}：压缩包中的文件多于 ${MAX_ENTRIES} 个`);
          this.entries.set(f.name.toLowerCase(), f);
          return false;
        },
      });
    } catch (e) {
      throw e instanceof DocxError ? e : new DocxError(`${INVALID}：zip 压缩包已损坏（${(e as Error).message}）`);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** A part's bytes, inflated within the size limits; undefined when the package has no such part. */
  bytesOf(name: string): Uint8Array | undefined {
    const info = this.entries.get(name.toLowerCase());
    if (!info) return undefined;
    if (info.originalSize > MAX_PART_BYTES) {
      throw new DocxError(`Word 文档过大：${info.name} 解压后有 ${(info.originalSize / 1048576).toFixed(0)} MB，超过 ${MAX_PART_BYTES / 1048576} MB 的上限（为防范“压缩炸弹”），未读取`);
    }
    let out: Uint8Array | undefined;
    try {
      // fflate inflates into a buffer of the declared size: a part cannot grow past it.
      out = unzipSync(this.bytes, { filter: (f) => f.name === info.name })[info.name];
    } catch (e) {
      throw new DocxError(`${INVALID}：${info.name} 的压缩数据已损坏（${(e as Error).message}）`);
    }
    return out;
  }

  /** A part's text: UTF-8, or UTF-16 with its byte-order mark, as XML allows. */
  textOf(name: string): string | undefined {
    const bytes = this.bytesOf(name);
    if (!bytes) return undefined;
    const label = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      throw new DocxError(`${INVALID}：${name} 含有无效的 ${label.toUpperCase()} 字节`);
    }
  }

  /** The parts a part points at, by the last segment of the relationship type (officeDocument, styles, numbering…). */
  relationships(source: string): Map<string, string> {
    const slash = source.lastIndexOf('/');
    const dir = source.slice(0, slash + 1);
    const relsName = `${dir}_rels/${source.slice(slash + 1)}.rels`;
    const out = new Map<string, string>();
    const xml = this.textOf(relsName);
    if (xml === undefined) return out;
    walkXml(relsName, xml, {
      open(tag) {
        if (tag.uri !== RELS_NS || tag.local !== 'Relationship') return;
        const type = tag.attributes.Type?.value ?? '';
        const target = tag.attributes.Target?.value;
        if (!target || tag.attributes.TargetMode?.value === 'External') return;
        const kind = type.slice(type.lastIndexOf('/') + 1);
        if (!out.has(kind)) out.set(kind, resolvePartName(dir, target));
      },
    });
    return out;
  }
}

/** A relationship target as a zip entry name: relative to the source's folder unless it starts with /. */
function resolvePartName(dir: string, target: string): string {
  let path = target;
  try {
    path = decodeURIComponent(target);
  } catch {
    // a stray % is part of the name
  }
  const parts = (path.startsWith('/') ? path.slice(1) : dir + path).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export interface XmlHandlers {
  open?(tag: SaxesTagNS): void;
  close?(tag: SaxesTagNS): void;
  text?(text: string): void;
}

/** Parses a part with namespaces resolved; a part that is not well-formed XML is a DocxError. */
export function walkXml(part: string, xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`${INVALID}：${part} 不是格式正确的 XML（${(e as Error).message}）`);
  }
}

/** A WordprocessingML attribute (w:val and the like), in either the transitional or the strict namespace. */
export function wordAttr(tag: SaxesTagNS, local: string): string | undefined {
  for (const key in tag.attributes) {
    const a = tag.attributes[key]!;
    if (a.local === local && WORD_NS.has(a.uri)) return a.value;
  }
  return undefined;
}

/** The element's name when it is WordprocessingML, else undefined. */
export function wordName(tag: SaxesTagNS): string | undefined {
  return WORD_NS.has(tag.uri) ? tag.local : undefined;
}

/** An on/off property (w:vanish, w:isLgl…): present means on unless its w:val says off. */
export function isOn(tag: SaxesTagNS): boolean {
  const v = wordAttr(tag, 'val');
  return v === undefined || !/^(0|false|off)$/i.test(v);
}
