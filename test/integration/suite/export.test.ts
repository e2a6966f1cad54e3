/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sleep, workspaceFile, until } from './helpers';
import { readDocx } from '../../../src/core/docx/read';
import type { DangjianApi } from '../../../src/extension/extension';

/**
 * "导出为 Word 文稿（GB/T 9704）…" in a real VS Code: the active draft is written as a .docx that
 * reads back as the draft's paragraphs, and the export's bundle (dist/export.js, with the Word
 * library) is loaded on first use, not at activation. The command takes a target .docx so that no
 * save dialog is needed.
 */

const EXTENSION_ID = 'dangjian.dangjian-writer';
const DRAFT = '述职报告.dj.txt';
const COMMAND = 'dangjian.exportDocx';

/** Whether the export bundle has been required into this extension host. */
const exportLoaded = (): boolean => Object.keys(require.cache).some((f) => f.endsWith(`${path.sep}dist${path.sep}export.js`));

suite('党建文稿助手: export as Word', () => {
  let api: DangjianApi;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<DangjianApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('writes the active draft to the given .docx, which reads back as its paragraphs; the Word export loads only then', async () => {
    assert.strictEqual(exportLoaded(), false, 'activation did not load dist/export.js');
    const doc = await vscode.workspace.openTextDocument(workspaceFile(DRAFT));
    await vscode.window.showTextDocument(doc);
    const linted = await until('the draft linted', () => api.linter.currentSync(doc));
    const target = workspaceFile('述职报告.docx');

    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(COMMAND, target);
    assert.strictEqual(written?.toString(), target.toString());
    assert.strictEqual(exportLoaded(), true, 'the export bundle is loaded on first use');
    const back = readDocx(await vscode.workspace.fs.readFile(target));
    assert.deepStrictEqual(
      back.paragraphs.map((p) => p.text),
      linted.result.model.paragraphs.map((p) => p.text),
    );
    assert.strictEqual(back.paragraphs[0]!.text, '某局党支部书记2025年度述职报告');
    // The draft itself is untouched.
    assert.strictEqual(doc.isDirty, false);
    await vscode.workspace.fs.delete(target);
  });

  test('exports an unsaved draft as it stands in the editor', async () => {
    const text = ['关于机关党建工作的报告', '一、主要工作', '做了很多工作。', '二、存在问题', '还有不足。'].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'dangjian', content: text });
    await vscode.window.showTextDocument(doc);
    await until('the untitled draft linted', () => api.linter.currentSync(doc));
    const target = workspaceFile('未保存.docx');
    await vscode.commands.executeCommand(COMMAND, target);
    assert.deepStrictEqual(readDocx(await vscode.workspace.fs.readFile(target)).text, text);
    await vscode.workspace.fs.delete(target);
  });

  test('does nothing for an editor that does not hold a draft', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('无关.ini'));
    await vscode.window.showTextDocument(doc);
    const target = workspaceFile('无关.docx');
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, target), undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)));
  });
});
