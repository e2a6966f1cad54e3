import { minimalEdit, renumberEdit } from './edits';
import { applyFixes, fixAll, type LintOptions, type LintResult } from './lint';
import type { Range } from './text';
import type { Finding, Fix, Rule } from './types';

/**
 * Editor-neutral code actions: which actions a cursor or selection gets, and the edits each makes.
 * Every action is a list of non-overlapping edits against the current text, which an editor
 * applies as one undo step.
 */

export const FIX_ALL_KIND = 'source.fixAll.dangjian';
export const QUICK_FIX_KIND = 'quickfix';

export type ActionPlan =
  | { type: 'fix'; kind: typeof QUICK_FIX_KIND; finding: Finding; edits: Fix[]; from: string; to: string; preferred: boolean }
  | { type: 'renumber'; kind: typeof QUICK_FIX_KIND; findings: Finding[]; edits: Fix[] }
  | { type: 'disable'; kind: typeof QUICK_FIX_KIND; finding: Finding; edits: Fix[] }
  /** `edits` is left out when the action is only listed; the editor computes it when it is chosen. */
  | { type: 'fixAll'; kind: typeof QUICK_FIX_KIND | typeof FIX_ALL_KIND; findings: Finding[]; edits?: Fix[] };

const RENUMBER_RULES = new Set(['numbering-sequence', 'inline-sequence']);

/** Whether an action of `kind` answers a request for `only` (a kind and its sub-kinds). */
export function kindMatches(only: string | undefined, kind: string): boolean {
  return only === undefined || only === '' || kind === only || kind.startsWith(only + '.');
}

function touches(f: Finding, r: Range): boolean {
  if (r.start === r.end) return f.range.start <= r.start && r.start <= f.range.end;
  return f.range.start < r.end && r.start < f.range.end;
}

const MAX_SHOWN = 16;
const shown = (s: string): string => (s.length > MAX_SHOWN ? s.slice(0, MAX_SHOWN) + '…' : s);

export interface ActionRequest {
  /** The cursor or selection. */
  range: Range;
  /** `context.only` of the request, if any. */
  only?: string | undefined;
  /** When false, the fix-all action is listed without its edits. */
  eagerFixAll?: boolean;
  /** Line ending to use for inserted lines. */
  eol?: string;
}

/**
 * The actions for a cursor or selection in a linted text: each fixable finding there offers its
 * fix; a numbering-sequence or inline-sequence finding also offers to renumber the whole draft;
 * each finding offers to disable its rule for that line; and, when the draft has anything
 * fixable, “fix everything” (as a quick fix where a fixable finding is, and as
 * `source.fixAll.dangjian` whenever that kind is asked for).
 */
export function codeActionPlans(result: LintResult, rules: readonly Rule<any>[], options: LintOptions, request: ActionRequest): ActionPlan[] {
  const text = result.model.text;
  const out: ActionPlan[] = [];
  const here = result.findings.filter((f) => touches(f, request.range));
  const fixable = result.findings.filter((f) => f.fix);
  if (kindMatches(request.only, QUICK_FIX_KIND)) {
    for (const f of here) {
      if (!f.fix) continue;
      out.push({ type: 'fix', kind: QUICK_FIX_KIND, finding: f, edits: [f.fix], from: shown(text.slice(f.fix.range.start, f.fix.range.end)), to: shown(f.fix.text), preferred: true });
    }
    const renumbering = here.filter((f) => RENUMBER_RULES.has(f.ruleId));
    if (renumbering.length) {
      const edits = renumberEdits(text, rules, options);
      if (edits.length) out.push({ type: 'renumber', kind: QUICK_FIX_KIND, findings: renumbering, edits });
    }
    if (here.some((f) => f.fix) && fixable.length > 1) {
      out.push({ type: 'fixAll', kind: QUICK_FIX_KIND, findings: fixable, ...(request.eagerFixAll ? { edits: fixAllEdits(text, rules, options) } : {}) });
    }
    const seen = new Set<string>();
    for (const f of here) {
      const line = result.model.lines.lineAt(f.range.start);
      const key = `${f.ruleId}@${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: 'disable', kind: QUICK_FIX_KIND, finding: f, edits: [disableLineEdit(text, f, request.eol)] });
    }
  }
  if (request.only !== undefined && request.only !== '' && kindMatches(request.only, FIX_ALL_KIND) && fixable.length) {
    out.push({ type: 'fixAll', kind: FIX_ALL_KIND, findings: fixable, ...(request.eagerFixAll === false ? {} : { edits: fixAllEdits(text, rules, options) }) });
  }
  return out;
}

/** Every fixable problem fixed (re-linting until nothing fixable is left), as small edits of the current text. */
export function fixAllEdits(text: string, rules: readonly Rule<any>[], options: LintOptions): Fix[] {
  return diffEdits(text, fixAll(text, rules, options).text);
}

/** The renumbering of the whole draft, or of the markers inside `within`, as small edits of the current text. */
export function renumberEdits(text: string, rules: readonly Rule<any>[], options: LintOptions, within?: Range): Fix[] {
  const edit = renumberEdit(text, rules, options, within);
  return edit ? diffEdits(text, applyFixes(text, [edit]).text) : [];
}

/** Inserts `<!-- dangjian-disable-next-line rule -->` on its own line above the finding's line. */
export function disableLineEdit(text: string, f: Finding, eol?: string): Fix {
  let lineStart = f.range.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let indentEnd = lineStart;
  while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
  const indent = text.slice(lineStart, indentEnd);
  const nl = eol ?? (text.includes('\r\n') ? '\r\n' : '\n');
  return { range: { start: lineStart, end: lineStart }, text: `${indent}<!-- dangjian-disable-next-line ${f.ruleId} -->${nl}` };
}

/**
 * The edits that turn `before` into `after`, kept small so that an editor keeps the cursor and
 * folded regions where they were: one edit per changed line when both texts have the same lines,
 * else one replacement of the stretch that differs.
 */
export function diffEdits(before: string, after: string): Fix[] {
  const whole = minimalEdit(before, after);
  if (!whole) return [];
  const oldMid = before.slice(whole.range.start, whole.range.end);
  const lineBreaks = (s: string): number => s.match(/\r\n|\r|\n/g)?.length ?? 0;
  if (lineBreaks(oldMid) === 0 || lineBreaks(oldMid) !== lineBreaks(whole.text)) return [whole];
  const oldLines = oldMid.split(/(\r\n|\r|\n)/);
  const newLines = whole.text.split(/(\r\n|\r|\n)/);
  if (oldLines.length !== newLines.length) return [whole];
  const out: Fix[] = [];
  let at = whole.range.start;
  for (let i = 0; i < oldLines.length; i++) {
    const o = oldLines[i]!;
    const n = newLines[i]!;
    if (i % 2 === 1 && o !== n) return [whole]; // a line ending changed
    const e = minimalEdit(o, n);
    if (e) out.push({ range: { start: at + e.range.start, end: at + e.range.end }, text: e.text });
    at += o.length;
  }
  return out;
}
