import type { Range } from './text';

export type JsonPath = readonly (string | number)[];

export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character (or of the end of the text). */
  offset: number;
  /** Chinese, for a diagnostic on the file. */
  message: string;
}

export interface LocatedJson {
  /** The parsed value (JSON.parse semantics), undefined when the text is not JSON. */
  value: unknown;
  error: JsonSyntaxError | undefined;
  /**
   * Where a path is written: the key of an object member (the last occurrence, as JSON.parse keeps
   * the last), the element of an array, the first character for the root.
   */
  locate(path: JsonPath): Range | undefined;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const describe = (c: string | undefined): string => (c === undefined ? '文件结尾' : `“${c}”`);

/**
 * A strict JSON reader that remembers where every key and element is written, so that a config
 * problem can be shown at its key. JSON.parse decides validity; this only locates.
 */
export function parseJsonLocated(source: string): LocatedJson {
  const text = source.charCodeAt(0) === 0xfeff ? ' ' + source.slice(1) : source;
  const where = new Map<string, Range>();
  let value: unknown;
  let error: JsonSyntaxError | undefined;
  try {
    value = JSON.parse(text);
  } catch (e) {
    error = { offset: 0, message: `不是合法的 JSON：${(e as Error).message}` };
  }
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const expect = (what: string): never => {
    throw new Fail(i, `不是合法的 JSON：应为${what}，此处为${describe(text[i])}`);
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            expect('四位十六进制数字');
          }
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else {
          i++;
          expect('转义字符');
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw new Fail(i, '不是合法的 JSON：字符串中不能有换行或控制字符');
      i++;
    }
    throw new Fail(start, '不是合法的 JSON：字符串没有结束');
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const parseValue = (path: (string | number)[]): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') expect('用双引号括起的键名');
        const keyStart = i;
        const key = string();
        const keyRange = { start: keyStart, end: i };
        ws();
        if (text[i] !== ':') expect('“:”');
        i++;
        const child = [...path, key];
        where.set(JSON.stringify(child), keyRange);
        parseValue(child);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        expect('“,”或“}”');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        ws();
        const start = i;
        const child = [...path, n];
        parseValue(child);
        where.set(JSON.stringify(child), { start, end: i });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        expect('“,”或“]”');
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    expect('一个值（对象、数组、字符串、数字、true、false 或 null）');
  };
  try {
    parseValue([]);
    ws();
    if (i < text.length) throw new Fail(i, `不是合法的 JSON：值已结束，其后不应再有${describe(text[i])}`);
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    // JSON.parse is the judge; the reader only says where.
    if (error) error = { offset: Math.min(e.offset, source.length), message: e.message };
  }
  const first = Math.max(0, text.search(/\S/));
  const root = { start: first, end: Math.min(first + 1, source.length) };
  return {
    value,
    error,
    locate: (path) => (path.length === 0 ? root : where.get(JSON.stringify(path))),
  };
}

/** Reads a key path as the config messages write it: `rules.numbering-level[1].foo`. */
export function parseKeyPath(s: string): JsonPath {
  if (s === '（根）' || s === '') return [];
  const out: (string | number)[] = [];
  for (const part of s.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Finds where a problem reported by resolveConfig is written: the messages name their key in
 * “…” (and a missing rule or an unknown key after it), so the most specific written path wins.
 */
export function locateProblem(json: LocatedJson, message: string): Range | undefined {
  // [^“”]: an opening quote never scans past the next one, so a run of unclosed “ stays linear.
  const quoted = [...message.matchAll(/“([^“”]*)”/g)].map((m) => m[1]!);
  if (!quoted.length) return undefined;
  const base = parseKeyPath(quoted[0]!);
  const unknown = /中有不认识的键：(.+)$/.exec(message);
  if (unknown) {
    const first = unknown[1]!.split('、')[0]!;
    const r = json.locate([...base, first]);
    if (r) return r;
  }
  if (quoted.length > 1) {
    const r = json.locate([...base, quoted[1]!]);
    if (r) return r;
  }
  for (let n = base.length; n >= 0; n--) {
    const r = json.locate(base.slice(0, n));
    if (r) return r;
  }
  return undefined;
}
