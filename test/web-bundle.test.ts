import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as vscode from './fakes/vscode';

/**
 * The browser bundle (dist/web/extension.js) runs in VS Code's web extension host, a Web Worker:
 * no DOM, no Node. Load it in a context that has only what a worker has, and activate it.
 */

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist/web/extension.js');

function workerContext(): Record<string, unknown> {
  const g: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextDecoder,
    TextEncoder,
    URL,
    URLSearchParams,
    structuredClone,
    performance,
  };
  g.self = g;
  g.globalThis = g;
  return g;
}

describe('the browser bundle', () => {
  it('loads and lints with only Web Worker globals', async () => {
    expect(existsSync(BUNDLE), 'run `npm run build` first').toBe(true);
    const module = { exports: {} as { activate?: (c: unknown) => Promise<unknown> } };
    const sandbox = workerContext();
    Object.assign(sandbox, {
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id === 'vscode') return vscode;
        throw new Error(`the browser bundle requires “${id}”, which a web extension host does not have`);
      },
    });
    vm.runInNewContext(readFileSync(BUNDLE, 'utf8'), sandbox, { filename: BUNDLE });
    for (const name of ['document', 'window', 'process', 'Buffer']) expect(sandbox[name], name).toBeUndefined();

    const { host } = vscode;
    host.reset();
    host.settings['dangjian.debounceMs'] = 5;
    host.files.set('/ext/README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    host.files.set('/w/.dangjianrc.json', '{"rules": {"nope": "off"}}');
    const context = { subscriptions: [] as { dispose(): void }[], extensionUri: vscode.Uri.file('/ext'), workspaceState: { get: (_k: string, d: unknown) => d, update: async () => {} } };
    await module.exports.activate!(context);
    const doc = host.open('/w/稿.md', 'markdown', '# 某局述职报告\n\n## 一、主要做法\n\n正文,正文。\n\n## 三、存在问题\n\n正文。\n');
    await new Promise((r) => setTimeout(r, 50));
    const codes = (host.collection('dangjian').get(doc.uri) ?? []).map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
    expect(codes).toContain('numbering-sequence');
    expect(codes).toContain('punctuation-width');
    expect(host.collection('dangjian-config').get(vscode.Uri.file('/w/.dangjianrc.json'))![0]!.message).toContain('nope');
    for (const d of context.subscriptions) d.dispose();
  });
});
