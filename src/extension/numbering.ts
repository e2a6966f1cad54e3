import * as vscode from 'vscode';
import { buildModel, type DocumentModel } from '../core/model';
import { continuationOnEnter, markerSuggestions } from '../core/numbering-completion';
import { fromPosition, toCompletionItem } from './convert';
import { localeOption } from './l10n';
import type { LintService } from './linter';
import { servedLanguages } from './providers';

export const CONTINUE_NUMBERING_COMMAND = 'dangjian.continueNumbering';

/** What opens the suggestions by itself: the start of a marker （ ( 1 一 …, as the user types it. */
export const TRIGGER_CHARACTERS = ['（', '(', ...'123456789', ...'一二三四五六七八九十'];

/**
 * The model of a draft's current text, for suggestions asked for while typing: the last lint's
 * when it is current, else the text's own model (structure only: cheaper than linting again).
 */
export class CurrentModels {
  private cache = new WeakMap<vscode.TextDocument, { version: number; model: DocumentModel }>();

  constructor(private readonly linter: LintService) {}

  get(doc: vscode.TextDocument): DocumentModel | undefined {
    const linted = this.linter.last(doc);
    if (!linted) return undefined;
    if (linted.version === doc.version) return linted.result.model;
    const cached = this.cache.get(doc);
    if (cached?.version === doc.version) return cached.model;
    const model = buildModel(doc.getText(), linted.options.format ?? 'text');
    this.cache.set(doc, { version: doc.version, model });
    return model;
  }
}

/** Offers the next marker of the current run where a paragraph starts, and 三是 after 二是. */
export class NumberingCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly models: CurrentModels) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const model = this.models.get(doc);
    if (!model) return [];
    return markerSuggestions(model, fromPosition(model.lines, position), localeOption()).map((s, i) => toCompletionItem(model.lines, s, i));
  }
}

/**
 * Enter, when dangjian.continueNumberingOnEnter binds it: after a heading line the new line starts
 * with the next sibling's marker; anywhere else Enter does what it always does.
 */
export async function continueNumbering(models: CurrentModels): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const single = editor && editor.selections.length === 1 && editor.selection.isEmpty;
  const model = single ? models.get(editor.document) : undefined;
  const marker = editor && model ? continuationOnEnter(model, fromPosition(model.lines, editor.selection.active)) : undefined;
  // `type`, not an edit: typing stays one undo step with what was typed before, as Enter is.
  await vscode.commands.executeCommand('type', { text: marker ? '\n' + marker : '\n' });
}

/** The completion provider for the served languages (again whenever `dangjian.languages` changes) and the Enter command. */
export class Numbering implements vscode.Disposable {
  readonly models: CurrentModels;
  readonly completion: NumberingCompletionProvider;
  private registration: vscode.Disposable | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(linter: LintService) {
    this.models = new CurrentModels(linter);
    this.completion = new NumberingCompletionProvider(this.models);
    this.register();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dangjian.languages')) this.register();
      }),
      vscode.commands.registerCommand(CONTINUE_NUMBERING_COMMAND, () => continueNumbering(this.models)),
    );
  }

  private register(): void {
    this.registration?.dispose();
    const selector = servedLanguages().map((language) => ({ language }));
    this.registration = vscode.languages.registerCompletionItemProvider(selector, this.completion, ...TRIGGER_CHARACTERS);
  }

  dispose(): void {
    this.registration?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
