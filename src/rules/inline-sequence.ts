import { formatChineseNumeral } from '../core/numerals';
import { inlineMarkerText, LONE_CHECKED_FAMILIES, ORDER_FAMILY } from '../core/markers';
import type { DocumentModel, InlineMarker, InlineRun } from '../core/model';
import type { Rule } from '../core/types';

function markerLabel(m: InlineMarker, value: number): string {
  return inlineMarkerText(m.family, value);
}

/** The text a run's scope holds before its first marker: back to the numbered heading above it. */
function textBefore(model: DocumentModel, m: InlineMarker): string {
  let out = '';
  for (let i = m.paragraph; i >= 0; i--) {
    const p = model.paragraphs[i]!;
    out = (i === m.paragraph ? model.text.slice(p.range.start, m.range.start) : p.text) + '\n' + out;
    if (p.marker) break;
  }
  return out;
}

export const inlineSequence: Rule = {
  id: 'inline-sequence',
  description: '段内序号连续：一是、二是、三是……第一、第二……首先、其次、最后',
  category: 'numbering',
  defaultSeverity: 'error',
  fixable: true,
  check({ model, report }) {
    for (const run of model.inlineRuns) checkRun(model, run, report);
  },
};

function checkRun(model: DocumentModel, run: InlineRun, report: Parameters<Rule['check']>[0]['report']): void {
  const first = run.markers[0]!;
  if (run.family === ORDER_FAMILY) {
    let prev = 0;
    for (const m of run.markers) {
      if (m.value === 100) break;
      const expected = prev + 1;
      if (m.value !== expected) {
        const text = inlineMarkerText(run.family, expected);
        report({ range: m.numeralRange, message: `序号应为“${text}”，此处为“${m.raw}”`, ...(m.editable ? { fix: { range: m.numeralRange, text } } : {}) });
      }
      prev = expected;
    }
    return;
  }
  if (first.value !== 1) {
    // An earlier marker this scanner does not count (…我们一是…) still starts the run.
    const before = textBefore(model, first);
    if (before.includes(inlineMarkerText(run.family, first.value - 1))) return;
  }
  if (run.markers.length === 1 && first.value === 1) {
    if (LONE_CHECKED_FAMILIES.has(run.family)) {
      report({
        range: first.range,
        message: `只有“${markerLabel(first, 1)}”，没有“${markerLabel(first, 2)}”：列举不完整，或不必用序号`,
        maxSeverity: 'warning',
      });
    }
    return;
  }
  run.markers.forEach((m, i) => {
    const expected = i + 1;
    if (m.value === expected) return;
    const text = run.family === '第' ? '第' + formatChineseNumeral(expected) : inlineMarkerText(run.family, expected);
    report({
      range: m.numeralRange,
      message: `序号应为“${text}”，此处为“${model.text.slice(m.numeralRange.start, m.numeralRange.end)}”`,
      ...(m.editable ? { fix: { range: m.numeralRange, text } } : {}),
    });
  });
}
