import { buildModel, type DocumentModel, type Section } from './model';
import { canonicalMarker, formatNumeral, markerText, matchMarker, renumbered, type MarkerLevel, type MarkerParts } from './markers';
import { DEFAULT_LOCALE, translate, type Locale, type MessageData } from './i18n';
import { minimalEdit } from './edits';
import type { Fix } from './types';
import type { Range } from './text';

/**
 * Restructuring a draft (issue 8): moving, promoting, demoting, deleting and inserting numbered
 * sections, each a pure function from (model, operation) to edits that renumber every affected run.
 *
 * Semantics, in the words of the text:
 * - A section's *block* is its heading line (with the comment lines right above it, such as a
 *   `dangjian-disable-next-line`) through the line before the next heading that is not its own
 *   subsection; blank lines after it belong to it. A block is its *content* (up to the end of its
 *   last non-blank line) and its *separator* (the line break and blank lines after).
 * - moveUp / moveDown exchange the contents of two neighbouring siblings; the separators stay where
 *   they are, so moving down and up again gives back the text exactly.
 * - moveBefore(target) puts the block before target's block, at target's level; moveAfter(target)
 *   after target's block, at target's level; moveInto(target) after target's block as its last
 *   child, at the level of target's children (one deeper when it has none). A moved block takes
 *   the separator of the place it lands in.
 * - promote: the section becomes its parent's next sibling, at the parent's level, placed right
 *   after the parent's block (past its own later siblings, which stay). demote: the section becomes
 *   the last child of its previous sibling, at the level of that sibling's children (one deeper
 *   when it has none); its text stays. So demote then promote gives back the text, and promote then
 *   demote does when the section was its parent's last child.
 * - delete removes the block (with the separator after it; for the last block, the one before).
 *   insertAfter adds a sibling heading `（N）【待补：标题】` after the block and selects the placeholder.
 * - Runs touched are renumbered from one by position: the run the section leaves, the run it joins,
 *   and, when the level changes, every run of the moved subtree, whose markers are rewritten in the
 *   style the document uses for their new level (the run joined first, then the most frequent style
 *   of that level, then 一、 （一） 1. （1） ①). In Markdown, a heading that changes level takes the
 *   form the document gives that level elsewhere (a `## ` depth, or a plain line); where no other
 *   heading shows that level, a `#` heading goes one `#` deeper (or shallower) per level and a
 *   plain line stays plain. Markers of other runs are left as they are, even when wrong.
 * - The edits are checked by reading the new text again: if its markers are not the ones planned
 *   (a 1. that would run into the heading's digits, 1.2023年), the operation is refused.
 */

export type RestructureKind = 'moveUp' | 'moveDown' | 'promote' | 'demote' | 'delete' | 'insertAfter';
export type RestructureOp =
  | { kind: RestructureKind; section: number }
  | { kind: 'moveBefore' | 'moveInto' | 'moveAfter'; section: number; target: number };

export interface RestructurePlan {
  /** Non-overlapping edits against model.text, in text order; applied together they are one undo step. */
  edits: Fix[];
  /** Where the moved / inserted section's heading text lands, as offsets in the text AFTER the edits. */
  selection?: Range;
}
export interface RestructureRefusal {
  refused: string;
}

/** The heading text of a section added by insertAfter, selected so that typing replaces it. */
export const NEW_HEADING_PLACEHOLDER = '【待补：标题】';

const DEEPEST: MarkerLevel = 5;
const MAX_CIRCLED = 20;

export function restructure(model: DocumentModel, op: RestructureOp, options: { locale?: Locale } = {}): RestructurePlan | RestructureRefusal {
  const locale = options.locale ?? DEFAULT_LOCALE;
  try {
    return new Planner(model).plan(op);
  } catch (e) {
    if (e instanceof Refusal) return { refused: translate(locale, e.template, e.data) };
    throw e;
  }
}

/** The innermost section whose heading line or block holds `offset` (index into model.allSections). */
export function sectionIndexAt(model: DocumentModel, offset: number): number | undefined {
  const g = new Geometry(model);
  let found: number | undefined;
  model.allSections.forEach((_, i) => {
    const end = g.blockEnd(i);
    if (g.blockStart(i) <= offset && (offset < end || (end === model.text.length && offset === end))) found = i;
  });
  return found;
}

/** Which single-section operations make sense for this section now (for menus and context keys). */
export function availableOps(model: DocumentModel, section: number): Set<RestructureKind> {
  const out = new Set<RestructureKind>();
  const s = model.allSections[section];
  if (!s) return out;
  const run = runOf(model, s);
  const pos = run.indexOf(s);
  out.add('delete');
  if (!(isCircled(s) && run.length >= MAX_CIRCLED)) out.add('insertAfter');
  if (pos > 0) {
    out.add('moveUp');
    const level = childLevel(run[pos - 1]!, s);
    if (level + depthBelow(s) <= DEEPEST) out.add('demote');
  }
  if (pos < run.length - 1) out.add('moveDown');
  if (s.parent) out.add('promote');
  return out;
}

/**
 * What dropping `section` on `target` in the outline tree means: onto a higher-level section, it
 * becomes that section's last child; onto its next sibling, it moves after it (before it would
 * change nothing); onto any other section, it moves before it, at its level. Below the tree
 * (`target` undefined), it becomes the last top-level section. Undefined where nothing can happen.
 */
export function dropOperation(model: DocumentModel, section: number, target: number | undefined): RestructureOp | undefined {
  const s = model.allSections[section];
  if (!s) return undefined;
  if (target === undefined) {
    const last = model.sections[model.sections.length - 1];
    if (!last || last === s) return undefined;
    return { kind: 'moveAfter', section, target: model.allSections.indexOf(last) };
  }
  const t = model.allSections[target];
  if (!t || within(t, s)) return undefined;
  if (t.level < s.level) return { kind: 'moveInto', section, target };
  const run = runOf(model, s);
  if (run[run.indexOf(s) + 1] === t) return { kind: 'moveAfter', section, target };
  return { kind: 'moveBefore', section, target };
}

// ---------------------------------------------------------------------------------------------

class Refusal {
  constructor(
    readonly template: string,
    readonly data?: MessageData,
  ) {}
}

function refuse(template: string, data?: MessageData): never {
  throw new Refusal(template, data);
}

/** The siblings that count together with `s`: its parent's children of its level. */
function runOf(model: DocumentModel, s: Section): Section[] {
  return (s.parent ? s.parent.children : model.sections).filter((c) => c.level === s.level);
}

/** True when `s` is `root` or one of its subsections. */
function within(s: Section, root: Section): boolean {
  for (let x: Section | undefined = s; x; x = x.parent) if (x === root) return true;
  return false;
}

/** The level a section takes as `parent`'s last child: that of the children it has, else one deeper. */
function childLevel(parent: Section, moving: Section): number {
  const kids = parent.children.filter((c) => c !== moving);
  return kids.length ? kids[kids.length - 1]!.level : parent.level + 1;
}

/** How many levels the subtree reaches below its root. */
function depthBelow(s: Section): number {
  let d = 0;
  for (const c of s.children) d = Math.max(d, c.level - s.level + depthBelow(c));
  return d;
}

function isCircled(s: Section): boolean {
  return s.level === 5 || s.marker.level === 5;
}

const COMMENT_LINE = /^[ \t\u3000]*<!--(?:(?!-->)[^])*-->[ \t\u3000]*$/;

function isSpaceOrBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/** Where each section's block begins and ends in the text. */
class Geometry {
  private readonly starts: number[];
  private readonly lastInSubtree: number[];

  constructor(readonly model: DocumentModel) {
    const { lines, text } = model;
    this.starts = model.allSections.map((s) => {
      let line = lines.lineAt(model.paragraphs[s.paragraph]!.range.start);
      // A comment right above a heading (a disable-next-line, a note) travels with it.
      while (line > 0 && COMMENT_LINE.test(text.slice(lines.lineStart(line - 1), lines.lineEnd(line - 1)))) line--;
      return lines.lineStart(line);
    });
    const index = new Map(model.allSections.map((s, i) => [s, i]));
    this.lastInSubtree = model.allSections.map(function last(s): number {
      const kids = s.children;
      return kids.length ? last(kids[kids.length - 1]!) : index.get(s)!;
    });
  }

  get text(): string {
    return this.model.text;
  }

  blockStart(i: number): number {
    return this.starts[i]!;
  }

  /** One past the subtree: the index in allSections of the first section after it. */
  after(i: number): number {
    return this.lastInSubtree[i]! + 1;
  }

  /** The start of the next block that is not a subsection, or the end of the text. */
  blockEnd(i: number): number {
    return this.starts[this.after(i)] ?? this.text.length;
  }

  /** The end of the last non-blank line before `end` (and at or after `start`). */
  contentEnd(start: number, end: number): number {
    let p = end;
    while (p > start && isSpaceOrBreak(this.text.charCodeAt(p - 1))) p--;
    if (p === start) return start;
    return this.model.lines.lineEnd(this.model.lines.lineAt(p - 1));
  }

  /** The line break and blank lines right before `pos` (a line start), or '' when nothing precedes. */
  gapBefore(pos: number): string {
    const end = this.contentEnd(0, pos);
    return end === 0 ? '' : this.text.slice(end, pos);
  }
}

interface Assigned {
  level: MarkerLevel;
  value: number;
}

/** A replacement of part of a heading line: its ATX prefix (when it changes) through its marker. */
interface Rewrite {
  section: Section;
  range: Range;
  text: string;
  /** Where the new marker starts in `text`. */
  markerAt: number;
}

/** An edit being planned; `anchor` marks where the selection starts in its text. */
interface Draft extends Fix {
  anchor?: number;
}

interface AtxForm {
  depth: number;
  spacing: string;
}

const ATX = /^( {0,3})(#{1,6})([ \t]+)/;

class Planner {
  private readonly text: string;
  private readonly all: readonly Section[];
  private readonly g: Geometry;
  private readonly assigned = new Map<Section, Assigned>();
  /** Sections whose level changes, so whose marker and heading form are restyled. */
  private readonly restyled = new Set<Section>();
  /** The run each restyled root joins, whose style it takes first. */
  private joining: Section[] = [];

  constructor(private readonly model: DocumentModel) {
    this.text = model.text;
    this.all = model.allSections;
    this.g = new Geometry(model);
  }

  plan(op: RestructureOp): RestructurePlan {
    const s = this.all[op.section];
    if (!s) refuse('没有这一节');
    const run = runOf(this.model, s);
    const pos = run.indexOf(s);
    switch (op.kind) {
      case 'moveUp':
        if (pos === 0) refuse('“{marker}”已是同级第一项，无法上移', { marker: s.marker.text });
        return this.swap(run, pos - 1, s);
      case 'moveDown':
        if (pos === run.length - 1) refuse('“{marker}”已是同级最后一项，无法下移', { marker: s.marker.text });
        return this.swap(run, pos, s);
      case 'delete':
        return this.remove(s, run);
      case 'insertAfter':
        return this.insertAfter(s, run);
      case 'promote': {
        const parent = s.parent;
        if (!parent) refuse('“{marker}”已是最高一级，无法升级', { marker: s.marker.text });
        const into = runOf(this.model, parent);
        return this.move(s, run, parent.parent, parent.level, into, into.indexOf(parent) + 1, this.g.after(this.index(parent)));
      }
      case 'demote': {
        if (pos === 0) refuse('“{marker}”是同级第一项，前面没有可并入的一节，无法降级', { marker: s.marker.text });
        const prev = run[pos - 1]!;
        const level = childLevel(prev, s);
        const into = prev.children.filter((c) => c.level === level);
        return this.move(s, run, prev, level, into, into.length, this.index(s));
      }
      case 'moveBefore':
      case 'moveAfter':
      case 'moveInto': {
        const target = this.all[op.target];
        if (!target) refuse('没有这一节');
        if (within(target, s)) refuse('不能把一节移到它自身或它的下级之中');
        if (op.kind === 'moveInto') {
          const level = childLevel(target, s);
          const into = target.children.filter((c) => c.level === level && c !== s);
          return this.move(s, run, target, level, into, into.length, this.g.after(this.index(target)));
        }
        const into = runOf(this.model, target);
        const at = into.indexOf(target);
        if (target.parent === s.parent && target.level === s.level) {
          // Next to a sibling: an exchange, so that the separators stay put.
          if (op.kind === 'moveBefore' && at === pos - 1) return this.swap(run, pos - 1, s);
          if (op.kind === 'moveAfter' && at === pos + 1) return this.swap(run, pos, s);
        }
        if (op.kind === 'moveBefore') return this.move(s, run, target.parent, target.level, into, at, this.index(target));
        return this.move(s, run, target.parent, target.level, into, at + 1, this.g.after(this.index(target)));
      }
    }
  }

  private index(s: Section): number {
    return this.all.indexOf(s);
  }

  // -------------------------------------------------------------------------------------------
  // Numbering

  /** Numbers a run from one, in the given order; `null` stands for a heading being inserted. */
  private assignRun(members: readonly (Section | null)[], level: MarkerLevel): void {
    members.forEach((m, i) => {
      if (m) this.assigned.set(m, { level, value: i + 1 });
    });
  }

  /** Every run below `root` shifted by `delta` levels and renumbered. */
  private shiftSubtree(root: Section, delta: number): void {
    if (delta === 0) return;
    if (root.level + delta + depthBelow(root) > DEEPEST) refuse('层级已到最深一级“①”，无法再降级');
    const visit = (s: Section): void => {
      this.restyled.add(s);
      const byLevel = new Map<number, Section[]>();
      for (const c of s.children) byLevel.set(c.level, [...(byLevel.get(c.level) ?? []), c]);
      for (const [level, kids] of byLevel) this.assignRun(kids, (level + delta) as MarkerLevel);
      s.children.forEach(visit);
    };
    visit(root);
  }

  /** The marker parts a level is written with: as in `preferred`, else as most often in the draft, else canonically. */
  private styleOf(level: MarkerLevel, preferred: readonly Section[]): MarkerParts {
    const own = preferred.find((s) => s.marker.level === level && !this.restyled.has(s));
    if (own) return own.marker;
    const counts = new Map<string, { n: number; parts: MarkerParts }>();
    for (const s of this.all) {
      if (s.marker.level !== level || s.level !== level) continue;
      const m = s.marker;
      const key = [m.open, m.close, m.trail, /[０-９]/.test(m.numeral)].join('\u0000');
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { n: 1, parts: m });
    }
    let best: { n: number; parts: MarkerParts } | undefined;
    for (const c of counts.values()) if (!best || c.n > best.n) best = c;
    return best?.parts ?? matchMarker(canonicalMarker(level, 1) + '甲')!;
  }

  private markerFor(s: Section, a: Assigned): string {
    const circled = this.restyled.has(s) ? a.level === 5 : s.marker.level === 5;
    if (circled && a.value > MAX_CIRCLED) refuse('“①”类序号最多到“⑳”，无法再增加');
    if (!this.restyled.has(s)) return renumbered(s.marker, a.value);
    const style = this.styleOf(a.level, this.joining.includes(s) ? this.joining : []);
    return markerText({ ...style, numeral: formatNumeral(a.level, a.value, style.numeral) });
  }

  // -------------------------------------------------------------------------------------------
  // Markdown heading forms

  private atxOf(s: Section): (AtxForm & { hashes: Range; prefixEnd: number }) | undefined {
    if (this.model.format !== 'markdown') return undefined;
    const p = this.model.paragraphs[s.paragraph]!;
    if (p.kind !== 'heading') return undefined;
    const lineStart = this.model.lines.lineStart(p.line);
    const m = ATX.exec(this.text.slice(lineStart, p.range.start));
    if (!m) return undefined;
    const hashStart = lineStart + m[1]!.length;
    return { depth: m[2]!.length, spacing: m[3]!, hashes: { start: hashStart, end: hashStart + m[2]!.length }, prefixEnd: hashStart + m[2]!.length + m[3]!.length };
  }

  /** The form the draft gives headings of a level: an ATX depth, a plain line (null), or no example (undefined). */
  private formOfLevel(level: number): AtxForm | null | undefined {
    const counts = new Map<string, { n: number; form: AtxForm | null }>();
    for (const s of this.all) {
      if (s.level !== level || this.restyled.has(s)) continue;
      const atx = this.atxOf(s);
      const key = atx ? `${atx.depth}${atx.spacing}` : '';
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { n: 1, form: atx ? { depth: atx.depth, spacing: atx.spacing } : null });
    }
    let best: { n: number; form: AtxForm | null } | undefined;
    for (const c of counts.values()) if (!best || c.n > best.n) best = c;
    return best?.form;
  }

  /** The rewrite of a section's heading line for its assigned marker (and, when restyled in Markdown, its form). */
  private rewriteOf(s: Section): Rewrite {
    const a = this.assigned.get(s) ?? { level: s.level, value: s.marker.value };
    const marker = this.markerFor(s, a);
    if (marker !== s.marker.text && !s.marker.editable) refuse('序号“{marker}”中含有Markdown标记，无法自动改写', { marker: s.marker.text });
    const m = s.marker.range;
    if (this.model.format !== 'markdown' || !this.restyled.has(s)) return { section: s, range: { ...m }, text: marker, markerAt: 0 };
    const atx = this.atxOf(s);
    const wanted = this.formOfLevel(a.level);
    const form =
      wanted !== undefined ? wanted : atx ? { depth: Math.min(6, Math.max(1, atx.depth + a.level - s.level)), spacing: atx.spacing } : null;
    if (atx) {
      const between = this.text.slice(atx.prefixEnd, m.start);
      const prefix = form ? '#'.repeat(form.depth) + atx.spacing : '';
      return { section: s, range: { start: atx.hashes.start, end: m.end }, text: prefix + between + marker, markerAt: prefix.length + between.length };
    }
    if (!form) return { section: s, range: { ...m }, text: marker, markerAt: 0 };
    // A plain line becomes a heading: the hashes go before its indentation and bold, after any quote or list marker.
    const lineStart = this.model.lines.lineStart(this.model.lines.lineAt(m.start));
    let at = m.start;
    while (at > lineStart && /[ \t\u3000*_]/.test(this.text[at - 1]!)) at--;
    const prefix = '#'.repeat(form.depth) + form.spacing;
    const between = this.text.slice(at, m.start);
    return { section: s, range: { start: at, end: m.end }, text: prefix + between + marker, markerAt: prefix.length + between.length };
  }

  private rewrites(): Rewrite[] {
    return [...this.assigned.keys()].map((s) => this.rewriteOf(s)).sort((a, b) => a.range.start - b.range.start);
  }

  /** The text of [start, end) with the rewrites inside it applied; where `focus`'s new heading starts in it. */
  private rewritten(start: number, end: number, rewrites: readonly Rewrite[], focus?: Section): { text: string; heading: number } {
    let out = '';
    let at = start;
    let heading = -1;
    for (const r of rewrites) {
      if (r.range.start < start || r.range.end > end) continue;
      out += this.text.slice(at, r.range.start);
      if (r.section === focus) heading = out.length + r.markerAt;
      out += r.text;
      at = r.range.end;
    }
    return { text: out + this.text.slice(at, end), heading };
  }

  /** The length of `s`'s heading (marker through its first sentence) in the new text. */
  private headingLength(s: Section): number {
    const a = this.assigned.get(s);
    const marker = a ? this.markerFor(s, a) : s.marker.text;
    return marker.length + (s.headingRange.end - s.marker.range.end);
  }

  // -------------------------------------------------------------------------------------------
  // Operations

  /** Exchanges run[i] and run[i + 1], whose blocks are neighbours; `focus` is the one selected after. */
  private swap(run: readonly Section[], i: number, focus: Section): RestructurePlan {
    const first = run[i]!;
    const second = run[i + 1]!;
    const exchanged = [...run];
    exchanged[i] = second;
    exchanged[i + 1] = first;
    this.assignRun(exchanged, focus.level);
    const [fi, si] = [this.index(first), this.index(second)];
    const fStart = this.g.blockStart(fi);
    const fEnd = this.g.contentEnd(fStart, this.g.blockEnd(fi));
    const sStart = this.g.blockStart(si);
    const sEnd = this.g.contentEnd(sStart, this.g.blockEnd(si));
    const rewrites = this.rewrites();
    const a = this.rewritten(sStart, sEnd, rewrites, focus);
    const between = this.text.slice(fEnd, sStart);
    const b = this.rewritten(fStart, fEnd, rewrites, focus);
    const anchor = focus === second ? a.heading : a.text.length + between.length + b.heading;
    const drafts: Draft[] = [{ range: { start: fStart, end: sEnd }, text: a.text + between + b.text, anchor }];
    for (const r of rewrites) if (r.range.end <= fStart || r.range.start >= sEnd) drafts.push({ range: r.range, text: r.text });
    // Siblings of one run are neighbours: the second's subtree starts where the first's ends.
    const order = [...this.all.slice(0, fi), ...this.all.slice(si, this.g.after(si)), ...this.all.slice(fi, si), ...this.all.slice(this.g.after(si))];
    return this.finish(drafts, focus, order);
  }

  /**
   * Moves `s` out of `from` into `into` at position `at` (among `into` without `s`), as a child of
   * `parent` at `level`; its block goes before allSections[`before`] (or to the end of the text).
   */
  private move(s: Section, from: readonly Section[], parent: Section | undefined, level: number, into: readonly Section[], at: number, before: number): RestructurePlan {
    if (level > DEEPEST) refuse('层级已到最深一级“①”，无法再降级');
    const newRun: Section[] = into.filter((x) => x !== s);
    const position = into.indexOf(s) >= 0 && into.indexOf(s) < at ? at - 1 : at;
    newRun.splice(position, 0, s);
    const sameRun = parent === s.parent && level === s.level;
    if (!sameRun) this.assignRun(from.filter((x) => x !== s), s.level);
    this.joining = newRun;
    this.shiftSubtree(s, level - s.level);
    this.assignRun(newRun, level as MarkerLevel);
    const i = this.index(s);
    const start = this.g.blockStart(i);
    const end = this.g.blockEnd(i);
    const text = this.text;
    const beforeOffset = this.all[before] ? this.g.blockStart(before) : text.length;
    const rewrites = this.rewrites();
    const stays = beforeOffset === start || beforeOffset === end || before === i;
    if (stays) {
      const drafts: Draft[] = rewrites.map((r) => ({ range: r.range, text: r.text, ...(r.section === s ? { anchor: r.markerAt } : {}) }));
      return this.finish(drafts, s, [...this.all]);
    }
    const contentEnd = this.g.contentEnd(start, end);
    const content = this.rewritten(start, contentEnd, rewrites, s);
    const drafts: Draft[] = [];
    for (const r of rewrites) if (r.range.end <= start || r.range.start >= end) drafts.push({ range: r.range, text: r.text });
    const ownGap = this.g.gapBefore(start) || this.fallbackGap(contentEnd, end);
    if (end < text.length) drafts.push({ range: { start, end }, text: '' });
    else drafts.push({ range: { start: this.g.contentEnd(0, start), end: contentEnd }, text: '' });
    if (beforeOffset < text.length) {
      const gap = this.g.gapBefore(beforeOffset) || ownGap;
      drafts.push({ range: { start: beforeOffset, end: beforeOffset }, text: content.text + gap, anchor: content.heading });
    } else {
      const last = this.g.contentEnd(0, text.length);
      drafts.push({ range: { start: last, end: last }, text: ownGap + content.text, anchor: ownGap.length + content.heading });
    }
    const order = this.all.filter((_, k) => k < i || k >= this.g.after(i));
    const target = this.all[before];
    order.splice(target ? order.indexOf(target) : order.length, 0, ...this.all.slice(i, this.g.after(i)));
    return this.finish(drafts, s, order);
  }

  private remove(s: Section, run: readonly Section[]): RestructurePlan {
    this.assignRun(run.filter((x) => x !== s), s.level);
    const i = this.index(s);
    const start = this.g.blockStart(i);
    const end = this.g.blockEnd(i);
    const drafts: Draft[] = this.rewrites()
      .filter((r) => r.section !== s)
      .map((r) => ({ range: r.range, text: r.text }));
    const before = this.g.contentEnd(0, start);
    if (end < this.text.length || before === 0) drafts.push({ range: { start, end }, text: '' });
    else drafts.push({ range: { start: before, end: this.g.contentEnd(start, end) }, text: '' });
    return this.finish(drafts, undefined, this.all.filter((_, k) => k < i || k >= this.g.after(i)));
  }

  private insertAfter(s: Section, run: readonly Section[]): RestructurePlan {
    const pos = run.indexOf(s);
    const members: (Section | null)[] = [...run];
    members.splice(pos + 1, 0, null);
    this.assignRun(members, s.level);
    const marker = this.markerFor(s, { level: s.level, value: pos + 2 });
    const p = this.model.paragraphs[s.paragraph]!;
    const lineStart = this.model.lines.lineStart(p.line);
    const lead = /^[ \t\u3000]*(?:#{1,6}[ \t]+)?/.exec(this.text.slice(lineStart, s.marker.range.start))![0];
    const before = lead + marker;
    const line = before + NEW_HEADING_PLACEHOLDER + (s.headingEndsWithPeriod ? '。' : '');
    const i = this.index(s);
    const start = this.g.blockStart(i);
    const end = this.g.blockEnd(i);
    const drafts: Draft[] = this.rewrites().map((r) => ({ range: r.range, text: r.text }));
    if (end < this.text.length) {
      drafts.push({ range: { start: end, end }, text: line + this.g.gapBefore(end), anchor: before.length });
    } else {
      const contentEnd = this.g.contentEnd(start, end);
      const gap = this.g.gapBefore(start) || this.fallbackGap(contentEnd, end);
      drafts.push({ range: { start: contentEnd, end: contentEnd }, text: gap + line, anchor: gap.length + before.length });
    }
    const order: (Section | string)[] = [...this.all];
    order.splice(this.g.after(i), 0, marker);
    return this.finish(drafts, NEW_HEADING_PLACEHOLDER, order);
  }

  /** A separator for a block that has none before it: its own, else a line break of the draft's kind. */
  private fallbackGap(contentEnd: number, end: number): string {
    const own = this.text.slice(contentEnd, end);
    if (/[\r\n]/.test(own)) return own.replace(/[^\r\n]/g, '');
    return this.text.includes('\r\n') ? '\r\n' : /\r(?!\n)/.test(this.text) ? '\r' : '\n';
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Orders and joins the drafts into non-overlapping edits, works out the selection, checks that
   * the new text reads as planned (`order`: the sections, or new markers, in their new order),
   * and trims each edit to what it changes.
   */
  private finish(drafts: Draft[], focus: Section | string | undefined, order: readonly (Section | string)[]): RestructurePlan {
    const sorted = [...drafts].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    const merged: Draft[] = [];
    for (const d of sorted) {
      const prev = merged[merged.length - 1];
      if (prev && d.range.start < prev.range.end) throw new Error(`restructure: overlapping edits at ${d.range.start}`);
      if (prev && d.range.start === prev.range.end) {
        const anchor = d.anchor !== undefined ? prev.text.length + d.anchor : prev.anchor;
        merged[merged.length - 1] = { range: { start: prev.range.start, end: d.range.end }, text: prev.text + d.text, ...(anchor !== undefined ? { anchor } : {}) };
      } else merged.push({ ...d });
    }
    let out = '';
    let at = 0;
    let selection: Range | undefined;
    for (const d of merged) {
      out += this.text.slice(at, d.range.start);
      if (d.anchor !== undefined && focus !== undefined) {
        const start = out.length + d.anchor;
        const length = typeof focus === 'string' ? focus.length : this.headingLength(focus);
        selection = { start, end: start + length };
      }
      out += d.text;
      at = d.range.end;
    }
    out += this.text.slice(at);
    this.verify(out, order);
    const edits: Fix[] = [];
    for (const d of merged) {
      const e = minimalEdit(this.text.slice(d.range.start, d.range.end), d.text);
      if (e) edits.push({ range: { start: d.range.start + e.range.start, end: d.range.start + e.range.end }, text: e.text });
    }
    return selection ? { edits, selection } : { edits };
  }

  private verify(text: string, order: readonly (Section | string)[]): void {
    const expected = order.map((x) => {
      if (typeof x === 'string') return x;
      const a = this.assigned.get(x);
      return a ? this.markerFor(x, a) : x.marker.text;
    });
    const found = buildModel(text, this.model.format).allSections.map((s) => s.marker.text);
    if (found.length !== expected.length || found.some((m, k) => m !== expected[k])) {
      refuse('调整后的序号无法被正确识别（如“1.”后紧跟数字），未作修改');
    }
  }
}
