import { paragraphRange, type Paragraph } from '../core/model';
import { mapsExactly } from '../core/source';
import type { ResolvedConfig } from '../core/config';
import type { Report, Rule, RuleContext } from '../core/types';
import { FORMULATIONS, type FormulationEntry, type MisWriting } from './data/formulations';

// ---------------------------------------------------------------------------------------------
// The dictionary, compiled for matching.

interface Spelling {
  /** Index of the canonical member this spelling stands for. */
  member: number;
  text: string;
}

interface CompiledEntry {
  entry: FormulationEntry;
  /** Every accepted spelling of every member, by its first UTF-16 code unit, longest first. */
  byFirst: Map<number, Spelling[]>;
  /** The canonical order as a reader would write it. */
  canonical: string;
  /** From the built-in dictionary, whose sources have translations (a config entry's source is shown as written). */
  builtIn: boolean;
}

type Translate = RuleContext<unknown>['t'];

function compile(entry: FormulationEntry, builtIn: boolean): CompiledEntry {
  const byFirst = new Map<number, Spelling[]>();
  const add = (member: number, text: string): void => {
    if (!text) return;
    const list = byFirst.get(text.charCodeAt(0)) ?? [];
    if (!list.some((s) => s.text === text)) list.push({ member, text });
    byFirst.set(text.charCodeAt(0), list);
  };
  entry.members.forEach((m, i) => {
    add(i, m);
    for (const v of entry.variants?.[m] ?? []) add(i, v);
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  // Members that hold a 、 themselves (两个维护) are listed with ，.
  const joiner = entry.members.some((m) => m.includes('、')) ? '，' : '、';
  return { entry, byFirst, canonical: entry.members.join(joiner), builtIn };
}

const BUILT_IN: readonly CompiledEntry[] = FORMULATIONS.map((f) => compile(f, true));

/** The built-in dictionary with the config's entries added; a config entry replaces a built-in one of the same term. */
function formulationsFor(config: ResolvedConfig | undefined): readonly CompiledEntry[] {
  const extra = config?.formulations ?? [];
  if (!extra.length) return BUILT_IN;
  const terms = new Set(extra.map((f) => f.term));
  return [
    ...BUILT_IN.filter((c) => !terms.has(c.entry.term)),
    ...extra.map((f) => compile({ term: f.term, count: f.members.length, members: f.members, source: f.source, ...(f.misWritings ? { misWritings: f.misWritings } : {}) }, false)),
  ];
}

// ---------------------------------------------------------------------------------------------
// Lists: members joined by 、 ， , 和 及 以及 与 (quotes around members allowed).

const SEPARATORS = ['以及', '、', '，', ',', '和', '及', '与'] as const;
const QUOTES = ['“', '”', '"', '‘', '’', ' ', '\u3000'] as const;
/** At most this many separator tokens between two members (”、“ is three). */
const MAX_TOKENS = 4;
/** A list longer than this is not a formulation; stops a pathological paragraph early. */
const MAX_CHAIN = 64;

interface Item {
  member: number;
  start: number;
  end: number;
  /** The text between this item and the previous one ('' for the first). */
  separator: string;
}

function spellingAt(c: CompiledEntry, text: string, at: number): Spelling | undefined {
  // Past the end charCodeAt gives NaN, which no key equals.
  const list = c.byFirst.get(text.charCodeAt(at));
  if (!list) return undefined;
  for (let k = 0; k < list.length; k++) if (text.startsWith(list[k]!.text, at)) return list[k];
  return undefined;
}

/** Offsets where a next member may start after `end`: one or more separator tokens, at least one a real separator. */
function afterSeparators(text: string, end: number): number[] {
  const out: number[] = [];
  let frontier: { at: number; real: boolean }[] = [{ at: end, real: false }];
  for (let step = 0; step < MAX_TOKENS && frontier.length; step++) {
    const next: { at: number; real: boolean }[] = [];
    for (const f of frontier) {
      for (const s of SEPARATORS) if (text.startsWith(s, f.at)) next.push({ at: f.at + s.length, real: true });
      for (const q of QUOTES) if (text.startsWith(q, f.at)) next.push({ at: f.at + q.length, real: f.real });
    }
    for (const n of next) if (n.real && !out.includes(n.at)) out.push(n.at);
    frontier = next;
  }
  return out.sort((a, b) => a - b);
}

function chainFrom(c: CompiledEntry, text: string, first: Spelling, start: number): Item[] {
  const items: Item[] = [{ member: first.member, start, end: start + first.text.length, separator: '' }];
  while (items.length < MAX_CHAIN) {
    const last = items[items.length - 1]!;
    let found: Item | undefined;
    for (const at of afterSeparators(text, last.end)) {
      const s = spellingAt(c, text, at);
      if (s) {
        found = { member: s.member, start: at, end: at + s.text.length, separator: text.slice(last.end, at) };
        break;
      }
    }
    if (!found) break;
    items.push(found);
  }
  return items;
}

const HAN = /\p{Script=Han}/u;
/** Words after which a short member (创新, 党史) starts a list even though a character precedes it. */
const LEAD_WORDS = ['的', '是', '把', '以', '对', '在', '为', '即', '和', '与', '及', '坚持', '贯彻', '践行', '树立', '秉持', '落实', '突出', '聚焦', '围绕', '学习', '学好', '倡导', '弘扬', '培育', '推动', '推进', '实现', '坚定', '增强', '体现', '深化', '强化'];
/** Words before which a short member ends a list even though a character follows it. */
const TRAIL_WORDS = ['的', '等', '和', '与', '及', '是', '这', '为', '之', '理念', '发展', '方面', '制度', '要求', '两', '三', '四', '五', '六', '七', '八', '十'];
const SHORT = 2;

/** A member of one or two characters counts at a list's edge only where it is a word of its own. */
function standsAlone(text: string, item: Item, edge: 'start' | 'end'): boolean {
  if (item.end - item.start > SHORT) return true;
  if (edge === 'start') {
    const before = text[item.start - 1];
    if (before === undefined || !HAN.test(before)) return true;
    return LEAD_WORDS.some((w) => text.endsWith(w, item.start));
  }
  const after = text[item.end];
  if (after === undefined || !HAN.test(after)) return true;
  return TRAIL_WORDS.some((w) => text.startsWith(w, item.end));
}

/** Where a formulation comes from, in the run's language when it is a built-in entry. */
function sourceOf(c: CompiledEntry, t: Translate): string {
  return c.builtIn ? t(c.entry.source) : c.entry.source;
}

/**
 * Where each entry's lists may start: one pass over the text finds the offsets whose character
 * begins a spelling of some entry, instead of one pass per entry (see StartLists).
 */
interface FirstIndex {
  /** For a UTF-16 code unit, 1 + its slot in `entries`, or 0 when no spelling starts with it. */
  slot: Int32Array;
  /** For each slot, the entries with a spelling that starts with that code unit. */
  entries: number[][];
}

const firstIndexes = new WeakMap<readonly CompiledEntry[], FirstIndex>();

function firstIndexOf(compiled: readonly CompiledEntry[]): FirstIndex {
  let index = firstIndexes.get(compiled);
  if (index) return index;
  index = { slot: new Int32Array(0x10000), entries: [] };
  compiled.forEach((c, e) => {
    for (const code of c.byFirst.keys()) {
      if (!index!.slot[code]) index!.slot[code] = index!.entries.push([]);
      const list = index!.entries[index!.slot[code]! - 1]!;
      if (list[list.length - 1] !== e) list.push(e);
    }
  });
  firstIndexes.set(compiled, index);
  return index;
}

/** Per entry, the offsets of one paragraph where it may start; buffers reused from paragraph to paragraph. */
class StartLists {
  readonly offsets: Int32Array[] = [];
  /** How many offsets each entry has in the current paragraph (0: the entry cannot start there). */
  readonly counts: Int32Array;

  constructor(size: number) {
    for (let e = 0; e < size; e++) this.offsets.push(new Int32Array(16));
    this.counts = new Int32Array(size);
  }

  fill(index: FirstIndex, text: string): void {
    this.counts.fill(0);
    for (let i = 0; i < text.length; i++) {
      const slot = index.slot[text.charCodeAt(i)]!;
      if (!slot) continue;
      for (const e of index.entries[slot - 1]!) {
        const k = this.counts[e]!;
        let buf = this.offsets[e]!;
        if (k === buf.length) {
          const grown = new Int32Array(buf.length * 2);
          grown.set(buf);
          this.offsets[e] = buf = grown;
        }
        buf[k] = i;
        this.counts[e] = k + 1;
      }
    }
  }
}

/** `starts[0, count)`: the offsets where a spelling of `c` may begin, in order (see StartLists). */
function checkLists(c: CompiledEntry, p: Paragraph, starts: Int32Array, count: number, report: (r: Report) => void, t: Translate): void {
  const text = p.text;
  const n = c.entry.members.length;
  if (n < 2) return;
  let i = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < i) continue;
    i = at;
    const first = spellingAt(c, text, i);
    if (!first) continue;
    const items = chainFrom(c, text, first, i);
    for (let w = 0; w + n <= items.length; ) {
      const window = items.slice(w, w + n);
      if (new Set(window.map((it) => it.member)).size !== n) {
        w++;
        continue;
      }
      const head = window[0]!;
      const tail = window[n - 1]!;
      if (standsAlone(text, head, 'start') && standsAlone(text, tail, 'end')) reportOrder(c, p, window, report, t);
      w += n;
    }
    i = items[items.length - 1]!.end;
  }
}

function reportOrder(c: CompiledEntry, p: Paragraph, window: Item[], report: (r: Report) => void, t: Translate): void {
  if (window.every((it, k) => it.member === k)) return;
  const text = p.text;
  const start = window[0]!.start;
  const end = window[window.length - 1]!.end;
  const written = text.slice(start, end);
  const term = c.entry.term;
  const message =
    term === c.canonical
      ? t('提法“{term}”顺序有误，此处顺序为“{written}”（出处：{source}）', { term, written, source: sourceOf(c, t) })
      : t('“{term}”应为“{canonical}”，此处顺序为“{written}”（出处：{source}）', { term, canonical: c.canonical, written, source: sourceOf(c, t) });
  const range = paragraphRange(p, start, end);
  const plainList = window.slice(1).every((it) => it.separator === '、');
  const fixable = plainList && !c.entry.members.some((m) => m.includes('、')) && mapsExactly(p.segments, start, end);
  const fixed = fixable
    ? [...window]
        .sort((a, b) => a.member - b.member)
        .map((it) => text.slice(it.start, it.end))
        .join('、')
    : undefined;
  report({ range, message, ...(fixed !== undefined ? { fix: { range, text: fixed } } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Mis-writings: matched with quotes ignored, so “五位一体”战略布局 is found too.

const QUOTE_CHARS = /[“”"‘’「」]/g;

interface Plain {
  text: string;
  /** The paragraph offset of each character of `text`; undefined when there are no quotes (the same offsets). */
  at: (() => Int32Array) | undefined;
}

function withoutQuotes(s: string): Plain {
  QUOTE_CHARS.lastIndex = 0;
  if (!QUOTE_CHARS.test(s)) return { text: s, at: undefined };
  // The offsets are needed only to report a mis-writing, which few paragraphs hold: made on demand.
  let at: Int32Array | undefined;
  const offsets = (): Int32Array => {
    if (at) return at;
    at = new Int32Array(s.length);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x201c || c === 0x201d || c === 0x22 || c === 0x2018 || c === 0x2019 || c === 0x300c || c === 0x300d) continue;
      at[n++] = i;
    }
    return at;
  };
  return { text: s.replace(QUOTE_CHARS, ''), at: offsets };
}

function commonPrefix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

function commonSuffix(a: string, b: string, prefix: number): number {
  let k = 0;
  while (k < a.length - prefix && k < b.length - prefix && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k;
}

/** True when the wrong form found at `k` is only part of the right form (a wrong that the right contains). */
function insideRight(plain: string, k: number, mw: MisWriting): boolean {
  for (let o = mw.right.indexOf(mw.wrong); o >= 0; o = mw.right.indexOf(mw.wrong, o + 1)) {
    if (k - o >= 0 && plain.startsWith(mw.right, k - o)) return true;
  }
  return false;
}

interface MisWritingOf {
  c: CompiledEntry;
  mw: MisWriting;
}

const misWritingLists = new WeakMap<readonly CompiledEntry[], MisWritingOf[]>();

/** The mis-writings to look for, in dictionary order, listed once per dictionary. */
function misWritingsOf(entries: readonly CompiledEntry[]): MisWritingOf[] {
  let list = misWritingLists.get(entries);
  if (!list) {
    list = [];
    for (const c of entries) {
      for (const mw of c.entry.misWritings ?? []) if (mw.wrong && mw.wrong !== mw.right) list.push({ c, mw });
    }
    misWritingLists.set(entries, list);
  }
  return list;
}

function checkMisWritings(entries: readonly CompiledEntry[], p: Paragraph, report: (r: Report) => void, t: Translate): void {
  const list = misWritingsOf(entries);
  // The text without quotes holds only characters of the paragraph: where no wrong form's first
  // character occurs in the paragraph, none can be found, and the copy need not be made.
  if (!list.some(({ mw }) => p.text.includes(mw.wrong[0]!))) return;
  const plain = withoutQuotes(p.text);
  const offset = (k: number): number => (plain.at ? plain.at()[k]! : k);
  const seen = new Set<string>();
  for (const { c, mw } of list) {
    for (let k = plain.text.indexOf(mw.wrong); k >= 0; k = plain.text.indexOf(mw.wrong, k + mw.wrong.length)) {
      if (insideRight(plain.text, k, mw)) continue;
      const key = `${k}:${mw.wrong}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const start = offset(k);
      const end = offset(k + mw.wrong.length - 1) + 1;
      // Replace only what differs, so quotes the draft put around the term stay where they are.
      const pre = commonPrefix(mw.wrong, mw.right);
      const suf = commonSuffix(mw.wrong, mw.right, pre);
      const fromK = k + pre;
      const toK = k + mw.wrong.length - suf;
      const fixStart = fromK < toK ? offset(fromK) : fromK > k ? offset(fromK - 1) + 1 : start;
      const fixEnd = fromK < toK ? offset(toK - 1) + 1 : fixStart;
      const fixText = mw.right.slice(pre, mw.right.length - suf);
      const editable = mapsExactly(p.segments, fixStart, fixEnd) || (fixStart === fixEnd && mapsExactly(p.segments, start, end));
      report({
        range: paragraphRange(p, start, end),
        message: t('提法有误：“{wrong}”应为“{right}”（“{term}”，出处：{source}）', { wrong: mw.wrong, right: mw.right, term: c.entry.term, source: sourceOf(c, t) }),
        ...(editable ? { fix: { range: paragraphRange(p, fixStart, fixEnd), text: fixText } } : {}),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------

export const formulation: Rule = {
  id: 'formulation',
  description: '固定提法：列全组成项时按规范顺序书写（四个意识、四个自信、四风、新发展理念……），纠正已知错误写法',
  category: 'formulation',
  defaultSeverity: 'error',
  fixable: true,
  check({ model, config, report, t }) {
    const entries = formulationsFor(config);
    const index = firstIndexOf(entries);
    const starts = new StartLists(entries.length);
    for (const p of model.paragraphs) {
      starts.fill(index, p.text);
      entries.forEach((c, e) => {
        if (starts.counts[e]) checkLists(c, p, starts.offsets[e]!, starts.counts[e]!, report, t);
      });
      checkMisWritings(entries, p, report, t);
    }
  },
};
