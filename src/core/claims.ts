/**
 * The claims layer: every figure with its unit and the phrase it measures, every count that
 * announces items (我讲三点意见, A、B、C三个方面), every total with its parts (共…其中…) and
 * every rate with the figures it derives from. The quantitative rules only compare what this
 * module extracts; it reads the model once per document and is cached on it.
 */
import { parseChineseNumeral } from './numerals';
import { paragraphRange, type DocumentModel, type Paragraph } from './model';
import type { Range } from './text';

export interface Quantity {
  paragraph: number;
  /** Offsets in the paragraph's text of the number with its unit. */
  start: number;
  end: number;
  range: Range;
  raw: string;
  /** The value with 万/亿 applied. */
  value: number;
  /** Digits after the decimal point as written (for rounding tolerance). */
  decimals: number;
  unit: string;
  /** 约, 近, 超过, 余, 多: a bound, not a figure. */
  approx: boolean;
  /** The clause before the number, qualifiers removed: what is measured (发展党员). */
  subject: string;
  /** The noun right after the unit when the verb comes first (召开4次专题会议 → 专题会议). */
  object: string;
  /** Time and scope words of the sentence that make a figure a different measure (2024年, 上半年, 累计). */
  qualifiers: string[];
  /** Index of the sentence within the paragraph. */
  sentence: number;
  /** The clauses of the sentence before the figure's own: the scene it is set in (专项督查，…). */
  context: string;
  /** The sentence breaks a total into parts (其中, 分别): its figures are not stand-alone measures. */
  breakdown: boolean;
}

export type CountKind = 'announce' | 'listed';

export interface CountClaim {
  kind: CountKind;
  paragraph: number;
  /** Offset in the paragraph's text just past the claim. */
  end: number;
  range: Range;
  count: number;
  raw: string;
  /** For a listed claim: how many members stand beside the count. */
  members?: number;
}

export interface PartTotal {
  total: Quantity;
  parts: Quantity[];
}

export interface RateClaim {
  rate: Quantity;
  /** 整改率, 覆盖率, 占比 … */
  word: string;
  /** A rate that states a change (增长20%) rather than a share. */
  growth: boolean;
  /** A rate that may pass 100% (完成率, 完成比例, 增长率). */
  mayExceed: boolean;
  /** Figures with one unit earlier in the same sentence. */
  figures: Quantity[];
}

export interface Claims {
  quantities: Quantity[];
  counts: CountClaim[];
  partTotals: PartTotal[];
  rates: RateClaim[];
}

const UNITS = [
  '个百分点', '人次', '课时', '学时', '公里', '小时', '万元', '亿元', '%', '％', '名', '人', '个', '次', '场', '期', '项', '条', '件',
  '家', '所', '篇', '份', '户', '支', '批', '处', '元', '米', '天', '本', '册', '座', '套', '轮', '堂', '节', '位', '起', '张', '类', '种', '间',
];
const UNIT_RE = UNITS.join('|');
// Bounded and anchored on the number: no backtracking over the line.
const QUANTITY = new RegExp(`(约|近|超过|逾|不少于|达)?(\\d{1,12}(?:\\.\\d{1,6})?)(万|亿)?(余|多)?(${UNIT_RE})`, 'g');

const QUALIFIER = /\d{4}年度?|[上下]半年|[一二三四]季度|\d{1,2}月份?|去年|前年|上一?年度?|明年|下一?年度|近[一二三四五两]年|[两三四五]年来|“?十[一二三四五六]五”?期间|累计|同比|环比|每[年月周天季]?|平均|人均|首次|新增|净增|计划|预计|力争/g;
/** Time words that only say "this year", the default time of a report. */
const DEFAULT_TIME = /全年|一年来|年内|今年以来|今年|本年度|本年/g;
const CLAUSE_BOUNDARY = /[，,；;：:。！？!?、（(“"]/;
const CLAUSE_END = /[，,；;：:。！？!?]/;
const SENTENCE_END = /[。！？!?；;]/;
/**
 * A test of one UTF-16 code unit against a character class of plain characters ([，,；;]), for
 * loops that test one character at a time: `isIn(t.charCodeAt(i))` answers what `re.test(t[i])`
 * does without making a string of the character.
 */
function unitTest(re: RegExp): (code: number) => boolean {
  const body = re.source.slice(1, -1);
  if (re.flags || !re.source.startsWith('[') || !re.source.endsWith(']') || /[\\^\-\]]/.test(body)) throw new Error(`not a plain class: ${re.source}`);
  const codes = new Set<number>();
  for (let i = 0; i < body.length; i++) codes.add(body.charCodeAt(i));
  return (code) => codes.has(code);
}
const isClauseBoundary = unitTest(CLAUSE_BOUNDARY);
const isClauseEnd = unitTest(CLAUSE_END);
const isSentenceEnd = unitTest(SENTENCE_END);
/** /[\u4e00-\u9fff]/ */
const isCjkUnit = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

/** Words after a figure that make it a bound (85%以上), not a figure. */
const BOUND_AFTER = /^(以上|以下|左右|上下|有余)/;

function subjectOf(clause: string): string {
  return clause.replace(QUALIFIER, '').replace(DEFAULT_TIME, '').replace(/^(其中|共有|共计|合计|总计|共|已|均|并|还|又)+/, '');
}

/**
 * The qualifiers that govern each figure: those of the nearest clause, going back through its
 * sentence, that names a time or a scope at all (上半年…，全年… gives each clause its own).
 *
 * Read in one walk over the paragraph: no qualifier or time word contains a clause mark, nor the
 * first character of a figure, so each clause's words are those the whole paragraph's matches
 * place in it, and the nearest clause with any is the one holding the last match before the figure.
 */
class Qualifiers {
  private readonly matches: Array<{ index: number; end: number; text: string | undefined }> = [];
  private next = 0;
  private scanned = 0;
  private lastClauseEnd = -1;
  /** The clause of the last match taken, its qualifiers, and where that match starts. */
  private clauseStart = -1;
  private words: Set<string> = new Set();
  private sorted: string[] = [];
  private lastMatch = -1;

  constructor(private readonly t: string) {
    QUALIFIER.lastIndex = 0;
    DEFAULT_TIME.lastIndex = 0;
    for (const m of t.matchAll(QUALIFIER)) this.matches.push({ index: m.index, end: m.index + m[0].length, text: m[0] });
    for (const m of t.matchAll(DEFAULT_TIME)) this.matches.push({ index: m.index, end: m.index + m[0].length, text: undefined });
    this.matches.sort((a, b) => a.end - b.end || a.index - b.index);
  }

  /** The qualifiers of a figure at `at` in the sentence that starts at `sentenceStart`. */
  at(at: number, sentenceStart: number): string[] {
    for (; this.next < this.matches.length && this.matches[this.next]!.end <= at; this.next++) {
      const m = this.matches[this.next]!;
      for (; this.scanned < m.index; this.scanned++) if (isClauseEnd(this.t.charCodeAt(this.scanned))) this.lastClauseEnd = this.scanned;
      if (this.lastClauseEnd + 1 !== this.clauseStart) {
        this.clauseStart = this.lastClauseEnd + 1;
        this.words = new Set();
        this.sorted = [];
      }
      if (m.text !== undefined && !this.words.has(m.text)) {
        this.words.add(m.text);
        this.sorted = [...this.words].sort();
      }
      this.lastMatch = m.index;
    }
    return this.lastMatch >= sentenceStart ? this.sorted : [];
  }
}

function extractQuantities(p: Paragraph): Quantity[] {
  const t = p.text;
  const out: Quantity[] = [];
  let qualifiers: Qualifiers | undefined;
  let sentence = 0;
  let sentenceStart = 0;
  let lastClauseEnd = -1;
  let scanned = 0;
  // Whether the current sentence breaks a total into parts, read once per sentence.
  let breakdownOf = -1;
  let breakdown = false;
  QUANTITY.lastIndex = 0;
  for (let m = QUANTITY.exec(t); m; m = QUANTITY.exec(t)) {
    const at = m.index + (m[1]?.length ?? 0);
    const prev = t[m.index - 1];
    // Part of a longer number or a range (8-10个), an ordinal (第3次), a date or a version: not a measured figure.
    if (prev && /[0-9.．第\-－~～—]/.test(prev)) continue;
    for (; scanned < m.index; scanned++) {
      const c = t.charCodeAt(scanned);
      if (isSentenceEnd(c)) {
        sentence++;
        sentenceStart = scanned + 1;
      }
      if (isClauseEnd(c)) lastClauseEnd = scanned;
    }
    let clauseStart = m.index;
    while (clauseStart > sentenceStart && !isClauseBoundary(t.charCodeAt(clauseStart - 1)) && m.index - clauseStart < 24) clauseStart--;
    const multiplier = m[3] === '万' ? 1e4 : m[3] === '亿' ? 1e8 : 1;
    const num = m[2]!;
    const end = m.index + m[0].length;
    let objEnd = end;
    while (objEnd < t.length && objEnd - end < 8 && isCjkUnit(t.charCodeAt(objEnd)) && t[objEnd] !== '的') objEnd++;
    const object = BOUND_AFTER.test(t.slice(end, end + 2)) ? '' : t.slice(end, objEnd);
    const clauseBegin = Math.max(sentenceStart, lastClauseEnd + 1);
    if (breakdownOf !== sentence) {
      breakdownOf = sentence;
      breakdown = /其中|分别/.test(t.slice(sentenceStart, sentenceEndAfter(t, end)));
    }
    out.push({
      paragraph: p.index,
      start: at,
      end,
      range: paragraphRange(p, at, end),
      raw: t.slice(at, end),
      value: Number(num) * multiplier,
      decimals: num.includes('.') ? num.length - num.indexOf('.') - 1 : 0,
      unit: m[5] === '％' ? '%' : m[5]!,
      approx: Boolean(m[4]) || (m[1] !== undefined && m[1] !== '达') || BOUND_AFTER.test(t.slice(end, end + 2)),
      subject: subjectOf(t.slice(clauseStart, m.index)),
      object,
      qualifiers: (qualifiers ??= new Qualifiers(t)).at(m.index, sentenceStart),
      sentence,
      context: t.slice(sentenceStart, clauseBegin),
      breakdown,
    });
  }
  return out;
}

function sentenceEndAfter(t: string, from: number): number {
  for (let i = from; i < t.length; i++) if (isSentenceEnd(t.charCodeAt(i))) return i;
  return t.length;
}

// ---------------------------------------------------------------------------------------------
// Counts.

const CN_COUNT = '[两二三四五六七八九十]{1,3}';
/** 我讲三点意见, 从以下五个方面, 概括为四句话: an announcement of the items that follow. */
const ANNOUNCE = new RegExp(`(?:讲|谈|提|以下|如下|下面|下列|归纳为|概括为)(${CN_COUNT})(?:个)?(点意见|点体会|点建议|点要求|点思考|点认识|点|方面|项措施|项任务|项工作|项重点工作|句话|个字|条)`, 'g');
/** A count right after a list of its members: …、…、…三个方面, “A—B—C”五级. */
const LISTED = new RegExp(`(${CN_COUNT})(个方面|个环节|个层级|个层面|个领域|个阶段|个平台|项制度|项工作|项任务|级联动|级|个|项|大|种|类|方面)`, 'g');

function countValue(s: string): number {
  return parseChineseNumeral(s.replace(/两/g, '二'));
}

/**
 * Counts the members of the list that ends right before `at`: 、 (and a last 和/及/与/或) at quote
 * and bracket depth zero, or the members inside one quote (“A—B—C”, “A、B、C”). Undefined when
 * there is no list, or when 等 says the list is not exhaustive.
 */
function listedMembers(t: string, at: number): number | undefined {
  if (t[at - 1] === '”' || t[at - 1] === '"') {
    // Only an opening quote within 80 characters counts: search no further back than that.
    const from = Math.max(0, at - 80);
    const window = t.slice(from, at - 1);
    const k = Math.max(window.lastIndexOf('“'), window.lastIndexOf('"'));
    const open = k < 0 ? -1 : from + k;
    if (open < 0 || at - open > 80) return undefined;
    const inner = t.slice(open + 1, at - 1);
    if (inner.includes('等')) return undefined;
    const dashed = inner.split(/[—–－-]+/).filter(Boolean);
    if (dashed.length >= 2 && !inner.includes('、')) return dashed.length;
    const listed = inner.split('、').filter(Boolean);
    if (listed.length >= 2) return listed.length;
  }
  let depth = 0;
  let commas = 0;
  let joined = false;
  for (let i = at - 1; i >= 0 && at - i < 120; i--) {
    const c = t[i]!;
    if (c === '”' || c === '》' || c === '）' || c === ')') depth++;
    else if (c === '“' || c === '《' || c === '（' || c === '(') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (c === '、') commas++;
      else if (c === '等') return undefined;
      else if (/[，,；;：:。！？!?]/.test(c)) break;
      else if (commas === 0 && (c === '和' || c === '及' || c === '与' || c === '或') && !joined) joined = true;
    }
  }
  if (commas === 0) return undefined;
  return commas + 1 + (joined ? 1 : 0);
}

function extractCounts(p: Paragraph): CountClaim[] {
  const t = p.text;
  const out: CountClaim[] = [];
  ANNOUNCE.lastIndex = 0;
  for (let m = ANNOUNCE.exec(t); m; m = ANNOUNCE.exec(t)) {
    const count = countValue(m[1]!);
    if (Number.isNaN(count)) continue;
    const s = m.index;
    const e = s + m[0].length;
    out.push({ kind: 'announce', paragraph: p.index, end: e, range: paragraphRange(p, s, e), count, raw: m[0] });
  }
  LISTED.lastIndex = 0;
  for (let m = LISTED.exec(t); m; m = LISTED.exec(t)) {
    const s = m.index;
    const before = t[s - 1];
    if (!before || before === '第' || before === '等' || before === '各' || /[0-9]/.test(before)) continue;
    if (/[两二三四五六七八九十一]/.test(before)) continue; // inside a longer numeral
    // The list must end right here: a quote that opens at the count (“四个意识”) is a term, not a count.
    if (!/[\u4e00-\u9fff”"》）)]/.test(before)) continue;
    const members = listedMembers(t, s);
    if (members === undefined) continue;
    const count = countValue(m[1]!);
    const e = s + m[0].length;
    out.push({ kind: 'listed', paragraph: p.index, end: e, range: paragraphRange(p, s, e), count, members, raw: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Totals, parts and rates.

/** The words that make a figure a total: 共 (共有, 共计), 合计, 总计, 总数. */
const TOTAL_WORD = /共|合计|总计|总数/g;
/** A clause that is only a part's name and its figure: 教育培训40万元. */
const PART_CLAUSE = /^[\u4e00-\u9fff“”]{1,12}\d{1,12}(?:\.\d{1,6})?[万亿]?[\u4e00-\u9fff%％]{1,3}$/;
const STATEMENT_VERB = /增加|减少|新增|新建|较|比|培养|发展|完成|开展|召开|组织|建立|举办/;
const RATE_WORD = /([\u4e00-\u9fff]{1,8}(?:率|占比|比例|比重))(?:均|已|总体|始终|分别)?(?:达到|达|为|是|保持在|稳定在|提升至|提高至|提高到|提升到|上升至|超过|在)?$/;
const GROWTH = /(增长|提高|提升|增加|上升|下降|减少|降低|增幅|增速|同比|环比)(?!至|到)/;

/**
 * A total or a rate lists at most this many parts or figures. A real breakdown names a handful;
 * without a bound, a sentence of thousands of totals, each taking the figures after it, would
 * make the lists, and the time to build them, grow with the square of the sentence.
 */
const MAX_LISTED = 64;

/** A total (共有党员46名) and the parts that the clause after its 其中 lists (其中女党员19名、…). */
function extractPartTotals(qs: Quantity[], p: Paragraph): PartTotal[] {
  const out: PartTotal[] = [];
  const t = p.text;
  // Totals come in order, so every look-up below moves forward: the clause marks, the total words
  // (共, 合计, …), the next 其中 and the next sentence end are each found once.
  let scanned = 0;
  let lastClauseEnd = -1;
  TOTAL_WORD.lastIndex = 0;
  const totalWords = [...t.matchAll(TOTAL_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  let word = -1;
  let sentenceEnd = -1;
  let qiFrom = Infinity;
  let qiFound = -1;
  let qiClauseEnd = -1;
  const chainEnd = new Map<number, number>();
  for (const total of qs) {
    if (total.unit === '%' || total.approx) continue;
    for (; scanned < total.start; scanned++) if (isClauseEnd(t.charCodeAt(scanned))) lastClauseEnd = scanned;
    const clauseBegin = lastClauseEnd + 1;
    while (word + 1 < totalWords.length && totalWords[word + 1]!.end <= total.start) word++;
    if (word < 0 || totalWords[word]!.start < clauseBegin) continue;
    if (sentenceEnd < total.end) sentenceEnd = sentenceEndAfter(t, total.end);
    const limit = sentenceEnd;
    if (!(qiFrom <= total.end && (qiFound < 0 || qiFound >= total.end))) {
      qiFrom = total.end;
      qiFound = t.indexOf('其中', total.end);
    }
    const qi = qiFound;
    if (qi < 0 || qi >= limit) continue;
    // The clause that 其中 opens holds parts, and so does each following clause that only names a
    // part and its figure (…，教育培训40万元); …，较上年增加4名 or …，培养积极分子30名 is another statement.
    if (qiClauseEnd < qi) {
      qiClauseEnd = qi;
      while (qiClauseEnd < t.length && !isClauseEnd(t.charCodeAt(qiClauseEnd))) qiClauseEnd++;
    }
    const clauseEnd = partsEnd(t, Math.min(qiClauseEnd, limit), limit, chainEnd);
    const parts: Quantity[] = [];
    let depth = 0;
    let walked = qi;
    for (let k = firstAfter(qs, qi), seen = 0; k < qs.length && seen < MAX_LISTED * 4 && parts.length < MAX_LISTED; k++, seen++) {
      const q = qs[k]!;
      if (q.end > clauseEnd) break;
      // Bracket depth from 其中 to the figure: a figure in （其中…9个） breaks down a part, not the total.
      for (; walked < q.start; walked++) {
        const c = t[walked];
        if (c === '（' || c === '(') depth++;
        else if ((c === '）' || c === ')') && depth > 0) depth--;
      }
      if (q.unit === total.unit && !q.approx && !/增加|减少|新增|较|比/.test(q.subject) && depth === 0) parts.push(q);
    }
    if (parts.length) out.push({ total, parts });
  }
  return out;
}

/** Past the clause ending at `clauseEnd`, the clauses that only name a part and its figure; remembered per clause end. */
function partsEnd(t: string, clauseEnd: number, limit: number, memo: Map<number, number>): number {
  const visited: number[] = [];
  let end = clauseEnd;
  for (;;) {
    const known = memo.get(end);
    if (known !== undefined) {
      end = known;
      break;
    }
    visited.push(end);
    if (end >= limit || !/[，,、]/.test(t[end]!)) break;
    let next = end + 1;
    while (next < limit && !isClauseEnd(t.charCodeAt(next))) next++;
    const clause = t.slice(end + 1, next);
    if (!PART_CLAUSE.test(clause) || STATEMENT_VERB.test(clause)) break;
    end = next;
  }
  for (const v of visited) memo.set(v, end);
  return end;
}

/** The index of the first quantity that starts after offset `at` (quantities are in text order). */
function firstAfter(qs: readonly Quantity[], at: number): number {
  let lo = 0;
  let hi = qs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid]!.start > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function extractRates(qs: Quantity[], p: Paragraph): RateClaim[] {
  const out: RateClaim[] = [];
  // The figures of the current sentence so far, with one unit (not a rate or a change of one).
  let sentence = -1;
  let figures: Quantity[] = [];
  for (const q of qs) {
    if (q.sentence !== sentence) {
      sentence = q.sentence;
      figures = [];
    }
    if (q.unit !== '%') {
      if (q.unit !== '个百分点') figures.push(q);
      continue;
    }
    const before = p.text.slice(Math.max(0, q.start - 16), q.start).split(/[，,；;。：:]/).pop() ?? '';
    const m = RATE_WORD.exec(before);
    if (!m) continue;
    const word = m[1]!.replace(/^.*(?:、|和|及)/, '');
    out.push({
      rate: q,
      word,
      growth: GROWTH.test(before) || /增长率|增速|效率/.test(word),
      mayExceed: /完成|增长|增速|效率/.test(word),
      figures: figures.slice(-MAX_LISTED),
    });
  }
  return out;
}

const cache = new WeakMap<DocumentModel, Claims>();

export function claimsOf(model: DocumentModel): Claims {
  let c = cache.get(model);
  if (c) return c;
  c = { quantities: [], counts: [], partTotals: [], rates: [] };
  const bodyStart = model.outlineBlock ? model.outlineBlock.last + 1 : 0;
  for (const p of model.paragraphs) {
    if (p.index < bodyStart || p.index === model.title) continue;
    const qs = extractQuantities(p);
    // One element at a time: a spread of a paragraph's 200 000 figures would overflow the stack.
    for (const q of qs) c.quantities.push(q);
    for (const x of extractCounts(p)) c.counts.push(x);
    for (const x of extractPartTotals(qs, p)) c.partTotals.push(x);
    for (const x of extractRates(qs, p)) c.rates.push(x);
  }
  cache.set(model, c);
  return c;
}
