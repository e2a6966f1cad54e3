import * as vscode from 'vscode';
import { fixAllEdits } from '../core/actions';
import type { TreeNodePlan } from '../core/sections';
import { RULES } from '../rules';
import { registerCommands, RuleDocs } from './commands';
import { ConfigService, DocumentTypeStore, settingsFor } from './configService';
import { toTextEdits } from './convert';
import { t } from './l10n';
import { LintService } from './linter';
import { OutlineView, type OutlineProvider } from './outlineView';
import { Providers } from './providers';
import { StatusBar } from './statusBar';

/** What the extension returns from activate(), for the integration tests. */
export interface DangjianApi {
  linter: LintService;
  outline: OutlineProvider;
  /** The outline tree view itself (what it has selected, whether it is visible). */
  outlineView: vscode.TreeView<TreeNodePlan>;
  providers: Providers;
  /** This extension's log folder; the extension host's own log is in the folder above it. */
  logUri: vscode.Uri;
}

export async function activate(context: vscode.ExtensionContext): Promise<DangjianApi> {
  const log = vscode.window.createOutputChannel(t('党建文稿'), { log: true });
  const docs = new RuleDocs(context.extensionUri);
  await docs.load();
  const types = new DocumentTypeStore(context.workspaceState);
  const configs = new ConfigService(types, log);
  const linter = new LintService(configs, docs.target, log);
  const outline = new OutlineView(linter);
  const status = new StatusBar(linter, types);
  const providers = new Providers(linter, docs.target);

  context.subscriptions.push(
    log,
    configs,
    linter,
    outline,
    status,
    providers,
    ...registerCommands({ linter, configs, docs, log }),
    // dangjian.fixAllOnSave: the user asked for every fixable problem to be fixed when they save.
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.reason !== vscode.TextDocumentSaveReason.Manual || !settingsFor(e.document.uri).fixAllOnSave) return;
      const linted = linter.currentSync(e.document);
      if (!linted) return;
      e.waitUntil(Promise.resolve(toTextEdits(linted.result.model.lines, fixAllEdits(linted.result.model.text, RULES, linted.options))));
    }),
  );

  linter.lintAll();
  log.info(t('党建文稿助手已启动'));
  return { linter, outline: outline.provider, outlineView: outline.view, providers, logUri: context.logUri };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
