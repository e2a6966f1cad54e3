import { claimsOf, type Quantity } from '../core/claims';
import type { Rule } from '../core/types';

const MIN_SUBJECT = 4;

/** The same measure: same unit and object, the shorter subject ends the longer, same qualifiers. */
function sameMeasure(a: Quantity, b: Quantity): boolean {
  if (a.unit !== b.unit || a.object !== b.object) return false;
  const [short, long] = a.subject.length <= b.subject.length ? [a.subject, b.subject] : [b.subject, a.subject];
  if (short.length < (a.object.length >= 2 ? 2 : MIN_SUBJECT) || !long.endsWith(short)) return false;
  if (/\d/.test(short)) return false;
  return a.qualifiers.join('|') === b.qualifiers.join('|');
}

export const figureConflict: Rule = {
  id: 'figure-conflict',
  description: '同一数据前后一致：“发展党员6名”与后文“发展党员5名”矛盾',
  category: 'figures',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, report }) {
    // Bucketed by unit, object and the subject's last two characters, so comparing stays near linear.
    const buckets = new Map<string, Quantity[]>();
    for (const q of claimsOf(model).quantities) {
      if (q.approx || q.subject.length < 2) continue;
      const key = `${q.unit}|${q.object}|${q.subject.slice(-2)}`;
      const seen = buckets.get(key) ?? [];
      const earlier = seen.find((e) => sameMeasure(e, q) && e.value !== q.value);
      if (earlier) {
        const line = model.paragraphs[earlier.paragraph]!.line + 1;
        report({
          range: q.range,
          message: `“${q.subject}${q.raw}${q.object}”与第${line}行的“${earlier.subject}${earlier.raw}${earlier.object}”不一致`,
        });
      }
      seen.push(q);
      buckets.set(key, seen);
    }
  },
};
