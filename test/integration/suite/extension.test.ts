/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DangjianApi } from '../../../src/extension/extension';

/**
 * Runs inside a real VS Code (see scripts/test-integration.mjs), with test/integration/fixtures as
 * the workspace. Asserts on rule ids, lines and text rather than messages and titles, which follow
 * VS Code's display language.
 */

const EXTENSION_ID = 'dangjian.dangjian-writer';
const SOURCE = '党建文稿';

let api: DangjianApi;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (test/integration/fixtures) is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openDraft(): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('述职报告.dj.txt')));
  // An untitled copy: the test edits it, and the fixture on disk stays as it is.
  const doc = await vscode.workspace.openTextDocument({ language: 'dangjian', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  await until('diagnostics on the untitled draft', () => ours(doc.uri).length === 3);
  return { doc, editor };
}

suite('党建文稿助手 in VS Code', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<DangjianApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('opening a fixture draft produces the expected diagnostics', async () => {
    const uri = workspaceFile('述职报告.dj.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'dangjian', '*.dj.txt opens in the dangjian language');
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until('diagnostics', () => (ours(uri).length === 3 ? ours(uri) : undefined));
    assert.deepStrictEqual(
      diagnostics.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.severity]),
      [
        ['inline-sequence', 4, 21, vscode.DiagnosticSeverity.Error],
        ['numbering-sequence', 5, 0, vscode.DiagnosticSeverity.Error],
        ['punctuation-width', 6, 12, vscode.DiagnosticSeverity.Warning],
      ],
    );
    const target = (diagnostics[1]!.code as { target: vscode.Uri }).target;
    assert.match(target.path, /README\.md$/);
    assert.match(target.fragment, /^L\d+$/);
  });

  test('a Markdown file that reads as a draft is linted too', async () => {
    const uri = workspaceFile('情况.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'markdown');
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until('Markdown diagnostics', () => (ours(uri).length ? ours(uri) : undefined));
    assert.deepStrictEqual(diagnostics.map(codeOf), ['punctuation-width']);
  });

  test('the quick fix changes the text, in one undo step', async () => {
    const { doc } = await openDraft();
    const before = doc.getText();
    const at = doc.positionAt(before.indexOf('（三）'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
    const fix = actions.find((a) => a.isPreferred && a.kind?.value === 'quickfix' && a.diagnostics?.some((d) => codeOf(d) === 'numbering-sequence'));
    assert.ok(fix?.edit, 'the numbering-sequence finding offers its fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes('（二）抓组织建设'));
    await until('the fixed finding to go', () => !ours(doc.uri).some((d) => codeOf(d) === 'numbering-sequence'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
  });

  test('source.fixAll.dangjian fixes everything fixable in one edit', async () => {
    const { doc } = await openDraft();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.dangjian',
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.dangjian');
    assert.ok(fixAll?.edit);
    await vscode.workspace.applyEdit(fixAll.edit);
    const text = doc.getText();
    assert.ok(text.includes('二是推动学用结合') && text.includes('（二）抓组织建设') && text.includes('制度，按时'));
    await until('no findings left', () => ours(doc.uri).length === 0);
  });

  test('the renumber command renumbers the whole draft', async () => {
    const { doc } = await openDraft();
    await vscode.commands.executeCommand('dangjian.renumberDocument');
    assert.ok(doc.getText().includes('二是推动学用结合'));
    assert.ok(doc.getText().includes('（二）抓组织建设'));
    assert.ok(doc.getText().includes('制度,按时'), 'renumbering changes nothing else');
  });

  test('the symbol provider returns the expected outline', async () => {
    const { doc } = await openDraft();
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepStrictEqual(
      symbols.map((s) => [s.name, s.range.start.line, s.children.map((c) => c.name)]),
      [
        ['一、主要做法及成效', 2, ['（一）抓理论学习', '（三）抓组织建设']],
        ['二、存在的问题', 7, []],
        ['三、下一步打算', 9, ['（一）加强政治建设']],
      ],
    );
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(folds.some((f) => f.start === 2 && f.end === 6));
  });

  test('the tree view provider returns the expected sections', async () => {
    const { doc } = await openDraft();
    await until('the outline of the active draft', () => api.outline.document === doc && api.outline.getChildren().length === 3);
    const roots = api.outline.getChildren();
    assert.deepStrictEqual(
      roots.map((n) => api.outline.getTreeItem(n).label),
      ['一、主要做法及成效', '二、存在的问题', '三、下一步打算'],
    );
    assert.deepStrictEqual(api.outline.getChildren(roots[0]).map((n) => n.label), ['（一）抓理论学习', '（三）抓组织建设']);
    const first = api.outline.getTreeItem(roots[0]!);
    assert.match(String(first.description), /^78/);
    assert.strictEqual((first.iconPath as vscode.ThemeIcon).id, 'error');
  });
});
