import * as vscode from 'vscode';
import { codeActionPlans, FIX_ALL_KIND, fixAllEdits, kindMatches, type ActionPlan } from '../core/actions';
import { DRAFT_LANGUAGE } from '../core/editorconfig';
import { foldingRangesOf, symbolsOf } from '../core/sections';
import type { Range as CoreRange } from '../core/text';
import { RULES } from '../rules';
import { settingsFor } from './configService';
import {
  FIX_ALL_CODE_ACTION_KIND,
  fromRange,
  ruleIdOf,
  toCodeAction,
  toDocumentSymbols,
  toFoldingRanges,
  toWorkspaceEdit,
  type RuleTarget,
} from './convert';
import { t } from './l10n';
import type { LintService } from './linter';

export function actionTitle(plan: ActionPlan): string {
  switch (plan.type) {
    case 'fix':
      return plan.to ? (plan.from ? t('将“{0}”改为“{1}”', plan.from, plan.to) : t('插入“{0}”', plan.to)) : t('删除“{0}”', plan.from);
    case 'renumber':
      return t('重新编号全文');
    case 'disable':
      return t('在此行停用规则“{0}”', plan.finding.ruleId);
    case 'fixAll':
      return t('修复本文所有可自动修复的问题');
  }
}

/** Quick fixes, renumbering, disable-for-this-line and `source.fixAll.dangjian`. */
export class CodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND],
  };
  private readonly pending = new WeakMap<vscode.CodeAction, vscode.TextDocument>();

  constructor(
    private readonly linter: LintService,
    private readonly target: RuleTarget,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const linted = this.linter.currentSync(doc);
    if (!linted) return [];
    const lines = linted.result.model.lines;
    // The cursor may sit just beside a squiggle VS Code still counts as here: cover those too.
    let r: CoreRange = fromRange(lines, range);
    for (const d of context.diagnostics) {
      if (!ruleIdOf(d)) continue;
      const dr = fromRange(lines, d.range);
      r = { start: Math.min(r.start, dr.start), end: Math.max(r.end, dr.end) };
    }
    const only = context.only?.value;
    const plans = codeActionPlans(linted.result, RULES, linted.options, {
      range: r,
      only,
      // Asked for by kind (on save, or the Source Action menu): the edit must come with the action.
      eagerFixAll: only !== undefined && kindMatches(only, FIX_ALL_KIND),
      eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    });
    return plans.map((p) => {
      const action = toCodeAction(p, actionTitle(p), doc.uri, lines, this.target);
      if (!p.edits) this.pending.set(action, doc);
      return action;
    });
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    const doc = this.pending.get(action);
    if (!doc || action.edit) return action;
    const linted = this.linter.currentSync(doc);
    if (linted) action.edit = toWorkspaceEdit(doc.uri, linted.result.model.lines, fixAllEdits(linted.result.model.text, RULES, linted.options));
    return action;
  }
}

export class SymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly linter: LintService) {}

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const linted = await this.linter.current(doc);
    if (!linted) return [];
    return toDocumentSymbols(linted.result.model.lines, symbolsOf(linted.result.model), (n) => t('{0}字', n));
  }
}

export class FoldingProvider implements vscode.FoldingRangeProvider {
  constructor(private readonly linter: LintService) {}

  async provideFoldingRanges(doc: vscode.TextDocument): Promise<vscode.FoldingRange[] | undefined> {
    const linted = await this.linter.current(doc);
    // Undefined, not []: VS Code then keeps its own folding for documents that are not drafts.
    return linted ? toFoldingRanges(foldingRangesOf(linted.result.model)) : undefined;
  }
}

/** The languages the providers serve: `dangjian` and the languages in `dangjian.languages`. */
export function servedLanguages(): string[] {
  return [...new Set([DRAFT_LANGUAGE, ...settingsFor(undefined).languages])];
}

/** Registers the providers for the served languages, again whenever `dangjian.languages` changes. */
export class Providers implements vscode.Disposable {
  private registrations: vscode.Disposable[] = [];
  private readonly listener: vscode.Disposable;
  readonly codeActions: CodeActionProvider;
  readonly symbols: SymbolProvider;
  readonly folding: FoldingProvider;

  constructor(linter: LintService, target: RuleTarget) {
    this.codeActions = new CodeActionProvider(linter, target);
    this.symbols = new SymbolProvider(linter);
    this.folding = new FoldingProvider(linter);
    this.register();
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dangjian.languages')) this.register();
    });
  }

  private register(): void {
    for (const r of this.registrations) r.dispose();
    const selector = servedLanguages().map((language) => ({ language }));
    this.registrations = [
      vscode.languages.registerCodeActionsProvider(selector, this.codeActions, CodeActionProvider.metadata),
      vscode.languages.registerDocumentSymbolProvider(selector, this.symbols, { label: t('党建文稿') }),
      vscode.languages.registerFoldingRangeProvider(selector, this.folding),
    ];
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.listener.dispose();
  }
}
