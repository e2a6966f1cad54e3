/**
 * A small stand-in for the `vscode` module, aliased in vitest.config.mts. It implements the value
 * classes convert.ts builds (with the same fields and constructor shapes as VS Code's) and, for the
 * activation test, an in-memory host: documents, settings, a file system, diagnostics collections,
 * registered commands and providers. `host` lets a test drive and inspect it.
 */

// ---------------------------------------------------------------------------------------------
// Value classes

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isEqual(o: Position): boolean {
    return o.line === this.line && o.character === this.character;
  }
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(start: Position, end: Position);
  constructor(sl: number, sc: number, el: number, ec: number);
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    const s = typeof a === 'number' ? new Position(a, b as number) : a;
    const e = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
    [this.start, this.end] = e.isBefore(s) ? [e, s] : [s, e];
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
  contains(p: Position): boolean {
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
}

export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  constructor(
    public range: Range,
    public message: string,
    public severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class TextEdit {
  constructor(
    public range: Range,
    public newText: string,
  ) {}
  static replace(range: Range, newText: string): TextEdit {
    return new TextEdit(range, newText);
  }
  static insert(p: Position, newText: string): TextEdit {
    return new TextEdit(new Range(p, p), newText);
  }
}

export class WorkspaceEdit {
  private readonly edits = new Map<string, { uri: Uri; edits: TextEdit[] }>();
  set(uri: Uri, edits: TextEdit[]): void {
    this.edits.set(uri.toString(), { uri, edits: [...edits] });
  }
  replace(uri: Uri, range: Range, text: string): void {
    const e = this.edits.get(uri.toString()) ?? { uri, edits: [] };
    e.edits.push(new TextEdit(range, text));
    this.edits.set(uri.toString(), e);
  }
  get(uri: Uri): TextEdit[] {
    return this.edits.get(uri.toString())?.edits ?? [];
  }
  entries(): [Uri, TextEdit[]][] {
    return [...this.edits.values()].map((e) => [e.uri, e.edits]);
  }
  get size(): number {
    return this.edits.size;
  }
}

export enum SymbolKind {
  File = 0,
  Module = 1,
  Namespace = 2,
  String = 14,
}

export class DocumentSymbol {
  children: DocumentSymbol[] = [];
  constructor(
    public name: string,
    public detail: string,
    public kind: SymbolKind,
    public range: Range,
    public selectionRange: Range,
  ) {
    if (!range.contains(selectionRange.start) || !range.contains(selectionRange.end)) throw new Error('selectionRange must be contained in fullRange');
  }
}

export class FoldingRange {
  constructor(
    public start: number,
    public end: number,
    public kind?: number,
  ) {}
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  iconPath?: ThemeIcon;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export enum CompletionItemKind {
  Text = 0,
  Value = 11,
  Snippet = 27,
  EnumMember = 19,
}

export class CompletionItem {
  range?: Range;
  insertText?: string;
  detail?: string;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
  constructor(
    public label: string,
    public kind?: CompletionItemKind,
  ) {}
}

export class DataTransferItem {
  constructor(readonly value: any) {}
  async asString(): Promise<string> {
    return typeof this.value === 'string' ? this.value : JSON.stringify(this.value);
  }
}

export class DataTransfer {
  private readonly items = new Map<string, DataTransferItem>();
  get(mimeType: string): DataTransferItem | undefined {
    return this.items.get(mimeType.toLowerCase());
  }
  set(mimeType: string, value: DataTransferItem): void {
    this.items.set(mimeType.toLowerCase(), value);
  }
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(this.value + '.');
  }
}

export class CodeAction {
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  isPreferred?: boolean;
  constructor(
    public title: string,
    public kind?: CodeActionKind,
  ) {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(s: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(s);
    if (!m) throw new Error(`bad uri ${s}`);
    return new Uri(m[1]!, m[2] ?? '', decodeURIComponent(m[3] ?? ''), m[4] ?? '', m[5] ?? '');
  }
  static file(p: string): Uri {
    return new Uri('file', '', p, '', '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...parts].join('/') });
  }
  with(c: { scheme?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme ?? this.scheme, this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? '?' + this.query : ''}${this.fragment ? '#' + this.fragment : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  readonly event = (listener: (e: T) => unknown): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  dispose(): void {
    this.fn();
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export enum FileType {
  Unknown = 0,
  File = 1,
  Directory = 2,
}
export enum FileChangeType {
  Changed = 1,
  Created = 2,
  Deleted = 3,
}
export class FileSystemError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
  static FileNotFound(uri?: Uri | string): FileSystemError {
    return new FileSystemError(`FileNotFound: ${String(uri)}`, 'FileNotFound');
  }
  static NoPermissions(uri?: Uri | string): FileSystemError {
    return new FileSystemError(`NoPermissions: ${String(uri)}`, 'NoPermissions');
  }
  static Unavailable(uri?: Uri | string): FileSystemError {
    return new FileSystemError(`Unavailable: ${String(uri)}`, 'Unavailable');
  }
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}
export enum EndOfLine {
  LF = 1,
  CRLF = 2,
}
export enum TextEditorRevealType {
  Default = 0,
  InCenter = 1,
  InCenterIfOutsideViewport = 2,
}
export enum TextDocumentSaveReason {
  Manual = 1,
  AfterDelay = 2,
  FocusOut = 3,
}

// ---------------------------------------------------------------------------------------------
// Localization

export const env = { language: 'zh-cn' };

export const l10n = {
  bundle: undefined as Record<string, string> | undefined,
  t(message: string, ...args: unknown[]): string {
    const m = l10n.bundle?.[message] ?? message;
    return m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  },
};

// ---------------------------------------------------------------------------------------------
// An in-memory host

export class FakeTextDocument {
  version = 1;
  isClosed = false;
  constructor(
    readonly uri: Uri,
    public languageId: string,
    private text: string,
  ) {}
  get eol(): EndOfLine {
    return this.text.includes('\r\n') ? EndOfLine.CRLF : EndOfLine.LF;
  }
  get fileName(): string {
    return this.uri.path;
  }
  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  private starts(): number[] {
    const s = [0];
    for (let i = 0; i < this.text.length; i++) {
      if (this.text[i] === '\r' && this.text[i + 1] === '\n') i++;
      if (this.text[i] === '\n' || this.text[i] === '\r') s.push(i + 1);
    }
    return s;
  }
  get lineCount(): number {
    return this.starts().length;
  }
  positionAt(offset: number): Position {
    const s = this.starts();
    let line = 0;
    while (line + 1 < s.length && s[line + 1]! <= offset) line++;
    return new Position(line, offset - s[line]!);
  }
  offsetAt(p: Position): number {
    const s = this.starts();
    return Math.min(this.text.length, (s[p.line] ?? this.text.length) + p.character);
  }
  /** Applies edits (against the current text) the way VS Code does: all at once, as one version. */
  apply(edits: readonly TextEdit[]): void {
    const sorted = edits.map((e) => ({ start: this.offsetAt(e.range.start), end: this.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
    for (const e of sorted) this.text = this.text.slice(0, e.start) + e.text + this.text.slice(e.end);
    this.version++;
  }
}

class FakeDiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: Uri, ds: Diagnostic[]): void {
    this.entries.set(uri.toString(), ds);
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  dispose(): void {
    this.entries.clear();
  }
}

const events = {
  open: new EventEmitter<FakeTextDocument>(),
  change: new EventEmitter<{ document: FakeTextDocument; contentChanges: unknown[] }>(),
  save: new EventEmitter<FakeTextDocument>(),
  close: new EventEmitter<FakeTextDocument>(),
  willSave: new EventEmitter<unknown>(),
  config: new EventEmitter<{ affectsConfiguration(s: string): boolean }>(),
  trust: new EventEmitter<void>(),
  activeEditor: new EventEmitter<unknown>(),
  selection: new EventEmitter<{ textEditor: unknown }>(),
};

export const host = {
  settings: {} as Record<string, unknown>,
  /** Files by path (any scheme without a provider of its own): text, or bytes for binary files. */
  files: new Map<string, string | Uint8Array>(),
  /** File system providers by scheme (workspace.registerFileSystemProvider). */
  fileSystems: new Map<string, any>(),
  /** Answers showOpenDialog; records what it was asked. */
  openDialog: undefined as undefined | ((options: any) => Uri[] | undefined),
  /** Picks a button of an information message (by its title), or none. */
  messageChoice: undefined as undefined | ((message: string, items: string[]) => string | undefined),
  errors: [] as string[],
  untitledCount: 0,
  documents: [] as FakeTextDocument[],
  commands: new Map<string, (...args: any[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  collections: [] as FakeDiagnosticCollection[],
  providers: { codeActions: [] as any[], symbols: [] as any[], folding: [] as any[], completion: [] as any[] },
  messages: [] as string[],
  statusMessages: [] as string[],
  quickPick: undefined as undefined | ((items: any[]) => any),
  treeViews: [] as any[],
  statusItems: [] as any[],
  activeEditor: undefined as undefined | { document: FakeTextDocument; selection: Selection; readonly selections: Selection[]; viewColumn: number; revealRange(): void },
  trusted: true,
  events,
  reset(): void {
    host.settings = {};
    host.files.clear();
    host.fileSystems.clear();
    host.openDialog = undefined;
    host.messageChoice = undefined;
    host.errors = [];
    host.untitledCount = 0;
    host.documents = [];
    host.commands.clear();
    host.executed = [];
    host.collections = [];
    host.providers = { codeActions: [], symbols: [], folding: [], completion: [] };
    host.messages = [];
    host.statusMessages = [];
    host.quickPick = undefined;
    host.treeViews = [];
    host.statusItems = [];
    host.activeEditor = undefined;
    host.trusted = true;
    for (const e of Object.values(events)) e.dispose();
  },
  collection(name: string): FakeDiagnosticCollection {
    return host.collections.find((c) => c.name === name)!;
  },
  open(path: string, languageId: string, text: string): FakeTextDocument {
    const doc = new FakeTextDocument(Uri.file(path), languageId, text);
    host.documents.push(doc);
    events.open.fire(doc);
    return doc;
  },
  show(doc: FakeTextDocument): void {
    host.activeEditor = {
      document: doc,
      selection: new Selection(new Position(0, 0), new Position(0, 0)),
      get selections() {
        return [this.selection];
      },
      viewColumn: 1,
      revealRange() {},
    };
    events.activeEditor.fire(host.activeEditor);
  },
  edit(doc: FakeTextDocument, edits: TextEdit[]): void {
    doc.apply(edits);
    events.change.fire({ document: doc, contentChanges: edits });
  },
  save(doc: FakeTextDocument): void {
    events.save.fire(doc);
  },
  close(doc: FakeTextDocument): void {
    doc.isClosed = true;
    host.documents = host.documents.filter((d) => d !== doc);
    events.close.fire(doc);
  },
  setSetting(key: string, value: unknown): void {
    host.settings[key] = value;
    events.config.fire({ affectsConfiguration: (s: string) => key === s || key.startsWith(s + '.') });
  },
};

export const workspace = {
  get textDocuments(): FakeTextDocument[] {
    return host.documents;
  },
  get isTrusted(): boolean {
    return host.trusted;
  },
  getConfiguration(section: string) {
    return {
      get: (key: string, fallback?: unknown) => host.settings[`${section}.${key}`] ?? fallback,
      update: async (key: string, value: unknown) => host.setSetting(`${section}.${key}`, value),
    };
  },
  onDidOpenTextDocument: events.open.event,
  onDidChangeTextDocument: events.change.event,
  onDidSaveTextDocument: events.save.event,
  onDidCloseTextDocument: events.close.event,
  onWillSaveTextDocument: events.willSave.event,
  onDidChangeConfiguration: events.config.event,
  onDidGrantWorkspaceTrust: events.trust.event,
  createFileSystemWatcher: () => {
    const e = new EventEmitter<Uri>();
    return { onDidCreate: e.event, onDidChange: e.event, onDidDelete: e.event, dispose() {} };
  },
  fs: {
    async stat(uri: Uri) {
      const provider = host.fileSystems.get(uri.scheme);
      if (provider) return provider.stat(uri);
      const f = host.files.get(uri.path);
      if (f === undefined) throw new Error('FileNotFound');
      return { type: FileType.File, size: typeof f === 'string' ? f.length * 3 : f.length, ctime: 0, mtime: 0 };
    },
    async readFile(uri: Uri): Promise<Uint8Array> {
      const provider = host.fileSystems.get(uri.scheme);
      if (provider) return provider.readFile(uri);
      const f = host.files.get(uri.path);
      if (f === undefined) throw new Error('FileNotFound');
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
  },
  registerFileSystemProvider(scheme: string, provider: unknown, options?: unknown) {
    host.fileSystems.set(scheme, provider);
    (provider as { options?: unknown }).options = options;
    return new Disposable(() => host.fileSystems.delete(scheme));
  },
  async findFiles() {
    // The workspace is /w; the extension's own files (/ext) are not in it.
    return [...host.files.keys()].filter((p) => p.startsWith('/w/') && /\.(txt|md)$/.test(p)).map((p) => Uri.file(p));
  },
  async openTextDocument(arg: Uri | { language?: string; content?: string }) {
    if (!(arg instanceof Uri)) {
      // An untitled document, as VS Code makes one from content.
      const doc = new FakeTextDocument(Uri.parse(`untitled:Untitled-${++host.untitledCount}`), arg.language ?? 'plaintext', arg.content ?? '');
      host.documents.push(doc);
      events.open.fire(doc);
      return doc;
    }
    const uri = arg;
    const open = host.documents.find((d) => d.uri.toString() === uri.toString());
    if (open) return open;
    const provider = host.fileSystems.get(uri.scheme);
    if (provider) {
      const doc = new FakeTextDocument(uri, 'plaintext', new TextDecoder().decode(await provider.readFile(uri)));
      host.documents.push(doc);
      events.open.fire(doc);
      return doc;
    }
    const f = host.files.get(uri.path) ?? '';
    return host.open(uri.path, uri.path.endsWith('.md') ? 'markdown' : 'plaintext', typeof f === 'string' ? f : new TextDecoder().decode(f));
  },
  async applyEdit(edit: WorkspaceEdit) {
    for (const [uri, edits] of edit.entries()) {
      const doc = host.documents.find((d) => d.uri.toString() === uri.toString());
      if (!doc) return false;
      host.edit(doc, edits);
    }
    return true;
  },
};

export const languages = {
  /** As in VS Code, the document is closed and opened again in its new language. */
  async setTextDocumentLanguage(doc: FakeTextDocument, languageId: string) {
    events.close.fire(doc);
    doc.languageId = languageId;
    events.open.fire(doc);
    return doc;
  },
  createDiagnosticCollection(name: string) {
    const c = new FakeDiagnosticCollection(name);
    host.collections.push(c);
    return c;
  },
  registerCodeActionsProvider(selector: unknown, provider: unknown, metadata: unknown) {
    const entry = { selector, provider, metadata };
    host.providers.codeActions.push(entry);
    return new Disposable(() => (host.providers.codeActions = host.providers.codeActions.filter((e) => e !== entry)));
  },
  registerDocumentSymbolProvider(selector: unknown, provider: unknown) {
    const entry = { selector, provider };
    host.providers.symbols.push(entry);
    return new Disposable(() => (host.providers.symbols = host.providers.symbols.filter((e) => e !== entry)));
  },
  registerFoldingRangeProvider(selector: unknown, provider: unknown) {
    const entry = { selector, provider };
    host.providers.folding.push(entry);
    return new Disposable(() => (host.providers.folding = host.providers.folding.filter((e) => e !== entry)));
  },
  registerCompletionItemProvider(selector: unknown, provider: unknown, ...triggerCharacters: string[]) {
    const entry = { selector, provider, triggerCharacters };
    host.providers.completion.push(entry);
    return new Disposable(() => (host.providers.completion = host.providers.completion.filter((e) => e !== entry)));
  },
};

const log = () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, appendLine() {}, show() {}, dispose() {} });

export const window = {
  get activeTextEditor() {
    return host.activeEditor;
  },
  get visibleTextEditors() {
    return host.activeEditor ? [host.activeEditor] : [];
  },
  onDidChangeActiveTextEditor: events.activeEditor.event,
  onDidChangeTextEditorSelection: events.selection.event,
  createOutputChannel: log,
  createStatusBarItem() {
    const item = { text: '', tooltip: '', name: '', command: '', visible: false, show() { item.visible = true; }, hide() { item.visible = false; }, dispose() {} };
    host.statusItems.push(item);
    return item;
  },
  createTreeView(id: string, options: { treeDataProvider: unknown }) {
    const visibility = new EventEmitter<{ visible: boolean }>();
    const view = { id, ...options, visible: true, selection: [] as unknown[], badge: undefined as unknown, description: undefined as unknown, revealed: [] as unknown[], onDidChangeVisibility: visibility.event, async reveal(n: unknown) { view.revealed.push(n); }, dispose() {} };
    host.treeViews.push(view);
    return view;
  },
  async showInformationMessage(m: string, ...items: unknown[]) {
    host.messages.push(m);
    return host.messageChoice?.(m, items.filter((i): i is string => typeof i === 'string'));
  },
  async showErrorMessage(m: string) {
    host.errors.push(m);
    return undefined;
  },
  async showOpenDialog(options: unknown) {
    return host.openDialog?.(options);
  },
  setStatusBarMessage(m: string) {
    host.statusMessages.push(m);
    return new Disposable();
  },
  async showQuickPick(items: any[]) {
    return host.quickPick?.(items);
  },
  async withProgress(_o: unknown, task: (p: { report(): void }, token: { isCancellationRequested: boolean }) => Promise<unknown>) {
    return task({ report() {} }, { isCancellationRequested: false });
  },
  async showTextDocument(doc: FakeTextDocument, options?: { selection?: Range }) {
    host.show(doc);
    if (options?.selection) host.activeEditor!.selection = new Selection(options.selection.start, options.selection.end);
    return host.activeEditor;
  },
};

export const commands = {
  registerCommand(id: string, fn: (...args: any[]) => unknown) {
    host.commands.set(id, fn);
    return new Disposable(() => host.commands.delete(id));
  },
  async executeCommand(command: string, ...args: unknown[]) {
    host.executed.push({ command, args });
    const registered = host.commands.get(command);
    if (!registered && command === 'type') return typeInActiveEditor((args[0] as { text: string }).text);
    return registered?.(...args);
  },
};

/** VS Code's built-in `type`: the text replaces the active editor's selection, the cursor after it. */
function typeInActiveEditor(text: string): void {
  const editor = host.activeEditor;
  if (!editor) return;
  const doc = editor.document;
  const start = doc.offsetAt(editor.selection.start);
  host.edit(doc, [new TextEdit(editor.selection, text)]);
  const end = doc.positionAt(start + text.length);
  editor.selection = new Selection(end, end);
}
