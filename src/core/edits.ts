import type { DocumentModel } from './model';
import { fixAll, lint, type LintOptions } from './lint';
import type { Fix, Rule } from './types';
import type { Range } from './text';
import { DEFAULT_DOCUMENT_TYPES, detectDocumentType } from './doctypes';

const RENUMBER_RULES = new Set(['numbering-sequence', 'inline-sequence']);

/**
 * The edits that renumber the draft (or only the markers inside `within`): the renumber fixes of
 * numbering-sequence and inline-sequence, applied until nothing is left to renumber, expressed as
 * one minimal replacement of the original text so an editor can apply it as a single undo step.
 */
export function renumberEdit(text: string, rules: readonly Rule<any>[], options: LintOptions = {}, within?: Range): Fix | undefined {
  const renumbering = rules.filter((r) => RENUMBER_RULES.has(r.id));
  let current = text;
  if (within) {
    // Renumber only markers that start inside the selection: fix the slice's findings once per pass.
    for (let pass = 0; pass < 10; pass++) {
      const offsetShift = current.length - text.length;
      const end = within.end + offsetShift;
      const fixes = lint(current, renumbering, options).findings.flatMap((f) =>
        f.fix && f.range.start >= within.start && f.range.start < end ? [f.fix] : [],
      );
      if (!fixes.length) break;
      current = applyAll(current, fixes);
    }
  } else {
    current = fixAll(text, renumbering, options).text;
  }
  return minimalEdit(text, current);
}

function applyAll(text: string, fixes: Fix[]): string {
  const sorted = [...fixes].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  let limit = Infinity;
  for (const f of sorted) {
    if (f.range.end > limit) continue;
    out = out.slice(0, f.range.start) + f.text + out.slice(f.range.end);
    limit = f.range.start;
  }
  return out;
}

/** The smallest single replacement that turns `before` into `after`; undefined when they are equal. */
export function minimalEdit(before: string, after: string): Fix | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a surrogate pair.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  if (endB < before.length && isLow(before.charCodeAt(endB))) {
    endB++;
    endA++;
  }
  return { range: { start, end: endB }, text: after.slice(start, endA) };
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Whether a Markdown or plain-text file reads as an official draft: a title that names a document
 * type, or at least two numbered headings of the outermost level.
 */
export function looksLikeDraft(model: DocumentModel): boolean {
  const title = model.title === undefined ? undefined : model.paragraphs[model.title]!.text;
  if (detectDocumentType(title, DEFAULT_DOCUMENT_TYPES).id !== 'generic') return model.allSections.length > 0 || model.inlineRuns.length > 0;
  const top = model.sections.filter((s) => s.level === 1 || s.level === 2);
  return top.length >= 2;
}
