import { claimsOf, type CountClaim } from '../core/claims';
import type { DocumentModel, InlineMarker, InlineRun, Section } from '../core/model';
import type { Rule } from '../core/types';

/**
 * Lookups over the model that itemsAfter makes for every claim, built once per check so that a
 * long draft with many claims is not scanned once per claim. Each answers what the linear search
 * it replaces (Array.prototype.find, filter) would.
 */
interface Index {
  /** Inline runs by the paragraph of their first marker, in model order. */
  runsByParagraph: Map<number, InlineRun[]>;
  /** The first inline run that a marker opens. */
  runByOpener: Map<InlineMarker, InlineRun>;
  /** The first section that a paragraph heads. */
  sectionByParagraph: Map<number, Section>;
  /** For each sibling list, the number of members of each level from each position to the end. */
  suffixCounts: Map<readonly Section[], Map<number, Int32Array>>;
}

function indexOf(model: DocumentModel): Index {
  const runsByParagraph = new Map<number, InlineRun[]>();
  const runByOpener = new Map<InlineMarker, InlineRun>();
  for (const r of model.inlineRuns) {
    const first = r.markers[0]!;
    const list = runsByParagraph.get(first.paragraph);
    if (list) list.push(r);
    else runsByParagraph.set(first.paragraph, [r]);
    if (!runByOpener.has(first)) runByOpener.set(first, r);
  }
  const sectionByParagraph = new Map<number, Section>();
  for (const s of model.allSections) if (!sectionByParagraph.has(s.paragraph)) sectionByParagraph.set(s.paragraph, s);
  return { runsByParagraph, runByOpener, sectionByParagraph, suffixCounts: new Map() };
}

/** How many of `list` from `section` on (in document order) are at `section`'s level. */
function siblingsFrom(index: Index, list: readonly Section[], section: Section): number {
  let byLevel = index.suffixCounts.get(list);
  if (!byLevel) index.suffixCounts.set(list, (byLevel = new Map()));
  let counts = byLevel.get(section.level);
  if (!counts) {
    counts = new Int32Array(list.length + 1);
    for (let i = list.length - 1; i >= 0; i--) counts[i] = counts[i + 1]! + (list[i]!.level === section.level ? 1 : 0);
    byLevel.set(section.level, counts);
  }
  // The lists hold sections in document order, one per paragraph: the first at or after the
  // section's paragraph is where `s.paragraph >= section.paragraph` starts to hold.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.paragraph >= section.paragraph) hi = mid;
    else lo = mid + 1;
  }
  return counts[lo]!;
}

/**
 * The items an announcement introduces: an inline run later in its own paragraph, else the run
 * that the next paragraph opens (一、… or 一是… or 第一，…). Undefined when nothing pairs up:
 * a claim that cannot be paired is not reported.
 */
function itemsAfter(model: DocumentModel, index: Index, claim: CountClaim): { count: number; first: string } | undefined {
  const own = index.runsByParagraph.get(claim.paragraph)?.find((r) => r.markers[0]!.value === 1 && r.markers[0]!.range.start >= claim.range.end);
  if (own) return { count: own.markers.length, first: own.markers[0]!.raw };
  const next = model.paragraphs[claim.paragraph + 1];
  if (!next) return undefined;
  if (next.marker) {
    if (next.marker.value !== 1) return undefined;
    const section = index.sectionByParagraph.get(next.index);
    if (!section) return undefined;
    const siblings = siblingsFrom(index, section.parent ? section.parent.children : model.sections, section);
    return { count: siblings, first: next.marker.text };
  }
  const opener = next.inline[0];
  if (opener?.atParagraphStart && opener.value === 1) {
    const run = index.runByOpener.get(opener);
    if (run) return { count: run.markers.length, first: opener.raw };
  }
  return undefined;
}

export const countMismatch: Rule = {
  id: 'count-mismatch',
  description: '数量与所列项目一致：“我讲三点意见”后应有三部分，“A、B、C三个方面”应列三项',
  category: 'figures',
  defaultSeverity: 'error',
  fixable: false,
  check({ model, memo, report, t }) {
    let index: Index | undefined;
    for (const claim of claimsOf(model, memo).counts) {
      if (claim.kind === 'listed') {
        if (claim.members !== undefined && claim.count <= 10 && claim.members !== claim.count) {
          report({ range: claim.range, message: t('“{claim}”与前面列出的{members}项不符', { claim: claim.raw, members: claim.members }) });
        }
        continue;
      }
      const items = itemsAfter(model, (index ??= indexOf(model)), claim);
      if (items && items.count !== claim.count) {
        report({ range: claim.range, message: t('前文说“{claim}”，其后从“{first}”起实际列出{count}项', { claim: claim.raw, first: items.first, count: items.count }) });
      }
    }
  },
};
