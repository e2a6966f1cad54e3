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
  check({ model, report }) {
    const block = model.outlineBlock;
    if (block) {
      const first = model.paragraphs[block.first]!;
      const last = model.paragraphs[block.last]!;
      report({
        range: { start: first.range.start, end: last.range.end },
        message: `标题前的第${first.line + 1}—${last.line + 1}行是一段提纲，序号与正文重复；提交前应删除`,
      });
    }
    const check = (run: Section[]): void => {
      run.forEach((s, i) => {
        const expected = i + 1;
        if (s.marker.value === expected) return;
        const text = renumbered(s.marker, expected);
        report({
          range: s.marker.range,
          message: `序号应为“${text}”，此处为“${s.marker.text}”`,
          ...(s.marker.editable ? { fix: { range: s.marker.range, text } } : {}),
        });
      });
    };
    for (const run of siblingRuns(model.sections)) check(run);
  },
};
