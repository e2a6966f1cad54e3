/**
 * The name the export's save dialog suggests for the active draft (src/extension/export.ts; the
 * command itself runs in a real VS Code in test/integration/suite/export.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/core/model';
import { docxName } from '../src/extension/export';
import * as vscode from './fakes/vscode';

const uri = (s: string) => vscode.Uri.parse(s) as unknown as import('vscode').Uri;

describe('the suggested .docx name', () => {
  const model = buildModel('关于2025年党建工作的报告\n正文。');

  it('is the draft’s file name with .docx for its extension, the .dj/.gw language marker included', () => {
    expect(docxName(uri('file:///w/述职报告.dj.txt'), model)).toBe('述职报告.docx');
    expect(docxName(uri('file:///w/讲话.gw.txt'), model)).toBe('讲话.docx');
    expect(docxName(uri('file:///w/情况报告.md'), model)).toBe('情况报告.docx');
    expect(docxName(uri('file:///w/2025.定稿.txt'), model)).toBe('2025.定稿.docx');
    expect(docxName(uri('file:///w/没有扩展名'), model)).toBe('没有扩展名.docx');
  });

  it('is the title for an unsaved draft, without characters a file name cannot hold, else a plain word', () => {
    expect(docxName(uri('untitled:Untitled-1'), model)).toBe('关于2025年党建工作的报告.docx');
    expect(docxName(uri('untitled:Untitled-1'), buildModel('关于A/B:C两项“工作”的报告\n一、主要工作'))).toBe('关于ABC两项“工作”的报告.docx');
    expect(docxName(uri('untitled:Untitled-1'), buildModel('一、主要工作\n做了工作。'))).toBe('文稿.docx');
  });
});

describe('packaging of the export', () => {
  const ROOT = path.resolve(__dirname, '..');
  const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

  it('the desktop bundle requires dist/export.js on first use and holds none of the Word export itself', () => {
    expect(existsSync(path.join(ROOT, 'dist/export.js')), 'run `npm run build` first').toBe(true);
    const main = read('dist/extension.js');
    expect(main).toContain('require("./export.js")');
    expect(main).not.toContain('evenAndOddHeaders');
    expect(read('dist/export.js')).toContain('evenAndOddHeaders');
  });

  it('ships dist/export.js in the .vsix, and hides the command where it cannot load (the browser)', () => {
    const allowed = read('.vscodeignore').split('\n');
    expect(allowed).toContain('!dist/export.js');
    expect(allowed).toContain('!docs/screenshots/docx-page.png');
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.contributes.commands.find((c: { command: string }) => c.command === 'dangjian.exportDocx')?.title).toBe('%command.exportDocx%');
    const palette = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'dangjian.exportDocx');
    expect(palette.when.split(/\s*&&\s*/).sort()).toEqual(['!isWeb', 'dangjian.activeEditorIsDraft']);
  });
});
