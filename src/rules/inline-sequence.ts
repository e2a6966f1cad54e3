import { CN_NUMERAL, inlineMarkerText, LONE_CHECKED_FAMILIES, ORDER_FAMILY } from '../core/markers';
import { parseChineseNumeral } from '../core/numerals';
import type { DocumentModel, InlineMarker, InlineRun } from '../core/model';
import type { Report, Rule, RuleContext } from '../core/types';

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

/**
 * The highest marker of the family that a reader sees before the run but the scanner did not
 * count (…我们一是加强…；三是…): the run continues from it.
 */
function uncountedBefore(model: DocumentModel, run: InlineRun): number {
  const first = run.markers[0]!;
  const re = new RegExp(`(?<![统唯同第单专])(${CN_NUMERAL})${run.family}`, 'g');
  let best = 0;
  for (const m of textBefore(model, first).matchAll(re)) {
    const v = parseChineseNumeral(m[1]!);
    if (v < first.value && v > best) best = v;
  }
  return best;
}

export const inlineSequence: Rule = {
  id: 'inline-sequence',
  description: '段内序号连续：一是、二是、三是……第一、第二……首先、其次、最后',
  category: 'numbering',
  defaultSeverity: 'error',
  fixable: true,
  check({ model, report, t }) {
    for (const run of model.inlineRuns) (run.family === ORDER_FAMILY ? checkOrderRun : checkRun)(model, run, report, t);
  },
};

/** 首先、其次、再次 count up one by one; 最后 closes the run wherever it comes. */
function checkOrderRun(_model: DocumentModel, run: InlineRun, report: (r: Report) => void, t: RuleContext<unknown>['t']): void {
  let prev = 0;
  for (const m of run.markers) {
    if (m.value === 100) break;
    const expected = prev + 1;
    if (m.value !== expected) {
      const text = inlineMarkerText(run.family, expected);
      report({
        range: m.numeralRange,
        message: t('序号应为“{expected}”，此处为“{found}”', { expected: text, found: m.raw }),
        ...(m.editable ? { fix: { range: m.numeralRange, text } } : {}),
      });
    }
    prev = expected;
  }
}

function checkRun(model: DocumentModel, run: InlineRun, report: (r: Report) => void, t: RuleContext<unknown>['t']): void {
  const first = run.markers[0]!;
  const offset = first.value === 1 ? 0 : uncountedBefore(model, run);
  if (run.markers.length === 1 && first.value === offset + 1) {
    if (offset === 0 && LONE_CHECKED_FAMILIES.has(run.family)) {
      report({
        range: first.range,
        message: t('只有“{first}”，没有“{second}”：列举不完整，或不必用序号', { first: inlineMarkerText(run.family, 1), second: inlineMarkerText(run.family, 2) }),
        maxSeverity: 'warning',
      });
    }
    return;
  }
  run.markers.forEach((m, i) => {
    const expected = offset + i + 1;
    if (m.value === expected) return;
    const text = inlineMarkerText(run.family, expected);
    report({
      range: m.numeralRange,
      message: t('序号应为“{expected}”，此处为“{found}”', { expected: text, found: model.text.slice(m.numeralRange.start, m.numeralRange.end) }),
      ...(m.editable ? { fix: { range: m.numeralRange, text } } : {}),
    });
  });
}
