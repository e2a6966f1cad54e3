import * as vscode from 'vscode';
import { decodeDraftBytes } from '../core/decodebytes';
import { formatOfLanguage, isLinted, languageOfPath, selectDocument } from '../core/editorconfig';
import { lint } from '../core/lint';
import { LineIndex } from '../core/text';
import type { Finding } from '../core/types';
import { RULES } from '../rules';
import { settingsFor, type ConfigService } from './configService';
import { toDiagnostics } from './convert';
import { localeOption, t } from './l10n';
import type { LintService } from './linter';

export const DRAFT_GLOB = '**/*.{txt,md,markdown}';
export const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';
const MAX_FILES = 20000;

export interface WorkspaceLintSummary {
  files: number;
  drafts: number;
  errors: number;
  warnings: number;
  infos: number;
  cancelled: boolean;
}

/**
 * Lints every .txt/.md draft in the workspace into the Problems panel, with progress and cancel.
 * Open documents are linted from the editor (unsaved text included); the rest are read through
 * vscode.workspace.fs and never opened, so nothing in the workspace changes.
 */
export async function lintWorkspace(linter: LintService, configs: ConfigService, log: vscode.LogOutputChannel): Promise<WorkspaceLintSummary> {
  const summary: WorkspaceLintSummary = { files: 0, drafts: 0, errors: 0, warnings: 0, infos: 0, cancelled: false };
  const tally = (findings: readonly Finding[]): void => {
    summary.drafts++;
    for (const f of findings) summary[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
  };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('正在检查工作区中的文稿'), cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(DRAFT_GLOB, EXCLUDE_GLOB, MAX_FILES, token);
      uris.sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
      const step = uris.length ? 100 / uris.length : 100;
      for (const uri of uris) {
        if (token.isCancellationRequested) {
          summary.cancelled = true;
          break;
        }
        summary.files++;
        progress.report({ increment: step, message: `${summary.files}/${uris.length} ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}` });
        try {
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (open) {
            await linter.lintNow(open);
            const linted = linter.last(open);
            if (linted) tally(linted.result.findings);
            continue;
          }
          const languageId = languageOfPath(uri.path);
          if (!languageId) continue;
          const settings = settingsFor(uri);
          const stat = await vscode.workspace.fs.stat(uri);
          // A character is at most four bytes in any encoding read here.
          if (stat.size > settings.maxDocumentSize * 4) continue;
          const text = decodeDraftBytes(await vscode.workspace.fs.readFile(uri));
          if (text === undefined) continue;
          const selection = selectDocument({ languageId, scheme: uri.scheme, length: text.length }, settings);
          if (selection === 'skip') continue;
          const config = await configs.configFor(uri);
          const result = lint(text, RULES, { format: formatOfLanguage(languageId), config: config.config, ...localeOption() });
          if (!isLinted(selection, result.model)) {
            linter.diagnostics.delete(uri);
            continue;
          }
          linter.diagnostics.set(uri, toDiagnostics(new LineIndex(text), result.findings, linter.target));
          tally(result.findings);
        } catch (e) {
          log.warn(t('无法检查 {0}：{1}', uri.toString(true), e instanceof Error ? e.message : String(e)));
        }
        // Let the editor breathe between files.
        await new Promise<void>((r) => setTimeout(r, 0));
      }
    },
  );
  const text = summary.cancelled
    ? t('已取消：检查了 {0} 个文件中的 {1} 篇文稿，错误 {2} 个，警告 {3} 个。', summary.files, summary.drafts, summary.errors, summary.warnings)
    : t('已检查 {0} 篇文稿：错误 {1} 个，警告 {2} 个，提示 {3} 个。', summary.drafts, summary.errors, summary.warnings, summary.infos);
  const open = t('打开问题面板');
  void vscode.window.showInformationMessage(text, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}
