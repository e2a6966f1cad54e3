import type { DocumentModel, Paragraph } from './model';
import { outlineOf, type OutlineNode } from './outline';
import type { Range } from './text';
import type { Finding } from './types';
import { countChars } from './wordcount';

/**
 * Editor-neutral plans for the section-based surfaces: document symbols, folding ranges and the
 * outline tree. An editor layer only converts them.
 */

export interface SymbolPlan {
  /** Marker and heading, as the reader sees them: “一、主要做法”. */
  name: string;
  chars: number;
  level: number;
  /** The whole section. */
  range: Range;
  /** The heading sentence; always inside `range`. */
  selectionRange: Range;
  children: SymbolPlan[];
}

export function symbolsOf(model: DocumentModel): SymbolPlan[] {
  const plan = (n: OutlineNode): SymbolPlan => ({
    name: n.label || n.marker,
    chars: n.chars,
    level: n.section.level,
    range: n.section.range,
    selectionRange: within(n.section.headingRange, n.section.range),
    children: n.children.map(plan),
  });
  return outlineOf(model).map(plan);
}

function within(inner: Range, outer: Range): Range {
  const start = Math.min(Math.max(inner.start, outer.start), outer.end);
  return { start, end: Math.max(start, Math.min(inner.end, outer.end)) };
}

export interface FoldPlan {
  /** 0-based lines: the heading, and the section's last line. */
  startLine: number;
  endLine: number;
}

/** One fold per section that spans more than its heading line, nested as the sections are. */
export function foldingRangesOf(model: DocumentModel): FoldPlan[] {
  const out: FoldPlan[] = [];
  for (const s of model.allSections) {
    const startLine = model.lines.lineAt(s.range.start);
    const endLine = model.lines.lineAt(Math.max(s.range.start, s.range.end));
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  return out;
}

/** 字数 of the draft: the prose the model reads (no Markdown markup, no comments), counted as drafters count. */
export function draftCharCount(model: DocumentModel): number {
  let n = 0;
  for (const p of model.paragraphs) n += countChars(p.text);
  return n;
}

export interface TreeNodePlan {
  /** Stable while the structure stays: the path of indices from the root. */
  id: string;
  kind: 'section' | 'inline';
  label: string;
  marker: string;
  /** Heading text, or the item's topic phrase for an inline item. */
  text: string;
  level: number;
  /** 0-based line of the heading or item. */
  line: number;
  /** 字数 of the section (of the item's sentence for an inline item). */
  chars: number;
  /** The whole section or item. */
  range: Range;
  /** What a click selects: the heading sentence, or the item's first sentence. */
  selection: Range;
  /** Findings inside the section, its subsections included. */
  errors: number;
  warnings: number;
  infos: number;
  parent: TreeNodePlan | undefined;
  children: TreeNodePlan[];
}

const INLINE_TOPIC_END = /[。；！？;!?]/;
const INLINE_LABEL_MAX = 24;

/**
 * The outline tree view's content: the section tree with 字数 and the findings each section holds,
 * and, when asked, the inline items (一是…二是…) of each section as leaves.
 */
export function outlineTree(model: DocumentModel, findings: readonly Finding[], options: { inlineItems?: boolean } = {}): TreeNodePlan[] {
  const starts = findings.map((f) => ({ at: f.range.start, severity: f.severity })).sort((a, b) => a.at - b.at);
  const count = (r: Range): Pick<TreeNodePlan, 'errors' | 'warnings' | 'infos'> => {
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const f of starts) {
      if (f.at < r.start) continue;
      if (f.at > r.end || (f.at === r.end && r.end > r.start)) break;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
    return { errors, warnings, infos };
  };
  const build = (n: OutlineNode, id: string, parent: TreeNodePlan | undefined): TreeNodePlan => {
    const s = n.section;
    const node: TreeNodePlan = {
      id,
      kind: 'section',
      label: n.label || n.marker,
      marker: n.marker,
      text: n.heading,
      level: s.level,
      line: n.line,
      chars: n.chars,
      range: s.range,
      selection: within(s.headingRange, s.range),
      ...count(s.range),
      parent,
      children: [],
    };
    node.children = n.children.map((c, i) => build(c, `${id}/${i}`, node));
    return node;
  };
  const roots = outlineOf(model).map((n, i) => build(n, `s${i}`, undefined));
  if (options.inlineItems) addInlineItems(model, roots, count);
  return roots;
}

function addInlineItems(model: DocumentModel, roots: TreeNodePlan[], count: (r: Range) => Pick<TreeNodePlan, 'errors' | 'warnings' | 'infos'>): void {
  const topLevel: TreeNodePlan[] = [];
  const added = new Map<TreeNodePlan | undefined, TreeNodePlan[]>();
  for (const run of model.inlineRuns) {
    for (const m of run.markers) {
      const p = model.paragraphs[m.paragraph]!;
      const owner = deepestAt(roots, m.range.start);
      const topic = topicOf(p, m.range.start, model.text);
      const list = added.get(owner) ?? [];
      const item: TreeNodePlan = {
        id: `${owner?.id ?? 'r'}/i${list.length}`,
        kind: 'inline',
        label: topic.text.length > INLINE_LABEL_MAX ? topic.text.slice(0, INLINE_LABEL_MAX) + '…' : topic.text,
        marker: m.raw,
        text: topic.text.slice(m.raw.length),
        level: (owner?.level ?? 0) + 1,
        line: model.lines.lineAt(m.range.start),
        chars: countChars(topic.text),
        range: topic.range,
        selection: topic.range,
        ...count(topic.range),
        parent: owner,
        children: [],
      };
      list.push(item);
      added.set(owner, list);
    }
  }
  for (const [owner, items] of added) {
    const into = owner ? owner.children : topLevel;
    // One at a time: a spread of 200 000 inline items overflows the stack.
    for (const item of items) into.push(item);
    into.sort((a, b) => a.range.start - b.range.start);
  }
  if (topLevel.length) {
    for (const item of topLevel) roots.push(item);
    roots.sort((a, b) => a.range.start - b.range.start);
  }
}

/** The item's first sentence, from its marker to the next 。；！？ (or the paragraph's end). */
function topicOf(p: Paragraph, sourceStart: number, source: string): { text: string; range: Range } {
  const para = source.slice(sourceStart, p.range.end);
  const stop = INLINE_TOPIC_END.exec(para);
  const end = stop ? stop.index : para.length;
  const raw = para.slice(0, end);
  // Markdown emphasis around an item's topic is markup, not text.
  const text = raw.replace(/[*_`]+/g, '').trim();
  return { text, range: { start: sourceStart, end: sourceStart + end } };
}

function deepestAt(nodes: readonly TreeNodePlan[], offset: number): TreeNodePlan | undefined {
  for (const n of nodes) {
    if (n.kind === 'section' && n.range.start <= offset && offset <= n.range.end) return deepestAt(n.children, offset) ?? n;
  }
  return undefined;
}

/** The node the cursor is in: the deepest section (or inline item) whose range holds the offset. */
export function nodeAt(nodes: readonly TreeNodePlan[], offset: number): TreeNodePlan | undefined {
  for (const n of nodes) {
    if (n.range.start <= offset && offset <= n.range.end) return nodeAt(n.children, offset) ?? n;
  }
  return undefined;
}

/** Finds a node again by id in a rebuilt tree (for revealing after a refresh). */
export function nodeById(nodes: readonly TreeNodePlan[], id: string): TreeNodePlan | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    if (id.startsWith(n.id + '/')) return nodeById(n.children, id);
  }
  return undefined;
}

export interface SectionCount {
  /** Marker and heading, as in the outline tree: “一、主要做法”. */
  label: string;
  /** 字数 of the section, subsections included, counted as the outline tree counts it. */
  chars: number;
  /** 0-based line of the heading. */
  line: number;
}

/**
 * 字数 of the whole draft (as the status bar counts it) and of each top-level section (as the
 * outline tree counts it), for planning a speech by length.
 */
export function sectionCounts(model: DocumentModel): { total: number; sections: SectionCount[] } {
  return {
    total: draftCharCount(model),
    sections: outlineOf(model).map((n) => ({ label: n.label || n.marker, chars: n.chars, line: n.line })),
  };
}
