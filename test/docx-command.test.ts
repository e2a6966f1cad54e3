/**
 * "检查 Word 文稿…" (dangjian.lintDocx) against the in-memory host of test/fakes/vscode.ts: the
 * extension activated, a .docx read through workspace.fs, its paragraphs shown as a read-only
 * `dangjian` view with the findings in Problems, "在 VS Code 中打开为文稿", a corrupt file, and the
 * same in the browser bundle. (test/integration/suite/docx.test.ts runs it in a real VS Code.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activate } from '../src/extension/extension';
import * as vscode from './fakes/vscode';
import { abstractNum, buildDocx, DRAFT_LEVELS, num, numberingXml, p, typedDocx } from './helpers/docx';

const ROOT = path.resolve(__dirname, '..');
const { host } = vscode;

/** A 情况报告 with a gap (（四） after （二）, line 8) and a half-width comma (line 5). */
const GAP = [
  '关于2024年度党支部工作情况的报告',
  '',
  '一、主要做法',
  '（一）加强理论学习',
  '坚持每月集中学习一次,支部书记带头讲党课。',
  '（二）规范组织生活',
  '按时召开支部党员大会和支部委员会。',
  '（四）抓好作风建设',
  '结合实际开展专项整治。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '三、下一步打算',
  '继续抓好各项工作落实。',
];

const settle = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));
const diagnostics = (uri: vscode.Uri) => (host.collection('dangjian').get(uri) ?? []).map((d) => [typeof d.code === 'object' ? d.code.value : d.code, d.range.start.line]);

let context: { subscriptions: { dispose(): void }[] };

async function start(): Promise<void> {
  context = {
    subscriptions: [],
    extensionUri: vscode.Uri.file('/ext'),
    workspaceState: { get: (_k: string, d?: unknown) => d, update: async () => undefined },
  } as never;
  host.files.set('/ext/README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  await activate(context as never);
}

async function lintDocx(arg?: unknown): Promise<{ view: vscode.Uri; paragraphs: number; errors: number; warnings: number; infos: number } | undefined> {
  return (await vscode.commands.executeCommand('dangjian.lintDocx', arg)) as never;
}

beforeEach(async () => {
  host.reset();
  host.settings['dangjian.debounceMs'] = 5;
  vscode.env.language = 'zh-cn';
  await start();
});

afterEach(() => {
  for (const d of context?.subscriptions ?? []) d.dispose();
});

describe('检查 Word 文稿…', () => {
  it('shows the paragraphs as a read-only dangjian view, one per line, with the findings in Problems against it', async () => {
    host.files.set('/w/情况报告.docx', typedDocx(GAP));
    const result = await lintDocx(vscode.Uri.file('/w/情况报告.docx'));
    expect(result).toMatchObject({ paragraphs: 13, errors: 1, warnings: 1 });
    const doc = host.activeEditor!.document;
    expect(doc.uri.toString()).toBe(result!.view.toString());
    expect(doc.uri.scheme).toBe('dangjian-docx');
    expect(doc.uri.path).toBe('/w/情况报告.docx');
    expect(doc.languageId).toBe('dangjian');
    expect(doc.getText()).toBe(GAP.join('\n'));
    expect(diagnostics(doc.uri)).toEqual([
      ['punctuation-width', 4],
      ['numbering-sequence', 7],
    ]);
    // The view cannot be written to.
    const provider = host.fileSystems.get('dangjian-docx');
    expect(provider.options).toMatchObject({ isReadonly: true });
    expect(() => provider.writeFile(doc.uri, new Uint8Array(), { create: true, overwrite: true })).toThrow(/NoPermissions/);
    expect(host.messages.at(-1)).toMatch(/^情况报告\.docx：共 13 段，错误 1 个，警告 1 个，提示 0 个。/);
  });

  it('reads automatic numbering as the markers Word shows', async () => {
    const body = [p('关于2024年度党支部工作情况的报告'), p('主要做法', { numId: 1, ilvl: 0 }), p('加强理论学习', { numId: 1, ilvl: 1 }), p('坚持每月学习。')].join('');
    host.files.set('/w/总结.docx', buildDocx({ body, numbering: numberingXml(abstractNum(0, DRAFT_LEVELS), num(1, 0)) }));
    await lintDocx(vscode.Uri.file('/w/总结.docx'));
    expect(host.activeEditor!.document.getText()).toBe('关于2024年度党支部工作情况的报告\n一、主要做法\n（一）加强理论学习\n坚持每月学习。');
  });

  it('without a file, asks for one with a dialog for Word files; cancelling does nothing', async () => {
    const asked: any[] = [];
    host.openDialog = (options) => {
      asked.push(options);
      return undefined;
    };
    expect(await lintDocx()).toBeUndefined();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ canSelectMany: false, filters: { 'Word 文稿': ['docx'] } });
    expect(host.activeEditor).toBeUndefined();

    host.files.set('/w/稿.docx', typedDocx(GAP));
    host.openDialog = () => [vscode.Uri.file('/w/稿.docx')];
    expect((await lintDocx())?.view.path).toBe('/w/稿.docx');
  });

  it('applies the .dangjianrc.json beside the Word file', async () => {
    host.files.set('/w/稿.docx', typedDocx(GAP));
    host.files.set('/w/.dangjianrc.json', '{"rules": {"numbering-sequence": "off"}}');
    const result = await lintDocx(vscode.Uri.file('/w/稿.docx'));
    expect(diagnostics(result!.view)).toEqual([['punctuation-width', 4]]);
  });

  it('“在 VS Code 中打开为文稿” opens the text as a new untitled draft, which is linted as one', async () => {
    host.files.set('/w/稿.docx', typedDocx(GAP));
    host.messageChoice = (_m, items) => items.find((i) => i === '在 VS Code 中打开为文稿');
    await lintDocx(vscode.Uri.file('/w/稿.docx'));
    await settle();
    const draft = host.activeEditor!.document;
    expect(draft.uri.scheme).toBe('untitled');
    expect(draft.languageId).toBe('dangjian');
    expect(draft.getText()).toBe(GAP.join('\n'));
    expect(diagnostics(draft.uri).map((d) => d[0])).toEqual(['punctuation-width', 'numbering-sequence']);
  });

  it('the view’s title button opens it as a draft too', async () => {
    host.files.set('/w/稿.docx', typedDocx(GAP));
    const { view } = (await lintDocx(vscode.Uri.file('/w/稿.docx')))!;
    const draft = (await vscode.commands.executeCommand('dangjian.openDocxAsDraft', view)) as vscode.FakeTextDocument;
    expect(draft.uri.scheme).toBe('untitled');
    expect(draft.getText()).toBe(GAP.join('\n'));
  });

  it('a corrupt .docx is an error message naming the file, and opens nothing', async () => {
    host.files.set('/w/坏.docx', new TextEncoder().encode(GAP.join('\n')));
    expect(await lintDocx(vscode.Uri.file('/w/坏.docx'))).toBeUndefined();
    expect(host.errors).toEqual(['无法读取 Word 文稿 坏.docx：不是有效的 Word 文档（.docx）：文件不是 zip 压缩包']);
    expect(host.activeEditor).toBeUndefined();
  });

  it('running it again after the Word file changed refreshes the view', async () => {
    host.files.set('/w/稿.docx', typedDocx(GAP));
    const { view } = (await lintDocx(vscode.Uri.file('/w/稿.docx')))!;
    const provider = host.fileSystems.get('dangjian-docx');
    const changes: unknown[] = [];
    provider.onDidChangeFile((e: unknown) => changes.push(e));
    const fixed = GAP.map((l) => l.replace('（四）', '（三）'));
    host.files.set('/w/稿.docx', typedDocx(fixed));
    await lintDocx(vscode.Uri.file('/w/稿.docx'));
    expect(changes).toEqual([[{ type: vscode.FileChangeType.Changed, uri: view }]]);
    expect(new TextDecoder().decode(await provider.readFile(view))).toBe(fixed.join('\n'));
  });
});

describe('bundles', () => {
  it('activation does not load the reader: the desktop bundle requires dist/docxread.js for it', () => {
    const bundle = path.join(ROOT, 'dist/extension.js');
    expect(existsSync(bundle), 'run `npm run build` first').toBe(true);
    const marker = 'disallowed character in entity name'; // saxes, the XML parser
    expect(readFileSync(bundle, 'utf8')).not.toContain(marker);
    expect(readFileSync(bundle, 'utf8')).toContain('require("./docxread.js")');
    expect(readFileSync(path.join(ROOT, 'dist/docxread.js'), 'utf8')).toContain(marker);
  });

  it('the browser bundle reads a .docx with only Web Worker globals', async () => {
    const file = path.join(ROOT, 'dist/web/extension.js');
    const module = { exports: {} as { activate?: (c: unknown) => Promise<unknown> } };
    const g: Record<string, unknown> = { console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, TextDecoder, TextEncoder, URL, URLSearchParams, structuredClone, performance };
    Object.assign(g, { self: g, globalThis: g, module, exports: module.exports });
    g.require = (id: string) => {
      if (id === 'vscode') return vscode;
      throw new Error(`the browser bundle requires “${id}”`);
    };
    vm.runInNewContext(readFileSync(file, 'utf8'), g, { filename: file });
    for (const d of context.subscriptions) d.dispose();
    host.reset();
    host.settings['dangjian.debounceMs'] = 5;
    host.files.set('/ext/README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    context = { subscriptions: [], extensionUri: vscode.Uri.file('/ext'), workspaceState: { get: (_k: string, d: unknown) => d, update: async () => undefined } } as never;
    await module.exports.activate!(context);
    host.files.set('/w/稿.docx', typedDocx(GAP));
    const result = await lintDocx(vscode.Uri.file('/w/稿.docx'));
    expect(result).toMatchObject({ paragraphs: 13, errors: 1, warnings: 1 });
    expect(diagnostics(result!.view)).toEqual([
      ['punctuation-width', 4],
      ['numbering-sequence', 7],
    ]);
  });
});
