// The cache the extension keeps per open document: after an edit, a rule's per-paragraph work is
// done again only for the paragraphs that changed, and the findings are exactly those of a lint
// without a cache.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LintCache, lint } from '../src/core/lint';
import { resolveConfig } from '../src/core/config';
import type { DocumentFormat } from '../src/core/model';
import type { Rule } from '../src/core/types';
import { RULES } from '../src/rules';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 6_2025;
const EXAMPLES = path.join(__dirname, '..', 'examples');
const drafts = readdirSync(EXAMPLES).map((f) => ({
  name: f,
  text: readFileSync(path.join(EXAMPLES, f), 'utf8'),
  format: (f.endsWith('.md') ? 'markdown' : 'text') as DocumentFormat,
}));

/** A rule that reports 待定 in each paragraph, counting how often it looks at one. */
function countingRule(): { rule: Rule; looked: string[] } {
  const looked: string[] = [];
  const rule: Rule = {
    id: 'probe',
    description: '探针',
    category: 'formulation',
    defaultSeverity: 'warning',
    fixable: false,
    check({ model, memo, report }) {
      for (const p of model.paragraphs) {
        const hits = memo(p.text, () => {
          looked.push(p.text);
          const at: number[] = [];
          for (let i = p.text.indexOf('待定'); i >= 0; i = p.text.indexOf('待定', i + 1)) at.push(i);
          return at;
        });
        for (const i of hits) report({ range: { start: p.range.start + i, end: p.range.start + i + 2 }, message: '待定' });
      }
    },
  };
  return { rule, looked };
}

describe('LintCache', () => {
  const text = '一、总体情况\n今年完成任务待定。\n二、主要做法\n措施待定，人员待定。\n';

  it('looks again only at the paragraph an edit changed, and reports the edited offsets', () => {
    const { rule, looked } = countingRule();
    const cache = new LintCache();
    lint(text, [rule], { cache });
    expect(looked).toHaveLength(4);
    looked.length = 0;
    const edited = text.replace('今年完成任务待定。', '今年全部完成任务待定。');
    const result = lint(edited, [rule], { cache });
    expect(looked).toEqual(['今年全部完成任务待定。']);
    expect(result.findings.map((f) => edited.slice(f.range.start, f.range.end))).toEqual(['待定', '待定', '待定']);
    expect(result.findings).toEqual(lint(edited, [rule]).findings);
  });

  it('keeps only what the last run used', () => {
    const { rule, looked } = countingRule();
    const cache = new LintCache();
    lint(text, [rule], { cache });
    lint(text.replace('二、主要做法\n', ''), [rule], { cache });
    looked.length = 0;
    lint(text, [rule], { cache });
    expect(looked).toEqual(['二、主要做法']);
  });

  it('starts afresh when the config or the language of the messages changes', () => {
    const { rule, looked } = countingRule();
    const cache = new LintCache();
    const config = resolveConfig({}, [rule]);
    lint(text, [rule], { cache, config });
    looked.length = 0;
    lint(text, [rule], { cache, config: resolveConfig({}, [rule]) });
    expect(looked).toHaveLength(0);
    lint(text, [rule], { cache, config: resolveConfig({ placeholders: ['某'] }, [rule]) });
    expect(looked).toHaveLength(4);
    looked.length = 0;
    lint(text, [rule], { cache, config: resolveConfig({ placeholders: ['某'] }, [rule]), locale: 'en' });
    expect(looked).toHaveLength(4);
  });

  it('gives every rule exactly the findings of a lint without a cache, edit after edit', () => {
    // Typing, deleting and pasting in the example drafts, one edit at a time, with the cache the
    // extension would keep for that document.
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.integer({ min: 0, max: 40 }),
      insert: fc.constantFrom('', '3', '30%', '一是', '（二）', '\n', '\n二、', 'XX', '某某', '，', ',', '。', '二〇二五年', '共3项：', '党的十八大以来'),
    });
    fc.assert(
      fc.property(fc.constantFrom(...drafts), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.constantFrom<'zh-cn' | 'en'>('zh-cn', 'en'), (draft, edits, locale) => {
        const cache = new LintCache();
        let current = draft.text;
        lint(current, RULES, { format: draft.format, cache, locale });
        for (const e of edits) {
          const at = Math.floor(e.at * current.length);
          current = current.slice(0, at) + e.insert + current.slice(Math.min(current.length, at + e.cut));
          const cached = lint(current, RULES, { format: draft.format, cache, locale });
          const fresh = lint(current, RULES, { format: draft.format, locale });
          expect(cached.findings).toEqual(fresh.findings);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
