import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/core/lint';
import { buildModel } from '../src/core/model';
import { draftCharCount, foldingRangesOf, nodeAt, nodeById, outlineTree, symbolsOf, type TreeNodePlan } from '../src/core/sections';
import { RULES } from '../src/rules';

const DRAFT = readFileSync(path.join(__dirname, 'fixtures/extension/draft.txt'), 'utf8');

const names = (ns: { name: string; children: any[] }[]): unknown => ns.map((n) => (n.children.length ? [n.name, names(n.children)] : n.name));

describe('symbolsOf', () => {
  it('gives the section tree with the heading as selection inside the section', () => {
    const model = buildModel(DRAFT);
    const symbols = symbolsOf(model);
    expect(names(symbols)).toEqual([
      ['一、主要做法及成效', ['（一）抓理论学习', '（三）抓组织建设']],
      '二、存在的问题',
      ['三、下一步打算', ['（一）加强政治建设']],
    ]);
    const first = symbols[0]!;
    expect(DRAFT.slice(first.selectionRange.start, first.selectionRange.end)).toBe('一、主要做法及成效');
    expect(DRAFT.slice(first.range.start, first.range.end)).toMatch(/^一、主要做法及成效\n[\s\S]*按时召开支部党员大会。$/);
    const walk = (ss: typeof symbols): void => {
      for (const s of ss) {
        expect(s.range.start <= s.selectionRange.start && s.selectionRange.end <= s.range.end).toBe(true);
        walk(s.children);
      }
    };
    walk(symbols);
    expect(first.children[0]!.chars).toBeGreaterThan(10);
  });

  it('works for Markdown, where the heading markup is not part of the name', () => {
    const md = '# 某局工作总结\n\n## 一、主要做法\n\n正文。\n\n## 二、存在问题\n\n正文。\n';
    const symbols = symbolsOf(buildModel(md, 'markdown'));
    expect(symbols.map((s) => s.name)).toEqual(['一、主要做法', '二、存在问题']);
    expect(md.slice(symbols[0]!.selectionRange.start, symbols[0]!.selectionRange.end)).toBe('一、主要做法');
  });
});

describe('foldingRangesOf', () => {
  it('folds each section from its heading to its last line, nested', () => {
    expect(foldingRangesOf(buildModel(DRAFT))).toEqual([
      { startLine: 2, endLine: 6 },
      { startLine: 3, endLine: 4 },
      { startLine: 5, endLine: 6 },
      { startLine: 7, endLine: 8 },
      { startLine: 9, endLine: 11 },
      { startLine: 10, endLine: 11 },
    ]);
  });

  it('counts lines the same on CRLF text and leaves out one-line sections', () => {
    const crlf = DRAFT.replace(/\n/g, '\r\n');
    expect(foldingRangesOf(buildModel(crlf))).toEqual(foldingRangesOf(buildModel(DRAFT)));
    expect(foldingRangesOf(buildModel('一、甲\n二、乙'))).toEqual([]);
  });
});

describe('draftCharCount', () => {
  it('counts the prose only, not Markdown markup or comments', () => {
    expect(draftCharCount(buildModel('一、甲乙。\n<!-- 注释 -->\n2025年'))).toBe(7);
    expect(draftCharCount(buildModel('## 一、**甲乙**。', 'markdown'))).toBe(5);
  });
});

describe('outlineTree', () => {
  const result = lint(DRAFT, RULES);
  const tree = outlineTree(result.model, result.findings);

  it('labels each node with marker and heading, 字数, and the findings it holds', () => {
    const flat = (ns: TreeNodePlan[]): TreeNodePlan[] => ns.flatMap((n) => [n, ...flat(n.children)]);
    const rows = flat(tree).map((n) => [n.label, n.errors, n.warnings]);
    expect(rows).toEqual([
      ['一、主要做法及成效', 2, 1],
      ['（一）抓理论学习', 1, 0],
      ['（三）抓组织建设', 1, 1],
      ['二、存在的问题', 0, 0],
      ['三、下一步打算', 0, 0],
      ['（一）加强政治建设', 0, 0],
    ]);
    expect(tree[0]!.chars).toBe(78);
    expect(tree[0]!.line).toBe(2);
    expect(tree[0]!.children[1]!.parent).toBe(tree[0]);
    expect(DRAFT.slice(tree[0]!.selection.start, tree[0]!.selection.end)).toBe('一、主要做法及成效');
  });

  it('adds inline items (一是…) as leaves in document order when asked', () => {
    const withItems = outlineTree(result.model, result.findings, { inlineItems: true });
    const study = withItems[0]!.children[0]!;
    expect(study.children.map((n) => [n.kind, n.label, n.errors])).toEqual([
      ['inline', '一是坚持集中学习', 0],
      ['inline', '三是推动学用结合', 1],
    ]);
    expect(study.children[1]!.parent).toBe(study);
    expect(DRAFT.slice(study.children[0]!.selection.start, study.children[0]!.selection.end)).toBe('一是坚持集中学习');
    expect(outlineTree(result.model, result.findings)[0]!.children[0]!.children).toEqual([]);
  });

  it('finds the node at the cursor and a node again by id after a rebuild', () => {
    const offset = DRAFT.indexOf('严格落实');
    expect(nodeAt(tree, offset)?.label).toBe('（三）抓组织建设');
    expect(nodeAt(tree, 0)).toBeUndefined();
    const withItems = outlineTree(result.model, result.findings, { inlineItems: true });
    expect(nodeAt(withItems, DRAFT.indexOf('三是推动') + 3)?.label).toBe('三是推动学用结合');
    const rebuilt = outlineTree(lint(DRAFT, RULES).model, []);
    expect(nodeById(rebuilt, tree[2]!.children[0]!.id)?.label).toBe('（一）加强政治建设');
    expect(nodeById(rebuilt, 's9')).toBeUndefined();
  });
});
