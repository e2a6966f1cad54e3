import * as vscode from 'vscode';
import type { DocumentModel } from '../core/model';
import { nodeAt, outlineTree, type TreeNodePlan } from '../core/sections';
import { settingsFor } from './configService';
import { fromRange, REVEAL_COMMAND, toRange, toTreeItem } from './convert';
import { t } from './l10n';
import type { LintService } from './linter';

export const OUTLINE_VIEW = 'dangjian.outline';
export const CONTEXT_IS_DRAFT = 'dangjian.activeEditorIsDraft';
export const CONTEXT_INLINE_ITEMS = 'dangjian.outline.inlineItems';

export function treeItemText(node: TreeNodePlan): { description: string; tooltip: string; commandTitle: string } {
  const counts: string[] = [];
  if (node.errors) counts.push(t('错误 {0} 个', node.errors));
  if (node.warnings) counts.push(t('警告 {0} 个', node.warnings));
  if (node.infos) counts.push(t('提示 {0} 个', node.infos));
  const where = t('第 {0} 行，{1}字', node.line + 1, node.chars);
  return {
    description: t('{0}字', node.chars),
    tooltip: [node.label, where, ...(counts.length ? [counts.join('，')] : [])].join('\n'),
    commandTitle: t('转到标题'),
  };
}

/** The operations a section node's context menu offers (by the model the tree was built from). */
export type OpsOf = (model: DocumentModel, node: TreeNodePlan) => readonly string[];

/**
 * The outline tree of the active draft: sections (and, when shown, inline items) from the core,
 * rebuilt whenever the linter has linted the active document.
 */
export class OutlineProvider implements vscode.TreeDataProvider<TreeNodePlan> {
  private readonly changed = new vscode.EventEmitter<TreeNodePlan | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private doc: vscode.TextDocument | undefined;
  private roots: TreeNodePlan[] = [];
  private model: DocumentModel | undefined;

  constructor(
    private readonly linter: LintService,
    private readonly opsOf?: OpsOf,
  ) {}

  get document(): vscode.TextDocument | undefined {
    return this.doc;
  }

  get nodes(): readonly TreeNodePlan[] {
    return this.roots;
  }

  /** Shows the outline of `doc` (or nothing); returns whether it is a linted draft. */
  show(doc: vscode.TextDocument | undefined): boolean {
    this.doc = doc;
    const linted = doc ? this.linter.last(doc) : undefined;
    this.model = linted?.result.model;
    this.roots = linted && doc ? outlineTree(linted.result.model, linted.result.findings, { inlineItems: settingsFor(doc.uri).showInlineItems }) : [];
    this.changed.fire(undefined);
    return !!linted;
  }

  refresh(): boolean {
    return this.show(this.doc);
  }

  getTreeItem(node: TreeNodePlan): vscode.TreeItem {
    const ops = this.model && this.opsOf && node.kind === 'section' ? this.opsOf(this.model, node) : [];
    return toTreeItem(node, this.doc!.uri, treeItemText(node), ops);
  }

  getChildren(node?: TreeNodePlan): TreeNodePlan[] {
    return node ? node.children : this.roots;
  }

  getParent(node: TreeNodePlan): TreeNodePlan | undefined {
    return node.parent;
  }

  nodeAtOffset(offset: number): TreeNodePlan | undefined {
    return nodeAt(this.roots, offset);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The tree view: follows the active editor and its cursor, badges errors, and selects headings on click. */
export class OutlineView implements vscode.Disposable {
  readonly provider: OutlineProvider;
  readonly view: vscode.TreeView<TreeNodePlan>;
  private readonly disposables: vscode.Disposable[] = [];
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRevealed: string | undefined;

  constructor(
    private readonly linter: LintService,
    options: { dragAndDropController?: vscode.TreeDragAndDropController<TreeNodePlan>; opsOf?: OpsOf } = {},
  ) {
    this.provider = new OutlineProvider(linter, options.opsOf);
    this.view = vscode.window.createTreeView(OUTLINE_VIEW, {
      treeDataProvider: this.provider,
      showCollapseAll: true,
      ...(options.dragAndDropController ? { dragAndDropController: options.dragAndDropController } : {}),
    });
    this.disposables.push(
      this.view,
      this.provider,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidUpdate((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) this.update();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.follow();
      }),
      this.view.onDidChangeVisibility((e) => e.visible && this.follow()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dangjian.outline')) this.update();
      }),
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: string, start: number, end: number) => this.revealInEditor(uri, start, end)),
    );
    this.update();
  }

  /** Rebuilds for the active editor and sets the context keys, badge and description. */
  update(): void {
    const editor = vscode.window.activeTextEditor;
    const isDraft = this.provider.show(editor?.document);
    void vscode.commands.executeCommand('setContext', CONTEXT_IS_DRAFT, isDraft);
    void vscode.commands.executeCommand('setContext', CONTEXT_INLINE_ITEMS, editor ? settingsFor(editor.document.uri).showInlineItems : false);
    const linted = editor && isDraft ? this.linter.last(editor.document) : undefined;
    const errors = linted?.result.findings.filter((f) => f.severity === 'error').length ?? 0;
    this.view.badge = errors ? { value: errors, tooltip: t('本文有 {0} 个错误', errors) } : undefined;
    this.view.description = linted ? linted.result.documentType.name : undefined;
    this.lastRevealed = undefined;
    this.follow();
  }

  /** Reveals and selects the section the cursor is in (soon after the cursor stops). */
  private follow(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      const editor = vscode.window.activeTextEditor;
      if (!this.view.visible || !editor || editor.document !== this.provider.document) return;
      const linted = this.linter.last(editor.document);
      if (!linted || linted.version !== editor.document.version) return;
      const offset = fromRange(linted.result.model.lines, editor.selection).start;
      const node = this.provider.nodeAtOffset(offset);
      if (!node || node.id === this.lastRevealed) return;
      this.lastRevealed = node.id;
      this.view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }, 150);
  }

  private async revealInEditor(uri: string, start: number, end: number): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    const linted = this.linter.last(doc);
    if (!linted) return;
    const range = toRange(linted.result.model.lines, { start, end });
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false, ...(visible?.viewColumn ? { viewColumn: visible.viewColumn } : {}) });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    for (const d of this.disposables) d.dispose();
  }
}
