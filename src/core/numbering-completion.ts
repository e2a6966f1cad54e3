import type { DocumentModel, Section } from './model';
import { canonicalMarker, formatNumeral, inlineMarkerText, markerText, matchMarker, ORDER_FAMILY, renumbered, type MarkerLevel, type MarkerParts } from './markers';
import { DEFAULT_LOCALE, translate, type Locale } from './i18n';
import type { Range } from './text';

/**
 * Smart numbering completion (issue 8): what to offer where a drafter starts a numbered paragraph,
 * or types the numeral of the next inline item.
 *
 * - At the start of a line (after its indentation and, in Markdown, a `## ` prefix), with nothing
 *   typed yet or only the start of a marker (（, （三, 3): the next marker of the run of the last
 *   heading above (after （三） comes （四）), the first child of that heading when it has none yet,
 *   and the next marker of each enclosing level, nearest first. Before any heading: the first
 *   top-level marker. Nothing when the line already starts with a marker after the cursor.
 * - After a numeral typed right after punctuation (or at the start of a line), inside the stretch
 *   of an inline enumeration (一是…二是…): the next item, 三是; likewise 第三，after 第二，.
 * - Nothing in the middle of ordinary prose.
 */

export interface MarkerSuggestion {
  /** The marker to insert, e.g. '（四）', '3.', '三是'. */
  insert: string;
  /** The range of model.text it replaces (what the user already typed of it: '', '（', '三'). */
  replace: Range;
  /** A short description: '“（三）”之后的下一节' … */
  detail: string;
  /** Best first: 0, 1, 2 … */
  rank: number;
}

const MAX_CIRCLED = 20;

/** What may already be typed of a paragraph marker. */
const PARTIAL_MARKER = /^[（(]?(?:[一二三四五六七八九十]{0,3}|[0-9０-９]{0,2})[）)]?$/;
/** What may already be typed of an inline marker: 三, 十, 第, 第三. */
// {0,6}: the head it reads is six characters at most, and a bound keeps a long run linear.
const TYPED_INLINE = /第?[一二三四五六七八九十百]{0,6}$/;
/** Characters after which a reader sees an inline item start (as the model does). */
const INLINE_BOUNDARY = new Set([...'。！？；：，、,;:!?…）)”’"」』】 \t\u3000\u00a0']);

export function markerSuggestions(model: DocumentModel, offset: number, options: { locale?: Locale } = {}): MarkerSuggestion[] {
  const t = (template: string, data: Record<string, string>): string => translate(options.locale ?? DEFAULT_LOCALE, template, data);
  const { text, lines } = model;
  if (offset < 0 || offset > text.length) return [];
  const line = lines.lineAt(offset);
  const lineStart = lines.lineStart(line);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lines.lineEnd(line));
  const lead = (model.format === 'markdown' ? /^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?/ : /^[ \t\u3000]*/).exec(before)![0];
  const typed = before.slice(lead.length);
  const out: Array<Omit<MarkerSuggestion, 'rank'> & { order: number }> = [];

  if (PARTIAL_MARKER.test(typed) && !matchMarker(typed + after.trimStart()) && !matchMarker(after.trimStart())) {
    const replace = { start: offset - typed.length, end: offset };
    const prev = lastHeadingBefore(model, lineStart);
    const offer = (insert: string | undefined, detail: string, order: number): void => {
      if (insert !== undefined && startsLike(insert, typed)) out.push({ insert, replace, detail, order });
    };
    if (!prev) {
      // A loop, not Math.min(...levels): a spread of 200 000 sections overflows the stack.
      const top = (model.allSections.length ? model.allSections.reduce<number>((min, s) => Math.min(min, s.level), 5) : 1) as MarkerLevel;
      offer(markerOf(styleOf(model, top), top, 1), t('正文的第一节', {}), 0);
    } else {
      offer(next(prev), t('“{previous}”之后的下一节', { previous: prev.marker.text }), 0);
      if (!prev.children.length && prev.level < 5) {
        const level = (prev.level + 1) as MarkerLevel;
        offer(markerOf(styleOf(model, level), level, 1), t('“{parent}”下的第一项', { parent: prev.marker.text }), 1);
      }
      let order = 2;
      for (let a = prev.parent; a; a = a.parent) offer(next(a), t('“{previous}”之后的下一节', { previous: a.marker.text }), order++);
    }
  }

  out.push(...inlineSuggestions(model, offset, lineStart + lead.length, line, t));
  out.sort((a, b) => a.order - b.order);
  const seen = new Set<string>();
  return out
    .filter((s) => !seen.has(s.insert) && seen.add(s.insert))
    .map((s, rank) => ({ insert: s.insert, replace: s.replace, detail: s.detail, rank }));
}

/**
 * After Enter at `offset`, the end of a heading line whose section is still only its heading (the
 * heading line is the section's last paragraph, and it has no later sibling yet): what the new line
 * should start with, the next sibling's marker, after the heading's indentation and `## ` prefix.
 */
export function continuationOnEnter(model: DocumentModel, offset: number): string | undefined {
  const { text, lines } = model;
  if (offset < 0 || offset > text.length) return undefined;
  const line = lines.lineAt(offset);
  if (text.slice(offset, lines.lineEnd(line)).trim() !== '') return undefined;
  const s = model.allSections.find((x) => model.paragraphs[x.paragraph]!.line === line);
  if (!s) return undefined;
  const p = model.paragraphs[s.paragraph]!;
  if (s.children.length || s.range.end > p.range.end) return undefined;
  const siblings = (s.parent ? s.parent.children : model.sections).filter((x) => x.level === s.level);
  if (siblings[siblings.length - 1] !== s) return undefined;
  const marker = next(s);
  if (marker === undefined) return undefined;
  const lead = /^[ \t\u3000]*(?:#{1,6}[ \t]+)?/.exec(text.slice(lines.lineStart(line), s.marker.range.start))![0];
  return lead + marker;
}

// ---------------------------------------------------------------------------------------------

function lastHeadingBefore(model: DocumentModel, lineStart: number): Section | undefined {
  let found: Section | undefined;
  for (const s of model.allSections) {
    if (model.paragraphs[s.paragraph]!.range.start >= lineStart) break;
    found = s;
  }
  return found;
}

/** The marker after `s` in its run, written as `s` is. */
function next(s: Section): string | undefined {
  const value = s.marker.value + 1;
  if (s.marker.level === 5 && value > MAX_CIRCLED) return undefined;
  return renumbered(s.marker, value);
}

/** How the draft writes markers of a level (its most frequent style), else the canonical style. */
function styleOf(model: DocumentModel, level: MarkerLevel): MarkerParts {
  const counts = new Map<string, { n: number; parts: MarkerParts }>();
  for (const s of model.allSections) {
    if (s.marker.level !== level || s.level !== level) continue;
    const key = [s.marker.open, s.marker.close, s.marker.trail, /[０-９]/.test(s.marker.numeral)].join('\u0000');
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { n: 1, parts: s.marker });
  }
  let best: { n: number; parts: MarkerParts } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.parts ?? matchMarker(canonicalMarker(level, 1) + '甲')!;
}

function markerOf(style: MarkerParts, level: MarkerLevel, value: number): string {
  return markerText({ ...style, numeral: formatNumeral(level, value, style.numeral) });
}

/** Compares what was typed with a marker, taking （ and (, ３ and 3 as the same. */
function startsLike(insert: string, typed: string): boolean {
  const norm = (s: string): string =>
    s
      .replace(/\(/g, '（')
      .replace(/\)/g, '）')
      .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return insert.length > typed.length && norm(insert).startsWith(norm(typed));
}

function inlineSuggestions(
  model: DocumentModel,
  offset: number,
  contentStart: number,
  line: number,
  t: (template: string, data: Record<string, string>) => string,
): Array<Omit<MarkerSuggestion, 'rank'> & { order: number }> {
  const text = model.text;
  const head = text.slice(Math.max(contentStart, offset - 6), offset);
  const typed = TYPED_INLINE.exec(head)![0];
  if (!typed) return [];
  const start = offset - typed.length;
  if (start < contentStart) return [];
  if (start > contentStart && !INLINE_BOUNDARY.has(text[start - 1]!)) return [];
  // The stretch an inline run lives in starts at the last heading at or before the cursor.
  let stretch = 0;
  for (const s of model.allSections) {
    const p = model.paragraphs[s.paragraph]!;
    if (p.range.start > offset) break;
    stretch = p.range.start;
  }
  const latest = new Map<string, (typeof model.inlineRuns)[number]['markers'][number]>();
  for (const run of model.inlineRuns) {
    if (run.family === ORDER_FAMILY) continue;
    const first = run.markers[0]!;
    const last = run.markers[run.markers.length - 1]!;
    if (first.range.start < stretch || last.range.end > start) continue;
    const known = latest.get(run.family);
    if (!known || known.range.start < last.range.start) latest.set(run.family, last);
  }
  const out: Array<Omit<MarkerSuggestion, 'rank'> & { order: number }> = [];
  for (const [family, last] of latest) {
    const insert = inlineMarkerText(family, last.value + 1) + (family === '第' ? last.punct || '，' : '');
    if (!(insert.length > typed.length && insert.startsWith(typed))) continue;
    const sameLine = model.lines.lineAt(last.range.start) === line;
    out.push({ insert, replace: { start, end: offset }, detail: t('“{previous}”之后的下一项', { previous: last.raw }), order: sameLine ? -1 : 0.5 });
  }
  return out;
}
