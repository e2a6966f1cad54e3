import { correctedMarker, type MarkerParts } from '../core/markers';
import type { Rule, RuleContext } from '../core/types';

function reasonFor(p: MarkerParts, fixed: string, t: RuleContext<unknown>['t']): string {
  if (p.trail) return t('“{marker}”后不再加“{trail}”', { marker: p.open + p.numeral + p.close, trail: p.trail });
  switch (p.level) {
    case 1:
      return t('汉字数字序号后用顿号“、”');
    case 3:
      return /[０-９]/.test(p.numeral) ? t('序号数字用半角阿拉伯数字') : t('阿拉伯数字序号后用下脚点“.”');
    case 2:
    case 4:
      if (!p.open) return t('括号序号应有前后括号');
      if (/[０-９]/.test(p.numeral)) return t('序号数字用半角阿拉伯数字');
      return fixed.startsWith('（') ? t('序号括号用全角“（）”') : t('括号应成对，宽度一致');
    default:
      return t('序号标点不规范');
  }
}

export const numberingPunctuation: Rule = {
  id: 'numbering-punctuation',
  description: '序号标点规范（GB/T 15834 附录B.3）：一、 （一） 1. （1） 第一，',
  category: 'numbering',
  defaultSeverity: 'warning',
  fixable: true,
  check({ model, report, t }) {
    // In a draft whose punctuation is half-width throughout, width is punctuation-width's concern.
    const fixWidth = !model.halfWidthPunctuation;
    const body = model.outlineBlock ? model.outlineBlock.last + 1 : 0;
    for (const p of model.paragraphs) {
      if (p.index < body) continue;
      const m = p.marker;
      if (m) {
        const fixed = correctedMarker(m, fixWidth);
        if (fixed !== m.text) {
          report({
            range: m.range,
            message: t('序号应写作“{expected}”，此处为“{found}”（{reason}）', { expected: fixed, found: m.text, reason: reasonFor(m, fixed, t) }),
            ...(m.editable ? { fix: { range: m.range, text: fixed } } : {}),
          });
        }
      }
      for (const im of p.inline) {
        if (im.family !== '第' || im.punct !== '、') continue;
        const comma = model.halfWidthPunctuation ? ',' : '，';
        const text = im.raw.slice(0, -1) + comma;
        report({
          range: im.range,
          message: t('序号应写作“{expected}”，此处为“{found}”（{reason}）', { expected: text, found: im.raw, reason: t('“第一”类序号后用逗号') }),
          ...(im.editable ? { fix: { range: im.range, text } } : {}),
        });
      }
    }
  },
};
