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
  /** Per member, per spelling, the code units it is made of, the rarest first (see `present`). */
  needs: Uint16Array[][];
  /** A unit every list of the entry holds (the rarest of its rarest member), or -1: one lookup rules most entries out. */
  key: number;
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
  const needs = entry.members.map((m) => spellingsOf(entry, m).map(unitsOf));
  // The member least likely to occur first, so that most entries are ruled out by one lookup.
  needs.sort((a, b) => rarity(a) - rarity(b));
  return { entry, byFirst, canonical: entry.members.join(joiner), builtIn, needs, key: keyOf(needs) };
}

/** The rarest unit that every spelling of some member holds (-1 if none does). */
function keyOf(needs: Uint16Array[][]): number {
  let key = -1;
  for (const spellings of needs) {
    for (const u of spellings[0] ?? []) {
      if (!spellings.every((units) => units.includes(u))) continue;
      if (key < 0 || (UNIT_USE.get(u) ?? 0) < (UNIT_USE.get(key) ?? 0)) key = u;
    }
  }
  return key;
}

function spellingsOf(entry: FormulationEntry, member: string): string[] {
  return [member, ...(entry.variants?.[member] ?? [])].filter(Boolean);
}

/**
 * How many spellings of the built-in dictionary hold each code unit: a guide to how common it is
 * in drafts (党, 政, 治 are everywhere; 揽 is not), used to test the rarest unit first.
 */
const UNIT_USE = new Map<number, number>();
for (const f of FORMULATIONS) for (const m of f.members) for (const sp of spellingsOf(f, m)) for (const u of new Set(codeUnits(sp))) UNIT_USE.set(u, (UNIT_USE.get(u) ?? 0) + 1);

function codeUnits(s: string): number[] {
  return Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
}

/** The distinct UTF-16 code units of a string, the rarest first. */
function unitsOf(s: string): Uint16Array {
  return Uint16Array.from(new Set(codeUnits(s))).sort((a, b) => (UNIT_USE.get(a) ?? 0) - (UNIT_USE.get(b) ?? 0));
}

/** How common a member's likeliest spelling's rarest unit is. */
function rarity(spellings: Uint16Array[]): number {
  return Math.max(...spellings.map((u) => UNIT_USE.get(u[0]!) ?? 0));
}

interface Dictionary {
  entries: readonly CompiledEntry[];
  misWritings: readonly MisWritingOf[];
}

function dictionary(entries: readonly CompiledEntry[]): Dictionary {
  const misWritings: MisWritingOf[] = [];
  for (const c of entries) {
    for (const mw of c.entry.misWritings ?? []) if (mw.wrong && mw.wrong !== mw.right) misWritings.push({ c, mw, needs: unitsOf(mw.wrong) });
  }
  return { entries, misWritings };
}

/** Compiled on the first lint, not when the extension or the CLI loads. */
let builtIn: Dictionary | undefined;
const builtInDictionary = (): Dictionary => (builtIn ??= dictionary(FORMULATIONS.map((f) => compile(f, true))));
/** Compiled once per config (keyed by its list of entries), not once per lint. */
const withConfig = new WeakMap<object, Dictionary>();

/** The built-in dictionary with the config's entries added; a config entry replaces a built-in one of the same term. */
function dictionaryFor(config: ResolvedConfig | undefined): Dictionary {
  const extra = config?.formulations ?? [];
  if (!extra.length) return builtInDictionary();
  let dict = withConfig.get(extra);
  if (dict) return dict;
  const terms = new Set(extra.map((f) => f.term));
  dict = dictionary([
    ...builtInDictionary().entries.filter((c) => !terms.has(c.entry.term)),
    ...extra.map((f) => compile({ term: f.term, count: f.members.length, members: f.members, source: f.source, ...(f.misWritings ? { misWritings: f.misWritings } : {}) }, false)),
  ]);
  withConfig.set(extra, dict);
  return dict;
}

// ---------------------------------------------------------------------------------------------
// Which code units the paragraph holds: a spelling can occur only where all of its units do, so
// one pass over the paragraph rules out almost every entry before any matching is tried.

const present = new Uint32Array(0x10000);
let stamp = 0;

function markUnits(text: string): void {
  if (++stamp === 0xffffffff) {
    present.fill(0);
    stamp = 1;
  }
  for (let i = 0; i < text.length; i++) present[text.charCodeAt(i)] = stamp;
}

function allPresent(units: Uint16Array): boolean {
  for (let k = 0; k < units.length; k++) if (present[units[k]!] !== stamp) return false;
  return true;
}

/** A list is reported only when it names every member, so an entry one of whose members cannot occur is skipped. */
function mayHoldAll(c: CompiledEntry): boolean {
  const needs = c.needs;
  for (let m = 0; m < needs.length; m++) {
    const spellings = needs[m]!;
    let any = false;
    for (let k = 0; k < spellings.length && !any; k++) any = allPresent(spellings[k]!);
    if (!any) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Lists: members joined by 、 ， , 和 及 以及 与 (quotes around members allowed).

const SEPARATORS = ['以及', '、', '，', ',', '和', '及', '与'] as const;
const QUOTES = ['“', '”', '"', '‘', '’', ' ', '\u3000'] as const;
/** At most this many separator tokens between two members (”、“ is three). */
const MAX_TOKENS = 4;
/** A list longer than this is not a formulation; stops a pathological paragraph early. */
const MAX_CHAIN = 64;
const TOKEN_FIRST = new Set([...SEPARATORS, ...QUOTES].map((s) => s.charCodeAt(0)));
const NO_OFFSETS: readonly number[] = [];

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
function afterSeparators(text: string, end: number): readonly number[] {
  // Most members are followed by ordinary text: no token, nothing to try.
  if (!TOKEN_FIRST.has(text.charCodeAt(end))) return NO_OFFSETS;
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
 * One finding of the rule, in offsets of the paragraph: what a paragraph's text yields, remembered
 * per text. Whether its fix may be offered depends on the paragraph's source (Markdown markup
 * inside the range), so that is decided when it is reported.
 */
interface Hit {
  start: number;
  end: number;
  message: string;
  fixStart: number;
  fixEnd: number;
  /** The replacement of [fixStart, fixEnd), when the rule would fix it. */
  fixText?: string;
  /** The fix replaces exactly the reported range (the finding and its fix share one range object). */
  sameRange?: boolean;
}

function checkLists(c: CompiledEntry, text: string, out: Hit[], t: Translate): void {
  const n = c.entry.members.length;
  if (n < 2 || (c.key >= 0 && present[c.key] !== stamp) || !mayHoldAll(c)) return;
  let i = 0;
  for (const at of startsOf(c, text)) {
    if (at < i) continue;
    i = at;
    const first = spellingAt(c, text, at)!;
    const items = chainFrom(c, text, first, i);
    for (let w = 0; w + n <= items.length; ) {
      if (!namesEvery(items, w, n)) {
        w++;
        continue;
      }
      if (standsAlone(text, items[w]!, 'start') && standsAlone(text, items[w + n - 1]!, 'end')) orderHit(c, text, items.slice(w, w + n), out, t);
      w += n;
    }
    i = items[items.length - 1]!.end;
  }
}

/** True when items[w, w + n) name n different members, that is, every member once. */
function namesEvery(items: readonly Item[], w: number, n: number): boolean {
  if (n > 30) return new Set(items.slice(w, w + n).map((it) => it.member)).size === n;
  let seen = 0;
  for (let k = w; k < w + n; k++) seen |= 1 << items[k]!.member;
  return seen === (1 << n) - 1;
}

/** The offsets where a spelling of the entry begins, in order. */
function startsOf(c: CompiledEntry, text: string): number[] {
  const at: number[] = [];
  for (const spellings of c.byFirst.values()) {
    for (const s of spellings) for (let k = text.indexOf(s.text); k >= 0; k = text.indexOf(s.text, k + 1)) at.push(k);
  }
  return at.sort((a, b) => a - b);
}

function orderHit(c: CompiledEntry, text: string, window: Item[], out: Hit[], t: Translate): void {
  if (window.every((it, k) => it.member === k)) return;
  const start = window[0]!.start;
  const end = window[window.length - 1]!.end;
  const written = text.slice(start, end);
  const term = c.entry.term;
  const message =
    term === c.canonical
      ? t('提法“{term}”顺序有误，此处顺序为“{written}”（出处：{source}）', { term, written, source: sourceOf(c, t) })
      : t('“{term}”应为“{canonical}”，此处顺序为“{written}”（出处：{source}）', { term, canonical: c.canonical, written, source: sourceOf(c, t) });
  const plainList = window.slice(1).every((it) => it.separator === '、');
  const hit: Hit = { start, end, message, fixStart: start, fixEnd: end, sameRange: true };
  if (plainList && !c.entry.members.some((m) => m.includes('、'))) {
    hit.fixText = [...window]
      .sort((a, b) => a.member - b.member)
      .map((it) => text.slice(it.start, it.end))
      .join('、');
  }
  out.push(hit);
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
  /** The code units of the wrong form: the text without quotes holds only units of the paragraph. */
  needs: Uint16Array;
}

function checkMisWritings(list: readonly MisWritingOf[], text: string, out: Hit[], t: Translate): void {
  // The copy without quotes is made only where some wrong form may occur.
  if (!list.some((m) => allPresent(m.needs))) return;
  const plain = withoutQuotes(text);
  const offset = (k: number): number => (plain.at ? plain.at()[k]! : k);
  const seen = new Set<string>();
  for (const { c, mw } of list) {
    let message: string | undefined;
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
      out.push({
        start,
        end,
        message: (message ??= t('提法有误：“{wrong}”应为“{right}”（“{term}”，出处：{source}）', { wrong: mw.wrong, right: mw.right, term: c.entry.term, source: sourceOf(c, t) })),
        fixStart,
        fixEnd,
        fixText: mw.right.slice(pre, mw.right.length - suf),
      });
    }
  }
}

/** A paragraph's findings, from its text alone. */
function analyse(dict: Dictionary, text: string, t: Translate): readonly Hit[] {
  markUnits(text);
  const out: Hit[] = [];
  for (const c of dict.entries) checkLists(c, text, out, t);
  checkMisWritings(dict.misWritings, text, out, t);
  return out.length ? out : NONE;
}

const NONE: readonly Hit[] = [];

function reportHit(p: Paragraph, h: Hit, report: (r: Report) => void): void {
  const range = paragraphRange(p, h.start, h.end);
  // A fix that inserts (fixStart = fixEnd) is offered where the whole wrong form is plain source.
  const editable = h.fixText !== undefined && (mapsExactly(p.segments, h.fixStart, h.fixEnd) || (h.fixStart === h.fixEnd && mapsExactly(p.segments, h.start, h.end)));
  if (!editable) return report({ range, message: h.message });
  report({ range, message: h.message, fix: { range: h.sameRange ? range : paragraphRange(p, h.fixStart, h.fixEnd), text: h.fixText! } });
}

// ---------------------------------------------------------------------------------------------

export const formulation: Rule = {
  id: 'formulation',
  description: '固定提法：列全组成项时按规范顺序书写（四个意识、四个自信、四风、新发展理念……），纠正已知错误写法',
  category: 'formulation',
  defaultSeverity: 'error',
  fixable: true,
  check({ model, config, report, t, memo }) {
    const dict = dictionaryFor(config);
    for (const p of model.paragraphs) {
      const hits = memo(p.text, () => analyse(dict, p.text, t));
      for (const h of hits) reportHit(p, h, report);
    }
  },
};
