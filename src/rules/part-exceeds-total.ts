import { claimsOf } from '../core/claims';
import type { Rule } from '../core/types';

export const partExceedsTotal: Rule = {
  id: 'part-exceeds-total',
  description: '“共X……其中Y”中部分不超过总数，所列各部分之和不超过总数',
  category: 'figures',
  defaultSeverity: 'error',
  fixable: false,
  check({ model, report }) {
    for (const { total, parts } of claimsOf(model).partTotals) {
      const over = parts.find((p) => p.value > total.value);
      if (over) {
        report({ range: over.range, message: `其中“${over.subject}${over.raw}”超过总数“${total.raw}”` });
        continue;
      }
      const sum = parts.reduce((n, p) => n + p.value, 0);
      if (parts.length >= 2 && sum > total.value) {
        const last = parts[parts.length - 1]!;
        report({ range: last.range, message: `其中各项之和为${+sum.toFixed(6)}${total.unit}，超过总数“${total.raw}”` });
      }
    }
  },
};
