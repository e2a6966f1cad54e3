/**
 * Code outside the linter's core path that took a whole list as call arguments (Math.max(...xs),
 * push(...xs)): past some 120 000 elements that overflows the stack. These run the code with
 * 200 000 elements on the stack of a main thread, where the CLI and the extension host run.
 * (The core's own cases, the rules and the model, are in test/adversarial.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { formatStylish, type FileReport } from '../src/cli/format';
import { buildModel } from '../src/core/model';
import { markerSuggestions } from '../src/core/numbering-completion';
import { outlineTree } from '../src/core/sections';
import { LineIndex } from '../src/core/text';
import type { Finding } from '../src/core/types';

const N = 200_000;

describe('200 000 of anything, as one list', () => {
  it('the CLI prints a file with 200 000 findings', () => {
    const text = '某某\n'.repeat(N);
    const findings: Finding[] = Array.from({ length: N }, (_, i) => ({
      ruleId: 'placeholder',
      severity: 'warning',
      message: '占位符“某某”尚未替换',
      range: { start: i * 3, end: i * 3 + 2 },
    }));
    const report: FileReport = { filePath: 'draft.txt', findings, lines: new LineIndex(text) };
    const out = formatStylish([report], false);
    expect(out).toContain(`  ${N}:1  `);
    expect(out).toContain(`共 ${N} 个问题`);
  });

  it('the outline lists 200 000 inline items', () => {
    const model = buildModel('一是学习。\n'.repeat(N));
    const tree = outlineTree(model, [], { inlineItems: true });
    expect(tree).toHaveLength(N);
    expect(tree[N - 1]!.marker).toBe('一是');
  });

  it('numbering completion offers the first section before 200 000 of them', () => {
    const model = buildModel('一\n' + '一、总体要求\n'.repeat(N));
    expect(markerSuggestions(model, 1).map((s) => s.insert)).toContain('一、');
  });
});
