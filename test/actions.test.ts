import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeActionPlans, diffEdits, disableLineEdit, FIX_ALL_KIND, fixAllEdits, kindMatches, renumberEdits } from '../src/core/actions';
import { applyFixes, fixAll, lint } from '../src/core/lint';
import { RULES } from '../src/rules';

const DRAFT = readFileSync(path.join(__dirname, 'fixtures/extension/draft.txt'), 'utf8');
const at = (s: string, k = 0) => ({ start: DRAFT.indexOf(s) + k, end: DRAFT.indexOf(s) + k });

describe('codeActionPlans', () => {
  const result = lint(DRAFT, RULES);

  it('offers the finding’s fix, a renumber, fix-all and disable-for-this-line at a fixable sequence error', () => {
    const plans = codeActionPlans(result, RULES, {}, { range: at('（三）抓组织', 1) });
    expect(plans.map((p) => p.type)).toEqual(['fix', 'renumber', 'fixAll', 'disable']);
    const fix = plans[0]!;
    expect(fix.type === 'fix' && [fix.from, fix.to, fix.preferred]).toEqual(['（三）', '（二）', true]);
    const fixAllPlan = plans[2]!;
    expect(fixAllPlan.type === 'fixAll' && fixAllPlan.edits).toBeUndefined(); // listed, computed when chosen
  });

  it('offers only disable where the finding has no fix, and nothing away from findings', () => {
    const text = '某局述职报告\n一、主要做法\n全年开展*次。';
    const r = lint(text, RULES);
    const plans = codeActionPlans(r, RULES, {}, { range: { start: text.indexOf('*'), end: text.indexOf('*') + 1 } });
    expect(plans.map((p) => [p.type, p.type === 'disable' && p.finding.ruleId])).toEqual([['disable', 'placeholder']]);
    expect(codeActionPlans(result, RULES, {}, { range: at('学习深度') })).toEqual([]);
  });

  it('answers a request for source.fixAll.dangjian (as on save) with the edits computed', () => {
    for (const only of [FIX_ALL_KIND, 'source.fixAll', 'source']) {
      const plans = codeActionPlans(result, RULES, {}, { range: at('学习深度'), only });
      expect(plans).toHaveLength(1);
      const p = plans[0]!;
      expect(p.type === 'fixAll' && p.kind).toBe(FIX_ALL_KIND);
      expect(applyFixes(DRAFT, p.type === 'fixAll' ? p.edits! : []).text).toBe(fixAll(DRAFT, RULES).text);
    }
    expect(codeActionPlans(result, RULES, {}, { range: at('学习深度'), only: 'refactor' })).toEqual([]);
    expect(codeActionPlans(lint('一、甲\n二、乙', RULES), RULES, {}, { range: { start: 0, end: 0 }, only: FIX_ALL_KIND })).toEqual([]);
  });

  it('kinds match their parents', () => {
    expect(kindMatches(undefined, 'quickfix')).toBe(true);
    expect(kindMatches('source', FIX_ALL_KIND)).toBe(true);
    expect(kindMatches('source.fixAll.dangjian', FIX_ALL_KIND)).toBe(true);
    expect(kindMatches('source.fix', FIX_ALL_KIND)).toBe(false);
    expect(kindMatches('quickfix', FIX_ALL_KIND)).toBe(false);
  });
});

describe('edits', () => {
  it('fix-all makes the fixed text with one small edit per changed line', () => {
    const edits = fixAllEdits(DRAFT, RULES, {});
    expect(edits).toHaveLength(3);
    const out = applyFixes(DRAFT, edits).text;
    expect(out).toContain('一是坚持集中学习。全年组织集中学习12次。二是推动学用结合。');
    expect(out).toContain('（二）抓组织建设');
    expect(out).toContain('制度，按时召开');
    expect(lint(out, RULES).findings).toEqual([]);
  });

  it('renumber fixes the whole draft, or only the markers in a selection', () => {
    const all = applyFixes(DRAFT, renumberEdits(DRAFT, RULES, {})).text;
    expect(all).toContain('二是推动');
    expect(all).toContain('（二）抓组织');
    expect(all).toContain('制度,按时'); // renumbering touches nothing else
    const start = DRAFT.indexOf('（三）');
    const part = applyFixes(DRAFT, renumberEdits(DRAFT, RULES, {}, { start, end: start + 3 })).text;
    expect(part).toContain('（二）抓组织');
    expect(part).toContain('三是推动');
    expect(renumberEdits('一、甲\n二、乙', RULES, {})).toEqual([]);
  });

  it('inserts a disable comment above the finding’s line with the document’s line ending', () => {
    const text = '一、甲\r\n  全年开展*次。';
    const f = lint(text, RULES).findings.find((x) => x.ruleId === 'placeholder')!;
    const e = disableLineEdit(text, f);
    const out = applyFixes(text, [e]).text;
    expect(out).toBe('一、甲\r\n  <!-- dangjian-disable-next-line placeholder -->\r\n  全年开展*次。');
    expect(lint(out, RULES).findings.filter((x) => x.ruleId === 'placeholder')).toEqual([]);
  });

  it('diffEdits splits changes by line, and falls back to one edit when lines are added', () => {
    expect(diffEdits('a1\nb\nc1', 'a2\nb\nc2')).toEqual([
      { range: { start: 1, end: 2 }, text: '2' },
      { range: { start: 6, end: 7 }, text: '2' },
    ]);
    expect(diffEdits('a\nb', 'a\nx\nb')).toEqual([{ range: { start: 2, end: 2 }, text: 'x\n' }]);
    expect(diffEdits('same', 'same')).toEqual([]);
    const before = 'x😀\r\ny😀';
    const after = 'x😁\r\ny😁';
    expect(applyFixes(before, diffEdits(before, after)).text).toBe(after);
  });
});
