import { claimsOf } from '../core/claims';
import type { Rule } from '../core/types';

export const percentRange: Rule = {
  id: 'percent-range',
  description: '占比、覆盖率、参与率等比率在0—100%之间（增长率、完成率除外）',
  category: 'figures',
  defaultSeverity: 'error',
  fixable: false,
  check({ model, memo, report, t }) {
    for (const r of claimsOf(model, memo).rates) {
      if (r.growth || r.mayExceed || r.rate.approx) continue;
      if (r.rate.value > 100) {
        report({ range: r.rate.range, message: t('“{word}”不能超过100%，此处为{rate}', { word: r.word, rate: r.rate.raw }) });
      }
    }
  },
};
