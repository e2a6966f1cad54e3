import { claimsOf, type CountClaim } from '../core/claims';
import type { DocumentModel } from '../core/model';
import type { Rule } from '../core/types';

/**
 * The items an announcement introduces: an inline run later in its own paragraph, else the run
 * that the next paragraph opens (一、… or 一是… or 第一，…). Undefined when nothing pairs up:
 * a claim that cannot be paired is not reported.
 */
function itemsAfter(model: DocumentModel, claim: CountClaim): { count: number; first: string } | undefined {
  const own = model.inlineRuns.find((r) => r.markers[0]!.paragraph === claim.paragraph && r.markers[0]!.value === 1 && r.markers[0]!.range.start >= claim.range.end);
  if (own) return { count: own.markers.length, first: own.markers[0]!.raw };
  const next = model.paragraphs[claim.paragraph + 1];
  if (!next) return undefined;
  if (next.marker) {
    if (next.marker.value !== 1) return undefined;
    const section = model.allSections.find((s) => s.paragraph === next.index);
    if (!section) return undefined;
    const siblings = (section.parent ? section.parent.children : model.sections).filter((s) => s.level === section.level && s.paragraph >= section.paragraph);
    return { count: siblings.length, first: next.marker.text };
  }
  const opener = next.inline[0];
  if (opener?.atParagraphStart && opener.value === 1) {
    const run = model.inlineRuns.find((r) => r.markers[0] === opener);
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
  check({ model, report, t }) {
    for (const claim of claimsOf(model).counts) {
      if (claim.kind === 'listed') {
        if (claim.members !== undefined && claim.count <= 10 && claim.members !== claim.count) {
          report({ range: claim.range, message: t('“{claim}”与前面列出的{members}项不符', { claim: claim.raw, members: claim.members }) });
        }
        continue;
      }
      const items = itemsAfter(model, claim);
      if (items && items.count !== claim.count) {
        report({ range: claim.range, message: t('前文说“{claim}”，其后从“{first}”起实际列出{count}项', { claim: claim.raw, first: items.first, count: items.count }) });
      }
    }
  },
};
