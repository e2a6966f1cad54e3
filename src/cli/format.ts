import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { quoteOf } from '../core/docx/quote';
import type { Finding, Rule, Severity } from '../core/types';
import type { LineIndex } from '../core/text';

/** One file's result, as the CLI reports it. */
export interface FileReport {
  filePath: string;
  findings: Finding[];
  lines: LineIndex | undefined;
  /** Set when the file could not be linted at all (unreadable, undecodable, bad config). */
  fatal?: string;
  /** A Word document: its paragraphs, one per line of the linted text. */
  docx?: { paragraphs: readonly string[] };
}

/**
 * A .docx has no lines: its findings name the paragraph (line = paragraph) and quote how the
 * paragraph begins, and carry no fix, since a fix's offsets are into the text read out of it.
 */
export function isDocxReport(r: FileReport): boolean {
  return r.docx !== undefined || /\.docx$/i.test(r.filePath);
}

function quoteAt(r: FileReport, line: number): string {
  return quoteOf(r.docx?.paragraphs[line - 1] ?? '');
}

export interface JsonMessage {
  ruleId: string | null;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
  fatal?: true;
  /** For a .docx: the start of the paragraph the finding is in. */
  quote?: string;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  format?: 'docx';
}

const SEVERITY_NUMBER: Record<Severity, 0 | 1 | 2> = { info: 0, warning: 1, error: 2 };

export function toJsonResult(r: FileReport): JsonResult {
  const docx = isDocxReport(r);
  if (r.fatal) {
    return {
      filePath: r.filePath,
      messages: [{ ruleId: null, severity: 2, message: r.fatal, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
      errorCount: 1,
      warningCount: 0,
      infoCount: 0,
      ...(docx ? { format: 'docx' as const } : {}),
    };
  }
  const messages = r.findings.map((f): JsonMessage => {
    const s = r.lines!.positionAt(f.range.start);
    const e = r.lines!.positionAt(f.range.end);
    return {
      ruleId: f.ruleId,
      severity: SEVERITY_NUMBER[f.severity],
      message: f.message,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      ...(f.fix && !docx ? { fix: { range: [f.fix.range.start, f.fix.range.end] as [number, number], text: f.fix.text } } : {}),
      ...(docx ? { quote: quoteAt(r, s.line + 1) } : {}),
    };
  });
  return {
    filePath: r.filePath,
    messages,
    errorCount: r.findings.filter((f) => f.severity === 'error').length,
    warningCount: r.findings.filter((f) => f.severity === 'warning').length,
    infoCount: r.findings.filter((f) => f.severity === 'info').length,
    ...(docx ? { format: 'docx' as const } : {}),
  };
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.map(toJsonResult));
}

const SEVERITY_WORD: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

/**
 * Display width in a terminal: CJK and full-width characters take two columns, and so does a
 * character from U+20000 on (two UTF-16 units); other pairs take one. A loop over code units, as
 * a for…of over the string makes a string per character, and this runs for every finding.
 */
export function displayWidth(s: string): number {
  let w = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (c < 0xd840) w--; // below U+20000
        i++;
      }
    } else if ((c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)) {
      w++;
    }
  }
  return w;
}

interface Row {
  pos: string;
  posWidth: number;
  severity: Severity;
  message: string;
  messageWidth: number;
  rule: string;
}

/** A report's rows, from its findings directly: the table needs neither end positions nor JSON objects. */
function rowsOf(r: FileReport): { rows: Row[]; fixable: number } {
  if (r.fatal) {
    const json = toJsonResult(r);
    const rows = json.messages.map((m): Row => {
      const pos = json.format === 'docx' ? `第${m.line}段 “${m.quote}”` : `${m.line}:${m.column}`;
      return { pos, posWidth: displayWidth(pos), severity: 'error', message: m.message, messageWidth: displayWidth(m.message), rule: m.ruleId ?? '' };
    });
    return { rows, fixable: 0 };
  }
  const docx = isDocxReport(r);
  const rows: Row[] = [];
  let fixable = 0;
  for (const f of r.findings) {
    const s = r.lines!.positionAt(f.range.start);
    let pos: string;
    let posWidth: number;
    if (docx) {
      pos = `第${s.line + 1}段 “${quoteAt(r, s.line + 1)}”`;
      posWidth = displayWidth(pos);
    } else {
      pos = `${s.line + 1}:${s.character + 1}`;
      posWidth = pos.length;
      if (f.fix) fixable++;
    }
    rows.push({ pos, posWidth, severity: f.severity, message: f.message, messageWidth: displayWidth(f.message), rule: f.ruleId });
  }
  return { rows, fixable };
}

export function formatStylish(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const pad = (s: string, w: number, target: number): string => (w < target ? s + ' '.repeat(target - w) : s);
  const severityCell: Record<Severity, string> = { error: '', warning: '', info: '' };
  for (const sev of ['error', 'warning', 'info'] as const) severityCell[sev] = paint(SEVERITY_COLOR[sev], SEVERITY_WORD[sev]);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const r of reports) {
    const { rows, fixable: n } = rowsOf(r);
    fixable += n;
    if (!rows.length) continue;
    out.push(paint('4', r.filePath));
    // Loops, not Math.max(...widths): a spread of a file's 200 000 findings overflows the stack.
    let posW = 0;
    let msgW = 0;
    for (const row of rows) {
      counts[row.severity]++;
      if (row.posWidth > posW) posW = row.posWidth;
      if (row.messageWidth > msgW) msgW = row.messageWidth;
    }
    if (msgW > 80) msgW = 80;
    for (const row of rows) {
      out.push(`  ${pad(row.pos, row.posWidth, posW)}  ${severityCell[row.severity]}  ${pad(row.message, row.messageWidth, msgW)}  ${color ? paint('2', row.rule) : row.rule}`);
    }
    out.push('');
  }
  const { error: errors, warning: warnings, info: infos } = counts;
  const total = errors + warnings + infos;
  if (total === 0) return out.join('\n');
  const summary = `✖ 共 ${total} 个问题（错误 ${errors}，警告 ${warnings}，提示 ${infos}）`;
  out.push(paint(errors ? '31;1' : '33;1', summary));
  if (fixable) out.push(`  其中 ${fixable} 个可用 --fix 自动修复`);
  return out.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(reports: readonly FileReport[], rules: readonly Rule<any>[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const r of reports) {
    const uri = pathToFileURL(r.filePath).href;
    const docx = isDocxReport(r);
    if (r.fatal) {
      notifications.push({ level: 'error', message: { text: r.fatal }, locations: [{ physicalLocation: { artifactLocation: { uri } } }] });
      continue;
    }
    for (const f of r.findings) {
      const s = r.lines!.positionAt(f.range.start);
      const e = r.lines!.positionAt(f.range.end);
      const result: Sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          docx
            ? // A Word file has no text lines for a region to point at: the location names the paragraph.
              { physicalLocation: { artifactLocation: { uri } }, message: { text: `第${s.line + 1}段 “${quoteAt(r, s.line + 1)}”` } }
            : {
                physicalLocation: {
                  artifactLocation: { uri },
                  region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
                },
              },
        ],
        ...(docx ? { properties: { paragraph: s.line + 1, column: s.character + 1, quote: quoteAt(r, s.line + 1) } } : {}),
      };
      if (f.fix && !docx) {
        result.fixes = [
          {
            artifactChanges: [
              {
                artifactLocation: { uri },
                replacements: [{ deletedRegion: { charOffset: f.fix.range.start, charLength: f.fix.range.end - f.fix.range.start }, insertedContent: { text: f.fix.text } }],
              },
            ],
          },
        ];
      }
      results.push(result);
    }
  }
  const log: Sarif.Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'dangjian-lint',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
