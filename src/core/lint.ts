import { buildModel, type DocumentFormat, type DocumentModel } from './model';
import { resolveConfig, type ResolvedConfig } from './config';
import { detectDocumentType, GENERIC_TYPE, type DocumentType } from './doctypes';
import { SEVERITY_RANK, type Finding, type Fix, type Rule, type Severity } from './types';
import { translator, type Locale } from './i18n';

export interface LintOptions {
  format?: DocumentFormat;
  config?: ResolvedConfig;
  /** The language of the findings' messages; Chinese unless told. */
  locale?: Locale;
  /** Rules' per-paragraph work remembered from the previous run over the same document. */
  cache?: LintCache;
}

export interface LintResult {
  model: DocumentModel;
  documentType: DocumentType;
  findings: Finding[];
}

export function documentTypeOf(model: DocumentModel, config: ResolvedConfig): DocumentType {
  if (config.documentType) {
    return config.documentTypes.find((t) => t.id === config.documentType) ?? GENERIC_TYPE;
  }
  const title = model.title === undefined ? undefined : model.paragraphs[model.title]!.text;
  return detectDocumentType(title, config.documentTypes);
}

/** Runs every enabled rule over the text and returns the findings in document order. */
export function lint(text: string, rules: readonly Rule<any>[], options: LintOptions = {}): LintResult {
  const config = options.config ?? resolveConfig({}, rules);
  const model = buildModel(text, options.format ?? 'text');
  const suppressed = suppressionOf(model);
  const documentType = documentTypeOf(model, config);
  const locale = options.locale ?? 'zh-cn';
  const t = translator(locale);
  const cache = options.cache;
  cache?.begin(config, locale);
  const findings: Finding[] = [];
  const messages = new Map<string, string>();
  for (const rule of rules) {
    const setting = config.rules.get(rule.id) ?? { severity: rule.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    const configured: Severity = setting.severity;
    const ruleOptions = rule.options ? rule.options.parse(setting.options) : setting.options;
    rule.check({
      model,
      config,
      documentType,
      options: ruleOptions,
      t,
      memo: cache ? cache.scope(rule.id) : compute,
      report: (r) => {
        if (suppressed(rule.id, r.range.start)) return;
        const severity = r.maxSeverity && SEVERITY_RANK[r.maxSeverity] < SEVERITY_RANK[configured] ? r.maxSeverity : configured;
        // One string per distinct message: a long draft repeats a few messages thousands of times,
        // each built afresh from its template.
        let message = messages.get(r.message);
        if (message === undefined) messages.set(r.message, (message = r.message));
        // Two literals rather than adding `fix` afterwards, which would move it out of the object.
        findings.push(r.fix ? { ruleId: rule.id, severity, message, range: r.range, fix: r.fix } : { ruleId: rule.id, severity, message, range: r.range });
      },
    });
  }
  cache?.end();
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  return { model, documentType, findings };
}

const compute = <T>(_key: string, f: () => T): T => f();

/**
 * What the rules remembered in the last run over one document, by rule and key. Only what the
 * last run used is kept, so the cache holds about one entry per paragraph and rule; a change of
 * config or locale empties it.
 */
export class LintCache {
  private fingerprint: string | undefined;
  private previous = new Map<string, Map<string, unknown>>();
  private used = new Map<string, Map<string, unknown>>();

  begin(config: ResolvedConfig, locale: Locale): void {
    const fingerprint = JSON.stringify([locale, [...config.rules], config.documentType, config.documentTypes, config.formulations, config.placeholders]);
    if (fingerprint !== this.fingerprint) this.previous = new Map();
    this.fingerprint = fingerprint;
    this.used = new Map();
  }

  scope(ruleId: string): <T>(key: string, f: () => T) => T {
    const before = this.previous.get(ruleId);
    let now = this.used.get(ruleId);
    if (!now) this.used.set(ruleId, (now = new Map()));
    const kept = now;
    return <T>(key: string, f: () => T): T => {
      if (kept.has(key)) return kept.get(key) as T;
      const value = before && before.has(key) ? (before.get(key) as T) : f();
      kept.set(key, value);
      return value;
    };
  }

  end(): void {
    this.previous = this.used;
    this.used = new Map();
  }
}

/**
 * Applies the fixes that do not overlap an earlier one (in document order) and returns the new
 * text; the rest wait for the next pass.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  let applied = 0;
  for (const f of sorted) {
    if (f.range.start < at || f.range.end < f.range.start || f.range.end > text.length) continue;
    out += text.slice(at, f.range.start) + f.text;
    at = f.range.end;
    applied++;
  }
  return { text: out + text.slice(at), applied };
}

const MAX_FIX_PASSES = 10;

/** Fixes, re-lints and fixes again until nothing fixable is left (or a pass changes nothing). */
export function fixAll(text: string, rules: readonly Rule<any>[], options: LintOptions = {}): { text: string; passes: number; result: LintResult } {
  let current = text;
  let result = lint(current, rules, options);
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = result.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (!fixes.length) break;
    const next = applyFixes(current, fixes).text;
    if (next === current) break;
    current = next;
    passes++;
    result = lint(current, rules, options);
  }
  return { text: current, passes, result };
}

/**
 * Reads the `<!-- dangjian-disable… -->` comments into a test of (rule, offset). Lookups are
 * binary searches, so that a draft with many comments and many findings stays linear.
 */
function suppressionOf(model: DocumentModel): (ruleId: string, offset: number) => boolean {
  const directives = model.directives;
  if (!directives.length) return () => false;
  // A disable-next-line comment silences the first paragraph that starts after it. Paragraphs
  // come in document order; the running maximum of their starts keeps the search exact even so.
  const paragraphs = model.paragraphs;
  const maxStart: number[] = [];
  for (const p of paragraphs) maxStart.push(Math.max(p.range.start, maxStart[maxStart.length - 1] ?? -Infinity));
  const nextLine = new Map<number, Set<string>>();
  for (const d of directives) {
    if (d.kind !== 'disable-next-line') continue;
    const target = paragraphs[firstAbove(maxStart, d.offset)];
    if (!target) continue;
    let ids = nextLine.get(target.line);
    if (!ids) nextLine.set(target.line, (ids = new Set()));
    for (const id of d.rules.length ? d.rules : ['*']) ids.add(id);
  }
  const blocks = directives.filter((d) => d.kind !== 'disable-next-line').sort((a, b) => a.offset - b.offset);
  // Per rule, the offsets of the disable/enable comments that name it (or every rule).
  const byRule = new Map<string, { offsets: number[]; off: boolean[] }>();
  const forRule = (ruleId: string): { offsets: number[]; off: boolean[] } => {
    let r = byRule.get(ruleId);
    if (!r) {
      r = { offsets: [], off: [] };
      for (const d of blocks) {
        if (d.rules.length && !d.rules.includes(ruleId)) continue;
        r.offsets.push(d.offset);
        r.off.push(d.kind === 'disable');
      }
      byRule.set(ruleId, r);
    }
    return r;
  };
  return (ruleId, offset) => {
    const ids = nextLine.get(model.lines.lineAt(offset));
    if (ids && (ids.has('*') || ids.has(ruleId))) return true;
    const r = forRule(ruleId);
    // The last comment at or before the offset decides.
    const k = firstAbove(r.offsets, offset) - 1;
    return k >= 0 && r.off[k]!;
  };
}

/** The index of the first element of a non-decreasing list that is greater than x (its length if none is). */
function firstAbove(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
