import { claimsOf } from '../core/claims';
import type { Rule } from '../core/types';

export const rateMismatch: Rule = {
  id: 'rate-mismatch',
  description: '比率与其依据的数字相符（允许按所写位数四舍五入）：“发现问题200个，已整改180个，整改率95%”有误',
  category: 'figures',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, memo, report, t }) {
    for (const r of claimsOf(model, memo).rates) {
      if (r.growth || r.rate.approx) continue;
      const byUnit = new Map<string, typeof r.figures>();
      for (const f of r.figures) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f]);
      // Only a rate beside exactly two figures of one unit is unambiguous.
      const pairs = [...byUnit.values()].filter((fs) => fs.length === 2 && fs.every((f) => !f.approx));
      if (pairs.length !== 1) continue;
      const [total, part] = pairs[0]!;
      if (!total || !part || total.value <= 0 || part.value > total.value) continue;
      const stem = r.word.replace(/(率|占比|比例|比重)$/, '').replace(/完成$/, '').slice(-2);
      if (![...stem].some((c) => part.subject.includes(c))) continue;
      // 不合格6名 or 未整改10个 is the complement, 其中需要长期整改的 a subset: not the rate's numerator.
      if (/不|未|其中|需要|尚|仍|待/.test(part.subject)) continue;
      const exact = (part.value / total.value) * 100;
      const tolerance = r.rate.decimals === 0 ? 1 : 10 ** -r.rate.decimals;
      if (Math.abs(exact - r.rate.value) >= tolerance) {
        const shown = +exact.toFixed(Math.max(1, r.rate.decimals));
        report({
          range: r.rate.range,
          message: t('按所列数字，{part}÷{total}≈{exact}%，与所写{word}{rate}不符', { part: part.raw, total: total.raw, exact: shown, word: r.word, rate: r.rate.raw }),
        });
      }
    }
  },
};
