import * as vscode from 'vscode';
import { decodeDraftBytes } from '../core/decodebytes';
import {
  CONFIG_FILE_NAME,
  configCandidates,
  readSettings,
  resolveEditorConfig,
  type EditorConfig,
  type EditorSettings,
} from '../core/editorconfig';
import { LineIndex } from '../core/text';
import { RULES } from '../rules';
import { toConfigDiagnostic } from './convert';
import { t } from './l10n';

/** Settings contributed without `"scope": "resource"`: VS Code warns when they are read for a resource. */
const WINDOW_SCOPED = new Set(['outline.showInlineItems']);

/**
 * The `dangjian.*` settings for a document, or for any resource when `uri` is undefined (scope
 * `null`: reading resource-scoped settings with no scope at all makes VS Code log a warning).
 */
export function settingsFor(uri: vscode.Uri | undefined): EditorSettings {
  const c = vscode.workspace.getConfiguration('dangjian', uri ?? null);
  const window = vscode.workspace.getConfiguration('dangjian');
  return readSettings((key) => (WINDOW_SCOPED.has(key) ? window : c).get(key));
}

export interface DocumentConfig extends EditorConfig {
  settings: EditorSettings;
  /** The `.dangjianrc.json` that applies, if any. */
  file: vscode.Uri | undefined;
}

/** Remembers the document type the user picked for a document, across sessions (workspace state). */
export class DocumentTypeStore {
  private static readonly KEY = 'dangjian.documentTypes';
  constructor(private readonly state: vscode.Memento) {}

  get(uri: vscode.Uri): string | undefined {
    return this.state.get<Record<string, string>>(DocumentTypeStore.KEY, {})[uri.toString()];
  }

  async set(uri: vscode.Uri, type: string | undefined): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(DocumentTypeStore.KEY, {}) };
    if (type === undefined) delete all[uri.toString()];
    else all[uri.toString()] = type;
    await this.state.update(DocumentTypeStore.KEY, all);
  }
}

const isConfigFile = (uri: vscode.Uri): boolean => uri.path.endsWith('/' + CONFIG_FILE_NAME);

/**
 * Finds and reads `.dangjianrc.json` the way the CLI does (the document's folder, then upwards)
 * through vscode.workspace.fs, so it works on any file system VS Code has (virtual ones and the
 * browser included). Watches config files, shows their problems on them, and tells listeners when
 * anything that decides a document's config has changed.
 */
export class ConfigService implements vscode.Disposable {
  private readonly lookups = new Map<string, Promise<vscode.Uri | undefined>>();
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly toldSettings = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly problems = vscode.languages.createDiagnosticCollection('dangjian-config');
  readonly onDidChange = this.changed.event;

  constructor(
    readonly types: DocumentTypeStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const invalidate = (uri: vscode.Uri, deleted = false): void => {
      if (deleted) this.problems.delete(uri);
      this.invalidate();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => invalidate(u)),
      watcher.onDidChange((u) => invalidate(u)),
      watcher.onDidDelete((u) => invalidate(u, true)),
      // Config files outside the workspace are not watched: a save in the editor still counts.
      vscode.workspace.onDidSaveTextDocument((d) => isConfigFile(d.uri) && invalidate(d.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => void (isConfigFile(d.uri) && this.validateOpen(d))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dangjian')) this.invalidate();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()),
      this.problems,
      this.changed,
    );
  }

  /** Forgets every lookup and file read, and tells listeners to lint again. */
  invalidate(): void {
    this.lookups.clear();
    this.texts.clear();
    this.toldSettings.clear();
    this.changed.fire();
  }

  /** The config for a document (or a file linted unopened): settings, nearest `.dangjianrc.json`, trust and the type picked for it. */
  async configFor(uri: vscode.Uri): Promise<DocumentConfig> {
    const settings = settingsFor(uri);
    const file = await this.find(uri);
    const fileText = file ? await this.read(file) : undefined;
    const resolved = resolveEditorConfig({ fileText, settings, trusted: vscode.workspace.isTrusted, documentTypeOverride: this.types.get(uri) }, RULES);
    if (file) this.showProblems(file, fileText ?? '', resolved);
    for (const p of resolved.settingsProblems) {
      if (this.toldSettings.has(p)) continue;
      this.toldSettings.add(p);
      this.log.warn(p);
    }
    return { ...resolved, settings, file };
  }

  private showProblems(file: vscode.Uri, text: string, resolved: EditorConfig): void {
    const lines = new LineIndex(text);
    this.problems.set(file, resolved.fileProblems.map((p) => toConfigDiagnostic(lines, p)));
    if (resolved.fileProblems.some((p) => p.severity === 'error')) {
      this.log.warn(t('配置文件 {0} 有误，已按默认设置检查：{1}', file.toString(true), resolved.fileProblems.map((p) => p.message).join('；')));
    }
  }

  private validateOpen(doc: vscode.TextDocument): void {
    const resolved = resolveEditorConfig({ fileText: doc.getText(), settings: settingsFor(doc.uri), trusted: vscode.workspace.isTrusted }, RULES);
    this.showProblems(doc.uri, doc.getText(), resolved);
  }

  private find(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (uri.scheme === 'untitled') return Promise.resolve(undefined);
    const dir = uri.path.slice(0, uri.path.lastIndexOf('/')) || '/';
    const key = uri.with({ path: dir, query: '', fragment: '' }).toString();
    let p = this.lookups.get(key);
    if (!p) {
      p = this.search(uri, dir);
      this.lookups.set(key, p);
    }
    return p;
  }

  private async search(uri: vscode.Uri, dir: string): Promise<vscode.Uri | undefined> {
    for (const candidate of configCandidates(dir)) {
      const c = uri.with({ path: candidate, query: '', fragment: '' });
      try {
        const st = await vscode.workspace.fs.stat(c);
        if (st.type & vscode.FileType.File) return c;
      } catch {
        // not there (or not readable on this file system): keep looking upwards
      }
    }
    return undefined;
  }

  private read(file: vscode.Uri): Promise<string | undefined> {
    const key = file.toString();
    let p = this.texts.get(key);
    if (!p) {
      p = Promise.resolve(vscode.workspace.fs.readFile(file)).then(
        (bytes) => decodeDraftBytes(bytes) ?? '\u0000',
        () => undefined,
      );
      this.texts.set(key, p);
    }
    return p;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
