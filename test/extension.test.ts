import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as vscode from './fakes/vscode';
import { activate, type DangjianApi } from '../src/extension/extension';

/**
 * The whole extension activated against the in-memory host of test/fakes/vscode.ts: documents
 * open, change, save and close; diagnostics, code actions, commands, the outline view and the
 * status bar behave as a user would see them. (test/integration runs the same in a real VS Code.)
 */

const ROOT = path.resolve(__dirname, '..');
const DRAFT = readFileSync(path.join(__dirname, 'fixtures/extension/draft.txt'), 'utf8');
const { host } = vscode;
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const settle = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ids = (uri: vscode.Uri, collection = 'dangjian'): string[] =>
  (host.collection(collection).get(uri) ?? []).map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));

let api: DangjianApi;
let context: { subscriptions: { dispose(): void }[] };

async function start(): Promise<void> {
  const state = new Map<string, unknown>();
  context = {
    subscriptions: [],
    extensionUri: vscode.Uri.file('/ext'),
    workspaceState: { get: (k: string, d?: unknown) => state.get(k) ?? d, update: async (k: string, v: unknown) => void state.set(k, v) },
  } as never;
  host.files.set('/ext/README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  api = await activate(context as never);
}

beforeEach(async () => {
  host.reset();
  host.settings['dangjian.debounceMs'] = 10;
  vscode.env.language = 'zh-cn';
});

afterEach(() => {
  for (const d of context?.subscriptions ?? []) d.dispose();
});

describe('activation', () => {
  it('registers every command the manifest contributes, and only those', async () => {
    await start();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...host.commands.keys()].filter((c) => c.startsWith('dangjian.')).sort();
    expect(registered).toEqual(contributed);
  });

  it('registers the providers for dangjian, markdown and plaintext, with the fix-all kind', async () => {
    await start();
    const langs = (e: { selector: { language: string }[] }) => e.selector.map((s) => s.language);
    expect(langs(host.providers.codeActions[0])).toEqual(['dangjian', 'markdown', 'plaintext']);
    expect(langs(host.providers.symbols[0])).toEqual(['dangjian', 'markdown', 'plaintext']);
    expect(langs(host.providers.folding[0])).toEqual(['dangjian', 'markdown', 'plaintext']);
    expect(host.providers.codeActions[0].metadata.providedCodeActionKinds.map((k: vscode.CodeActionKind) => k.value)).toEqual(['quickfix', 'source.fixAll.dangjian']);
    host.setSetting('dangjian.languages', ['markdown', 'latex']);
    expect(langs(host.providers.codeActions[0])).toEqual(['dangjian', 'markdown', 'latex']);
    expect(host.providers.codeActions).toHaveLength(1);
  });
});

describe('diagnostics', () => {
  it('appear on open, linked to the rule’s section of the README, and go on close', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    expect(ids(doc.uri)).toEqual(['inline-sequence', 'numbering-sequence', 'punctuation-width']);
    const d = host.collection('dangjian').get(doc.uri)![1]!;
    expect([d.range.start.line, d.range.start.character, d.severity, d.source]).toEqual([5, 0, vscode.DiagnosticSeverity.Error, '党建文稿']);
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    const line = Number(/^L(\d+)$/.exec(target!.fragment)![1]);
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n')[line - 1]).toBe('### numbering-sequence');
    host.close(doc);
    expect(host.collection('dangjian').get(doc.uri)).toBeUndefined();
  });

  it('are debounced while typing, and a stale run never publishes', async () => {
    host.settings['dangjian.debounceMs'] = 40;
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    const at = DRAFT.indexOf('三是');
    host.edit(doc, [new vscode.TextEdit(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 1)), '二')]);
    await settle(10);
    expect(ids(doc.uri)).toContain('inline-sequence'); // not yet
    const p = DRAFT.indexOf(',');
    host.edit(doc, [new vscode.TextEdit(new vscode.Range(doc.positionAt(p), doc.positionAt(p + 1)), '，')]);
    await settle(20);
    expect(ids(doc.uri)).toContain('inline-sequence'); // the first run was superseded, the second not due yet
    await settle(60);
    expect(ids(doc.uri)).toEqual(['numbering-sequence']);
  });

  it('lint a draft over dangjian.maxDocumentSize on open and save only, and say so in the status bar', async () => {
    host.settings['dangjian.maxDocumentSize'] = 1000;
    await start();
    const big = DRAFT + '\n' + '全年持续抓好理论学习，推动各项工作落实。\n'.repeat(60);
    const doc = host.open('/w/big.dj.txt', 'dangjian', big);
    host.show(doc);
    await settle();
    expect(ids(doc.uri)).toContain('inline-sequence');
    const status = host.statusItems[0]!;
    expect(status.text).toContain('保存时检查');
    const at = big.indexOf('三是');
    host.edit(doc, [new vscode.TextEdit(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 1)), '二')]);
    await settle(40);
    expect(ids(doc.uri)).toContain('inline-sequence'); // typing does not lint a large draft
    host.save(doc);
    await settle();
    expect(ids(doc.uri)).not.toContain('inline-sequence');
  });

  it('lint Markdown and plain text only when they read as drafts, unless detection is off', async () => {
    await start();
    const note = host.open('/w/notes.md', 'markdown', '# 笔记\n\n今天讨论了三件事，（一）要早点。\n');
    const md = host.open('/w/报告.md', 'markdown', '# 某局述职报告\n\n## 一、主要做法\n\n正文,正文。\n\n## 二、存在问题\n\n正文。\n\n## 三、下一步打算\n\n正文。\n');
    await settle();
    expect(host.collection('dangjian').get(note.uri)).toBeUndefined();
    expect(ids(md.uri)).toEqual(['punctuation-width']);
    host.setSetting('dangjian.enable', false);
    await settle();
    expect(host.collection('dangjian').get(md.uri)).toBeUndefined();
    host.setSetting('dangjian.enable', true);
    host.setSetting('dangjian.detectDrafts', false);
    await settle();
    expect(host.collection('dangjian').get(note.uri)).toBeDefined();
  });

  it('follow .dangjianrc.json (the file wins over settings), and a bad file is shown on itself while linting goes on', async () => {
    host.settings['dangjian.rules'] = { 'punctuation-width': 'off', 'inline-sequence': 'off' };
    host.files.set('/w/.dangjianrc.json', '{\n  "rules": { "punctuation-width": "warning" }\n}');
    await start();
    const doc = host.open('/w/sub/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    expect(ids(doc.uri)).toEqual(['numbering-sequence', 'punctuation-width']);

    host.files.set('/w/.dangjianrc.json', '{\n  "rules": { "no-such-rule": "off" }\n}');
    api.linter.lintAll();
    // The service caches file reads until the watcher fires; a fresh activation reads again.
    for (const d of context.subscriptions) d.dispose();
    host.reset();
    host.settings['dangjian.debounceMs'] = 10;
    host.files.set('/w/.dangjianrc.json', '{\n  "rules": { "no-such-rule": "off" }\n}');
    await start();
    const again = host.open('/w/sub/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    expect(ids(again.uri)).toEqual(['inline-sequence', 'numbering-sequence', 'punctuation-width']); // defaults
    const problems = host.collection('dangjian-config').get(vscode.Uri.file('/w/.dangjianrc.json'))!;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('no-such-rule');
    expect([problems[0]!.range.start.line, problems[0]!.range.start.character]).toEqual([1, 13]);
  });

  it('ignore the config’s placeholders and formulations in an untrusted workspace', async () => {
    host.trusted = false;
    host.files.set('/w/.dangjianrc.json', JSON.stringify({ placeholders: ['待定'] }));
    await start();
    const doc = host.open('/w/a.dj.txt', 'dangjian', '某局工作总结\n一、主要做法\n人数待定。\n二、存在问题\n正文。\n三、下步打算\n正文。');
    await settle();
    expect(ids(doc.uri)).not.toContain('placeholder');
    const info = host.collection('dangjian-config').get(vscode.Uri.file('/w/.dangjianrc.json'))!;
    expect(info.map((d) => d.severity)).toEqual([vscode.DiagnosticSeverity.Information]);
    host.trusted = true;
    host.events.trust.fire();
    await settle();
    expect(ids(doc.uri)).toContain('placeholder');
    expect(host.collection('dangjian-config').get(vscode.Uri.file('/w/.dangjianrc.json'))).toEqual([]);
  });
});

describe('edits the user asks for', () => {
  it('a quick fix changes the text in one edit', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    const provider = host.providers.codeActions[0].provider;
    const at = doc.positionAt(DRAFT.indexOf('（三）'));
    const actions = provider.provideCodeActions(doc, new vscode.Range(at, at), { diagnostics: [], only: undefined });
    expect(actions.map((a: vscode.CodeAction) => a.title)).toEqual(['将“（三）”改为“（二）”', '重新编号全文', '修复本文所有可自动修复的问题', '在此行停用规则“numbering-sequence”']);
    const v = doc.version;
    await vscode.workspace.applyEdit(actions[0].edit);
    expect(doc.version).toBe(v + 1);
    expect(doc.getText()).toContain('（二）抓组织建设');
    // The listed fix-all is completed when chosen.
    const fixAll = provider.provideCodeActions(doc, new vscode.Range(doc.positionAt(DRAFT.indexOf(',')), doc.positionAt(DRAFT.indexOf(','))), { diagnostics: [], only: undefined })
      .find((a: vscode.CodeAction) => a.title === '修复本文所有可自动修复的问题');
    expect(fixAll.edit).toBeUndefined();
    provider.resolveCodeAction(fixAll);
    await vscode.workspace.applyEdit(fixAll.edit);
    expect(doc.getText()).toContain('二是推动学用结合');
    expect(doc.getText()).toContain('制度，按时');
  });

  it('source.fixAll.dangjian (as on save) comes with its edit', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    const provider = host.providers.codeActions[0].provider;
    const [action] = provider.provideCodeActions(doc, new vscode.Range(0, 0, 0, 0), { diagnostics: [], only: vscode.CodeActionKind.SourceFixAll });
    expect(action.kind.value).toBe('source.fixAll.dangjian');
    await vscode.workspace.applyEdit(action.edit);
    expect(doc.getText()).not.toBe(DRAFT);
    expect(doc.version).toBe(2);
  });

  it('renumber (document and selection) and fix all are one edit each', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    host.show(doc);
    await settle();
    const from = doc.positionAt(DRAFT.indexOf('（三）'));
    host.activeEditor!.selection = new vscode.Selection(from, doc.positionAt(DRAFT.indexOf('（三）') + 3));
    await vscode.commands.executeCommand('dangjian.renumberSelection');
    expect(doc.version).toBe(2);
    expect(doc.getText()).toContain('（二）抓组织建设');
    expect(doc.getText()).toContain('三是推动');
    await settle();
    await vscode.commands.executeCommand('dangjian.renumberDocument');
    expect(doc.version).toBe(3);
    expect(doc.getText()).toContain('二是推动');
    await vscode.commands.executeCommand('dangjian.renumberDocument');
    expect(host.messages).toEqual(['全文序号无需调整。']);
    await vscode.commands.executeCommand('dangjian.fixAll');
    expect(doc.version).toBe(4);
    expect(doc.getText()).toContain('制度，按时');
  });
});

describe('symbols, folding, outline view and status bar', () => {
  it('give the section outline of the active draft', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    host.show(doc);
    await settle();
    const symbols = await host.providers.symbols[0].provider.provideDocumentSymbols(doc);
    expect(symbols.map((s: vscode.DocumentSymbol) => [s.name, s.detail, s.children.map((c) => c.name)])).toEqual([
      ['一、主要做法及成效', '78字', ['（一）抓理论学习', '（三）抓组织建设']],
      ['二、存在的问题', '15字', []],
      ['三、下一步打算', '25字', ['（一）加强政治建设']],
    ]);
    const folds = await host.providers.folding[0].provider.provideFoldingRanges(doc);
    expect(folds.map((f: vscode.FoldingRange) => [f.start, f.end])).toEqual([[2, 6], [3, 4], [5, 6], [7, 8], [9, 11], [10, 11]]);

    const view = host.treeViews[0];
    const roots = api.outline.getChildren();
    expect(roots.map((n) => api.outline.getTreeItem(n).label)).toEqual(['一、主要做法及成效', '二、存在的问题', '三、下一步打算']);
    const first = api.outline.getTreeItem(roots[0]!) as unknown as vscode.TreeItem;
    expect([first.description, first.iconPath?.id]).toEqual(['78字', 'error']);
    expect(view.badge).toEqual({ value: 2, tooltip: '本文有 2 个错误' });
    expect(view.description).toBe('述职报告');
    expect(host.executed).toContainEqual({ command: 'setContext', args: ['dangjian.activeEditorIsDraft', true] });

    // Clicking a section selects its heading in the editor.
    await vscode.commands.executeCommand(first.command!.command, ...first.command!.arguments!);
    expect(doc.getText(host.activeEditor!.selection)).toBe('一、主要做法及成效');

    // The view follows the cursor.
    const inside = doc.positionAt(DRAFT.indexOf('严格落实'));
    host.activeEditor!.selection = new vscode.Selection(inside, inside);
    host.events.selection.fire({ textEditor: host.activeEditor });
    await settle(200);
    expect(api.outline.getTreeItem(view.revealed.at(-1)).label).toBe('（三）抓组织建设');

    const status = host.statusItems[0];
    expect(status.visible).toBe(true);
    expect(status.text).toMatch(/^\$\(book\) 述职报告 · \d+字$/);
    expect(status.command).toBe('dangjian.pickDocumentType');
  });

  it('shows inline items when toggled, and empties for a non-draft', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    host.show(doc);
    await settle();
    await vscode.commands.executeCommand('dangjian.outline.showInlineItems');
    const study = api.outline.getChildren()[0]!.children[0]!;
    expect(study.children.map((n) => n.label)).toEqual(['一是坚持集中学习', '三是推动学用结合']);
    await vscode.commands.executeCommand('dangjian.outline.hideInlineItems');
    expect(api.outline.getChildren()[0]!.children[0]!.children).toEqual([]);

    const note = host.open('/w/notes.txt', 'plaintext', '随手记\n买菜。');
    host.show(note);
    await settle();
    expect(api.outline.getChildren()).toEqual([]);
    expect(host.statusItems[0].visible).toBe(false);
    expect(host.executed.filter((e) => e.args[0] === 'dangjian.activeEditorIsDraft').at(-1)!.args[1]).toBe(false);
  });

  it('picks a document type for one draft from the status bar', async () => {
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    host.show(doc);
    await settle();
    host.quickPick = (items) => items.find((i: { id: string }) => i.id === 'speech');
    await vscode.commands.executeCommand('dangjian.pickDocumentType');
    await settle();
    expect(host.statusItems[0].text).toMatch(/讲话/);
    expect(ids(doc.uri)).toContain('required-section'); // a speech needs a salutation
    host.quickPick = (items) => items.find((i: { id: string }) => i.id === 'auto');
    await vscode.commands.executeCommand('dangjian.pickDocumentType');
    await settle();
    expect(host.statusItems[0].text).toMatch(/述职报告/);
  });
});

describe('lint workspace', () => {
  it('puts the drafts of unopened files into the Problems panel, skipping non-drafts', async () => {
    host.files.set('/w/a/述职.txt', DRAFT);
    host.files.set('/w/a/readme.md', '# Readme\n\nnothing here\n');
    host.files.set('/w/b/讲话.dj.txt', '在全市会议上的讲话\n一、提高认识\n正文。');
    await start();
    const summary = await vscode.commands.executeCommand('dangjian.lintWorkspace');
    expect(summary).toMatchObject({ files: 3, drafts: 2, errors: 2, cancelled: false });
    expect(ids(vscode.Uri.file('/w/a/述职.txt'))).toEqual(['inline-sequence', 'numbering-sequence', 'punctuation-width']);
    expect(host.collection('dangjian').get(vscode.Uri.file('/w/a/readme.md'))).toBeUndefined();
    expect(host.messages.at(-1)).toMatch(/^已检查 2 篇文稿：错误 2 个，警告 \d+ 个，提示 \d+ 个。$/);
  });
});

describe('English', () => {
  it('uses the English bundle when VS Code runs in English', async () => {
    vscode.env.language = 'en';
    await start();
    const doc = host.open('/w/draft.dj.txt', 'dangjian', DRAFT);
    await settle();
    const at = doc.positionAt(DRAFT.indexOf('（三）'));
    const actions = host.providers.codeActions[0].provider.provideCodeActions(doc, new vscode.Range(at, at), { diagnostics: [] });
    expect(actions.map((a: vscode.CodeAction) => a.title)).toEqual([
      'Change “（三）” to “（二）”',
      'Renumber the whole draft',
      'Fix all auto-fixable problems in this draft',
      'Disable rule “numbering-sequence” for this line',
    ]);
  });
});
