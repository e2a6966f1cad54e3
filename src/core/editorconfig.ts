import { ConfigError, resolveConfig, type ConfigFile, type ResolvedConfig } from './config';
import { DEFAULT_DOCUMENT_TYPES, GENERIC_TYPE } from './doctypes';
import { looksLikeDraft } from './edits';
import { locateProblem, parseJsonLocated } from './jsonloc';
import type { DocumentFormat, DocumentModel } from './model';
import type { Range } from './text';
import type { Rule, SeveritySetting } from './types';

/**
 * What an editor needs to decide from its settings and the nearest `.dangjianrc.json`, kept free of
 * any editor API so that it is tested here and runs the same in the desktop and the browser.
 */

export const DRAFT_LANGUAGE = 'dangjian';
export const CONFIG_FILE_NAME = '.dangjianrc.json';
export const AUTO_DOCUMENT_TYPE = 'auto';

/** The `dangjian.*` settings, normalised. */
export interface EditorSettings {
  enable: boolean;
  /** Languages besides `dangjian` whose documents are linted (when they look like drafts, if detectDrafts). */
  languages: string[];
  detectDrafts: boolean;
  rules: Record<string, SeveritySetting>;
  /** `auto` (from the config, else the title) or a document type id. */
  documentType: string;
  debounceMs: number;
  /** Documents longer than this many characters are not linted as you type. */
  maxDocumentSize: number;
  showInlineItems: boolean;
  fixAllOnSave: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = {
  enable: true,
  languages: ['markdown', 'plaintext'],
  detectDrafts: true,
  rules: {},
  documentType: AUTO_DOCUMENT_TYPE,
  debounceMs: 300,
  maxDocumentSize: 500_000,
  showInlineItems: false,
  fixAllOnSave: false,
};

export const SETTING_LIMITS = { debounceMs: { min: 0, max: 5000 }, maxDocumentSize: { min: 1000, max: 20_000_000 } };

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

const clamp = (n: unknown, fallback: number, { min, max }: { min: number; max: number }): number =>
  typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;

/** Reads settings through `get(key)` (section `dangjian`), replacing values of the wrong shape by defaults. */
export function readSettings(get: (key: string) => unknown): EditorSettings {
  const d = DEFAULT_SETTINGS;
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const langs = get('languages');
  const rules = get('rules');
  const type = get('documentType');
  return {
    enable: bool('enable', d.enable),
    languages: Array.isArray(langs) ? langs.filter((l): l is string => typeof l === 'string' && l.length > 0) : d.languages,
    detectDrafts: bool('detectDrafts', d.detectDrafts),
    rules: rules && typeof rules === 'object' && !Array.isArray(rules) ? { ...(rules as Record<string, SeveritySetting>) } : {},
    documentType: typeof type === 'string' && type ? type : d.documentType,
    debounceMs: clamp(get('debounceMs'), d.debounceMs, SETTING_LIMITS.debounceMs),
    maxDocumentSize: clamp(get('maxDocumentSize'), d.maxDocumentSize, SETTING_LIMITS.maxDocumentSize),
    showInlineItems: bool('outline.showInlineItems', d.showInlineItems),
    fixAllOnSave: bool('fixAllOnSave', d.fixAllOnSave),
  };
}

/** Editors whose documents are never linted: output panes, diff sides from source control, and the like. */
const SKIPPED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'debug', 'vscode-settings', 'comment', 'walkThroughSnippet']);

export type Selection = 'lint' | 'detect' | 'skip';

/**
 * Which documents are linted: the `dangjian` language always; the listed languages (Markdown and
 * plain text by default) only when their content looks like a draft, unless detection is off.
 */
export function selectDocument(doc: { languageId: string; scheme?: string; length?: number }, settings: EditorSettings): Selection {
  if (!settings.enable) return 'skip';
  if (doc.scheme && SKIPPED_SCHEMES.has(doc.scheme)) return 'skip';
  if (doc.length !== undefined && doc.length > settings.maxDocumentSize) return 'skip';
  if (doc.languageId === DRAFT_LANGUAGE) return 'lint';
  if (!settings.languages.includes(doc.languageId)) return 'skip';
  return settings.detectDrafts ? 'detect' : 'lint';
}

/** The final word, once the model is built: a `detect` document is linted when it reads as a draft. */
export function isLinted(selection: Selection, model: DocumentModel): boolean {
  return selection === 'lint' || (selection === 'detect' && looksLikeDraft(model));
}

export function formatOfLanguage(languageId: string): DocumentFormat {
  return languageId === 'markdown' ? 'markdown' : 'text';
}

/** The language VS Code gives a file by its name (for files linted without being opened). */
export function languageOfPath(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name.endsWith('.dj.txt') || name.endsWith('.gw.txt')) return DRAFT_LANGUAGE;
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  if (name.endsWith('.txt')) return 'plaintext';
  return undefined;
}

/** Where the CLI looks for `.dangjianrc.json`: the document's folder, then each folder above it (POSIX paths, as in URIs). */
export function configCandidates(dirPath: string): string[] {
  const out: string[] = [];
  // Trailing slashes, counted off by hand: /\/+$/ retries from every slash of a long run.
  let d = dirPath;
  while (d.endsWith('/')) d = d.slice(0, -1);
  for (;;) {
    out.push(`${d}/${CONFIG_FILE_NAME}`);
    const up = d.lastIndexOf('/');
    if (up < 0 || d === '') break;
    d = d.slice(0, up);
  }
  return out;
}

/** Keys of `.dangjianrc.json` that hold user-supplied patterns and are ignored in an untrusted workspace. */
export const UNTRUSTED_IGNORED_KEYS = ['placeholders', 'formulations'] as const;

export interface ConfigProblem {
  message: string;
  /** Where in the config file; undefined when the problem is not in the file. */
  range: Range | undefined;
  severity: 'error' | 'info';
}

export interface EditorConfigInput {
  /** The text of the nearest `.dangjianrc.json`, if there is one. */
  fileText?: string | undefined;
  settings: EditorSettings;
  /** Whether the workspace is trusted. */
  trusted: boolean;
  /** The type the user picked for this one document (`auto` forces detection from the title). */
  documentTypeOverride?: string | undefined;
}

export interface EditorConfig {
  config: ResolvedConfig;
  /** Problems to show on the config file. */
  fileProblems: ConfigProblem[];
  /** Settings that could not be used, in Chinese. */
  settingsProblems: string[];
  /** Keys of the file left out because the workspace is not trusted. */
  ignored: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merges the settings with `.dangjianrc.json`. The file wins: a key written in the file replaces
 * the setting (per rule for `rules`), so the editor shows what the CLI and CI report for the same
 * folder; the settings fill in what the file leaves out. A type picked for one document wins over
 * both. A file that cannot be read is reported at the key it names and then ignored as a whole,
 * so linting goes on with the defaults (and the settings). In an untrusted workspace the file's
 * `placeholders` and `formulations` (user-written patterns) are left out.
 */
export function resolveEditorConfig(input: EditorConfigInput, rules: readonly Rule<any>[]): EditorConfig {
  const fileProblems: ConfigProblem[] = [];
  const settingsProblems: string[] = [];
  const ignored: string[] = [];
  let file: ConfigFile = {};
  if (input.fileText !== undefined && input.fileText.trim() !== '') {
    const json = parseJsonLocated(input.fileText);
    if (json.error) {
      fileProblems.push({ message: json.error.message, range: { start: json.error.offset, end: Math.min(json.error.offset + 1, input.fileText.length) }, severity: 'error' });
    } else {
      try {
        resolveConfig(json.value, rules);
        file = { ...(json.value as ConfigFile) };
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        for (const message of e.problems) fileProblems.push({ message, range: locateProblem(json, message), severity: 'error' });
      }
      if (!input.trusted && !fileProblems.length) {
        for (const key of UNTRUSTED_IGNORED_KEYS) {
          if (file[key] === undefined) continue;
          delete file[key];
          ignored.push(key);
          fileProblems.push({ message: `受限模式：未应用“${key}”（工作区受信任后生效）`, range: json.locate([key]), severity: 'info' });
        }
      }
    }
  }

  const known = new Set(rules.map((r) => r.id));
  const settingsRules: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(input.settings.rules)) {
    if (!known.has(id)) settingsProblems.push(`设置“dangjian.rules”中的规则“${id}”不存在，已忽略`);
    else if (typeof severity !== 'string' || !SEVERITIES.has(severity)) settingsProblems.push(`设置“dangjian.rules”中“${id}”的级别应为 off、info、warning 或 error，已忽略`);
    else settingsRules[id] = severity;
  }

  const typeIds = new Set([...DEFAULT_DOCUMENT_TYPES.map((t) => t.id), ...Object.keys(file.documentTypes ?? {}), GENERIC_TYPE.id]);
  let settingsType: string | undefined;
  const st = input.settings.documentType;
  if (st !== AUTO_DOCUMENT_TYPE) {
    if (typeIds.has(st)) settingsType = st;
    else settingsProblems.push(`设置“dangjian.documentType”的取值“${st}”不是已知的文稿类型，已按标题判断`);
  }
  const override = input.documentTypeOverride;
  const documentType =
    override === AUTO_DOCUMENT_TYPE ? undefined : override !== undefined && typeIds.has(override) ? override : (file.documentType ?? settingsType);

  const merged: ConfigFile = {
    ...file,
    rules: { ...settingsRules, ...(file.rules ?? {}) },
    documentType,
  };
  if (merged.documentType === undefined) delete merged.documentType;
  let config: ResolvedConfig;
  try {
    config = resolveConfig(merged, rules);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    settingsProblems.push(...e.problems);
    config = resolveConfig({}, rules);
  }
  return { config, fileProblems, settingsProblems, ignored };
}
