import * as z from 'zod/mini';
import { LEVEL_STYLE_NAMES, type MarkerLevel } from '../core/markers';
import type { Rule } from '../core/types';
import { siblingRuns } from './shared';

const options = z.strictObject({
  /** How much skipping exactly one level weighs (一、 directly followed by 1.). */
  skipOneLevel: z._default(z.enum(['off', 'info', 'warning', 'error']), 'info'),
});

export const numberingLevel: Rule<z.infer<typeof options>> = {
  id: 'numbering-level',
  description: '序号层级正确：（一）在一、之下，1.在（一）之下，（1）在1.之下；跳一级为提示',
  category: 'numbering',
  defaultSeverity: 'warning',
  fixable: false,
  options,
  check({ model, options, report, t }) {
    const sections = model.allSections;
    if (!sections.length) return;
    // A loop, not Math.min(...levels): a spread of 200 000 sections overflows the stack.
    const top = sections.reduce((min, s) => Math.min(min, s.level), Infinity);
    // A higher level's style after deeper siblings (1. 2. then （一） under one 一、) inverts the order.
    const inverted = (children: readonly (typeof sections)[number][]): void => {
      let deepest: (typeof sections)[number] | undefined;
      for (const c of children) {
        if (deepest && c.level < deepest.level && !c.styleMixOf) {
          report({ range: c.marker.range, message: t('“{marker}”出现在下级序号“{deeper}”之后，层级颠倒', { marker: c.marker.text, deeper: deepest.marker.text }) });
        }
        if (!deepest || c.level > deepest.level) deepest = c;
        inverted(c.children);
      }
    };
    // Among the roots a deeper marker first is reported below as one without a parent.
    for (const root of model.sections) inverted(root.children);
    const skipsSeen = new Set<string>();
    for (const run of siblingRuns(model.sections)) {
      const first = run[0]!;
      const parent = first.parent;
      if (first.styleMixOf) continue; // reported by numbering-style-mix
      if (!parent) {
        if (first.level > top) {
          report({
            range: first.marker.range,
            message: t('“{marker}”之前没有上一级序号“{parent}”', { marker: first.marker.text, parent: LEVEL_STYLE_NAMES[(first.level - 1) as MarkerLevel] }),
          });
        }
        continue;
      }
      const gap = first.level - parent.level - 1;
      if (gap <= 0) continue;
      if (gap === 1) {
        if (options.skipOneLevel === 'off') continue;
        // Two-level drafts (一、 then 1.) are common practice: say so once per pair of levels.
        const key = `${parent.level}-${first.level}`;
        if (skipsSeen.has(key)) continue;
        skipsSeen.add(key);
        report({
          range: first.marker.range,
          message: t('“{marker}”直接位于“{parent}”之下，跳过了“{skipped}”一级', {
            marker: first.marker.text,
            parent: parent.marker.text,
            skipped: LEVEL_STYLE_NAMES[(parent.level + 1) as MarkerLevel],
          }),
          maxSeverity: options.skipOneLevel,
        });
      } else {
        report({
          range: first.marker.range,
          message: t('“{marker}”直接位于“{parent}”之下，跳过了{gap}级序号', { marker: first.marker.text, parent: parent.marker.text, gap }),
        });
      }
    }
  },
};
