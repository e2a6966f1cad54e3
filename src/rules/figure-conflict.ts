import { claimsOf, type Quantity } from '../core/claims';
import type { Rule } from '../core/types';

const MIN_SUBJECT = 4;

/** Words that, before a shared subject, make it another doer's or another scope's figure. */
const OTHER_SCOPE = /各|每|督促|指导|推动|带动|带领|其中|下属|所属|部分|个别|其他|另|又|再|并|巡察|巡视|督查|检查|调研|抽查|暗访|专项/;
/** A scene set before the figure's clause (专项督查，发现问题35个) makes its subject that scene's. */
const SCENE = /巡察|巡视|督查|检查|调研|抽查|暗访|专项|\d/;

/** The same measure: same unit and object, the shorter subject ends the longer, same qualifiers. */
function sameMeasure(a: Quantity, b: Quantity): boolean {
  if (a.unit !== b.unit || a.object !== b.object) return false;
  const [short, long] = a.subject.length <= b.subject.length ? [a.subject, b.subject] : [b.subject, a.subject];
  if (short.length < (a.object.length >= 2 ? 2 : MIN_SUBJECT) || !long.endsWith(short)) return false;
  if (/\d/.test(short) || OTHER_SCOPE.test(long.slice(0, long.length - short.length))) return false;
  return a.qualifiers.join('|') === b.qualifiers.join('|');
}

export const figureConflict: Rule = {
  id: 'figure-conflict',
  description: '同一数据前后一致：“发展党员6名”与后文“发展党员5名”矛盾',
  category: 'figures',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, report, t }) {
    // Bucketed by unit, object and the subject's last two characters, so comparing stays near linear.
    const buckets = new Map<string, Quantity[]>();
    // Within a bucket, a figure whose subject, qualifiers and value repeat an earlier one's would
    // answer every comparison as that earlier one does, and the search below returns the earliest
    // match: only the first of each is kept, so a draft that repeats its figures stays linear.
    const kept = new Set<string>();
    for (const q of claimsOf(model).quantities) {
      if (q.approx || q.breakdown || q.subject.length < 2 || SCENE.test(q.context)) continue;
      const key = `${q.unit}|${q.object}|${q.subject.slice(-2)}`;
      const seen = buckets.get(key) ?? [];
      const earlier = seen.find((e) => sameMeasure(e, q) && e.value !== q.value);
      if (earlier) {
        const line = model.paragraphs[earlier.paragraph]!.line + 1;
        report({
          range: q.range,
          message: t('“{figure}”与第{line}行的“{earlier}”不一致', {
            figure: q.subject + q.raw + q.object,
            line,
            earlier: earlier.subject + earlier.raw + earlier.object,
          }),
        });
      }
      const same = `${key}\u0000${q.subject}\u0000${q.qualifiers.join('|')}\u0000${q.value}`;
      if (!kept.has(same)) {
        kept.add(same);
        seen.push(q);
      }
      buckets.set(key, seen);
    }
  },
};
