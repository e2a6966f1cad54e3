/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { SOURCE, sleep, workspaceFile, until, ours, codeOf } from './helpers';
import type { DangjianApi } from '../../../src/extension/extension';

/**
 * Runs inside a real VS Code (see scripts/test-integration.mjs): a desktop VS Code, or code-server's
 * Node extension host driven from headless Chromium. The workspace is a fresh copy of
 * test/integration/fixtures, so tests may write settings and files into it. Asserts on rule ids,
 * lines and text rather than messages and titles, which follow VS Code's display language.
 */

const EXTENSION_ID = 'dangjian.dangjian-writer';
const DRAFT = '述职报告.dj.txt';

let api: DangjianApi;

const codes = (uri: vscode.Uri): string[] => ours(uri).map(codeOf);
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const FIXTURE_FINDINGS = (): [string, number, number, vscode.DiagnosticSeverity][] => [
  ['inline-sequence', 4, 21, vscode.DiagnosticSeverity.Error],
  ['numbering-sequence', 5, 0, vscode.DiagnosticSeverity.Error],
  ['punctuation-width', 6, 12, vscode.DiagnosticSeverity.Warning],
];

async function openFile(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** The fixture draft, from disk (so that `.dangjianrc.json` and saving apply), linted. */
async function openDraftFile(name = DRAFT): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const opened = await openFile(name);
  await until(`diagnostics on ${name}`, () => ours(opened.doc.uri).length === 3);
  return opened;
}

/** An untitled copy of the fixture draft: the test edits it, and the file stays as it is. */
async function openDraft(): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const text = decode(await vscode.workspace.fs.readFile(workspaceFile(DRAFT)));
  const doc = await vscode.workspace.openTextDocument({ language: 'dangjian', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  await until('diagnostics on the untitled draft', () => ours(doc.uri).length === 3);
  return { doc, editor };
}

/** The edits a code action makes to one document, as [line, newText] pairs. */
function editsOf(action: vscode.CodeAction, uri: vscode.Uri): [number, string][] {
  return (action.edit?.get(uri) ?? []).map((e) => [e.range.start.line, e.newText]);
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('党建文稿助手: activation', () => {
  test('an unrelated file does not activate the extension; a draft does', async () => {
    const ext = vscode.extensions.getExtension<DangjianApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    // What was open, should something have activated it: a rare CI run found it active already
    // (activationEvent onLanguage:plaintext at extension host start, cause not yet known).
    const open = vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`).join(', ') || 'no documents';
    assert.strictEqual(ext.isActive, false, `nothing has activated the extension before a draft is opened; open: ${open}`);

    const { doc: other } = await openFile('无关.ini');
    assert.strictEqual(other.languageId, 'ini');
    await sleep(1500);
    assert.strictEqual(ext.isActive, false, 'an .ini file does not activate the extension');
    assert.deepStrictEqual(ours(other.uri), []);
    await closeAll();

    const { doc } = await openFile(DRAFT);
    assert.strictEqual(doc.languageId, 'dangjian', '*.dj.txt opens in the dangjian language');
    await until('activation by the draft', () => ext.isActive);
    await until('diagnostics once activated', () => ours(doc.uri).length === 3);
    await closeAll();
  });
});

suite('党建文稿助手 in VS Code', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<DangjianApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
  });

  teardown(closeAll);

  test('opening a fixture draft produces the expected diagnostics', async () => {
    const uri = workspaceFile(DRAFT);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'dangjian', '*.dj.txt opens in the dangjian language');
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until('diagnostics', () => (ours(uri).length === 3 ? ours(uri) : undefined));
    assert.deepStrictEqual(
      diagnostics.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.severity]),
      FIXTURE_FINDINGS(),
    );
    const target = (diagnostics[1]!.code as { target: vscode.Uri }).target;
    assert.match(target.path, /README\.md$/);
    assert.match(target.fragment, /^L\d+$/);
  });

  test('a Markdown file that reads as a draft is linted too', async () => {
    const { doc } = await openFile('情况.md');
    assert.strictEqual(doc.languageId, 'markdown');
    const diagnostics = await until('Markdown diagnostics', () => (ours(doc.uri).length ? ours(doc.uri) : undefined));
    assert.deepStrictEqual(diagnostics.map(codeOf), ['punctuation-width']);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(
      symbols.some((s) => s.name.includes('一、主要做法')),
      `the Markdown draft's sections are symbols: ${symbols.map((s) => s.name).join(' | ')}`,
    );
  });

  test('a plain-text file that is not a draft gets no findings and no outline', async () => {
    const { doc } = await openFile('笔记.txt');
    assert.strictEqual(doc.languageId, 'plaintext');
    assert.strictEqual(await api.linter.current(doc), undefined, 'not linted as a draft');
    await until('the outline to follow the active editor', () => api.outline.document === doc);
    assert.deepStrictEqual(api.outline.getChildren(), []);
    await sleep(300);
    assert.deepStrictEqual(ours(doc.uri), []);
  });

  test('the quick fix changes the text, in one undo step', async () => {
    const { doc } = await openDraft();
    const before = doc.getText();
    const at = doc.positionAt(before.indexOf('（三）'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
    // vscode.executeCodeActionProvider hands back neither the actions' diagnostics nor their
    // providers: the fix is the preferred quick fix that rewrites the heading's marker.
    const fix = actions.find((a) => a.isPreferred && a.kind?.value === 'quickfix' && editsOf(a, doc.uri).some(([line, text]) => line === 5 && text === '（二）'));
    assert.ok(fix?.edit, `the numbering-sequence finding offers its fix: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(doc.getText().includes('（二）抓组织建设'));
    await until('the fixed finding to go', () => !codes(doc.uri).includes('numbering-sequence'));
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

  test('diagnostics follow the text as the user types', async () => {
    const { doc, editor } = await openDraft();
    // Overtype 三 in “三是推动学用结合” with 二: the inline-sequence finding goes.
    const col = doc.lineAt(4).text.indexOf('三是');
    editor.selection = new vscode.Selection(4, col, 4, col + 1);
    await vscode.commands.executeCommand('type', { text: '二' });
    assert.ok(doc.lineAt(4).text.includes('二是推动学用结合'), doc.lineAt(4).text);
    await until('the inline-sequence finding to go', () => !codes(doc.uri).includes('inline-sequence') && ours(doc.uri).length === 2);
    // Type a new heading that skips a number: a finding appears on it.
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: '\n（三）加强作风建设' });
    const last = doc.lineCount - 1;
    assert.strictEqual(doc.lineAt(last).text, '（三）加强作风建设');
    await until('a finding on the typed heading', () => ours(doc.uri).some((d) => codeOf(d) === 'numbering-sequence' && d.range.start.line === last));
  });

  test('with dangjian.fixAllOnSave, saving fixes everything fixable', async () => {
    const uri = workspaceFile('保存.dj.txt');
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(workspaceFile(DRAFT)));
    const config = vscode.workspace.getConfiguration('dangjian', uri);
    await config.update('fixAllOnSave', true, vscode.ConfigurationTarget.Workspace);
    try {
      const { doc, editor } = await openDraftFile('保存.dj.txt');
      // Something to save: a line of text at the end.
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      await editor.edit((e) => e.insert(end, '\n持续改进作风。'));
      assert.ok(doc.isDirty);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await until('the save', () => !doc.isDirty);
      const saved = decode(await vscode.workspace.fs.readFile(uri));
      assert.ok(saved.includes('二是推动学用结合') && saved.includes('（二）抓组织建设') && saved.includes('制度，按时'), saved);
      assert.ok(saved.endsWith('持续改进作风。'), 'the user’s own edit is saved too');
      await until('no findings left', () => ours(uri).length === 0);
    } finally {
      await config.update('fixAllOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
    // And without the setting, saving leaves the text alone.
    const { doc, editor } = await openFile('保存.dj.txt');
    const col = doc.lineAt(4).text.indexOf('二是');
    await editor.edit((e) => e.replace(new vscode.Range(4, col, 4, col + 1), '三'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await until('the save', () => !doc.isDirty);
    assert.ok(decode(await vscode.workspace.fs.readFile(uri)).includes('三是推动学用结合'));
  });

  test('the symbol provider and folding return the expected outline', async () => {
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
    assert.ok(folds.some((f) => f.start === 2 && f.end === 6), JSON.stringify(folds));
    assert.ok(folds.some((f) => f.start === 9 && f.end === 11), JSON.stringify(folds));
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

  test('the tree view follows the cursor', async () => {
    const { doc } = await openDraft();
    await vscode.commands.executeCommand('dangjian.showOutline');
    await until('the outline view to show', () => api.outlineView.visible);
    const editor = await vscode.window.showTextDocument(doc);
    const selected = (): string | undefined => api.outlineView.selection[0]?.label;
    editor.selection = new vscode.Selection(10, 2, 10, 2);
    await until('the tree to select （一）加强政治建设', () => selected() === '（一）加强政治建设');
    editor.selection = new vscode.Selection(8, 0, 8, 0);
    await until('the tree to select 二、存在的问题', () => selected() === '二、存在的问题');
    editor.selection = new vscode.Selection(4, 3, 4, 3);
    await until('the tree to select （一）抓理论学习', () => selected() === '（一）抓理论学习');
  });

  test('turning a rule off in the settings removes its findings; a severity setting applies', async () => {
    const { doc } = await openDraftFile();
    const config = vscode.workspace.getConfiguration('dangjian', doc.uri);
    await config.update('rules', { 'punctuation-width': 'off', 'numbering-sequence': 'info' }, vscode.ConfigurationTarget.Workspace);
    try {
      await until('punctuation-width to go', () => !codes(doc.uri).includes('punctuation-width') && ours(doc.uri).length === 2);
      await until('numbering-sequence as information', () =>
        ours(doc.uri).some((d) => codeOf(d) === 'numbering-sequence' && d.severity === vscode.DiagnosticSeverity.Information),
      );
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('the findings to come back', () => ours(doc.uri).length === 3);
    assert.deepStrictEqual(
      ours(doc.uri).map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.severity]),
      FIXTURE_FINDINGS(),
    );
  });

  test('a .dangjianrc.json that is created, changed or deleted takes effect', async () => {
    const { doc } = await openDraftFile();
    const rc = workspaceFile('.dangjianrc.json');
    await vscode.workspace.fs.writeFile(rc, encode(JSON.stringify({ rules: { 'inline-sequence': 'off' } }, null, 2)));
    try {
      await until('the new .dangjianrc.json to turn inline-sequence off', () => !codes(doc.uri).includes('inline-sequence') && ours(doc.uri).length === 2);
      await vscode.workspace.fs.writeFile(rc, encode(JSON.stringify({ rules: { 'inline-sequence': 'warning', 'punctuation-width': 'off' } }, null, 2)));
      await until('the changed .dangjianrc.json to apply', () => {
        const ds = ours(doc.uri);
        return ds.length === 2 && ds.some((d) => codeOf(d) === 'inline-sequence' && d.severity === vscode.DiagnosticSeverity.Warning);
      });
    } finally {
      await vscode.workspace.fs.delete(rc);
    }
    await until('the findings to come back when it is deleted', () => ours(doc.uri).length === 3 && codes(doc.uri).includes('punctuation-width'));
  });

  // Last: everything above has run in this extension host.
  test('the extension host log holds no error or warning from the extension', async () => {
    await sleep(1000); // the log is written asynchronously
    const hostDir = vscode.Uri.joinPath(api.logUri, '..');
    const names = (await vscode.workspace.fs.readDirectory(hostDir)).map(([n]) => n);
    const hostLog = names.find((n) => /^(remote)?exthost\.log$/i.test(n));
    assert.ok(hostLog, `the extension host log is in ${hostDir.toString()} (${names.join(', ')})`);
    const text = decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(hostDir, hostLog)));
    assert.match(text, /dangjian\.dangjian-writer/, 'the log is the one that saw the extension activate');
    // An entry starts with a timestamp; the lines after it (a stack) belong to it.
    const entries = text.split(/\r?\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/);
    const bad = entries.filter((e) => /^\S+ \S+ \[(error|warning)\]/.test(e) && /dangjian/i.test(e));
    assert.deepStrictEqual(bad, [], 'errors and warnings in the extension host log that concern the extension');

    // The extension's own log (the 党建文稿 output channel).
    let own: string[] = [];
    try {
      own = (await vscode.workspace.fs.readDirectory(api.logUri)).map(([n]) => n).filter((n) => n.endsWith('.log'));
    } catch {
      // no log written yet
    }
    for (const name of own) {
      const log = decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.logUri, name)));
      const errors = log.split(/\r?\n/).filter((l) => /^\S+ \S+ \[error\]/.test(l));
      assert.deepStrictEqual(errors, [], `errors in the extension's own log ${name}`);
    }
  });
});
