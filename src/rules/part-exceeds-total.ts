import { claimsOf } from '../core/claims';
import type { Rule } from '../core/types';

const PAIRS: [string, string][] = [
  ['正式', '预备'],
  ['男', '女'],
  ['在职', '离退休'],
  ['在职', '退休'],
  ['城镇', '农村'],
  ['机关', '基层'],
  ['党员', '非党'],
];

function complementary(a: string, b: string): boolean {
  return PAIRS.some(([x, y]) => (a.startsWith(x) && b.startsWith(y)) || (a.startsWith(y) && b.startsWith(x)));
}

export const partExceedsTotal: Rule = {
  id: 'part-exceeds-total',
  description: '“共X……其中Y”中部分不超过总数，所列各部分之和不超过总数',
  category: 'figures',
  defaultSeverity: 'error',
  fixable: false,
  check({ model, memo, report, t }) {
    for (const { total, parts } of claimsOf(model, memo).partTotals) {
      const over = parts.find((p) => p.value > total.value);
      if (over) {
        report({ range: over.range, message: t('其中“{part}”超过总数“{total}”', { part: over.subject + over.raw, total: total.raw }) });
        continue;
      }
      // Kinds of things (党组会议、党员大会; 党委、党支部) split a total; people counted by traits
      // (女党员, 35岁以下党员) overlap, so for them only a pair that splits the total is summed.
      const sum = parts.reduce((n, p) => n + p.value, 0);
      const people = /^(名|人|人次|位)$/.test(total.unit);
      const splits = !people || (parts.length === 2 && complementary(parts[0]!.subject, parts[1]!.subject));
      if (parts.length >= 2 && splits && sum > total.value) {
        const last = parts[parts.length - 1]!;
        // The list is built through a template too: English quotes each part.
        const listed = parts.map((p) => p.raw).reduce((list, item) => t('{list}、{item}', { list, item }));
        report({ range: last.range, message: t('其中{parts}合计超过总数“{total}”', { parts: listed, total: total.raw }) });
      }
    }
  },
};
