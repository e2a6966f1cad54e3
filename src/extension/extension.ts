import * as vscode from 'vscode';
import { fixAllEdits } from '../core/actions';
import type { TreeNodePlan } from '../core/sections';
import { RULES } from '../rules';
import { registerCommands, RuleDocs } from './commands';
import { ConfigService, DocumentTypeStore, settingsFor } from './configService';
import { toTextEdits } from './convert';
import { registerDocx } from './docx';
import { t } from './l10n';
import { LintService } from './linter';
import { Numbering } from './numbering';
import { OutlineView, type OutlineProvider } from './outlineView';
import { Providers } from './providers';
import { Restructurer } from './restructure';
import { StatusBar } from './statusBar';

/** What the extension returns from activate(), for the integration tests. */
export interface DangjianApi {
  linter: LintService;
  outline: OutlineProvider;
  /** The outline tree view itself (what it has selected, whether it is visible). */
  outlineView: vscode.TreeView<TreeNodePlan>;
  providers: Providers;
  /** Section commands, and the outline tree's drag and drop controller (handleDrag / handleDrop). */
  restructure: Restructurer;
  /** Numbering completion and Enter continuing the numbering. */
  numbering: Numbering;
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
  // The controller reaches the view through a function: the view is made with the controller.
  const restructure: Restructurer = new Restructurer(linter, () => outline);
  const outline = new OutlineView(linter, { dragAndDropController: restructure, opsOf: (model, node) => restructure.opsOf(model, node) });
  const numbering = new Numbering(linter);
  const status = new StatusBar(linter, types);
  const providers = new Providers(linter, docs.target);

  context.subscriptions.push(
    log,
    configs,
    linter,
    outline,
    status,
    providers,
    numbering,
    ...registerCommands({ linter, configs, docs, log }),
    ...registerDocx({ linter, log }),
    ...restructure.register(),
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
  return { linter, outline: outline.provider, outlineView: outline.view, providers, restructure, numbering, logUri: context.logUri };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
