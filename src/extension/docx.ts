/**
 * "检查 Word 文稿…": reads a .docx, shows its paragraphs as a read-only draft (one paragraph per
 * line, language `dangjian`) and lints it, the findings in the Problems panel against that view;
 * "在 VS Code 中打开为文稿" copies the text into a new untitled draft to go on writing.
 *
 * The view is a read-only file system under its own scheme rather than a text content provider:
 * its URI keeps the Word file's folder, so the configuration lookup finds the `.dangjianrc.json`
 * beside the Word file (read through to the real folder), and the lint service lints the view like
 * any draft, once, with no second set of diagnostics to keep in step.
 */
import * as vscode from 'vscode';
import { DRAFT_LANGUAGE } from '../core/editorconfig';
import { t } from './l10n';
import type { LintService } from './linter';

export const DOCX_SCHEME = 'dangjian-docx';
export const DOCX_COMMANDS = {
  lint: 'dangjian.lintDocx',
  openAsDraft: 'dangjian.openDocxAsDraft',
} as const;

/** A Word file with images can be large; only its text parts are inflated, each within a limit. */
const MAX_DOCX_BYTES = 100 * 1024 * 1024;
const CONFIG_NAME = '.dangjianrc.json';

type Reader = typeof import('./docxread');
let reader: Promise<Reader> | undefined;
function loadReader(): Promise<Reader> {
  return (reader ??= import('./docxread'));
}

const hex = (s: string): string => [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (s: string): string => new TextDecoder().decode(new Uint8Array((s.match(/../g) ?? []).map((b) => Number.parseInt(b, 16))));

/**
 * The view of a Word file: same path, the file's own scheme and authority kept in the view's
 * authority (scheme~hex(authority)), so that any path under the view maps back to the real one.
 */
export function viewUriOf(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(`${DOCX_SCHEME}://${source.scheme}${source.authority ? `~${hex(source.authority)}` : ''}`).with({ path: source.path });
}

export function sourceUriOf(view: vscode.Uri): vscode.Uri {
  const [scheme, authority] = view.authority.split('~');
  return vscode.Uri.parse(`${scheme}://${authority ? unhex(authority) : ''}`).with({ path: view.path });
}

const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

export interface DocxLintResult {
  view: vscode.Uri;
  paragraphs: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Read-only views of Word files, and `.dangjianrc.json` read through to the Word file's folder. */
export class DocxViews implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** The text of each view, as last read. */
  private readonly texts = new Map<string, string>();

  /** Reads the Word file (again) and refreshes its view if it is open; throws with a message for the user. */
  async load(source: vscode.Uri): Promise<string> {
    const stat = await vscode.workspace.fs.stat(source);
    if (stat.size > MAX_DOCX_BYTES) throw new Error(t('文件过大（{0} MB，上限 {1} MB）', (stat.size / 1048576).toFixed(1), MAX_DOCX_BYTES / 1048576));
    const bytes = await vscode.workspace.fs.readFile(source);
    const { readDocx } = await loadReader();
    const text = readDocx(bytes).text;
    const view = viewUriOf(source);
    const had = this.texts.get(view.toString());
    this.texts.set(view.toString(), text);
    if (had !== undefined && had !== text) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: view }]);
    return text;
  }

  textOf(view: vscode.Uri): string | undefined {
    return this.texts.get(view.with({ query: '', fragment: '' }).toString());
  }

  private isConfig(uri: vscode.Uri): boolean {
    return baseName(uri) === CONFIG_NAME;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (this.isConfig(uri)) return vscode.workspace.fs.stat(sourceUriOf(uri));
    if (!/\.docx$/i.test(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
    const source = await vscode.workspace.fs.stat(sourceUriOf(uri));
    const text = this.textOf(uri);
    return { type: vscode.FileType.File, ctime: source.ctime, mtime: source.mtime, size: text === undefined ? source.size : new TextEncoder().encode(text).length };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (this.isConfig(uri)) return vscode.workspace.fs.readFile(sourceUriOf(uri));
    if (!/\.docx$/i.test(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
    let text = this.textOf(uri);
    if (text === undefined) {
      try {
        text = await this.load(sourceUriOf(uri));
      } catch (e) {
        throw vscode.FileSystemError.Unavailable(e instanceof Error ? e.message : String(e));
      }
    }
    return new TextEncoder().encode(text);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerDocx(deps: { linter: LintService; log: vscode.LogOutputChannel }): vscode.Disposable[] {
  const { linter, log } = deps;
  const views = new DocxViews();

  const openAsDraft = async (arg?: unknown): Promise<vscode.TextDocument | undefined> => {
    const view = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!view || view.scheme !== DOCX_SCHEME) return undefined;
    let text = views.textOf(view);
    if (text === undefined) text = new TextDecoder().decode(await views.readFile(view));
    const doc = await vscode.workspace.openTextDocument({ language: DRAFT_LANGUAGE, content: text });
    await vscode.window.showTextDocument(doc);
    return doc;
  };

  const lintDocx = async (arg?: unknown): Promise<DocxLintResult | undefined> => {
    let source = arg instanceof vscode.Uri ? arg : undefined;
    if (!source) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { [t('Word 文稿')]: ['docx'] },
        openLabel: t('检查'),
        title: t('检查 Word 文稿'),
      });
      source = picked?.[0];
      if (!source) return undefined;
    }
    const name = baseName(source);
    let text: string;
    try {
      text = await views.load(source);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.warn(t('无法读取 Word 文稿 {0}：{1}', source.toString(true), message));
      void vscode.window.showErrorMessage(t('无法读取 Word 文稿 {0}：{1}', name, message));
      return undefined;
    }
    const view = viewUriOf(source);
    let doc = await vscode.workspace.openTextDocument(view);
    if (doc.languageId !== DRAFT_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, DRAFT_LANGUAGE);
    await vscode.window.showTextDocument(doc, { preview: false });
    await linter.lintNow(doc);
    const findings = linter.last(doc)?.result.findings ?? [];
    const result: DocxLintResult = {
      view,
      paragraphs: text.split('\n').length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    };
    const asDraft = t('在 VS Code 中打开为文稿');
    const problems = t('打开问题面板');
    void vscode.window
      .showInformationMessage(
        t('{0}：共 {1} 段，错误 {2} 个，警告 {3} 个，提示 {4} 个。此处为只读文本，修改请在 Word 中进行，或打开为文稿后继续撰写。', name, result.paragraphs, result.errors, result.warnings, result.infos),
        asDraft,
        problems,
      )
      .then((choice) => {
        if (choice === asDraft) void openAsDraft(view);
        else if (choice === problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    return result;
  };

  return [
    views,
    vscode.workspace.registerFileSystemProvider(DOCX_SCHEME, views, { isReadonly: true, isCaseSensitive: true }),
    vscode.commands.registerCommand(DOCX_COMMANDS.lint, lintDocx),
    vscode.commands.registerCommand(DOCX_COMMANDS.openAsDraft, openAsDraft),
  ];
}
