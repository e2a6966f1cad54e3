import { paragraphRange } from '../core/model';
import type { Rule, RuleContext } from '../core/types';
import { charAt, charBefore, isHan } from './shared';

type Translate = RuleContext<unknown>['t'];

/**
 * Unfilled placeholders left in a draft: `*`/`＊` and `X`/`××` standing for a number or a name,
 * 某某, 〇〇, 【待补】-like notes, （略）, TODO; plus the patterns the user lists in the config.
 */

const LATIN = /^[A-Za-zＡ-Ｚａ-ｚ]$/;
const DIGIT = /^[0-9０-９]$/;


function test(re: RegExp, c: string | undefined): boolean {
  return c !== undefined && re.test(c);
}

interface Candidate {
  start: number;
  end: number;
  message: string;
}

type Run = [start: number, end: number];

interface Runs {
  stars: Run[];
  crosses: Run[];
  someones: Run[];
  circles: Run[];
}

/** Maximal runs of each kind of placeholder character; the four sets share no character. */
const RUNS = /[*＊]+|[XxＸｘ×]+|某+|[〇○◯]+/g;

/**
 * The runs of `*＊`, `XxＸｘ×`, `某` and `〇○◯` in one pass of a regular expression (the engine
 * scans natively, where a loop over t[i] would make a string of every character); undefined when
 * there are none, as in most paragraphs.
 */
function runsIn(t: string): Runs | undefined {
  let runs: Runs | undefined;
  RUNS.lastIndex = 0;
  for (let m = RUNS.exec(t); m; m = RUNS.exec(t)) {
    runs ??= { stars: [], crosses: [], someones: [], circles: [] };
    const c = m[0].charCodeAt(0);
    const list = c === 0x2a || c === 0xff0a ? runs.stars : c === 0x67d0 ? runs.someones : c === 0x3007 || c === 0x25cb || c === 0x25ef ? runs.circles : runs.crosses;
    list.push([m.index, m.index + m[0].length]);
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// * and ＊

/** Words that open an emphasised phrase, never a count: a `**` before them is not a number. */
const COUNT_WORDS = '名个次条项件人余多位家篇期批元万亿年月日天';

/**
 * In plain text a draft may carry Markdown bold (`**一是**坚持…`): a pair of `**` around a short
 * phrase that opens after a boundary and does not start with a measure word is emphasis.
 */
function emphasisPairs(t: string, runs: readonly Run[]): Set<number> {
  const skip = new Set<number>();
  const doubles = runs.filter(([s, e]) => e - s === 2 && t[s] === '*' && t[s + 1] === '*');
  for (let k = 0; k + 1 < doubles.length; k++) {
    const [os, oe] = doubles[k]!;
    const [cs] = doubles[k + 1]!;
    const content = t.slice(oe, cs);
    const before = charBefore(t, os);
    const opensAfterBoundary = before === undefined || /^[\s。！？；：，、）)】”」.!?;:,]$/u.test(before);
    if (
      opensAfterBoundary &&
      content.length > 0 &&
      content.length <= 40 &&
      !/\s/.test(content[0]!) &&
      !/\s/.test(content[content.length - 1]!) &&
      !COUNT_WORDS.includes(content[0]!) &&
      !/[。！？][^]/u.test(content)
    ) {
      skip.add(os);
      skip.add(cs);
      k++;
    }
  }
  return skip;
}

function stars(t: string, runs: readonly Run[], emphasisPossible: boolean, out: Candidate[], tr: Translate): void {
  const emphasis = emphasisPossible ? emphasisPairs(t, runs) : undefined;
  for (const [s, e] of runs) {
    if (emphasis?.has(s)) continue;
    const before = charBefore(t, s);
    const after = charAt(t, e);
    // A multiplication (3*4, a*b), a bullet or a footnote sign in Latin text has no 汉字 beside it.
    if (!isHan(before) && !isHan(after)) continue;
    // The sign itself, as a form explains it: 带*号的为必填项, 标*项.
    if (after === '号' || (e - s === 1 && before !== undefined && '带标打加'.includes(before))) continue;
    const run = t.slice(s, e);
    out.push({ start: s, end: e, message: tr('未填写的占位符“{placeholder}”：此处应为具体数字或名称', { placeholder: run }) });
  }
}

// ---------------------------------------------------------------------------------------------
// X, XX, ×××, ＸＸ

/** Words in which a lone X is a real letter: X光, X射线, X型, X轴 … */
const X_WORDS = /^(?:光|射线|线|型|形|轴|染色体)/u;

function crosses(t: string, runs: readonly Run[], out: Candidate[], tr: Translate): void {
  for (const [s, e] of runs) {
    const before = charBefore(t, s);
    const after = charAt(t, e);
    // Never inside a Latin word (Xi, TEXT, box, XXL), nor in a formula such as 1+X证书.
    if (test(LATIN, before) || test(LATIN, after)) continue;
    if (/^[+＋]$/u.test(before ?? '') || /^[+＋]$/u.test(after ?? '')) continue;
    if (!isHan(before) && !isHan(after)) continue;
    // A digit on one side (202X年) needs a 汉字 on the other; 3×4 is a product.
    if (test(DIGIT, before) && !isHan(after)) continue;
    if (test(DIGIT, after) && !isHan(before)) continue;
    const run = t.slice(s, e);
    if (e - s === 1) {
      if (run !== '×' && X_WORDS.test(t.slice(e, e + 3))) continue;
      // 长×宽×高 is a formula, not a gap.
      if (run === '×' && /^[长宽高]$/u.test(before ?? '') && /^[长宽高]$/u.test(after ?? '')) continue;
    }
    out.push({ start: s, end: e, message: tr('未填写的占位符“{placeholder}”：此处应为具体数字或名称', { placeholder: run }) });
  }
}

// ---------------------------------------------------------------------------------------------
// 某某 and 〇〇

/**
 * Common surnames: 王某某 is the usual way to anonymise a person in a case report, not a gap. Only
 * characters that seldom end another word before 某某 are listed (not 于, 向, 任, 高 …).
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙朱胡郭何罗郑梁谢宋唐韩冯邓曹彭曾肖董袁潘蒋蔡杜苏魏吕丁沈姚卢姜崔钟谭陆汪廖贾夏韦邹孟熊秦邱尹薛闫雷侯陶黎贺顾毛郝龚邵钱覃戴莫孔汤';

function someones(t: string, runs: readonly Run[], out: Candidate[], tr: Translate): void {
  for (const [s, e] of runs) {
    if (e - s < 2) continue;
    const before = charBefore(t, s);
    if (before !== undefined && SURNAMES.includes(before)) continue;
    out.push({ start: s, end: e, message: tr('未填写的占位符“{placeholder}”：此处应为具体名称', { placeholder: t.slice(s, e) }) });
  }
}

const CN_DIGITS = '零〇一二两三四五六七八九十百千';

function circles(t: string, runs: readonly Run[], out: Candidate[], tr: Translate): void {
  for (const [s, e] of runs) {
    if (e - s < 2) continue;
    const before = charBefore(t, s);
    const after = charAt(t, e);
    // 二〇〇八年, 一〇〇: the circles are digits of a 汉字 number.
    if ((before !== undefined && CN_DIGITS.includes(before)) || (after !== undefined && CN_DIGITS.includes(after))) continue;
    out.push({ start: s, end: e, message: tr('未填写的占位符“{placeholder}”：此处应为具体数字或名称', { placeholder: t.slice(s, e) }) });
  }
}

// ---------------------------------------------------------------------------------------------
// 【待补】, （略）, TODO

const BRACKET_NOTE = /[【\[［〔]([^【】\[\]［］〔〕\r\n]{1,20})[】\]］〕]/gu;
const NOTE_WORDS = /待(?:补|定|填|充|完善|核|确认|更新|查|写|修改|议)|(?:补充|填写|完善|核实|确认)(?:内容|数据|材料|名称|数字)?$|^\s{0,2}此处/u;
const PAREN_NOTE = /[（(]\s{0,2}(待(?:补充?|定|填写?|完善|核实|确认))\s{0,2}[）)]/gu;
const OMITTED = /[（(]\s{0,2}(?:此处|以下|下|内容|具体内容|具体|详细|数据)?略\s{0,2}[）)]/gu;
const TODO = /todo|tbd|fixme/giu;
const TODO_START = /[tTfF]/;
const BRACKET_OPEN = /[【\[［〔]/;

function notes(t: string, out: Candidate[], tr: Translate): void {
  // Each pattern needs a character that most paragraphs lack: skip the scans that cannot match.
  const paren = t.includes('（') || t.includes('(');
  if (BRACKET_OPEN.test(t)) {
    for (const m of t.matchAll(BRACKET_NOTE)) {
      if (!NOTE_WORDS.test(m[1]!)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, message: tr('未完成的待补标记“{note}”：应补全内容并删除标记', { note: m[0] }) });
    }
  }
  if (paren && t.includes('待')) {
    for (const m of t.matchAll(PAREN_NOTE)) {
      out.push({ start: m.index, end: m.index + m[0].length, message: tr('未完成的待补标记“{note}”：应补全内容并删除标记', { note: m[0] }) });
    }
  }
  if (paren && t.includes('略')) {
    for (const m of t.matchAll(OMITTED)) {
      out.push({ start: m.index, end: m.index + m[0].length, message: tr('内容省略标记“{note}”：定稿中应补全被省略的内容', { note: m[0] }) });
    }
  }
  // todo, tbd and fixme start with t or f in either case (no other character folds to them).
  if (TODO_START.test(t)) {
    for (const m of t.matchAll(TODO)) {
      const s = m.index;
      const e = s + m[0].length;
      if (test(LATIN, charBefore(t, s)) || test(LATIN, charAt(t, e))) continue;
      out.push({ start: s, end: e, message: tr('未处理的待办标记“{note}”：应完成后删除', { note: m[0] }) });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The user's own patterns

const compiled = new WeakMap<readonly string[], RegExp[]>();

/** The config's patterns, compiled once per config. */
function compile(patterns: readonly string[]): RegExp[] {
  let out = compiled.get(patterns);
  if (out) return out;
  out = [];
  compiled.set(patterns, out);
  for (const p of patterns) {
    try {
      out.push(new RegExp(p, 'gu'));
    } catch {
      // The config layer rejects patterns that do not compile; a model built elsewhere may not.
    }
  }
  return out;
}

function custom(t: string, patterns: readonly RegExp[], out: Candidate[], tr: Translate): void {
  for (const re of patterns) {
    // matchAll steps over an empty match by a whole code point, so a pattern like x* cannot stall.
    for (const m of t.matchAll(re)) {
      if (m[0].length === 0) continue;
      out.push({ start: m.index, end: m.index + m[0].length, message: tr('未填写的占位符“{placeholder}”（自定义占位符规则）：此处应填写具体内容', { placeholder: m[0] }) });
    }
  }
}

/** The placeholders of a paragraph's text, one per placeholder: where two readings overlap, the earlier and longer one wins. */
function placeholdersIn(t: string, plain: boolean, patterns: readonly RegExp[], tr: Translate): readonly Candidate[] {
  const found: Candidate[] = [];
  notes(t, found, tr);
  const runs = runsIn(t);
  if (runs) {
    stars(t, runs.stars, plain, found, tr);
    crosses(t, runs.crosses, found, tr);
    someones(t, runs.someones, found, tr);
    circles(t, runs.circles, found, tr);
  }
  custom(t, patterns, found, tr);
  if (!found.length) return NONE;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let at = 0;
  for (const c of found) {
    if (c.start < at) continue;
    at = c.end;
    kept.push(c);
  }
  return kept;
}

interface PerFormat {
  text?: readonly Candidate[];
  markdown?: readonly Candidate[];
}

const NONE: readonly Candidate[] = [];

export const placeholder: Rule = {
  id: 'placeholder',
  description: '未填写的占位符：*、XX、×××、某某、〇〇、【待补】、（略）、TODO 等',
  category: 'structure',
  defaultSeverity: 'error',
  fixable: false,
  check({ model, config, report, t, memo }) {
    const patterns = compile(config.placeholders);
    const plain = model.format === 'text';
    for (const p of model.paragraphs) {
      const text = p.text;
      // How ** is read depends on the format, so a paragraph's text keeps one answer per format,
      // each made when first asked for.
      const remembered = memo(text, (): PerFormat => ({}));
      const found = plain ? (remembered.text ??= placeholdersIn(text, true, patterns, t)) : (remembered.markdown ??= placeholdersIn(text, false, patterns, t));
      for (const c of found) report({ range: paragraphRange(p, c.start, c.end), message: c.message });
    }
  },
};
