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
  /** Every accepted spelling of every member, by its first character, longest first. */
  byFirst: Map<string, Spelling[]>;
  /** The canonical order as a reader would write it. */
  canonical: string;
  /** From the built-in dictionary, whose sources have translations (a config entry's source is shown as written). */
  builtIn: boolean;
}

type Translate = RuleContext<unknown>['t'];

function compile(entry: FormulationEntry, builtIn: boolean): CompiledEntry {
  const byFirst = new Map<string, Spelling[]>();
  const add = (member: number, text: string): void => {
    if (!text) return;
    const list = byFirst.get(text[0]!) ?? [];
    if (!list.some((s) => s.text === text)) list.push({ member, text });
    byFirst.set(text[0]!, list);
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
  const list = c.byFirst.get(text[at] ?? '');
  return list?.find((s) => text.startsWith(s.text, at));
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

function checkLists(c: CompiledEntry, p: Paragraph, report: (r: Report) => void, t: Translate): void {
  const text = p.text;
  const n = c.entry.members.length;
  if (n < 2) return;
  let i = 0;
  while (i < text.length) {
    const first = spellingAt(c, text, i);
    if (!first) {
      i++;
      continue;
    }
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

const QUOTE_CHARS = new Set(['“', '”', '"', '‘', '’', '「', '」']);

interface Plain {
  text: string;
  /** For each character of `text`, its offset in the paragraph. */
  at: number[];
}

function withoutQuotes(s: string): Plain {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (QUOTE_CHARS.has(s[i]!)) continue;
    text += s[i];
    at.push(i);
  }
  return { text, at };
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

function checkMisWritings(entries: readonly CompiledEntry[], p: Paragraph, report: (r: Report) => void, t: Translate): void {
  const plain = withoutQuotes(p.text);
  const seen = new Set<string>();
  for (const c of entries) {
    for (const mw of c.entry.misWritings ?? []) {
      if (!mw.wrong || mw.wrong === mw.right) continue;
      for (let k = plain.text.indexOf(mw.wrong); k >= 0; k = plain.text.indexOf(mw.wrong, k + mw.wrong.length)) {
        if (insideRight(plain.text, k, mw)) continue;
        const key = `${k}:${mw.wrong}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const start = plain.at[k]!;
        const end = plain.at[k + mw.wrong.length - 1]! + 1;
        // Replace only what differs, so quotes the draft put around the term stay where they are.
        const pre = commonPrefix(mw.wrong, mw.right);
        const suf = commonSuffix(mw.wrong, mw.right, pre);
        const fromK = k + pre;
        const toK = k + mw.wrong.length - suf;
        const fixStart = fromK < toK ? plain.at[fromK]! : fromK > k ? plain.at[fromK - 1]! + 1 : start;
        const fixEnd = fromK < toK ? plain.at[toK - 1]! + 1 : fixStart;
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
    for (const p of model.paragraphs) {
      for (const c of entries) checkLists(c, p, report, t);
      checkMisWritings(entries, p, report, t);
    }
  },
};
