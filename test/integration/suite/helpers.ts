// What every integration suite needs: the test workspace's files, waiting for the extension to
// catch up, and our diagnostics.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

/** The `source` of the extension's diagnostics. */
export const SOURCE = '党建文稿';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A file in the test workspace (a fresh copy of test/integration/fixtures for each run). */
export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (a copy of test/integration/fixtures) is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Polls `probe` until it gives a truthy value, failing with `what` after the timeout. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
