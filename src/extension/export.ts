/**
 * "导出为 Word 文稿（GB/T 9704）…": writes the active draft as a .docx. Bundled on its own
 * (dist/export.js) and required on first use, so that activation never loads the Word export.
 */
import * as vscode from 'vscode';
import { exportDocx } from '../core/docx/export';
import type { DocumentModel } from '../core/model';
import { t } from './l10n';

const DRAFT_EXTENSION = /(\.(dj|gw))?\.(txt|md|markdown|mdx)$/i;

/** 述职报告.dj.txt → 述职报告.docx; an untitled draft is named after its title. */
export function docxName(source: vscode.Uri, model: DocumentModel): string {
  if (source.scheme !== 'untitled') {
    const base = source.path.slice(source.path.lastIndexOf('/') + 1);
    return `${base.replace(DRAFT_EXTENSION, '') || base}.docx`;
  }
  const title = model.title === undefined ? '' : model.paragraphs[model.title]!.text;
  // Characters no file system takes, and a length a file name can hold.
  const safe = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 60).trim();
  return `${safe || t('文稿')}.docx`;
}

function defaultTarget(source: vscode.Uri, model: DocumentModel): vscode.Uri | undefined {
  const name = docxName(source, model);
  if (source.scheme !== 'untitled') return vscode.Uri.joinPath(source, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}

/** Reveal in the system's file manager where there is one at hand, else in the Explorer view. */
function revealCommand(target: vscode.Uri): { label: string; command: string } | undefined {
  if (target.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
    return { label: t('打开所在文件夹'), command: 'revealFileInOS' };
  }
  if (vscode.workspace.getWorkspaceFolder(target)) return { label: t('在资源管理器中显示'), command: 'revealInExplorer' };
  return undefined;
}

/**
 * Exports `model` (the draft at `source`) to `target`, or where the user picks in a save dialog.
 * Returns where it wrote, or undefined when the user cancelled or the write failed (already told).
 */
export async function exportDraft(model: DocumentModel, source: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  target ??= await vscode.window.showSaveDialog({
    defaultUri: defaultTarget(source, model),
    filters: { [t('Word 文稿')]: ['docx'] },
    title: t('导出为 Word 文稿（GB/T 9704）'),
    saveLabel: t('导出'),
  });
  if (!target) return undefined;
  if (target.toString() === source.toString()) {
    void vscode.window.showErrorMessage(t('导出的 Word 文稿不能覆盖文稿本身，请另选文件名。'));
    return undefined;
  }
  const to = target;
  const name = to.path.slice(to.path.lastIndexOf('/') + 1);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('正在导出 {0}…', name) }, async () => {
      await vscode.workspace.fs.writeFile(to, await exportDocx(model));
    });
  } catch (e) {
    void vscode.window.showErrorMessage(t('无法导出 Word 文稿 {0}：{1}', name, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  const reveal = revealCommand(to);
  void vscode.window.showInformationMessage(t('已导出 Word 文稿：{0}', name), ...(reveal ? [reveal.label] : [])).then((pick) => {
    if (reveal && pick === reveal.label) void vscode.commands.executeCommand(reveal.command, to);
  });
  return to;
}
