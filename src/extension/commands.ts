import * as vscode from 'vscode';
import { fixAllEdits, renumberEdits } from '../core/actions';
import { DEFAULT_DOCUMENT_TYPES, GENERIC_TYPE } from '../core/doctypes';
import { AUTO_DOCUMENT_TYPE } from '../core/editorconfig';
import { ruleDocLines } from '../core/ruledocs';
import { LineIndex } from '../core/text';
import type { Fix } from '../core/types';
import { RULES } from '../rules';
import type { ConfigService } from './configService';
import { fromRange, toRange, toWorkspaceEdit } from './convert';
import { t } from './l10n';
import type { LintService, Linted } from './linter';
import { OUTLINE_VIEW } from './outlineView';
import { PICK_TYPE_COMMAND } from './statusBar';
import { lintWorkspace } from './workspaceLint';

export const COMMANDS = {
  lintWorkspace: 'dangjian.lintWorkspace',
  renumberDocument: 'dangjian.renumberDocument',
  renumberSelection: 'dangjian.renumberSelection',
  fixAll: 'dangjian.fixAll',
  showOutline: 'dangjian.showOutline',
  openRuleDocs: 'dangjian.openRuleDocs',
  pickDocumentType: PICK_TYPE_COMMAND,
  showInlineItems: 'dangjian.outline.showInlineItems',
  hideInlineItems: 'dangjian.outline.hideInlineItems',
  exportDocx: 'dangjian.exportDocx',
} as const;

/** The README shipped in the extension, where each rule is documented. */
export class RuleDocs {
  private lines = new Map<string, number>();
  readonly readme: vscode.Uri;

  constructor(extensionUri: vscode.Uri) {
    this.readme = vscode.Uri.joinPath(extensionUri, 'README.md');
  }

  /** Reads the README once; rules stay linked to the README's top if it cannot be read. */
  async load(): Promise<void> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.readme);
      this.lines = ruleDocLines(new TextDecoder('utf-8').decode(bytes), RULES.map((r) => r.id));
    } catch {
      this.lines = new Map();
    }
  }

  lineOf(ruleId: string): number | undefined {
    return this.lines.get(ruleId);
  }

  /** The code link of a diagnostic: the README, at the rule's row (VS Code opens `#L12` at line 12). */
  target = (ruleId: string): vscode.Uri => {
    const line = this.lines.get(ruleId);
    return this.readme.with({ fragment: line === undefined ? ruleId : `L${line + 1}` });
  };
}

async function applyEdits(doc: vscode.TextDocument, linted: Linted, edits: Fix[], none: string): Promise<boolean> {
  if (!edits.length) {
    void vscode.window.showInformationMessage(none);
    return false;
  }
  // One WorkspaceEdit: one undo step.
  return vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, linted.result.model.lines, edits));
}

export function registerCommands(deps: {
  linter: LintService;
  configs: ConfigService;
  docs: RuleDocs;
  log: vscode.LogOutputChannel;
}): vscode.Disposable[] {
  const { linter, configs, docs, log } = deps;

  const activeDraft = async (): Promise<{ editor: vscode.TextEditor; linted: Linted } | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const linted = editor ? await linter.current(editor.document) : undefined;
    if (!editor || !linted) {
      void vscode.window.showInformationMessage(t('当前编辑器中不是党建文稿。'));
      return undefined;
    }
    return { editor, linted };
  };

  const renumber = async (selectionOnly: boolean): Promise<boolean> => {
    const active = await activeDraft();
    if (!active) return false;
    const { editor, linted } = active;
    const within = selectionOnly && !editor.selection.isEmpty ? fromRange(linted.result.model.lines, editor.selection) : undefined;
    const edits = renumberEdits(linted.result.model.text, RULES, linted.options, within);
    return applyEdits(editor.document, linted, edits, within ? t('选中部分的序号无需调整。') : t('全文序号无需调整。'));
  };

  return [
    vscode.commands.registerCommand(COMMANDS.renumberDocument, () => renumber(false)),
    vscode.commands.registerCommand(COMMANDS.renumberSelection, () => renumber(true)),

    vscode.commands.registerCommand(COMMANDS.fixAll, async () => {
      const active = await activeDraft();
      if (!active) return false;
      const { editor, linted } = active;
      return applyEdits(editor.document, linted, fixAllEdits(linted.result.model.text, RULES, linted.options), t('没有可自动修复的问题。'));
    }),

    vscode.commands.registerCommand(COMMANDS.showOutline, () => vscode.commands.executeCommand(`${OUTLINE_VIEW}.focus`)),

    vscode.commands.registerCommand(COMMANDS.showInlineItems, () =>
      vscode.workspace.getConfiguration('dangjian').update('outline.showInlineItems', true, vscode.ConfigurationTarget.Global),
    ),
    vscode.commands.registerCommand(COMMANDS.hideInlineItems, () =>
      vscode.workspace.getConfiguration('dangjian').update('outline.showInlineItems', false, vscode.ConfigurationTarget.Global),
    ),

    vscode.commands.registerCommand(COMMANDS.pickDocumentType, async () => {
      const active = await activeDraft();
      if (!active) return;
      const { editor, linted } = active;
      const uri = editor.document.uri;
      const current = configs.types.get(uri);
      const types = linted.config.config.documentTypes.length ? linted.config.config.documentTypes : DEFAULT_DOCUMENT_TYPES;
      type Item = vscode.QuickPickItem & { id: string };
      const mark = (id: string): string => (current === id || (current === undefined && id === AUTO_DOCUMENT_TYPE) ? '$(check) ' : '');
      const items: Item[] = [
        {
          id: AUTO_DOCUMENT_TYPE,
          label: mark(AUTO_DOCUMENT_TYPE) + t('自动'),
          description: t('按配置，否则按标题判断（当前：{0}）', linted.result.documentType.name),
        },
        ...[...types, GENERIC_TYPE].map((ty) => ({
          id: ty.id,
          label: mark(ty.id) + ty.name,
          description: ty.id,
          detail: ty.requiredSections.length ? t('必备部分：{0}', ty.requiredSections.map((s) => s.name).join('、')) : undefined,
        })),
      ];
      const pick = await vscode.window.showQuickPick(items, { title: t('本文的文稿类型'), placeHolder: t('选择文稿类型（只对本文生效）') });
      if (!pick) return;
      await configs.types.set(uri, pick.id === AUTO_DOCUMENT_TYPE ? undefined : pick.id);
      await linter.lintNow(editor.document);
    }),

    vscode.commands.registerCommand(COMMANDS.openRuleDocs, async (ruleId?: unknown) => {
      let id = typeof ruleId === 'string' ? ruleId : undefined;
      if (!id) {
        const pick = await vscode.window.showQuickPick(
          RULES.map((r) => ({ label: r.id, description: r.fixable ? t('可自动修复') : '', detail: r.description })),
          { title: t('规则说明'), placeHolder: t('选择要查看的规则'), matchOnDetail: true },
        );
        id = pick?.label;
      }
      if (!id) return;
      const rule = RULES.find((r) => r.id === id);
      const line = docs.lineOf(id);
      if (line === undefined) {
        void vscode.window.showInformationMessage(rule ? `${rule.id}：${rule.description}` : t('没有名为“{0}”的规则。', id), { modal: !!rule });
        return;
      }
      try {
        const doc = await vscode.workspace.openTextDocument(docs.readme);
        const lines = new LineIndex(doc.getText());
        const row = toRange(lines, { start: lines.lineStart(line), end: lines.lineEnd(line) });
        await vscode.window.showTextDocument(doc, { selection: row, preview: true });
      } catch (e) {
        log.error(e instanceof Error ? e : String(e));
        if (rule) void vscode.window.showInformationMessage(`${rule.id}：${rule.description}`, { modal: true });
      }
    }),

    vscode.commands.registerCommand(COMMANDS.lintWorkspace, () => lintWorkspace(linter, configs, log)),

    // `target` lets a caller (a test, a task) skip the save dialog. Menus pass the draft's own URI
    // as the first argument, so only a .docx counts as a target.
    vscode.commands.registerCommand(COMMANDS.exportDocx, async (target?: unknown) => {
      const active = await activeDraft();
      if (!active) return undefined;
      let exporter: typeof import('./export');
      try {
        // A separate bundle (dist/export.js), so that activation never loads the Word export.
        exporter = await import('./export');
      } catch (e) {
        // The web extension host can load nothing but its one bundle (the command is hidden there).
        log.error(e instanceof Error ? e : String(e));
        void vscode.window.showErrorMessage(t('此环境无法导出 Word 文稿，请在桌面版 VS Code 或命令行（dangjian-lint --export-docx）中导出。'));
        return undefined;
      }
      const to = target instanceof vscode.Uri && /\.docx$/i.test(target.path) ? target : undefined;
      return exporter.exportDraft(active.linted.result.model, active.editor.document.uri, to);
    }),
  ];
}
