import { renumbered } from '../core/markers';
import type { Section } from '../core/model';
import type { Rule } from '../core/types';
import { siblingRuns } from './shared';

export const numberingSequence: Rule = {
  id: 'numbering-sequence',
  description: '同级序号连续：一、二、三……（一）（二）……1. 2.……从一开始，无跳号、重号、倒序',
  category: 'numbering',
  defaultSeverity: 'error',
  fixable: true,
  check({ model, report, t }) {
    const block = model.outlineBlock;
    if (block) {
      const first = model.paragraphs[block.first]!;
      const last = model.paragraphs[block.last]!;
      report({
        range: { start: first.range.start, end: last.range.end },
        message: t('标题前的第{first}—{last}行是一段提纲，序号与正文重复；提交前应删除', { first: first.line + 1, last: last.line + 1 }),
      });
    }
    const check = (run: Section[]): void => {
      run.forEach((s, i) => {
        const expected = i + 1;
        if (s.marker.value === expected) return;
        const text = renumbered(s.marker, expected);
        report({
          range: s.marker.range,
          message: t('序号应为“{expected}”，此处为“{found}”', { expected: text, found: s.marker.text }),
          // ① … ⑳ is as far as circled numbers go: past that there is nothing to renumber to.
          ...(s.marker.editable && !(s.marker.level === 5 && expected > 20) ? { fix: { range: s.marker.range, text } } : {}),
        });
      });
    };
    for (const run of siblingRuns(model.sections)) check(run);
  },
};
