import { describe, expect, it } from 'vitest';
import { looksLikeDraft, minimalEdit, renumberEdit } from '../src/core/edits';
import { applyFixes } from '../src/core/lint';
import { buildModel } from '../src/core/model';
import { RULES } from '../src/rules';

const DRAFT = ['某局党支部工作总结', '一、主要做法', '（一）学习', '一是读原著；三是谈体会。', '（三）管理', '三、存在问题', '（二）不足'].join('\n');

describe('renumberEdit', () => {
  it('renumbers every run of the draft in one replacement', () => {
    const edit = renumberEdit(DRAFT, RULES)!;
    const out = applyFixes(DRAFT, [edit]).text;
    expect(out).toBe(['某局党支部工作总结', '一、主要做法', '（一）学习', '一是读原著；二是谈体会。', '（二）管理', '二、存在问题', '（一）不足'].join('\n'));
  });

  it('renumbers only the markers inside a selection', () => {
    const start = DRAFT.indexOf('（三）管理');
    const edit = renumberEdit(DRAFT, RULES, {}, { start, end: start + 5 })!;
    const out = applyFixes(DRAFT, [edit]).text;
    expect(out).toContain('（二）管理');
    expect(out).toContain('三是谈体会');
    expect(out).toContain('三、存在问题');
  });

  it('returns nothing for a well-numbered draft', () => {
    expect(renumberEdit('一、甲\n二、乙', RULES)).toBeUndefined();
  });
});

describe('minimalEdit', () => {
  it('replaces only what differs and never splits a surrogate pair', () => {
    expect(minimalEdit('abcdef', 'abXdef')).toEqual({ range: { start: 2, end: 3 }, text: 'X' });
    const e = minimalEdit('a😀b', 'a😁b')!;
    expect(e.range).toEqual({ start: 1, end: 3 });
    expect(e.text).toBe('😁');
  });
});

describe('looksLikeDraft', () => {
  it('accepts a titled report or two numbered top-level headings, not an ordinary note', () => {
    expect(looksLikeDraft(buildModel('某局述职报告\n一、主要做法\n正文。'))).toBe(true);
    expect(looksLikeDraft(buildModel('一、总体要求\n正文。\n二、主要任务\n正文。'))).toBe(true);
    expect(looksLikeDraft(buildModel('# README\n\nInstall with npm.\n\n1. step one', 'markdown'))).toBe(false);
    expect(looksLikeDraft(buildModel('会议纪要\n今天讨论了三件事。'))).toBe(false);
  });
});
