import type { DocumentModel, Section } from './model';
import { countChars } from './wordcount';

export interface OutlineNode {
  label: string;
  marker: string;
  heading: string;
  level: number;
  /** 0-based line of the heading. */
  line: number;
  chars: number;
  section: Section;
  children: OutlineNode[];
}

/** The section tree as a reader sees it: marker, heading, line and 字数 of each section. */
export function outlineOf(model: DocumentModel): OutlineNode[] {
  // Counted over the paragraphs' prose, as draftCharCount counts the whole, so that Markdown markup
  // (`###`, `**`) is not counted and a section never holds more than the draft.
  const { paragraphs } = model;
  const before = new Array<number>(paragraphs.length + 1);
  before[0] = 0;
  for (let i = 0; i < paragraphs.length; i++) before[i + 1] = before[i]! + countChars(paragraphs[i]!.text);
  const charsOf = (s: Section): number => {
    let lo = s.paragraph;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (paragraphs[mid]!.range.start < s.range.end) lo = mid + 1;
      else hi = mid;
    }
    return before[lo]! - before[s.paragraph]!;
  };
  const node = (s: Section): OutlineNode => ({
    label: s.marker.text + s.heading,
    marker: s.marker.text,
    heading: s.heading,
    level: s.level,
    line: model.paragraphs[s.paragraph]!.line,
    chars: charsOf(s),
    section: s,
    children: s.children.map(node),
  });
  return model.sections.map(node);
}

/** A plain-text dump of the outline, two spaces of indent per depth. */
export function formatOutline(nodes: readonly OutlineNode[]): string {
  const lines: string[] = [];
  const walk = (ns: readonly OutlineNode[], depth: number): void => {
    for (const n of ns) {
      lines.push(`${'  '.repeat(depth)}${n.label}  （第${n.line + 1}行，${n.chars}字）`);
      walk(n.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return lines.join('\n');
}
