import * as vscode from 'vscode';
import type { DocumentModel } from '../core/model';
import { availableOps, dropOperation, restructure, sectionIndexAt, type RestructureKind, type RestructureOp } from '../core/restructure';
import { sectionCounts, type TreeNodePlan } from '../core/sections';
import { LineIndex, type Range as CoreRange } from '../core/text';
import type { Fix } from '../core/types';
import { fromPosition, toDataTransferItem, toSelection, toWorkspaceEdit } from './convert';
import { localeOption, t } from './l10n';
import type { LintService, Linted } from './linter';
import { OUTLINE_VIEW, type OutlineProvider } from './outlineView';

/** The section commands, by the core operation each runs on the section under the cursor (or the tree node). */
export const SECTION_COMMANDS: Readonly<Record<RestructureKind, string>> = {
  moveUp: 'dangjian.section.moveUp',
  moveDown: 'dangjian.section.moveDown',
  promote: 'dangjian.section.promote',
  demote: 'dangjian.section.demote',
  delete: 'dangjian.section.delete',
  insertAfter: 'dangjian.section.insertAfter',
};
export const COUNT_WORDS_COMMAND = 'dangjian.countWords';

/** The outline tree's own drag and drop mime type (`application/vnd.code.tree.<view id, lower case>`). */
export const OUTLINE_MIME = `application/vnd.code.tree.${OUTLINE_VIEW.toLowerCase()}`;

/** What a keybinding in the focused outline tree passes: act on the tree's selected node. */
export const FROM_OUTLINE = 'outline';

/** The outline view, which exists only after the drag and drop controller has been handed to it. */
export interface OutlineAccess {
  readonly provider: OutlineProvider;
  readonly view: vscode.TreeView<TreeNodePlan>;
}

/**
 * The section (index into model.allSections) a tree node stands for: the section whose heading is
 * on the node's line with the node's label, or else the only one with that label (a line added
 * above since the tree was built shifts the line, not the heading).
 */
export function sectionOfNode(model: DocumentModel, node: TreeNodePlan): number | undefined {
  if (node.kind !== 'section') return undefined;
  const label = (i: number): string => model.allSections[i]!.marker.text + model.allSections[i]!.heading;
  const line = (i: number): number => model.paragraphs[model.allSections[i]!.paragraph]!.line;
  const same = model.allSections.map((_, i) => i).filter((i) => label(i) === node.label);
  return same.find((i) => line(i) === node.line) ?? (same.length === 1 ? same[0] : undefined);
}

/** The text the edits make (they do not overlap). */
export function applyFixes(text: string, edits: readonly Fix[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return out;
}

type Target = { doc: vscode.TextDocument; linted: Linted; section: number; from: 'editor' | 'outline' };

/**
 * Section commands (move, promote, demote, delete, insert), drag and drop in the outline tree and
 * the word count by section. Each operation is the core's plan applied as one WorkspaceEdit, so one
 * undo step; a refusal is shown and changes nothing.
 */
export class Restructurer implements vscode.TreeDragAndDropController<TreeNodePlan> {
  readonly dropMimeTypes = [OUTLINE_MIME];
  readonly dragMimeTypes: string[] = [];

  constructor(
    private readonly linter: LintService,
    private readonly outline: () => OutlineAccess,
  ) {}

  register(): vscode.Disposable[] {
    return [
      ...(Object.keys(SECTION_COMMANDS) as RestructureKind[]).map((kind) =>
        vscode.commands.registerCommand(SECTION_COMMANDS[kind], (arg?: unknown) => this.run(kind, arg)),
      ),
      vscode.commands.registerCommand(COUNT_WORDS_COMMAND, () => this.countWords()),
    ];
  }

  /** Runs a section command on the tree node it was given, the tree's selection, or the section under the cursor. */
  async run(kind: RestructureKind, arg?: unknown): Promise<boolean> {
    const target = await this.resolve(arg);
    if (!target) return false;
    return this.apply(target.doc, target.linted, { kind, section: target.section }, target.from);
  }

  private async resolve(arg: unknown): Promise<Target | undefined> {
    const node = arg === FROM_OUTLINE ? this.outline().view.selection[0] : isNode(arg) ? arg : undefined;
    if (node) {
      const doc = this.outline().provider.document;
      const linted = doc && !doc.isClosed ? await this.linter.current(doc) : undefined;
      const section = linted ? sectionOfNode(linted.result.model, node) : undefined;
      if (!doc || !linted || section === undefined) {
        void vscode.window.showInformationMessage(t('层级提纲已过期，请重试。'));
        this.outline().provider.refresh();
        return undefined;
      }
      return { doc, linted, section, from: 'outline' };
    }
    const editor = vscode.window.activeTextEditor;
    const linted = editor ? await this.linter.current(editor.document) : undefined;
    if (!editor || !linted) {
      void vscode.window.showInformationMessage(t('当前编辑器中不是党建文稿。'));
      return undefined;
    }
    const model = linted.result.model;
    const section = sectionIndexAt(model, fromPosition(model.lines, editor.selection.active));
    if (section === undefined) {
      void vscode.window.showInformationMessage(t('光标不在带序号的标题或其下的正文中。'));
      return undefined;
    }
    return { doc: editor.document, linted, section, from: 'editor' };
  }

  /** Applies the core's plan for `op` as one edit and selects where the section landed. */
  private async apply(doc: vscode.TextDocument, linted: Linted, op: RestructureOp, from: 'editor' | 'outline'): Promise<boolean> {
    const model = linted.result.model;
    const plan = restructure(model, op, localeOption());
    if ('refused' in plan) {
      void vscode.window.showInformationMessage(plan.refused);
      return false;
    }
    if (!plan.edits.length) return false;
    if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, model.lines, plan.edits)))) return false;
    if (op.kind === 'delete') vscode.window.setStatusBarMessage(t('已删除“{0}”，可撤销。', sectionLabel(model, op.section)), 5000);
    // Lines and columns of the edited text, worked out from the plan: the editor may have turned
    // the edits' line breaks into the document's own.
    if (plan.selection) await this.reveal(doc, new LineIndex(applyFixes(model.text, plan.edits)), plan.selection, from);
    // The outline follows at once rather than after the typing delay.
    void this.linter.lintNow(doc);
    return true;
  }

  private async reveal(doc: vscode.TextDocument, lines: LineIndex, range: CoreRange, from: 'editor' | 'outline'): Promise<void> {
    const selection = toSelection(lines, range);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (editor && (from === 'editor' || editor === vscode.window.activeTextEditor)) {
      editor.selection = selection;
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    // From the tree the focus stays there, so the next key moves the section again.
    await vscode.window.showTextDocument(doc, { selection, preserveFocus: from === 'outline', ...(editor?.viewColumn ? { viewColumn: editor.viewColumn } : {}) });
  }

  // --- Drag and drop in the outline tree -----------------------------------------------------

  handleDrag(source: readonly TreeNodePlan[], dataTransfer: vscode.DataTransfer): void {
    const sections = source.filter((n) => n.kind === 'section');
    // Only a section drags (an inline item is part of a paragraph), and one at a time.
    if (sections.length === 1) dataTransfer.set(OUTLINE_MIME, toDataTransferItem(sections));
  }

  async handleDrop(target: TreeNodePlan | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    await this.drop(target, dataTransfer.get(OUTLINE_MIME)?.value);
  }

  /** Drops the dragged section on `target` (undefined: the empty space below the tree). */
  async drop(target: TreeNodePlan | undefined, dragged: unknown): Promise<boolean> {
    const source = Array.isArray(dragged) ? dragged.find(isNode) : undefined;
    if (!source || source.kind !== 'section') return false;
    // An inline item is inside its section: dropping on it means its section.
    const on = target?.kind === 'inline' ? target.parent : target;
    if (target && !on) return false;
    const doc = this.outline().provider.document;
    const linted = doc && !doc.isClosed ? await this.linter.current(doc) : undefined;
    if (!doc || !linted) return false;
    const model = linted.result.model;
    const section = sectionOfNode(model, source);
    const onto = on ? sectionOfNode(model, on) : undefined;
    if (section === undefined || (on && onto === undefined)) {
      void vscode.window.showInformationMessage(t('层级提纲已过期，请重试。'));
      this.outline().provider.refresh();
      return false;
    }
    const op = dropOperation(model, section, onto);
    return op ? this.apply(doc, linted, op, 'outline') : false;
  }

  /** The operations the tree's context menu offers for a node. */
  opsOf(model: DocumentModel, node: TreeNodePlan): RestructureKind[] {
    const section = sectionOfNode(model, node);
    return section === undefined ? [] : [...availableOps(model, section)];
  }

  // --- Word count ----------------------------------------------------------------------------

  /** Shows the 字数 of the draft and of each top-level section; picking a section goes to it. */
  async countWords(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const linted = editor ? await this.linter.current(editor.document) : undefined;
    if (!editor || !linted) {
      void vscode.window.showInformationMessage(t('当前编辑器中不是党建文稿。'));
      return;
    }
    const model = linted.result.model;
    const counts = sectionCounts(model);
    type Item = vscode.QuickPickItem & { line?: number };
    const share = (n: number): number => (counts.total ? Math.round((n / counts.total) * 100) : 0);
    const items: Item[] = [
      { label: t('全文'), description: t('{0}字', counts.total) },
      ...counts.sections.map((s) => ({
        label: s.label,
        description: t('{0}字，占 {1}%', s.chars, share(s.chars)),
        detail: t('第 {0} 行', s.line + 1),
        line: s.line,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: t('本文共 {0} 字', counts.total), placeHolder: t('选择一部分，转到该部分') });
    if (pick?.line === undefined) return;
    const lines = model.lines;
    const selection = toSelection(lines, { start: lines.lineStart(pick.line), end: lines.lineEnd(pick.line) });
    // The count was of the text as it was; the editor may have moved on since.
    if (editor.document.version !== linted.version) return;
    editor.selection = selection;
    editor.revealRange(selection, vscode.TextEditorRevealType.AtTop);
  }
}

function isNode(v: unknown): v is TreeNodePlan {
  return typeof v === 'object' && v !== null && 'kind' in v && 'label' in v && 'line' in v && 'range' in v;
}

function sectionLabel(model: DocumentModel, section: number): string {
  const s = model.allSections[section];
  return s ? s.marker.text + s.heading : '';
}
