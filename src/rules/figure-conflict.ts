import { claimsOf, type Quantity } from '../core/claims';
import type { Rule } from '../core/types';

const MIN_SUBJECT = 4;

/** Words that, before a shared subject, make it another doer's or another scope's figure. */
const OTHER_SCOPE = /各|每|督促|指导|推动|带动|带领|其中|下属|所属|部分|个别|其他|另|又|再|并|巡察|巡视|督查|检查|调研|抽查|暗访|专项/;
/** A scene set before the figure's clause (专项督查，发现问题35个) makes its subject that scene's. */
const SCENE = /巡察|巡视|督查|检查|调研|抽查|暗访|专项|\d/;

/** A figure with its qualifiers joined once, for the comparisons below. */
interface Entry {
  q: Quantity;
  qualifiers: string;
}

/**
 * The same measure, for two figures of one bucket (same unit and object, subjects ending alike):
 * the shorter subject ends the longer, same qualifiers.
 */
function sameMeasure(a: Entry, b: Entry): boolean {
  const [short, long] = a.q.subject.length <= b.q.subject.length ? [a.q.subject, b.q.subject] : [b.q.subject, a.q.subject];
  if (short.length < (a.q.object.length >= 2 ? 2 : MIN_SUBJECT) || !long.endsWith(short)) return false;
  if (/\d/.test(short) || OTHER_SCOPE.test(long.slice(0, long.length - short.length))) return false;
  return a.qualifiers === b.qualifiers;
}

export const figureConflict: Rule = {
  id: 'figure-conflict',
  description: '同一数据前后一致：“发展党员6名”与后文“发展党员5名”矛盾',
  category: 'figures',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, memo, report, t }) {
    // Bucketed by unit, object and the subject's last two characters, so comparing stays near linear.
    const buckets = new Map<string, Entry[]>();
    // Within a bucket, whether a figure conflicts with an earlier one depends only on its subject,
    // qualifiers and value, and the search returns the earliest match: only the first figure of
    // each such kind is kept for later ones to meet, and what its search found (or how far it
    // looked) answers the figures that repeat it, so a draft that repeats its figures stays linear.
    const searched = new Map<string, { earlier: Entry | undefined; upTo: number }>();
    for (const q of claimsOf(model, memo).quantities) {
      if (q.approx || q.breakdown || q.subject.length < 2 || SCENE.test(q.context)) continue;
      const key = `${q.unit}|${q.object}|${q.subject.slice(-2)}`;
      let seen = buckets.get(key);
      if (!seen) buckets.set(key, (seen = []));
      const entry: Entry = { q, qualifiers: q.qualifiers.join('|') };
      const same = `${key}\u0000${q.subject}\u0000${entry.qualifiers}\u0000${q.value}`;
      let search = searched.get(same);
      if (!search) {
        searched.set(same, (search = { earlier: undefined, upTo: 0 }));
        seen.push(entry);
      }
      for (; !search.earlier && search.upTo < seen.length; search.upTo++) {
        const e = seen[search.upTo]!;
        if (e.q.value !== q.value && sameMeasure(e, entry)) search.earlier = e;
      }
      const earlier = search.earlier?.q;
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
    }
  },
};
