import { renumbered, canonicalMarker } from '../core/markers';
import type { Rule } from '../core/types';

export const numberingStyleMix: Rule = {
  id: 'numbering-style-mix',
  description: '同级序号样式一致：不在“1.”之后接“③”，不在“一、”之间混用其他样式',
  category: 'numbering',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, report }) {
    for (const s of model.allSections) {
      const prev = s.styleMixOf;
      if (!prev) continue;
      const expected = prev.marker.level === s.level ? renumbered(prev.marker, s.marker.value) : canonicalMarker(s.level, s.marker.value);
      report({
        range: s.marker.range,
        message: `同级序号样式不一致：前一项是“${prev.marker.text}”，此处为“${s.marker.text}”，应为“${expected}”`,
      });
    }
    for (const p of model.paragraphs) {
      for (const m of p.inline) {
        const prev = m.styleMixOf;
        if (!prev) continue;
        report({
          range: m.range,
          message: `同级序号样式不一致：前一项是“${prev.marker.text}”，此处为“${m.raw}”，应为“${renumbered(prev.marker, m.value)}”`,
        });
      }
    }
  },
};
