/**
 * Word drafts in the CLI: a .docx is read as bytes, its paragraphs linted as plain text (line =
 * paragraph), and never written: `--fix` lints it and says it was left alone. The reader and its
 * zip and XML libraries are imported only when a .docx is actually read, so a run over .txt and
 * .md files starts as fast as before.
 */
import path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { lint, type LintResult } from '../core/lint';
import { RULES } from '../rules';
import type { FileReport } from './format';

/** A .docx may hold many MB of images; only its XML parts are inflated (each within a limit). */
export const MAX_DOCX_BYTES = 100 * 1024 * 1024;

export function isDocx(file: string): boolean {
  return path.extname(file).toLowerCase() === '.docx';
}

export async function lintDocx(
  file: string,
  bytes: Uint8Array,
  options: { fix: boolean; quiet: boolean },
  config: ResolvedConfig,
): Promise<{ report: FileReport; result?: LintResult; note?: string }> {
  const { readDocx, DocxError } = await import('../core/docx/read');
  let draft;
  try {
    draft = readDocx(bytes);
  } catch (e) {
    if (e instanceof DocxError) return { report: { filePath: file, findings: [], lines: undefined, fatal: e.message } };
    throw e;
  }
  const result = lint(draft.text, RULES, { format: 'text', config });
  const findings = options.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  return {
    report: { filePath: file, findings, lines: result.model.lines, docx: { paragraphs: draft.paragraphs.map((p) => p.text) } },
    result,
    ...(options.fix ? { note: '--fix 不修改 Word 文档，此文件只检查、未修复（请在 Word 中修改）' } : {}),
  };
}
