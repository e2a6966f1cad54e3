import * as vscode from 'vscode';
import { AUTO_DOCUMENT_TYPE } from '../core/editorconfig';
import { draftCharCount } from '../core/sections';
import { countChars } from '../core/wordcount';
import type { DocumentTypeStore } from './configService';
import { t } from './l10n';
import type { LintService } from './linter';

export const PICK_TYPE_COMMAND = 'dangjian.pickDocumentType';

/** Document type and 字数 of the active draft (and of the selection); a click picks the type. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dangjian.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly linter: LintService,
    private readonly types: DocumentTypeStore,
  ) {
    this.item.name = t('党建文稿：类型与字数');
    this.item.command = PICK_TYPE_COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidUpdate((doc) => doc === vscode.window.activeTextEditor?.document && this.update()),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor !== vscode.window.activeTextEditor) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.update(), 100);
      }),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const linted = editor ? this.linter.last(editor.document) : undefined;
    if (!editor || !linted) {
      this.item.hide();
      return;
    }
    const { result } = linted;
    const total = draftCharCount(result.model);
    const picked = this.types.get(editor.document.uri);
    const type = result.documentType.name;
    const selected = editor.selection.isEmpty ? 0 : countChars(editor.document.getText(editor.selection));
    this.item.text = selected ? `$(book) ${t('{0} · 选中 {1}/{2}字', type, selected, total)}` : `$(book) ${t('{0} · {1}字', type, total)}`;
    if (this.linter.isLarge(editor.document)) this.item.text += ` · ${t('大文件，保存时检查')}`;
    const how =
      picked && picked !== AUTO_DOCUMENT_TYPE
        ? t('为本文指定')
        : linted.options.config?.documentType
          ? t('由配置指定')
          : t('按标题判断');
    this.item.tooltip = t('文稿类型：{0}（{1}）\n字数：{2}（按汉字、标点各计一字，连续的字母数字计一字）\n点击更改本文的文稿类型', type, how, total);
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
