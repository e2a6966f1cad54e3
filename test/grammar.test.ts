import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const require = createRequire(import.meta.url);
const root = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));

const PLAIN_PATH = root('syntaxes/dangjian.tmLanguage.json');
const INJECTION_PATH = root('syntaxes/dangjian-markdown.injection.tmLanguage.json');

/**
 * No installed package ships VS Code's Markdown grammar, so the injection is tested against a
 * small stand-in with the same shape where it matters: a paragraph is a zero-width begin/while
 * rule named meta.paragraph.markdown, an ATX heading is one match rule whose text capture is
 * re-tokenised, lists and quotes hold blocks, and fenced code, inline code and HTML comments carry
 * the scopes the injection selector leaves out.
 */
const MARKDOWN_STAND_IN = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#block' }],
  repository: {
    block: { patterns: [{ include: '#fence' }, { include: '#heading' }, { include: '#quote' }, { include: '#list' }, { include: '#indented' }, { include: '#paragraph' }] },
    fence: {
      begin: '(^|\\G)[ ]{0,3}(`{3,}|~{3,})[^`]*$',
      end: '(^|\\G)[ ]{0,3}\\2[ \\t]*$',
      name: 'markup.fenced_code.block.markdown',
    },
    heading: {
      match: '(?:^|\\G)[ ]{0,3}(#{1,6})[ \\t]+(.*?)[ \\t]*$',
      name: 'markup.heading.markdown',
      captures: {
        1: { name: 'punctuation.definition.heading.markdown' },
        2: { name: 'entity.name.section.markdown', patterns: [{ include: '#inline' }] },
      },
    },
    quote: {
      begin: '(^|\\G)[ ]{0,3}(>) ?',
      while: '(^|\\G)[ ]{0,3}(>) ?',
      name: 'markup.quote.markdown',
      patterns: [{ include: '#block' }],
    },
    list: {
      begin: '(^|\\G)([ ]{0,3})([*+-]|[0-9]+\\.)([ \\t])',
      beginCaptures: { 3: { name: 'punctuation.definition.list.begin.markdown' } },
      while: '((^|\\G)([ ]{2,4}|\\t))|(^[ \\t]*$)',
      name: 'markup.list.markdown',
      patterns: [{ include: '#block' }],
    },
    indented: { begin: '(^|\\G)([ ]{4}|\\t)', while: '(^|\\G)([ ]{4}|\\t)', name: 'markup.raw.block.markdown' },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=\\S)',
      while: '(^|\\G)[ ]{4,}(?=\\S)',
      name: 'meta.paragraph.markdown',
      patterns: [{ include: '#inline' }],
    },
    inline: {
      patterns: [
        { match: '(`+)[^`]*?\\1', name: 'markup.inline.raw.string.markdown' },
        { begin: '<!--', end: '-->', name: 'comment.block.html' },
        { begin: '\\*\\*(?=\\S)', end: '(?<=\\S)\\*\\*', name: 'markup.bold.markdown', patterns: [{ include: '#inline' }] },
        {
          match: '(\\[)([^\\]]*)(\\])(\\()([^)]*)(\\))',
          name: 'meta.link.inline.markdown',
          captures: { 5: { name: 'markup.underline.link.markdown' } },
        },
      ],
    },
  },
};

interface Token {
  text: string;
  scopes: string[];
}

let plain: vsctm.IGrammar;
let markdown: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.dangjian') return vsctm.parseRawGrammar(readFileSync(PLAIN_PATH, 'utf8'), PLAIN_PATH);
      if (scopeName === 'markdown.dangjian.injection') return vsctm.parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
      if (scopeName === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN_STAND_IN), 'markdown.json');
      return null;
    },
    // As VS Code does for a grammar contributed with "injectTo": ["text.html.markdown"].
    getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? ['markdown.dangjian.injection'] : undefined),
  });
  plain = (await registry.loadGrammar('text.dangjian'))!;
  markdown = (await registry.loadGrammar('text.html.markdown'))!;
  expect(plain).toBeTruthy();
  expect(markdown).toBeTruthy();
});

function tokenize(grammar: vsctm.IGrammar, text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const line = (grammar: vsctm.IGrammar, text: string): Token[] => tokenize(grammar, text)[0]!;

/** The scopes of the token that holds `text` (the first one, or the nth). */
function scopesOf(tokens: Token[], text: string, nth = 0): string[] {
  const hits = tokens.filter((t) => t.text === text);
  const hit = hits[nth];
  if (!hit) throw new Error(`no token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return hit.scopes;
}

/** Every scope of every token that overlaps `text` in the line. */
function scopesOver(tokens: Token[], text: string): string[] {
  const whole = tokens.map((t) => t.text).join('');
  const at = whole.indexOf(text);
  if (at < 0) throw new Error(`"${text}" not in "${whole}"`);
  const out = new Set<string>();
  let pos = 0;
  for (const t of tokens) {
    if (pos < at + text.length && pos + t.text.length > at) t.scopes.forEach((s) => out.add(s));
    pos += t.text.length;
  }
  return [...out];
}

const LEVEL_SCOPE = {
  1: 'keyword.control.numbering.level-1.dangjian',
  2: 'entity.name.type.numbering.level-2.dangjian',
  3: 'support.function.numbering.level-3.dangjian',
  4: 'variable.other.numbering.level-4.dangjian',
  5: 'constant.character.numbering.level-5.dangjian',
} as const;
const DEPRECATED = 'invalid.deprecated.numbering.dangjian';
const INLINE = 'keyword.other.inline-marker.dangjian';
const NUMERIC = 'constant.numeric.dangjian';
const PLACEHOLDER = 'invalid.illegal.placeholder.dangjian';

/** True when any scope marks a numbering or inline marker. */
const isMarker = (scopes: string[]): boolean => scopes.some((s) => /numbering\.level-|inline-marker|^markup\.heading\.\d\.dangjian$/.test(s));

describe('grammar files', () => {
  it('declare their scope names and the injection selector', () => {
    const g = JSON.parse(readFileSync(PLAIN_PATH, 'utf8'));
    expect(g.scopeName).toBe('text.dangjian');
    const inj = JSON.parse(readFileSync(INJECTION_PATH, 'utf8'));
    expect(inj.scopeName).toBe('markdown.dangjian.injection');
    for (const part of String(inj.injectionSelector).split(',')) {
      expect(part.trim()).toMatch(/^L:\S+\.markdown /);
      expect(part).toContain('-markup.fenced_code');
      expect(part).toContain('-markup.inline.raw');
      expect(part).toContain('-comment');
    }
  });
});

describe('text.dangjian: numbering markers at a line start', () => {
  it.each([
    ['一、主要做法和成效', '一、', 1, '主要做法和成效'],
    ['十二、其他事项', '十二、', 1, '其他事项'],
    ['（一）抓好理论武装。全年组织集中学习12次。', '（一）', 2, '抓好理论武装'],
    ['1.规范组织生活', '1.', 3, '规范组织生活'],
    ['（1）按月开展主题党日', '（1）', 4, '按月开展主题党日'],
    ['　　二、全角空格缩进的标题', '二、', 1, '全角空格缩进的标题'],
  ] as const)('%s', (text, marker, level, heading) => {
    const tokens = line(plain, text);
    const m = scopesOf(tokens, marker);
    expect(m).toContain(`markup.heading.${level}.dangjian`);
    expect(m).toContain(LEVEL_SCOPE[level]);
    expect(m).not.toContain(DEPRECATED);
    expect(scopesOf(tokens, heading)).toContain(`entity.name.section.level-${level}.dangjian`);
  });

  it('gives each level its own marker scope', () => {
    const scopes = ['一、甲', '（一）乙', '1.丙', '（1）丁'].map((t) => line(plain, t)[0]!.scopes.at(-1));
    expect(new Set(scopes).size).toBe(4);
  });

  it('ends the heading at the first full stop, leaving the body uncoloured', () => {
    const tokens = line(plain, '（二）夯实基层基础。各支部按月开展活动');
    expect(scopesOf(tokens, '夯实基层基础')).toContain('entity.name.section.level-2.dangjian');
    expect(scopesOver(tokens, '各支部按月开展活动')).toEqual(['text.dangjian']);
  });

  it.each([
    // text, level, the character marked wrong
    ['一.加强组织建设', 1, '.'],
    ['二，强化理论武装', 1, '，'],
    ['三：改进作风', 1, '：'],
    ['(一)强化责任', 2, '('],
    ['（二)强化责任', 2, ')'],
    ['（三）、建强队伍', 2, '、'],
    ['（四）.建强队伍', 2, '.'],
    ['2、加强阵地建设', 3, '、'],
    ['3．健全制度', 3, '．'],
    ['4，压实责任', 3, '，'],
    ['１.全角数字', 3, '１'],
    ['(2)按月开展', 4, '('],
    ['（3）、按季度开展', 4, '、'],
  ] as const)('mis-written %s keeps level %i and marks %s', (text, level, wrong) => {
    const tokens = line(plain, text);
    const bad = scopesOf(tokens, wrong);
    expect(bad).toContain(DEPRECATED);
    expect(bad).toContain(`markup.heading.${level}.dangjian`);
    expect(bad).toContain(LEVEL_SCOPE[level]);
  });

  it.each(['1)按月开展', '2）按季度开展'])('bare %s is level 4, written wrong', (text) => {
    const m = line(plain, text)[0]!.scopes;
    expect(m).toContain('markup.heading.4.dangjian');
    expect(m).toContain(DEPRECATED);
  });

  it('colours ① markers', () => {
    const tokens = line(plain, '①强化学习；②改进作风。');
    expect(scopesOf(tokens, '①')).toContain(LEVEL_SCOPE[5]);
    expect(scopesOf(tokens, '②')).toContain(LEVEL_SCOPE[5]);
  });

  it.each([
    ['1.5亿元投入乡村振兴项目。', '1.5'],
    ['2025年，全县上下凝心聚力。', '2025'],
    ['一、二季度完成投资计划的六成。', '一、'],
    ['12.6%的党员参加了培训。', '12.6'],
  ])('%s is not a heading', (text, first) => {
    const tokens = line(plain, text);
    expect(tokens[0]!.text.startsWith(first)).toBe(true);
    expect(isMarker(tokens[0]!.scopes)).toBe(false);
  });

  it('a marker counts only at a line start', () => {
    const tokens = line(plain, '会上强调一、二两点，（一）项已完成，1.项待办');
    expect(tokens.some((t) => isMarker(t.scopes))).toBe(false);
  });
});

describe('text.dangjian: inline markers', () => {
  it('colours 一是/二是/三是 after sentence punctuation', () => {
    const tokens = line(plain, '全年学习12次，一是坚持领学促学；二是坚持研讨深学。三是坚持学用结合。');
    for (const m of ['一是', '二是', '三是']) expect(scopesOf(tokens, m)).toContain(INLINE);
  });

  it.each([
    ['一要提高站位，二要压实责任。', ['一要', '二要']],
    ['第一，把政治建设放在首位。第二，把基础打牢。', ['第一，', '第二，']],
    ['首先要明确目标，其次要细化措施，最后要抓好落实。', ['首先', '其次', '最后']],
    ['主要表现为一是学用脱节，二是以会代学。', ['一是', '二是']],
  ])('%s', (text, markers) => {
    const tokens = line(plain, text);
    for (const m of markers) expect(scopesOf(tokens, m)).toContain(INLINE);
  });

  it('marks 第一、 (a 、 after 第一) as written wrong', () => {
    const tokens = line(plain, '第一、把政治建设放在首位。');
    expect(scopesOf(tokens, '第一')).toContain(INLINE);
    expect(scopesOf(tokens, '、')).toContain(DEPRECATED);
  });

  it.each([
    '统一是前提，思想统一是关键。',
    '第一书记要履行第一责任人职责，第一时间到岗。',
    '唯一是指这一种情形。',
    '坚持一是一、二是二，实事求是。',
    '把学习作为第一议题。',
  ])('%s has no inline marker', (text) => {
    expect(line(plain, text).some((t) => isMarker(t.scopes))).toBe(false);
  });

  it('colours 一是 inside **…** emphasis', () => {
    const tokens = line(plain, '工作中，**一是**坚持问题导向。');
    expect(scopesOf(tokens, '一是')).toContain(INLINE);
    expect(scopesOf(tokens, '一是')).toContain('markup.bold.dangjian');
    expect(scopesOf(tokens, '**')).not.toContain(PLACEHOLDER);
  });
});

describe('text.dangjian: numbers and placeholders', () => {
  it.each([
    ['组织集中学习12次', '12次'],
    ['党员3,256名', '3,256名'],
    ['投入资金3.5万元', '3.5万元'],
    ['覆盖率达到98.6%，', '98.6%'],
    ['新建服务站20余个', '20余个'],
    ['增长15个百分点', '15个百分点'],
    ['占比百分之九十五', '百分之九十五'],
    ['1.5亿元用于民生', '1.5亿元'],
  ])('%s: %s is a number', (text, number) => {
    const tokens = line(plain, text);
    const scopes = scopesOver(tokens, number);
    expect(scopes).toContain(NUMERIC);
    const whole = tokens.filter((t) => t.scopes.includes(NUMERIC)).map((t) => t.text).join('');
    expect(whole).toBe(number);
  });

  it('does not take digits inside Latin words or codes as numbers', () => {
    expect(scopesOver(line(plain, '建设5G基站'), '5')).not.toContain(NUMERIC);
  });

  it.each([
    ['开展专题培训*次', '*'],
    ['市*局党组', '*'],
    ['共**人参加', '**'],
    ['XX县XX局', 'XX'],
    ['202X年X月X日', 'X'],
    ['会议由×××同志主持', '×××'],
    ['【待补】', '【待补】'],
    ['其余内容（略）。', '（略）'],
    ['典型事例【待补充数据】', '【待补充数据】'],
    ['调研报告（待定）', '（待定）'],
    ['由某某单位牵头', '某某'],
    ['于〇〇年完成', '〇〇'],
    ['此处TODO补数据', 'TODO'],
  ])('%s: %s is a placeholder', (text, ph) => {
    expect(scopesOver(line(plain, text), ph)).toContain(PLACEHOLDER);
  });

  it.each([
    ['经查，王某某违反规定', '王某某'],
    ['二〇〇八年', '二〇〇八年'],
    ['进行X光检查', 'X光'],
    ['长×宽×高', '长×宽×高'],
    ['带*号的为必填项', '*'],
    ['推行1+X证书制度', 'X'],
    ['TEXT和box', 'TEXT和box'],
  ])('%s: %s is not a placeholder', (text, part) => {
    expect(scopesOver(line(plain, text), part)).not.toContain(PLACEHOLDER);
  });

  it('colours <!-- … --> comments, their directives, and nothing else inside them', () => {
    const tokens = line(plain, '<!-- dangjian-disable-next-line numbering-sequence 一是 12次 XX -->');
    expect(tokens.every((t) => t.scopes.includes('comment.block.dangjian'))).toBe(true);
    expect(scopesOf(tokens, 'dangjian-disable-next-line')).toContain('keyword.other.directive.dangjian');
    expect(tokens.some((t) => isMarker(t.scopes) || t.scopes.includes(NUMERIC) || t.scopes.includes(PLACEHOLDER))).toBe(false);
  });

  it('a comment may span lines', () => {
    const [a, b, c] = tokenize(plain, '<!-- 说明：\n一、这一行在注释里\n-->');
    expect(b!.every((t) => t.scopes.includes('comment.block.dangjian'))).toBe(true);
    expect(b!.some((t) => isMarker(t.scopes))).toBe(false);
    expect(a![0]!.scopes).toContain('comment.block.dangjian');
    expect(c![0]!.scopes).toContain('comment.block.dangjian');
  });
});

describe('markdown.dangjian.injection', () => {
  it('colours a marker at the start of a paragraph line, and keeps Markdown inline markup working after it', () => {
    const tokens = line(markdown, '一、主要做法，**重点**突出');
    const m = scopesOf(tokens, '一、');
    expect(m).toContain('meta.paragraph.markdown');
    expect(m).toContain(LEVEL_SCOPE[1]);
    expect(m).toContain('markup.heading.1.dangjian');
    expect(scopesOf(tokens, '重点')).toContain('markup.bold.markdown');
  });

  it.each([
    ['## 一、主要做法', '一、', 1],
    ['### （一）抓好理论武装', '（一）', 2],
    ['1.规范组织生活', '1.', 3],
    ['（1）按月开展主题党日', '（1）', 4],
    ['**（二）夯实基层基础**', '（二）', 2],
    ['> 三、存在的问题', '三、', 1],
  ] as const)('%s', (text, marker, level) => {
    const scopes = scopesOf(line(markdown, text), marker);
    expect(scopes).toContain(LEVEL_SCOPE[level]);
    expect(scopes).toContain(`markup.heading.${level}.dangjian`);
  });

  it('marks mis-written markers', () => {
    const tokens = line(markdown, '（三）、建强队伍');
    expect(scopesOf(tokens, '、')).toContain(DEPRECATED);
  });

  it('leaves a Markdown ordered list number to Markdown', () => {
    const tokens = line(markdown, '1. 有序列表的一项');
    expect(tokens.some((t) => isMarker(t.scopes))).toBe(false);
    expect(scopesOf(tokens, '1.')).toContain('punctuation.definition.list.begin.markdown');
  });

  it('colours inline markers, numbers and placeholders in prose', () => {
    const tokens = line(markdown, '全年学习12次。**二是**坚持研讨，一是统一是，市*局，覆盖率98%，【待补】');
    expect(scopesOf(tokens, '二是')).toContain(INLINE);
    expect(scopesOf(tokens, '一是')).toContain(INLINE);
    expect(scopesOver(tokens, '统一是')).not.toContain(INLINE);
    expect(scopesOver(tokens, '12次')).toContain(NUMERIC);
    expect(scopesOver(tokens, '98%')).toContain(NUMERIC);
    expect(scopesOf(tokens, '*')).toContain(PLACEHOLDER);
    expect(scopesOf(tokens, '【待补】')).toContain(PLACEHOLDER);
  });

  it('does not take Markdown *emphasis* for a placeholder', () => {
    const tokens = line(markdown, '要*突出*重点');
    expect(tokens.some((t) => t.scopes.includes(PLACEHOLDER))).toBe(false);
  });

  it('colours nothing inside a fenced code block', () => {
    const lines = tokenize(markdown, ['```', '一、代码里的标题，一是12次，XX县【待补】', '```', '二、代码块之后'].join('\n'));
    const inside = lines[1]!;
    expect(inside.every((t) => t.scopes.includes('markup.fenced_code.block.markdown'))).toBe(true);
    expect(inside.some((t) => t.scopes.some((s) => s.endsWith('.dangjian')))).toBe(false);
    expect(scopesOf(lines[3]!, '二、')).toContain(LEVEL_SCOPE[1]);
  });

  it('colours nothing inside inline code, HTML comments, indented code or link URLs', () => {
    const code = line(markdown, '说明：`一、12次 XX`');
    expect(code.some((t) => t.scopes.some((s) => s.endsWith('.dangjian')))).toBe(false);
    const comment = line(markdown, '<!-- 一是 12次 XX -->');
    expect(comment.some((t) => t.scopes.some((s) => s.endsWith('.dangjian')))).toBe(false);
    const indented = line(markdown, '    一、缩进代码 12次');
    expect(indented.some((t) => t.scopes.some((s) => s.endsWith('.dangjian')))).toBe(false);
    const link = line(markdown, '[附件](https://example.org/12次)');
    expect(link.some((t) => t.scopes.some((s) => s.endsWith('.dangjian')))).toBe(false);
  });
});
