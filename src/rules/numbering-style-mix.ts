import { renumbered, canonicalMarker } from '../core/markers';
import type { Rule } from '../core/types';

export const numberingStyleMix: Rule = {
  id: 'numbering-style-mix',
  description: '同级序号样式一致：不在“1.”之后接“③”，不在“一、”之间混用其他样式',
  category: 'numbering',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, report, t }) {
    for (const s of model.allSections) {
      const prev = s.styleMixOf;
      if (!prev) continue;
      const expected = prev.marker.level === s.level ? renumbered(prev.marker, s.marker.value) : canonicalMarker(s.level, s.marker.value);
      report({
        range: s.marker.range,
        message: t('同级序号样式不一致：前一项是“{previous}”，此处为“{found}”，应为“{expected}”', { previous: prev.marker.text, found: s.marker.text, expected }),
      });
    }
    for (const p of model.paragraphs) {
      for (const m of p.inline) {
        const prev = m.styleMixOf;
        if (!prev) continue;
        report({
          range: m.range,
          message: t('同级序号样式不一致：前一项是“{previous}”，此处为“{found}”，应为“{expected}”', {
            previous: prev.marker.text,
            found: m.raw,
            expected: renumbered(prev.marker, m.value),
          }),
        });
      }
    }
  },
};
