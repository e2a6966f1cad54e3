import * as vscode from 'vscode';
import { formatOfLanguage, isLinted, selectDocument, type Selection } from '../core/editorconfig';
import { LintCache, lint, type LintOptions, type LintResult } from '../core/lint';
import { Debouncer } from '../core/scheduler';
import { RULES } from '../rules';
import { settingsFor, type ConfigService, type DocumentConfig } from './configService';
import { toDiagnostics, type RuleTarget } from './convert';
import { localeOption } from './l10n';

/** A document as last linted. */
export interface Linted {
  version: number;
  result: LintResult;
  options: LintOptions;
  config: DocumentConfig;
}

interface State {
  /** Undefined while the document is not (or no longer) linted. */
  linted: Linted | undefined;
  selection: Selection;
  /** Over dangjian.maxDocumentSize: linted on open and save, not while typing. */
  large?: boolean;
}

type Trigger = 'open' | 'change' | 'save';

/**
 * Lints open documents: at once on open and save, debounced on change (a later change makes an
 * earlier run stale, so its results are dropped), cleared on close. Publishes diagnostics and
 * tells listeners (status bar, outline) after each run.
 */
export class LintService implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('dangjian');
  private readonly states = new Map<string, State>();
  /** Per document: the rules' per-paragraph work, so that a relint redoes only what an edit changed. */
  private readonly caches = new Map<string, LintCache>();
  private readonly debouncer: Debouncer<string>;
  private readonly updated = new vscode.EventEmitter<vscode.TextDocument>();
  readonly onDidUpdate = this.updated.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly configs: ConfigService,
    readonly target: RuleTarget,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.debouncer = new Debouncer<string>(undefined, (e) => this.log.error(e instanceof Error ? e : String(e)));
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => void this.lintNow(d, 'save')),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      configs.onDidChange(() => this.lintAll()),
      this.diagnostics,
      this.updated,
    );
  }

  lintAll(): void {
    for (const d of vscode.workspace.textDocuments) void this.lintNow(d);
  }

  schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const settings = settingsFor(doc.uri);
    // Typing in a file of another language costs nothing.
    if (selectDocument({ languageId: doc.languageId, scheme: doc.uri.scheme }, settings) === 'skip' && !this.states.has(key)) return;
    this.debouncer.schedule(key, settings.debounceMs, (isStale) => this.run(doc, isStale, 'change'));
  }

  lintNow(doc: vscode.TextDocument, trigger: Trigger = 'open'): Promise<void> {
    return this.debouncer.runNow(doc.uri.toString(), (isStale) => this.run(doc, isStale, trigger));
  }

  /** True when the document is too large to lint while typing: it is linted on save. */
  isLarge(doc: vscode.TextDocument): boolean {
    return this.states.get(doc.uri.toString())?.large === true;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.states.delete(key);
    this.caches.delete(key);
    this.diagnostics.delete(uri);
  }

  private async run(doc: vscode.TextDocument, isStale: () => boolean, trigger: Trigger): Promise<void> {
    if (doc.isClosed) return;
    const settings = settingsFor(doc.uri);
    const selection = selectDocument({ languageId: doc.languageId, scheme: doc.uri.scheme }, settings);
    const key = doc.uri.toString();
    // A draft over the size limit keeps the editor responsive: it is linted on open and save only,
    // and its last findings stay until then.
    const large = selection !== 'skip' && doc.getText().length > settings.maxDocumentSize;
    if (large && trigger === 'change') {
      const state = this.states.get(key);
      if (state && !state.large) {
        state.large = true;
        this.updated.fire(doc);
      }
      return;
    }
    if (selection === 'skip') {
      this.clear(doc, selection);
      return;
    }
    const config = await this.configs.configFor(doc.uri);
    if (isStale() || doc.isClosed) return;
    const linted = this.compute(doc, config);
    if (!isLinted(selection, linted.result.model)) {
      this.clear(doc, selection);
      return;
    }
    this.states.set(key, { linted, selection, large });
    this.diagnostics.set(doc.uri, toDiagnostics(linted.result.model.lines, linted.result.findings, this.target));
    this.updated.fire(doc);
  }

  private clear(doc: vscode.TextDocument, selection: Selection): void {
    const had = this.states.get(doc.uri.toString())?.linted;
    this.states.set(doc.uri.toString(), { linted: undefined, selection });
    this.diagnostics.delete(doc.uri);
    if (had || selection !== 'skip') this.updated.fire(doc);
  }

  private compute(doc: vscode.TextDocument, config: DocumentConfig): Linted {
    const options: LintOptions = { format: formatOfLanguage(doc.languageId), config: config.config, ...localeOption() };
    const key = doc.uri.toString();
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new LintCache()));
    const version = doc.version;
    return { version, result: lint(doc.getText(), RULES, { ...options, cache }), options, config };
  }

  /** The last lint of a document, if it is a linted draft (possibly of an older version). */
  last(doc: vscode.TextDocument): Linted | undefined {
    return this.states.get(doc.uri.toString())?.linted;
  }

  /**
   * The lint of the document's current text, for providers asked between two debounced runs:
   * re-linted synchronously with the last config when the text has changed (diagnostics are left
   * to the debounced run), or linted now when the document has not been seen yet.
   */
  async current(doc: vscode.TextDocument): Promise<Linted | undefined> {
    const state = this.states.get(doc.uri.toString());
    if (!state) {
      await this.lintNow(doc);
      return this.last(doc)?.version === doc.version ? this.last(doc) : this.currentSync(doc);
    }
    return this.currentSync(doc);
  }

  currentSync(doc: vscode.TextDocument): Linted | undefined {
    const state = this.states.get(doc.uri.toString());
    const linted = state?.linted;
    if (!state || !linted) return undefined;
    if (linted.version === doc.version) return linted;
    const fresh = this.compute(doc, linted.config);
    if (!isLinted(state.selection, fresh.result.model)) return undefined;
    state.linted = fresh;
    return fresh;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
