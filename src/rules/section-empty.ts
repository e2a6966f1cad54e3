import { ORDER_FAMILY } from '../core/markers';
import type { Section } from '../core/model';
import type { Rule } from '../core/types';

const SHORT_TOPIC = 16;

export const sectionEmpty: Rule = {
  id: 'section-empty',
  description: '标题下有正文；列举的最后一项不只是一个短语（疑似未写完）',
  category: 'structure',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, report, t }) {
    const hasBody = (s: Section): boolean => {
      const next = model.paragraphs[s.paragraph + 1];
      // A line that is a whole sentence (…。) is an item in its own right, not a heading awaiting text.
      return !s.headingAlone || /[。！？；;!?]$/.test(model.paragraphs[s.paragraph]!.text) || s.children.length > 0 || (next !== undefined && !next.marker && next.range.start <= s.range.end);
    };
    // Whether some member of a sibling list at a level has a body: asked once per list and level.
    const anyBody = new Map<readonly Section[], Map<number, boolean>>();
    const siblingsHaveBody = (list: readonly Section[], level: number): boolean => {
      let byLevel = anyBody.get(list);
      if (!byLevel) anyBody.set(list, (byLevel = new Map()));
      let answer = byLevel.get(level);
      if (answer === undefined) byLevel.set(level, (answer = list.filter((x) => x.level === level).some(hasBody)));
      return answer;
    };
    for (const s of model.allSections) {
      if (hasBody(s)) continue;
      // Items that are all one line each are a list, not headings: only an empty one among
      // siblings with bodies is a heading left without its text.
      if (!siblingsHaveBody(s.parent ? s.parent.children : model.sections, s.level)) continue;
      report({ range: s.headingRange, message: t('标题“{heading}”下没有正文', { heading: s.marker.text + s.heading }) });
    }
    // An enumeration whose last item is only a topic phrase, while the others have bodies.
    for (const run of model.inlineRuns) {
      const ms = run.markers;
      // 首先…最后，祝大家… closes a speech with a wish, not a cut-off item.
      if (ms.length < 2 || run.family === ORDER_FAMILY || !ms.every((m) => m.atParagraphStart)) continue;
      const texts = ms.map((m) => model.paragraphs[m.paragraph]!.text);
      const last = texts[texts.length - 1]!;
      const othersHaveBodies = texts.slice(0, -1).every((t) => t.length > SHORT_TOPIC * 2);
      const next = model.paragraphs[ms[ms.length - 1]!.paragraph + 1];
      if (othersHaveBodies && last.length <= SHORT_TOPIC && !/[。！？]/.test(last.slice(0, -1)) && (!next || next.marker || next.inline[0]?.atParagraphStart)) {
        const m = ms[ms.length - 1]!;
        report({
          range: model.paragraphs[m.paragraph]!.range,
          message: t('“{item}”只有主题句，没有展开内容（同级其他各项都有），疑似未写完', { item: last }),
        });
      }
    }
  },
};
