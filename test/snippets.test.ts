import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/core/lint';
import { matchMarker, scanInline } from '../src/core/markers';
import { RULES } from '../src/rules';

const FILE = fileURLToPath(new URL('../snippets/dangjian.code-snippets', import.meta.url));

// ---------------------------------------------------------------------------------------------
// JSON with comments

/** Removes // and /* *\/ comments outside strings; what is left must be plain JSON. */
function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') {
      const start = i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      out += src.slice(start, ++i);
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new Error('unterminated block comment');
      i = end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
  scope?: string;
}

// ---------------------------------------------------------------------------------------------
// VS Code snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar)

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number }
  | { kind: 'placeholder'; index: number; children: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: Node[] };

class SnippetSyntaxError extends Error {}

/** Parses a snippet body strictly: every `$` is a tab stop, placeholder, choice or variable, every `${` is closed. */
function parseSnippet(src: string): Node[] {
  let i = 0;
  const fail = (msg: string): never => {
    throw new SnippetSyntaxError(`${msg} at ${i}: …${src.slice(Math.max(0, i - 10), i + 10)}…`);
  };
  const int = (): number => {
    const m = /^[0-9]+/.exec(src.slice(i));
    if (!m) fail('expected a tab stop number');
    i += m![0].length;
    return Number(m![0]);
  };
  const parse = (inside: boolean): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1]!)) {
        text += src[i + 1];
        i += 2;
      } else if (c === '}' && inside) {
        flush();
        return nodes;
      } else if (c === '$') {
        flush();
        i++;
        if (/[0-9]/.test(src[i] ?? '')) {
          nodes.push({ kind: 'tabstop', index: int() });
        } else if (src[i] === '{') {
          i++;
          if (/[0-9]/.test(src[i] ?? '')) {
            const index = int();
            if (src[i] === '}') {
              i++;
              nodes.push({ kind: 'tabstop', index });
            } else if (src[i] === ':') {
              i++;
              const children = parse(true);
              if (src[i] !== '}') fail('unclosed placeholder');
              i++;
              nodes.push({ kind: 'placeholder', index, children });
            } else if (src[i] === '|') {
              i++;
              const options: string[] = [];
              let opt = '';
              while (i < src.length && !(src[i] === '|' && src[i + 1] === '}')) {
                if (src[i] === '\\' && ',|\\'.includes(src[i + 1] ?? '')) {
                  opt += src[i + 1];
                  i += 2;
                } else if (src[i] === ',') {
                  options.push(opt);
                  opt = '';
                  i++;
                } else {
                  opt += src[i++];
                }
              }
              if (i >= src.length) fail('unclosed choice');
              options.push(opt);
              i += 2;
              if (options.some((o) => o === '')) fail('empty choice option');
              nodes.push({ kind: 'choice', index, options });
            } else {
              fail('expected }, : or | after a tab stop number');
            }
          } else {
            const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(src.slice(i));
            if (!m) fail('expected a tab stop or a variable name');
            i += m![0].length;
            let children: Node[] = [];
            if (src[i] === ':') {
              i++;
              children = parse(true);
            }
            if (src[i] !== '}') fail('unclosed variable');
            i++;
            nodes.push({ kind: 'variable', name: m![0], children });
          }
        } else {
          const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(src.slice(i));
          if (!m) fail('a lone $ (write \\$ for a dollar sign)');
          i += m![0].length;
          nodes.push({ kind: 'variable', name: m![0], children: [] });
        }
      } else {
        text += c;
        i++;
      }
    }
    if (inside) fail('unclosed ${');
    flush();
    return nodes;
  };
  const nodes = parse(false);
  return nodes;
}

function walk(nodes: Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind === 'placeholder' || n.kind === 'variable') walk(n.children, visit);
  }
}

function bodyText(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

/** The text a snippet inserts when every tab stop keeps its default (mirrors repeat it, $0 is empty). */
function expand(nodes: Node[]): string {
  const defaults = new Map<number, Node[] | string>();
  walk(nodes, (n) => {
    if (n.kind === 'placeholder' && !defaults.has(n.index)) defaults.set(n.index, n.children);
    if (n.kind === 'choice' && !defaults.has(n.index)) defaults.set(n.index, n.options[0]!);
  });
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'placeholder':
            return render(n.children);
          case 'choice':
            return n.options[0]!;
          case 'variable':
            return render(n.children);
          case 'tabstop': {
            const d = defaults.get(n.index);
            return d === undefined ? '' : typeof d === 'string' ? d : render(d);
          }
        }
      })
      .join('');
  return render(nodes);
}

// ---------------------------------------------------------------------------------------------

const snippets = JSON.parse(stripComments(readFileSync(FILE, 'utf8'))) as Record<string, Snippet>;
const entries = Object.entries(snippets);

const TEMPLATES: Record<string, string> = {
  '述职报告（整篇）': 'duty-report',
  '情况报告（整篇）': 'work-report',
  '讲话（整篇）': 'speech',
  '工作总结（整篇）': 'summary',
};
const CLEAN_RULES = ['numbering-sequence', 'numbering-level', 'numbering-punctuation', 'inline-sequence', 'required-section'];
const HAN = /\p{Script=Han}/u;

describe('snippets/dangjian.code-snippets', () => {
  it('is JSON once its comments are stripped, with snippets in it', () => {
    expect(entries.length).toBeGreaterThanOrEqual(10);
  });

  it.each(entries)('%s: has a prefix typeable on both keyboards, a body and a Chinese description', (_name, s) => {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    expect(prefixes.length).toBeGreaterThan(0);
    expect(prefixes.every((p) => typeof p === 'string' && p.trim() === p && p.length > 0)).toBe(true);
    expect(prefixes.some((p) => /^dj-[a-z-]+$/.test(p))).toBe(true);
    expect(prefixes.some((p) => HAN.test(p))).toBe(true);
    expect(typeof s.description).toBe('string');
    expect(s.description).toMatch(HAN);
    const body = Array.isArray(s.body) ? s.body : [s.body];
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((l) => typeof l === 'string')).toBe(true);
    expect(bodyText(s).trim()).not.toBe('');
    expect(s.scope?.split(',').sort()).toEqual(['dangjian', 'markdown', 'plaintext']);
  });

  it('never offers one prefix for two snippets', () => {
    const seen = new Map<string, string>();
    for (const [name, s] of entries) {
      for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
        expect(seen.get(p), `prefix ${p} of ${name}`).toBeUndefined();
        seen.set(p, name);
      }
    }
  });

  it.each(entries)('%s: body is valid snippet syntax, tab stops numbered from 1, one final tab stop at most', (_name, s) => {
    const nodes = parseSnippet(bodyText(s));
    const indices = new Set<number>();
    let finals = 0;
    walk(nodes, (n) => {
      if (n.kind === 'variable') throw new Error(`unexpected variable $${n.name}`);
      if (n.kind === 'tabstop' || n.kind === 'placeholder' || n.kind === 'choice') {
        if (n.index === 0) finals++;
        else indices.add(n.index);
      }
    });
    expect(finals).toBeLessThanOrEqual(1);
    const sorted = [...indices].sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, k) => k + 1));
    // A mirror ($2 / ${2}) repeats a tab stop that has its default somewhere.
    const withDefault = new Set<number>();
    walk(nodes, (n) => {
      if (n.kind === 'placeholder' || n.kind === 'choice') withDefault.add(n.index);
    });
    walk(nodes, (n) => {
      if (n.kind === 'tabstop' && n.index !== 0) expect(withDefault.has(n.index), `$${n.index} has no default`).toBe(true);
    });
  });

  it('rejects malformed bodies (the checker itself)', () => {
    expect(() => parseSnippet('一、${1:标题')).toThrow(SnippetSyntaxError);
    expect(() => parseSnippet('${1|一,二')).toThrow(SnippetSyntaxError);
    expect(() => parseSnippet('共$ 元')).toThrow(SnippetSyntaxError);
    expect(() => parseSnippet('${:x}')).toThrow(SnippetSyntaxError);
    expect(expand(parseSnippet('${1:甲${2:乙}}，$2，${3|丙,丁|}\\$$0'))).toBe('甲乙，乙，丙$');
  });

  it('has the four whole-document templates', () => {
    for (const name of Object.keys(TEMPLATES)) expect(snippets[name], name).toBeDefined();
  });

  describe.each(Object.entries(TEMPLATES))('%s, with its placeholders left at their defaults', (name, type) => {
    const text = expand(parseSnippet(bodyText(snippets[name]!)));

    it.each(['text', 'markdown'] as const)('is a clean draft of its type (%s)', (format) => {
      const result = lint(text, RULES, { format });
      expect(result.documentType.id).toBe(type);
      const numbering = result.findings.filter((f) => CLEAN_RULES.includes(f.ruleId));
      expect(numbering.map((f) => `${f.ruleId}: ${f.message} @${text.slice(f.range.start, f.range.end)}`)).toEqual([]);
      // Every top-level section uses 一、 and the draft has some.
      expect(result.model.sections.length).toBeGreaterThanOrEqual(3);
      expect(result.model.sections.every((s) => s.marker.level === 1)).toBe(true);
    });

    it('shows its gaps: the unfilled draft has placeholder findings', () => {
      const gaps = lint(text, RULES, { format: 'text' }).findings.filter((f) => f.ruleId === 'placeholder');
      expect(gaps.length).toBeGreaterThan(0);
    });
  });

  it('the speech opens with 同志们： and closes with 谢谢大家！', () => {
    const lines = expand(parseSnippet(bodyText(snippets['讲话（整篇）']!))).split('\n');
    const salutation = lines.indexOf('同志们：');
    expect(salutation).toBeGreaterThan(0);
    expect(lines.findIndex((l) => l.startsWith('一、'))).toBeGreaterThan(salutation);
    expect(lines.filter((l) => l.trim()).pop()).toBe('谢谢大家！');
  });

  it.each([
    ['一级标题 一、', 1, '一、'],
    ['二级标题 （一）', 2, '（一）'],
    ['三级标题 1.', 3, '1.'],
    ['四级标题 （1）', 4, '（1）'],
  ] as const)('%s expands to a canonical level-%i marker', (name, level, marker) => {
    const text = expand(parseSnippet(bodyText(snippets[name]!)));
    const m = matchMarker(text);
    expect(m?.level).toBe(level);
    expect(text.startsWith(marker)).toBe(true);
  });

  it.each([
    ['一是……二是……三是', '是'],
    ['首先……其次……最后', '首先'],
  ] as const)('%s expands to a run the linter counts 1, 2, 3', (name, family) => {
    const text = expand(parseSnippet(bodyText(snippets[name]!)));
    const found = scanInline(text).filter((m) => m.family === family);
    expect(found.map((m) => m.value)).toEqual(family === '首先' ? [1, 2, 100] : [1, 2, 3]);
  });

  it('第一，第二，第三， expands to three paragraph openers', () => {
    const text = expand(parseSnippet(bodyText(snippets['第一，……第二，……第三，']!)));
    const openers = text
      .split('\n')
      .filter(Boolean)
      .map((l) => scanInline(l)[0]);
    expect(openers.map((m) => [m?.family, m?.value, m?.start])).toEqual([
      ['第', 1, 0],
      ['第', 2, 0],
      ['第', 3, 0],
    ]);
  });

  it('the disable comment offers exactly the catalogue\'s rule ids', () => {
    const nodes = parseSnippet(bodyText(snippets['忽略下一行的检查']!));
    const choice = nodes.find((n): n is Extract<Node, { kind: 'choice' }> => n.kind === 'choice');
    expect([...choice!.options].sort()).toEqual(RULES.map((r) => r.id).sort());
    const text = expand(nodes);
    expect(text).toBe('<!-- dangjian-disable-next-line numbering-sequence -->');
  });
});
