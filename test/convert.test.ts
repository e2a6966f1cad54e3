import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fake from './fakes/vscode';
import { codeActionPlans, type ActionPlan } from '../src/core/actions';
import { lint } from '../src/core/lint';
import { buildModel } from '../src/core/model';
import { foldingRangesOf, outlineTree, symbolsOf } from '../src/core/sections';
import { LineIndex } from '../src/core/text';
import type { Finding } from '../src/core/types';
import {
  DIAGNOSTIC_SOURCE,
  fromRange,
  ruleIdOf,
  toCodeAction,
  toConfigDiagnostic,
  toDiagnostic,
  toDocumentSymbols,
  toFoldingRanges,
  toRange,
  toSeverity,
  toTreeItem,
  toWorkspaceEdit,
} from '../src/extension/convert';
import { treeItemText } from '../src/extension/outlineView';
import { actionTitle } from '../src/extension/providers';
import { RULES } from '../src/rules';

const DRAFT = readFileSync(path.join(__dirname, 'fixtures/extension/draft.txt'), 'utf8');
const target = (id: string) => fake.Uri.parse(`file:///ext/README.md#${id}`);
const uri = fake.Uri.file('/w/draft.dj.txt');

/** Applies a WorkspaceEdit to a text through the fake document, as the editor would. */
function applyEdit(text: string, edit: fake.WorkspaceEdit): string {
  const doc = new fake.FakeTextDocument(uri, 'dangjian', text);
  doc.apply(edit.get(uri));
  return doc.getText();
}

describe('positions and ranges', () => {
  it('matches the editor on CRLF text and counts a surrogate pair as two columns', () => {
    const text = '第一行\r\n𠮷野家的序号（三）\r\n\r\n末行';
    const lines = new LineIndex(text);
    const doc = new fake.FakeTextDocument(uri, 'dangjian', text);
    for (let off = 0; off <= text.length; off++) {
      if (text[off - 1] === '\r' && text[off] === '\n') continue; // inside a line break
      const p = toRange(lines, { start: off, end: off }).start;
      expect([p.line, p.character], `offset ${off}`).toEqual([doc.positionAt(off).line, doc.positionAt(off).character]);
    }
    const start = text.indexOf('（三）');
    const r = toRange(lines, { start, end: start + 3 });
    expect([r.start.line, r.start.character, r.end.character]).toEqual([1, 7, 10]); // 𠮷 is two UTF-16 units, then 野家的序号
    expect(fromRange(lines, r)).toEqual({ start, end: start + 3 });
  });
});

describe('diagnostics', () => {
  it('carries rule id with its documentation link, source and mapped severity', () => {
    const text = '一、甲\r\n（一）乙\r\n𠮷（三）丙';
    const f: Finding = { ruleId: 'numbering-sequence', severity: 'error', message: '序号应为“（二）”', range: { start: text.indexOf('（三）'), end: text.indexOf('（三）') + 3 } };
    const d = toDiagnostic(new LineIndex(text), f, target);
    expect([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]).toEqual([2, 2, 2, 5]);
    expect(d.source).toBe(DIAGNOSTIC_SOURCE);
    expect(d.message).toBe('序号应为“（二）”');
    expect(d.severity).toBe(fake.DiagnosticSeverity.Error);
    expect(typeof d.code === 'object' && [d.code.value, d.code.target.toString()]).toEqual(['numbering-sequence', 'file:///ext/README.md#numbering-sequence']);
    expect(ruleIdOf(d as never)).toBe('numbering-sequence');
    expect([toSeverity('error'), toSeverity('warning'), toSeverity('info')]).toEqual([fake.DiagnosticSeverity.Error, fake.DiagnosticSeverity.Warning, fake.DiagnosticSeverity.Information]);
  });

  it('puts config problems on the config file, at the key', () => {
    const text = '{\n  "rules": {"nope": "off"}\n}';
    const start = text.indexOf('"nope"');
    const d = toConfigDiagnostic(new LineIndex(text), { message: '规则 “nope” 不存在', range: { start, end: start + 6 }, severity: 'error' });
    expect([d.range.start.line, d.range.start.character, d.range.end.character]).toEqual([1, 12, 18]);
    expect(d.code).toBe('dangjianrc');
    expect(ruleIdOf(d as never)).toBe('dangjianrc');
  });
});

describe('code actions', () => {
  const result = lint(DRAFT, RULES);
  const lines = result.model.lines;
  const convert = (plans: ActionPlan[]) => plans.map((p) => toCodeAction(p, actionTitle(p), uri as never, lines, target as never));

  it('offers, at a sequence error, its fix, renumbering, fix-all and disable, titled in Chinese', () => {
    const at = DRAFT.indexOf('（三）抓');
    const actions = convert(codeActionPlans(result, RULES, {}, { range: { start: at, end: at } }));
    expect(actions.map((a) => [a.title, a.kind?.value, !!a.edit, a.isPreferred ?? false])).toEqual([
      ['将“（三）”改为“（二）”', 'quickfix', true, true],
      ['重新编号全文', 'quickfix', true, false],
      ['修复本文所有可自动修复的问题', 'quickfix', false, false],
      ['在此行停用规则“numbering-sequence”', 'quickfix', true, false],
    ]);
    expect(actions[0]!.diagnostics!.map((d) => ruleIdOf(d as never))).toEqual(['numbering-sequence']);
    expect(applyEdit(DRAFT, actions[0]!.edit as never)).toContain('（二）抓组织建设');
    const renumbered = applyEdit(DRAFT, actions[1]!.edit as never);
    expect(renumbered).toContain('（二）抓组织建设');
    expect(renumbered).toContain('二是推动学用结合');
    expect(applyEdit(DRAFT, actions[3]!.edit as never)).toContain('<!-- dangjian-disable-next-line numbering-sequence -->\n（三）抓组织建设');
  });

  it('answers source.fixAll.dangjian with one WorkspaceEdit that makes the fixed text', () => {
    const [action] = convert(codeActionPlans(result, RULES, {}, { range: { start: 0, end: 0 }, only: 'source.fixAll.dangjian' }));
    expect(action!.kind?.value).toBe('source.fixAll.dangjian');
    expect(fake.CodeActionKind.SourceFixAll.contains(action!.kind!)).toBe(true);
    expect(action!.edit!.size).toBe(1);
    const fixed = applyEdit(DRAFT, action!.edit as never);
    expect(lint(fixed, RULES).findings).toEqual([]);
    expect(fixed.split('\n')).toHaveLength(DRAFT.split('\n').length);
  });

  it('turns a list of fixes into one WorkspaceEdit for the document', () => {
    const edit = toWorkspaceEdit(uri as never, lines, [
      { range: { start: 0, end: 1 }, text: 'X' },
      { range: { start: 3, end: 3 }, text: 'Y' },
    ]);
    expect(edit.entries()).toHaveLength(1);
    expect(applyEdit('abcdef', edit as never)).toBe('XbcYdef');
  });
});

describe('symbols and folding ranges for the fixture draft', () => {
  const model = buildModel(DRAFT);
  it('builds nested DocumentSymbols whose selection is the heading', () => {
    const symbols = toDocumentSymbols(model.lines, symbolsOf(model), (n) => `${n}字`);
    const shape = (ss: fake.DocumentSymbol[]): unknown => ss.map((s) => [s.name, s.detail, s.range.start.line, s.range.end.line, s.selectionRange.end.character, shape(s.children)]);
    expect(shape(symbols as never)).toEqual([
      ['一、主要做法及成效', '78字', 2, 6, 9, [
        ['（一）抓理论学习', '37字', 3, 4, 8, []],
        ['（三）抓组织建设', '32字', 5, 6, 8, []],
      ]],
      ['二、存在的问题', '15字', 7, 8, 7, []],
      ['三、下一步打算', '25字', 9, 11, 7, [['（一）加强政治建设', '18字', 10, 11, 9, []]]],
    ]);
    expect(symbols[0]!.kind).toBe(fake.SymbolKind.String);
  });

  it('builds FoldingRanges by section', () => {
    expect(toFoldingRanges(foldingRangesOf(model)).map((f) => [f.start, f.end])).toEqual([
      [2, 6],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 11],
      [10, 11],
    ]);
  });
});

describe('tree items', () => {
  const result = lint(DRAFT, RULES);
  const tree = outlineTree(result.model, result.findings, { inlineItems: true });
  const item = (n: (typeof tree)[number]) => toTreeItem(n, uri as never, treeItemText(n)) as unknown as fake.TreeItem;

  it('shows marker and heading, 字数, an error icon where the section holds errors, and selects the heading on click', () => {
    const top = item(tree[0]!);
    expect(top.label).toBe('一、主要做法及成效');
    expect(top.description).toBe('78字');
    expect(top.collapsibleState).toBe(fake.TreeItemCollapsibleState.Expanded);
    expect(top.iconPath?.id).toBe('error');
    expect(top.iconPath?.color?.id).toBe('list.errorForeground');
    expect(top.tooltip).toBe('一、主要做法及成效\n第 3 行，78字\n错误 2 个，警告 1 个');
    expect(top.contextValue).toBe('section.error');
    expect(top.id).toBe('file:///w/draft.dj.txt#s0');
    const [, start, end] = top.command!.arguments as [string, number, number];
    expect(DRAFT.slice(start, end)).toBe('一、主要做法及成效');

    const clean = item(tree[1]!);
    expect([clean.label, clean.iconPath?.id, clean.collapsibleState, clean.contextValue]).toEqual(['二、存在的问题', 'symbol-string', fake.TreeItemCollapsibleState.None, 'section']);

    const inline = item(tree[0]!.children[0]!.children[1]!);
    expect([inline.label, inline.iconPath?.id, inline.contextValue, inline.description]).toEqual(['三是推动学用结合', 'error', 'inline', '8字']);
  });
});
