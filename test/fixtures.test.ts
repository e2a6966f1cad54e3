/**
 * markdownlint-style fixture tests.
 *
 * Rule fixtures (test/fixtures/rules/**.txt|.md): an expected finding is written as a whole-line
 * HTML comment on the line directly before the line that should carry it:
 *
 *     <!-- expect: numbering-sequence -->
 *     三、下一步工作打算
 *
 * Several ids may be listed (the same id twice means two findings on that line). The comment
 * itself occupies a line, so the expected line is the next line that is not a whole-line HTML
 * comment (expect comments and dangjian-disable directives may be stacked). The harness asserts
 * that the multiset of (line, ruleId) the linter reports equals the expected one exactly, so every
 * fixture also proves that nothing else is reported. Every fixture is run again with CRLF line ends.
 *
 * Fix fixtures (test/fixtures/fix/NAME.txt|.md with NAME.fixed.txt|.fixed.md beside it): fixAll
 * must produce the .fixed file exactly, and linting the fixed text must leave no fixable finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixAll, lint } from '../src/core/lint';
import type { DocumentFormat } from '../src/core/model';
import type { Finding } from '../src/core/types';
import { RULES } from '../src/rules';

const ROOT = join(__dirname, 'fixtures');
const RULES_DIR = join(ROOT, 'rules');
const FIX_DIR = join(ROOT, 'fix');

const KNOWN_IDS = new Set(RULES.map((r) => r.id));
const EXPECT = /^\s*<!--\s*expect:\s*([^]*?)\s*-->\s*$/;
const COMMENT_LINE = /^\s*<!--[^]*-->\s*$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(txt|md)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function formatOfFile(file: string): DocumentFormat {
  return file.endsWith('.md') ? 'markdown' : 'text';
}

interface Expected {
  line: number; // 0-based
  ruleId: string;
}

/** Reads the `<!-- expect: … -->` comments of a fixture (written with "\n" line ends). */
function expectationsOf(file: string, text: string): Expected[] {
  const lines = text.split('\n');
  const out: Expected[] = [];
  lines.forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && COMMENT_LINE.test(lines[target]!)) target++;
    if (target >= lines.length || lines[target]!.trim() === '') {
      throw new Error(`${file}:${i + 1}: expect comment is not followed by a line of text`);
    }
    for (const id of m[1]!.split(/\s+/).filter(Boolean)) {
      if (!KNOWN_IDS.has(id)) throw new Error(`${file}:${i + 1}: unknown rule id "${id}" in expect comment`);
      out.push({ line: target, ruleId: id });
    }
  });
  return out;
}

const key = (line: number, ruleId: string): string => `${line}\u0000${ruleId}`;

function countBy<T>(items: T[], k: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const kk = k(t);
    m.set(kk, [...(m.get(kk) ?? []), t]);
  }
  return m;
}

/** Compares expected and actual (line, ruleId) multisets; returns a readable report, or '' when equal. */
function diff(lines: string[], expected: Expected[], actual: { line: number; finding: Finding }[]): string {
  const exp = countBy(expected, (e) => key(e.line, e.ruleId));
  const act = countBy(actual, (a) => key(a.line, a.finding.ruleId));
  const missing: string[] = [];
  const unexpected: string[] = [];
  const show = (line: number): string => `${String(line + 1).padStart(4)} | ${lines[line] ?? ''}`;
  for (const [k, es] of exp) {
    const n = es.length - (act.get(k)?.length ?? 0);
    for (let i = 0; i < n; i++) missing.push(`  - ${es[0]!.ruleId}\n      ${show(es[0]!.line)}`);
  }
  for (const [k, as] of act) {
    const n = as.length - (exp.get(k)?.length ?? 0);
    for (let i = 0; i < n; i++) {
      const a = as[as.length - 1 - i]!;
      const fix = a.finding.fix ? `  [fix → ${JSON.stringify(a.finding.fix.text)}]` : '';
      unexpected.push(`  + ${a.finding.ruleId} (${a.finding.severity}): ${a.finding.message}${fix}\n      ${show(a.line)}`);
    }
  }
  if (!missing.length && !unexpected.length) return '';
  const all = actual
    .map((a) => `    ${String(a.line + 1).padStart(4)} ${a.finding.ruleId} (${a.finding.severity}): ${a.finding.message}`)
    .join('\n');
  return [
    missing.length ? `expected but not reported (${missing.length}):\n${missing.join('\n')}` : '',
    unexpected.length ? `reported but not expected (${unexpected.length}):\n${unexpected.join('\n')}` : '',
    `all findings:\n${all || '    (none)'}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function checkFixture(file: string, source: string, crlf: boolean): void {
  const expected = expectationsOf(file, source);
  const text = crlf ? source.replace(/\n/g, '\r\n') : source;
  const { model, findings } = lint(text, RULES, { format: formatOfFile(file) });
  const actual = findings.map((f) => ({ line: model.lines.positionAt(f.range.start).line, finding: f }));
  const report = diff(source.split('\n'), expected, actual);
  if (report) {
    expect.fail(`${relative(ROOT, file)}${crlf ? ' (CRLF)' : ''}: findings differ from the expect comments\n${report}`);
  }
}

const ruleFixtures = walk(RULES_DIR);

describe('rule fixtures', () => {
  it('there are fixtures in both formats', () => {
    expect(ruleFixtures.some((f) => f.endsWith('.txt'))).toBe(true);
    expect(ruleFixtures.some((f) => f.endsWith('.md'))).toBe(true);
  });

  for (const file of ruleFixtures) {
    const name = relative(RULES_DIR, file);
    const source = readFileSync(file, 'utf8');
    it(name, () => {
      expect(source.includes('\r'), 'fixtures are stored with LF line ends').toBe(false);
      checkFixture(file, source, false);
    });
    it(`${name} (CRLF)`, () => checkFixture(file, source, true));
  }
});

describe('fix fixtures', () => {
  const inputs = walk(FIX_DIR).filter((f) => !/\.fixed\.(txt|md)$/.test(f));

  it('there are fix fixtures in both formats', () => {
    expect(inputs.some((f) => f.endsWith('.txt'))).toBe(true);
    expect(inputs.some((f) => f.endsWith('.md'))).toBe(true);
  });

  for (const file of inputs) {
    const name = relative(FIX_DIR, file);
    const fixedFile = file.replace(/\.(txt|md)$/, '.fixed.$1');
    const format = formatOfFile(file);
    const run = (crlf: boolean): void => {
      const conv = (s: string): string => (crlf ? s.replace(/\n/g, '\r\n') : s);
      const input = conv(readFileSync(file, 'utf8'));
      const want = conv(readFileSync(fixedFile, 'utf8'));
      const { text } = fixAll(input, RULES, { format });
      expect(text).toBe(want);
      const after = lint(text, RULES, { format });
      const left = after.findings
        .filter((f) => f.fix)
        .map((f) => `${after.model.lines.positionAt(f.range.start).line + 1}: ${f.ruleId}: ${f.message}`);
      expect(left, 'fixable findings left after fixAll').toEqual([]);
    };
    it(name, () => run(false));
    it(`${name} (CRLF)`, () => run(true));
  }
});
