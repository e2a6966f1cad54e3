/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SOURCE, sleep, workspaceFile, until, ours, codeOf } from './helpers';
import type { DangjianApi } from '../../../src/extension/extension';
import { abstractNum, buildDocx, DRAFT_LEVELS, num, numberingXml, p } from '../../helpers/docx';

/**
 * "检查 Word 文稿…" in a real VS Code: a .docx written into the workspace by the test, read into
 * a read-only `dangjian` view with its findings in the Problems panel, opened as an untitled
 * draft, and a corrupt file refused. The command takes the .docx as an argument (as the Explorer's
 * context menu gives it), so no dialog is needed. The reader's bundle (dist/docxread.js) is loaded
 * on first use, not at activation.
 */

const EXTENSION_ID = 'dangjian.dangjian-writer';

const readerLoaded = (): boolean => Object.keys(require.cache).some((f) => f.endsWith(`${path.sep}dist${path.sep}docxread.js`));

/** A 情况报告 numbered by Word, with two flaws: 1. right under 二、 (line 9), and a half-width comma (line 4). */
const EXPECTED = [
  '关于2024年度党支部工作情况的报告',
  '一、主要做法',
  '（一）加强理论学习',
  '坚持每月集中学习一次,支部书记带头讲党课。',
  '（二）规范组织生活',
  '按时召开支部党员大会。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '1.联系群众还不够紧密',
  '三、下一步打算',
  '继续抓好各项工作落实。',
];

function numberedDraft(): Uint8Array {
  const body = [
    p(EXPECTED[0]!),
    p('主要做法', { numId: 1, ilvl: 0 }),
    p('加强理论学习', { numId: 1, ilvl: 1 }),
    p(EXPECTED[3]!),
    p('规范组织生活', { numId: 1, ilvl: 1 }),
    p(EXPECTED[5]!),
    p('存在的问题', { numId: 1, ilvl: 0 }),
    p(EXPECTED[7]!),
    p('联系群众还不够紧密', { numId: 1, ilvl: 2 }),
    p('下一步打算', { numId: 1, ilvl: 0 }),
    p(EXPECTED[10]!),
  ].join('');
  return buildDocx({ body, numbering: numberingXml(abstractNum(0, DRAFT_LEVELS), num(1, 0)) });
}

interface DocxLintResult {
  view: vscode.Uri;
  paragraphs: number;
  errors: number;
  warnings: number;
  infos: number;
}

suite('党建文稿助手: 检查 Word 文稿', () => {
  let api: DangjianApi;
  const docx = workspaceFile('word', '情况报告.docx');
  let written: Uint8Array;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<DangjianApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
    written = numberedDraft();
    await vscode.workspace.fs.writeFile(docx, written);
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('reads the .docx into a read-only dangjian view, its findings in Problems; the reader loads only then', async () => {
    assert.strictEqual(readerLoaded(), false, 'activation did not load dist/docxread.js');
    const result = await vscode.commands.executeCommand<DocxLintResult | undefined>('dangjian.lintDocx', docx);
    assert.ok(result, 'the command returns what it showed');
    assert.strictEqual(readerLoaded(), true, 'the reader is loaded on first use');
    assert.deepStrictEqual([result.paragraphs, result.errors, result.warnings], [11, 0, 1]);

    const editor = await until('the view in the active editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'dangjian-docx' && vscode.window.activeTextEditor);
    const doc = editor.document;
    assert.strictEqual(doc.uri.toString(), result.view.toString());
    assert.strictEqual(doc.languageId, 'dangjian');
    assert.strictEqual(doc.getText(), EXPECTED.join('\n'));
    const diagnostics = await until('diagnostics on the view', () => (ours(doc.uri).length === 2 ? ours(doc.uri) : undefined));
    assert.deepStrictEqual(
      diagnostics.map((d) => [codeOf(d), d.range.start.line]),
      [
        ['punctuation-width', 3],
        ['numbering-level', 8],
      ],
    );
    assert.strictEqual(api.linter.last(doc)?.result.findings.length, 2, 'linted once, by the lint service');

    // Read-only: the view cannot be written, and the Word file is untouched.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, new TextEncoder().encode('x'))));
    assert.strictEqual(Buffer.compare(Buffer.from(await vscode.workspace.fs.readFile(docx)), Buffer.from(written)), 0, 'the Word file is untouched');
  });

  test('“在 VS Code 中打开为文稿” opens the text as an untitled draft, linted as one', async () => {
    const result = await vscode.commands.executeCommand<DocxLintResult | undefined>('dangjian.lintDocx', docx);
    assert.ok(result);
    const draft = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('dangjian.openDocxAsDraft', result.view);
    assert.ok(draft, 'a draft was opened');
    assert.strictEqual(draft.uri.scheme, 'untitled');
    assert.strictEqual(draft.languageId, 'dangjian');
    assert.strictEqual(draft.getText(), EXPECTED.join('\n'));
    assert.strictEqual(vscode.window.activeTextEditor?.document, draft);
    await until('diagnostics on the draft', () => ours(draft.uri).length === 2);
  });

  test('the .dangjianrc.json beside the Word file applies to its view', async () => {
    const dir = ['word-config'];
    const other = workspaceFile(...dir, '稿.docx');
    await vscode.workspace.fs.writeFile(other, numberedDraft());
    await vscode.workspace.fs.writeFile(workspaceFile(...dir, '.dangjianrc.json'), new TextEncoder().encode('{"rules": {"punctuation-width": "off"}}'));
    const result = await vscode.commands.executeCommand<DocxLintResult | undefined>('dangjian.lintDocx', other);
    assert.ok(result);
    await until('the numbering-level finding alone', () => ours(result.view).length === 1 && codeOf(ours(result.view)[0]!) === 'numbering-level');
  });

  test('a corrupt .docx opens nothing and the command says so', async () => {
    const bad = workspaceFile('word', '坏.docx');
    await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode(EXPECTED.join('\n')));
    const result = await vscode.commands.executeCommand<DocxLintResult | undefined>('dangjian.lintDocx', bad);
    assert.strictEqual(result, undefined);
    await sleep(200);
    assert.notStrictEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'dangjian-docx');
  });
});
