import * as vscode from 'vscode';
import type { ActionPlan } from '../core/actions';
import { FIX_ALL_KIND } from '../core/actions';
import type { ConfigProblem } from '../core/editorconfig';
import type { MarkerSuggestion } from '../core/numbering-completion';
import type { FoldPlan, SymbolPlan, TreeNodePlan } from '../core/sections';
import type { LineIndex, Range as CoreRange } from '../core/text';
import type { Finding, Fix, Severity } from '../core/types';

/**
 * The one module that turns core values (UTF-16 offsets, findings, plans) into VS Code objects.
 * Everything else in the extension passes core values around and calls these.
 */

export const DIAGNOSTIC_SOURCE = '党建文稿';
export const CONFIG_DIAGNOSTIC_CODE = 'dangjianrc';

export function toPosition(lines: LineIndex, offset: number): vscode.Position {
  const p = lines.positionAt(offset);
  return new vscode.Position(p.line, p.character);
}

export function toRange(lines: LineIndex, r: CoreRange): vscode.Range {
  return new vscode.Range(toPosition(lines, r.start), toPosition(lines, r.end));
}

/** The offsets of an editor range (the inverse of toRange, clamped to the text). */
export function fromRange(lines: LineIndex, r: vscode.Range): CoreRange {
  return { start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) };
}

export function fromPosition(lines: LineIndex, p: vscode.Position): number {
  return lines.offsetAt(p);
}

/** A selection over the range, its cursor at the end (where typing over a selected heading goes on). */
export function toSelection(lines: LineIndex, r: CoreRange): vscode.Selection {
  return new vscode.Selection(toPosition(lines, r.start), toPosition(lines, r.end));
}

export function toSeverity(s: Severity | 'off'): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** The rule's documentation, for the diagnostic's code link. */
export type RuleTarget = (ruleId: string) => vscode.Uri;

export function toDiagnostic(lines: LineIndex, f: Finding, target: RuleTarget): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(lines, f.range), f.message, toSeverity(f.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: target(f.ruleId) };
  return d;
}

export function toDiagnostics(lines: LineIndex, findings: readonly Finding[], target: RuleTarget): vscode.Diagnostic[] {
  return findings.map((f) => toDiagnostic(lines, f, target));
}

/** A problem in `.dangjianrc.json`, shown on the config file itself. */
export function toConfigDiagnostic(lines: LineIndex, p: ConfigProblem): vscode.Diagnostic {
  const range = p.range ?? { start: 0, end: 0 };
  const d = new vscode.Diagnostic(toRange(lines, range), p.message, toSeverity(p.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = CONFIG_DIAGNOSTIC_CODE;
  return d;
}

/** Whether an editor diagnostic is one of ours, and which rule it belongs to. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return typeof code === 'string' ? code : undefined;
}

export function toTextEdits(lines: LineIndex, fixes: readonly Fix[]): vscode.TextEdit[] {
  return fixes.map((f) => new vscode.TextEdit(toRange(lines, f.range), f.text));
}

/** All the edits in one WorkspaceEdit, which the editor applies as one undo step. */
export function toWorkspaceEdit(uri: vscode.Uri, lines: LineIndex, fixes: readonly Fix[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, toTextEdits(lines, fixes));
  return edit;
}

export const FIX_ALL_CODE_ACTION_KIND = vscode.CodeActionKind.SourceFixAll.append('dangjian');

export function toCodeActionKind(kind: ActionPlan['kind']): vscode.CodeActionKind {
  return kind === FIX_ALL_KIND ? FIX_ALL_CODE_ACTION_KIND : vscode.CodeActionKind.QuickFix;
}

/**
 * A code action from its plan. `edits` left out of the plan (a fix-all only listed) leaves the
 * action without an edit, for resolveCodeAction to fill in.
 */
export function toCodeAction(
  plan: ActionPlan,
  title: string,
  uri: vscode.Uri,
  lines: LineIndex,
  target: RuleTarget,
): vscode.CodeAction {
  const action = new vscode.CodeAction(title, toCodeActionKind(plan.kind));
  const findings = 'finding' in plan ? [plan.finding] : plan.findings;
  action.diagnostics = toDiagnostics(lines, findings, target);
  if (plan.type === 'fix') action.isPreferred = plan.preferred;
  if (plan.edits) action.edit = toWorkspaceEdit(uri, lines, plan.edits);
  return action;
}

export function toDocumentSymbols(lines: LineIndex, plans: readonly SymbolPlan[], detail: (chars: number) => string): vscode.DocumentSymbol[] {
  return plans.map((p) => {
    const s = new vscode.DocumentSymbol(p.name, detail(p.chars), vscode.SymbolKind.String, toRange(lines, p.range), toRange(lines, p.selectionRange));
    s.children = toDocumentSymbols(lines, p.children, detail);
    return s;
  });
}

export function toFoldingRanges(plans: readonly FoldPlan[]): vscode.FoldingRange[] {
  return plans.map((p) => new vscode.FoldingRange(p.startLine, p.endLine));
}

export const REVEAL_COMMAND = 'dangjian.outline.reveal';

export interface TreeItemText {
  description: string;
  tooltip: string;
  /** Title of the click command, for screen readers. */
  commandTitle: string;
}

/**
 * An outline node as a tree item: marker and heading, 字数 as description, an error (or
 * warning) icon when the section holds such findings, and a click that selects the heading.
 */
export function toTreeItem(node: TreeNodePlan, uri: vscode.Uri, text: TreeItemText, ops: Iterable<string> = []): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.label,
    node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `${uri.toString()}#${node.id}`;
  item.description = text.description;
  item.tooltip = text.tooltip;
  // The operations a section allows ride in its context value (` op:moveUp op:demote`), for the menus' `viewItem =~` tests.
  item.contextValue = node.kind === 'section' ? (node.errors ? 'section.error' : 'section') + [...ops].map((o) => ` op:${o}`).join('') : 'inline';
  item.iconPath = node.errors
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
    : node.warnings
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(node.kind === 'section' ? 'symbol-string' : 'list-ordered');
  item.command = { command: REVEAL_COMMAND, title: text.commandTitle, arguments: [uri.toString(), node.selection.start, node.selection.end] };
  return item;
}

/** A numbering marker offered at the cursor: it replaces what the user has typed of it. */
export function toCompletionItem(lines: LineIndex, s: MarkerSuggestion, order: number): vscode.CompletionItem {
  const item = new vscode.CompletionItem(s.insert, vscode.CompletionItemKind.EnumMember);
  item.range = toRange(lines, s.replace);
  item.insertText = s.insert;
  item.detail = s.detail;
  item.sortText = String(order).padStart(4, '0');
  item.preselect = order === 0;
  return item;
}

/** Dragged outline nodes, as the tree's own data transfer item (kept as they are within the same tree). */
export function toDataTransferItem(nodes: readonly TreeNodePlan[]): vscode.DataTransferItem {
  return new vscode.DataTransferItem(nodes);
}
