import type { Rule } from '../core/types';
import { siblingRuns } from './shared';

export const headingPunctuation: Rule = {
  id: 'heading-punctuation',
  description: '同级标题句末标点一致：单独成行的标题不加句号，标题后接正文时标题句以“。”结尾',
  category: 'numbering',
  defaultSeverity: 'info',
  fixable: false,
  check({ model, report, t }) {
    for (const run of siblingRuns(model.sections)) {
      const alone = run.filter((s) => s.headingAlone && s.heading.length > 0);
      // Items ending ；…；…。 are a list punctuated as one sentence (GB/T 15834), not headings.
      if (alone.length < 2 || alone.some((s) => /[；;]$/.test(s.heading))) continue;
      const withPeriod = alone.filter((s) => s.headingEndsWithPeriod);
      const without = alone.filter((s) => !s.headingEndsWithPeriod);
      if (!withPeriod.length || !without.length) continue;
      // The minority is the odd one out; on a tie, GB practice (no 。 on a heading line) decides.
      const odd = withPeriod.length <= without.length ? withPeriod : without;
      const others = odd === withPeriod ? without.length : withPeriod.length;
      for (const s of odd) {
        report({
          range: s.headingRange,
          message: s.headingEndsWithPeriod
            ? t('同级标题句末标点不一致：此标题以“。”结尾，同级另有{others}个标题没有', { others })
            : t('同级标题句末标点不一致：此标题没有以“。”结尾，同级另有{others}个标题有', { others }),
        });
      }
    }
  },
};
