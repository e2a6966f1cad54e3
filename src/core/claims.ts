/**
 * The claims layer: every figure with its unit and the phrase it measures, every count that
 * announces items (我讲三点意见, A、B、C三个方面), every total with its parts (共…其中…) and
 * every rate with the figures it derives from. The quantitative rules only compare what this
 * module extracts; it reads the model once per document and is cached on it.
 *
 * Everything but the mapping to the source is read from one paragraph's text alone, in offsets
 * relative to it, so a rule's memo (RuleContext.memo) can keep a paragraph's claims from one lint
 * to the next: after a keystroke only the edited paragraph is read again.
 */
import { parseChineseNumeral } from './numerals';
import { paragraphRange, type DocumentModel, type Paragraph } from './model';
import type { Range } from './text';
import type { RuleContext } from './types';

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
/** Words before a figure that make it a bound (约300人). None holds a digit, and no two end alike. */
const BOUND_BEFORE = ['约', '近', '超过', '逾', '不少于', '达'];
// Bounded and anchored on the number: no backtracking over the line. Sticky: nextQuantity tries it
// only where a figure can start.
const QUANTITY = new RegExp(`(${BOUND_BEFORE.join('|')})?(\\d{1,12}(?:\\.\\d{1,6})?)(万|亿)?(余|多)?(${UNIT_RE})`, 'y');
/** The length of the bound word that ends with a character, by its code. */
const BOUND_ENDING = new Map(BOUND_BEFORE.map((w) => [w.charCodeAt(w.length - 1), w.length]));
const DIGIT = /\d/g;

/**
 * The next match of QUANTITY at or after `from`, as a search with the g flag would find it: a
 * match starts with a digit or with a bound word right before one, so only the digits are visited
 * and the pattern tried at each (after the bound word that ends right before it, if any), which
 * spares the search trying every character of a paragraph that is mostly words.
 */
function nextQuantity(t: string, from: number): RegExpExecArray | null {
  DIGIT.lastIndex = from;
  // test() rather than exec(): no match object for every digit.
  while (DIGIT.test(t)) {
    const at = DIGIT.lastIndex - 1;
    const bound = BOUND_ENDING.get(t.charCodeAt(at - 1));
    if (bound !== undefined && at - bound >= from) {
      QUANTITY.lastIndex = at - bound;
      const m = QUANTITY.exec(t);
      if (m) return m;
    }
    QUANTITY.lastIndex = at;
    const m = QUANTITY.exec(t);
    if (m) return m;
  }
  return null;
}

const QUALIFIER = /\d{4}年度?|[上下]半年|[一二三四]季度|\d{1,2}月份?|去年|前年|上一?年度?|明年|下一?年度|近[一二三四五两]年|[两三四五]年来|“?十[一二三四五六]五”?期间|累计|同比|环比|每[年月周天季]?|平均|人均|首次|新增|净增|计划|预计|力争/g;
/** Time words that only say "this year", the default time of a report. */
const DEFAULT_TIME = /全年|一年来|年内|今年以来|今年|本年度|本年/g;
const CLAUSE_BOUNDARY = /[，,；;：:。！？!?、（(“"]/;
const CLAUSE_END = /[，,；;：:。！？!?]/;
const SENTENCE_END = /[。！？!?；;]/;
/** A figure right after one of these is part of a longer number, a range (8-10个), an ordinal (第3次) or a date. */
const NOT_AFTER = /[-0123456789.．第－~～—]/;

/**
 * Character classes, one bit each, by UTF-16 code unit: the loops that walk a paragraph one
 * character at a time test `CLASSES[t.charCodeAt(i)] & CLAUSE_END_BIT` for what
 * `CLAUSE_END.test(t[i])` answers, with one load and no string made of the character.
 */
const CLASSES = new Uint8Array(0x10000);
const SENTENCE_END_BIT = 1;
const CLAUSE_END_BIT = 2;
const CLAUSE_BOUNDARY_BIT = 4;
const NOT_AFTER_BIT = 8;
/** For listedMembers, which reads backwards: marks that close and open a quote or bracket, words that join a last member. */
const CLOSER_BIT = 16;
const OPENER_BIT = 32;
const JOIN_BIT = 64;
/** The first characters of BREAKDOWN. */
const BREAKDOWN_BIT = 128;
function mark(re: RegExp, bit: number): void {
  const body = re.source.slice(1, -1);
  if (re.flags || !re.source.startsWith('[') || !re.source.endsWith(']') || /[\\^\]]|.-./.test(body)) throw new Error(`not a plain class: ${re.source}`);
  for (let i = 0; i < body.length; i++) CLASSES[body.charCodeAt(i)]! |= bit;
}
mark(SENTENCE_END, SENTENCE_END_BIT);
mark(CLAUSE_END, CLAUSE_END_BIT);
mark(CLAUSE_BOUNDARY, CLAUSE_BOUNDARY_BIT);
mark(NOT_AFTER, NOT_AFTER_BIT);
mark(/[”》）)]/, CLOSER_BIT);
mark(/[“《（(]/, OPENER_BIT);
mark(/[和及与或]/, JOIN_BIT);
mark(/[其分]/, BREAKDOWN_BIT);
const DUN = 0x3001; // 、
const DENG = 0x7b49; // 等
const isClauseEnd = (code: number): boolean => (CLASSES[code]! & CLAUSE_END_BIT) !== 0;
const isSentenceEnd = (code: number): boolean => (CLASSES[code]! & SENTENCE_END_BIT) !== 0;
/** /[\u4e00-\u9fff]/ */
const isCjkUnit = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

/** Words right after a figure that make it a bound (85%以上), not a figure. Sticky, tried where the figure ends. */
const BOUND_AFTER = /以上|以下|左右|上下|有余/y;
/** A sentence that breaks a total into parts: its figures are no stand-alone measures. Sticky, tried at 其 and 分. */
const BREAKDOWN = /其中|分别/y;
/** 的 ends the noun after a figure: 20次的基础上. */
const DE = 0x7684;

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
 * The matches are read as the figures need them, from the figure's sentence on: none holds a
 * sentence end, so those before the sentence cannot reach it, and a scan that starts at the
 * sentence finds the same ones in it as a scan of the whole paragraph.
 *
 * Plain objects and functions rather than classes: V8 drops the optimised code that built class
 * instances when a full GC finds none alive, and a lint after such a GC would run unoptimised.
 */
interface Qualifiers {
  qualifier: Matches;
  time: Matches;
  /** The offsets of the paragraph's clause marks, known at least up to each figure asked about. */
  clauseEnds: readonly number[];
  from: number;
  /** Index in clauseEnds of the last clause end before the match being placed. */
  clause: number;
  /** The clause of the last match taken, its qualifiers, and where that match starts. */
  clauseStart: number;
  words: Set<string>;
  sorted: string[];
  lastMatch: number;
}

function qualifiersOf(t: string, clauseEnds: readonly number[]): Qualifiers {
  return { qualifier: matchesOf(QUALIFIER, t, true), time: matchesOf(DEFAULT_TIME, t, false), clauseEnds, from: 0, clause: -1, clauseStart: -1, words: new Set(), sorted: [], lastMatch: -1 };
}

/** The qualifiers of a figure at `at` in the sentence that starts at `sentenceStart`. */
function qualifiersAt(s: Qualifiers, at: number, sentenceStart: number): string[] {
  if (sentenceStart > s.from) {
    s.from = sentenceStart;
    skipTo(s.qualifier, sentenceStart);
    skipTo(s.time, sentenceStart);
  }
  const ends = s.clauseEnds;
  for (;;) {
    // The matches in order of their ends (then starts), a qualifier before a time word on a tie.
    const q = s.qualifier;
    const d = s.time;
    const source = q.end < 0 ? d : d.end < 0 || q.end < d.end || (q.end === d.end && q.index <= d.index) ? q : d;
    if (source.end < 0 || source.end > at) break;
    const index = source.index;
    const text = source.text;
    read(source);
    while (s.clause + 1 < ends.length && ends[s.clause + 1]! < index) s.clause++;
    while (s.clause >= 0 && ends[s.clause]! >= index) s.clause--;
    const clauseStart = s.clause < 0 ? 0 : ends[s.clause]! + 1;
    if (clauseStart !== s.clauseStart) {
      s.clauseStart = clauseStart;
      s.words = new Set();
      s.sorted = [];
    }
    if (text !== undefined && !s.words.has(text)) {
      s.words.add(text);
      s.sorted = [...s.words].sort();
    }
    s.lastMatch = index;
  }
  return s.lastMatch >= sentenceStart ? s.sorted : [];
}

/**
 * One pattern's matches in a text, read one at a time: the next one not yet taken (end -1 when
 * there is none). Keeps its own position: other code (subjectOf's replace) resets the shared
 * pattern's lastIndex in between.
 */
interface Matches {
  re: RegExp;
  t: string;
  keepText: boolean;
  index: number;
  end: number;
  text: string | undefined;
  position: number;
}

function matchesOf(re: RegExp, t: string, keepText: boolean): Matches {
  const m: Matches = { re, t, keepText, index: -1, end: -1, text: undefined, position: 0 };
  read(m);
  return m;
}

function read(m: Matches): void {
  m.re.lastIndex = m.position;
  const found = m.re.exec(m.t);
  if (!found) {
    m.index = m.end = -1;
    m.position = m.t.length;
    return;
  }
  m.index = found.index;
  m.end = m.position = found.index + found[0].length;
  m.text = m.keepText ? found[0] : undefined;
}

/** Drops the matches that start before `from`. */
function skipTo(m: Matches, from: number): void {
  if (m.end < 0 || m.index >= from) return;
  m.position = from;
  read(m);
}

/** The figures of a paragraph, in offsets relative to its text. */
type LocalQuantity = Omit<Quantity, 'paragraph' | 'range'>;

function extractQuantities(t: string): LocalQuantity[] {
  const out: LocalQuantity[] = [];
  let m = nextQuantity(t, 0);
  // Most paragraphs hold no figure: nothing more is read of them.
  if (!m) return out;
  let qualifiers: Qualifiers | undefined;
  // One walk over the paragraph, a whole sentence at a time as far as the figures reach: the
  // clause marks (for each figure's clause, context and qualifiers) and whether the sentence
  // breaks a total into parts (其中, 分别), which makes its figures no stand-alone measures.
  const clauseEnds: number[] = [];
  let sentence = -1;
  let sentenceStart = 0;
  let sentenceEnd = -1;
  let breakdown = false;
  let clause = -1;
  for (; m; m = nextQuantity(t, m.index + m[0].length)) {
    const at = m.index + (m[1]?.length ?? 0);
    if (m.index > 0 && CLASSES[t.charCodeAt(m.index - 1)]! & NOT_AFTER_BIT) continue;
    while (sentenceEnd < m.index) {
      sentence++;
      sentenceStart = sentenceEnd + 1;
      breakdown = false;
      let i = sentenceStart;
      for (; i < t.length; i++) {
        const c = CLASSES[t.charCodeAt(i)]!;
        if (c & CLAUSE_END_BIT) {
          clauseEnds.push(i);
          if (c & SENTENCE_END_BIT) break;
        } else if (c & BREAKDOWN_BIT && !breakdown) {
          BREAKDOWN.lastIndex = i;
          breakdown = BREAKDOWN.test(t);
        }
      }
      sentenceEnd = i;
    }
    while (clause + 1 < clauseEnds.length && clauseEnds[clause + 1]! < m.index) clause++;
    const lastClauseEnd = clause < 0 ? -1 : clauseEnds[clause]!;
    let clauseStart = m.index;
    while (clauseStart > sentenceStart && !(CLASSES[t.charCodeAt(clauseStart - 1)]! & CLAUSE_BOUNDARY_BIT) && m.index - clauseStart < 24) clauseStart--;
    const multiplier = m[3] === '万' ? 1e4 : m[3] === '亿' ? 1e8 : 1;
    const num = m[2]!;
    const end = m.index + m[0].length;
    BOUND_AFTER.lastIndex = end;
    const bound = BOUND_AFTER.test(t);
    let objEnd = end;
    while (objEnd < t.length && objEnd - end < 8 && isCjkUnit(t.charCodeAt(objEnd)) && t.charCodeAt(objEnd) !== DE) objEnd++;
    const clauseBegin = Math.max(sentenceStart, lastClauseEnd + 1);
    out.push({
      start: at,
      end,
      raw: t.slice(at, end),
      value: Number(num) * multiplier,
      decimals: num.includes('.') ? num.length - num.indexOf('.') - 1 : 0,
      unit: m[5] === '％' ? '%' : m[5]!,
      approx: Boolean(m[4]) || (m[1] !== undefined && m[1] !== '达') || bound,
      subject: subjectOf(t.slice(clauseStart, m.index)),
      object: bound ? '' : t.slice(end, objEnd),
      qualifiers: qualifiersAt((qualifiers ??= qualifiersOf(t, clauseEnds)), m.index, sentenceStart),
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
    const code = t.charCodeAt(i);
    const c = CLASSES[code]!;
    if (c & CLOSER_BIT) depth++;
    else if (c & OPENER_BIT) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (code === DUN) commas++;
      else if (code === DENG) return undefined;
      else if (c & CLAUSE_END_BIT) break;
      else if (commas === 0 && (c & JOIN_BIT) !== 0 && !joined) joined = true;
    }
  }
  if (commas === 0) return undefined;
  return commas + 1 + (joined ? 1 : 0);
}

/** A count as its paragraph's text alone determines it: `start` and `end` relative to the paragraph. */
type LocalCount = Omit<CountClaim, 'paragraph' | 'range'> & { start: number };

function extractCounts(t: string): LocalCount[] {
  const out: LocalCount[] = [];
  ANNOUNCE.lastIndex = 0;
  for (let m = ANNOUNCE.exec(t); m; m = ANNOUNCE.exec(t)) {
    const count = countValue(m[1]!);
    if (Number.isNaN(count)) continue;
    out.push({ kind: 'announce', start: m.index, end: m.index + m[0].length, count, raw: m[0] });
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
    out.push({ kind: 'listed', start: s, end: s + m[0].length, count, members, raw: m[0] });
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

/** A total and its parts as indices into the paragraph's figures. */
interface LocalPartTotal {
  total: number;
  parts: number[];
}

/** A total (共有党员46名) and the parts that the clause after its 其中 lists (其中女党员19名、…). */
function extractPartTotals(qs: readonly LocalQuantity[], t: string): LocalPartTotal[] {
  const out: LocalPartTotal[] = [];
  if (!qs.length || t.indexOf('其中') < 0) return out;
  TOTAL_WORD.lastIndex = 0;
  const totalWords = [...t.matchAll(TOTAL_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (!totalWords.length) return out;
  // Totals come in order, so every look-up below moves forward: the clause marks, the total words
  // (共, 合计, …), the next 其中 and the next sentence end are each found once.
  let scanned = 0;
  let lastClauseEnd = -1;
  let word = -1;
  let sentenceEnd = -1;
  let qiFrom = Infinity;
  let qiFound = -1;
  let qiClauseEnd = -1;
  const chainEnd = new Map<number, number>();
  for (let i = 0; i < qs.length; i++) {
    const total = qs[i]!;
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
    const parts: number[] = [];
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
      if (q.unit === total.unit && !q.approx && !/增加|减少|新增|较|比/.test(q.subject) && depth === 0) parts.push(k);
    }
    if (parts.length) out.push({ total: i, parts });
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
function firstAfter(qs: readonly LocalQuantity[], at: number): number {
  let lo = 0;
  let hi = qs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid]!.start > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A rate and the figures before it as indices into the paragraph's figures. */
interface LocalRate extends Omit<RateClaim, 'rate' | 'figures'> {
  rate: number;
  figures: number[];
}

function extractRates(qs: readonly LocalQuantity[], t: string): LocalRate[] {
  const out: LocalRate[] = [];
  // The figures of the current sentence so far, with one unit (not a rate or a change of one).
  let sentence = -1;
  let figures: number[] = [];
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (q.sentence !== sentence) {
      sentence = q.sentence;
      figures = [];
    }
    if (q.unit !== '%') {
      if (q.unit !== '个百分点') figures.push(i);
      continue;
    }
    const before = t.slice(Math.max(0, q.start - 16), q.start).split(/[，,；;。：:]/).pop() ?? '';
    const m = RATE_WORD.exec(before);
    if (!m) continue;
    const word = m[1]!.replace(/^.*(?:、|和|及)/, '');
    out.push({
      rate: i,
      word,
      growth: GROWTH.test(before) || /增长率|增速|效率/.test(word),
      mayExceed: /完成|增长|增速|效率/.test(word),
      figures: figures.slice(-MAX_LISTED),
    });
  }
  return out;
}

/** What one paragraph's text yields, in offsets relative to it: all but where it lies in the source. */
interface ParagraphClaims {
  readonly quantities: readonly LocalQuantity[];
  readonly counts: readonly LocalCount[];
  readonly partTotals: readonly LocalPartTotal[];
  readonly rates: readonly LocalRate[];
}

/** What most paragraphs yield: one object for them all, rather than four empty lists each. */
const NOTHING: ParagraphClaims = { quantities: [], counts: [], partTotals: [], rates: [] };

function extract(t: string): ParagraphClaims {
  const quantities = extractQuantities(t);
  const counts = extractCounts(t);
  if (!quantities.length && !counts.length) return NOTHING;
  return { quantities, counts, partTotals: extractPartTotals(quantities, t), rates: extractRates(quantities, t) };
}

function placeQuantity(q: LocalQuantity, p: Paragraph): Quantity {
  return {
    paragraph: p.index,
    start: q.start,
    end: q.end,
    range: paragraphRange(p, q.start, q.end),
    raw: q.raw,
    value: q.value,
    decimals: q.decimals,
    unit: q.unit,
    approx: q.approx,
    subject: q.subject,
    object: q.object,
    qualifiers: q.qualifiers,
    sentence: q.sentence,
    context: q.context,
    breakdown: q.breakdown,
  };
}

function placeCount(x: LocalCount, p: Paragraph): CountClaim {
  const range = paragraphRange(p, x.start, x.end);
  if (x.kind === 'announce') return { kind: x.kind, paragraph: p.index, end: x.end, range, count: x.count, raw: x.raw };
  return { kind: x.kind, paragraph: p.index, end: x.end, range, count: x.count, members: x.members, raw: x.raw };
}

const cache = new WeakMap<DocumentModel, Claims>();

/**
 * The claims of the draft, read once per model: the first figure rule to run reads them, the
 * others share its result. A rule passes its `memo`, so that a LintCache keeps each paragraph's
 * claims under the paragraph's text and only an edited paragraph is read again; such a rule keeps
 * nothing else in its memo under a paragraph's text.
 */
export function claimsOf(model: DocumentModel, memo?: RuleContext<unknown>['memo']): Claims {
  let c = cache.get(model);
  if (c) return c;
  c = { quantities: [], counts: [], partTotals: [], rates: [] };
  const { quantities, counts, partTotals, rates } = c;
  const bodyStart = model.outlineBlock ? model.outlineBlock.last + 1 : 0;
  for (const p of model.paragraphs) {
    if (p.index < bodyStart || p.index === model.title) continue;
    const local = memo ? memo(p.text, () => extract(p.text)) : extract(p.text);
    const base = quantities.length;
    // One element at a time: a spread of a paragraph's 200 000 figures would overflow the stack.
    for (const q of local.quantities) quantities.push(placeQuantity(q, p));
    for (const x of local.counts) counts.push(placeCount(x, p));
    for (const x of local.partTotals) partTotals.push({ total: quantities[base + x.total]!, parts: x.parts.map((k) => quantities[base + k]!) });
    for (const x of local.rates) {
      rates.push({ rate: quantities[base + x.rate]!, word: x.word, growth: x.growth, mayExceed: x.mayExceed, figures: x.figures.map((k) => quantities[base + k]!) });
    }
  }
  cache.set(model, c);
  return c;
}
