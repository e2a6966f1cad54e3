/**
 * markdownlint-style fixture tests.
 *
 * Rule fixtures (test/fixtures/rules/**.txt|.md): an expected finding is written as a whole-line
 * HTML comment on the line directly before the line that should carry it:
 *
 *     <!-- expect: numbering-sequence -->
 *     三、下一步工作打算
 *
 * Several ids may be listed (the same id twice means two findings on that line); an id may carry a
 * severity, `numbering-level:info`, which must then match too. The comment
 * itself occupies a line, so the expected line is the next line that is not a whole-line HTML
 * comment (expect comments and dangjian-disable directives may be stacked). The harness asserts
 * that the multiset of (line, ruleId) the linter reports equals the expected one exactly, so every
 * fixture also proves that nothing else is reported by the rules of its category: a fixture in
 * rules/numbering-level/ is linted with every numbering rule (numbering-*, inline-sequence,
 * heading-punctuation), so that terse numbering drafts need not satisfy the structure rules. Every fixture (.txt and .md) is run again with
 * "\n" replaced by "\r\n" and must give the same lines. Other whole-line comments (`<!-- note: … -->`)
 * are free text for the reader.
 *
 * Fix fixtures (test/fixtures/fix/NAME.txt|.md with NAME.fixed.txt|.fixed.md beside it): fixAll
 * must produce the .fixed file exactly, and linting the fixed text must leave no fixable finding;
 * both again with CRLF line ends. A .fixed file identical to its input asserts that no edit is made.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixAll, lint } from '../src/core/lint';
import type { DocumentFormat } from '../src/core/model';
import type { Finding, Severity } from '../src/core/types';
import { RULES } from '../src/rules';

const ROOT = join(__dirname, 'fixtures');
const RULES_DIR = join(ROOT, 'rules');
const FIX_DIR = join(ROOT, 'fix');

const KNOWN_IDS = new Set(RULES.map((r) => r.id));
const SEVERITIES = new Set<string>(['error', 'warning', 'info']);
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
  severity?: Severity;
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
    for (const item of m[1]!.split(/\s+/).filter(Boolean)) {
      const [id, severity, ...rest] = item.split(':');
      if (!id || !KNOWN_IDS.has(id)) throw new Error(`${file}:${i + 1}: unknown rule id "${id}" in expect comment`);
      if (rest.length || (severity !== undefined && !SEVERITIES.has(severity))) {
        throw new Error(`${file}:${i + 1}: bad severity in "${item}" (use error, warning or info)`);
      }
      out.push({ line: target, ruleId: id, ...(severity ? { severity: severity as Severity } : {}) });
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

interface Actual {
  line: number;
  finding: Finding;
}

/**
 * Compares expected and actual (line, ruleId) multisets (and the severity where an expectation
 * names one); returns a readable report, or '' when they are equal.
 */
function diff(lines: string[], expected: Expected[], actual: Actual[]): string {
  const exp = countBy(expected, (e) => key(e.line, e.ruleId));
  const act = countBy(actual, (a) => key(a.line, a.finding.ruleId));
  const missing: string[] = [];
  const unexpected: string[] = [];
  const show = (line: number): string => `${String(line + 1).padStart(4)} | ${lines[line] ?? ''}`;
  const describe = (a: Actual): string => {
    const fix = a.finding.fix ? `  [fix → ${JSON.stringify(a.finding.fix.text)}]` : '';
    return `${a.finding.ruleId} (${a.finding.severity}): ${a.finding.message}${fix}`;
  };
  for (const k of new Set([...exp.keys(), ...act.keys()])) {
    const left = [...(act.get(k) ?? [])];
    const es = exp.get(k) ?? [];
    const take = (pred: (a: Actual) => boolean): boolean => {
      const i = left.findIndex(pred);
      if (i < 0) return false;
      left.splice(i, 1);
      return true;
    };
    // Expectations that name a severity first, so that a bare one cannot steal their finding.
    for (const e of [...es.filter((e) => e.severity), ...es.filter((e) => !e.severity)]) {
      if (take((a) => !e.severity || a.finding.severity === e.severity)) continue;
      missing.push(`  - ${e.ruleId}${e.severity ? `:${e.severity}` : ''}\n      ${show(e.line)}`);
    }
    for (const a of left) unexpected.push(`  + ${describe(a)}\n      ${show(a.line)}`);
  }
  if (!missing.length && !unexpected.length) return '';
  const all = actual.map((a) => `    ${String(a.line + 1).padStart(4)} ${describe(a)}`).join('\n');
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
  const { model, findings } = lint(text, rulesFor(file), { format: formatOfFile(file) });
  const actual = findings.map((f) => ({ line: model.lines.positionAt(f.range.start).line, finding: f }));
  const report = diff(source.split('\n'), expected, actual);
  if (report) {
    expect.fail(`${relative(ROOT, file)}${crlf ? ' (CRLF)' : ''}: findings differ from the expect comments\n${report}`);
  }
}

/** The rules of the category of the rule the fixture's folder is named after. */
function rulesFor(file: string): typeof RULES {
  const folder = relative(RULES_DIR, file).split(/[\\/]/)[0]!;
  const owner = RULES.find((r) => r.id === folder);
  if (!owner) throw new Error(`fixture folder “${folder}” is not a rule id`);
  return RULES.filter((r) => r.category === owner.category);
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
    const name = `fix/${relative(FIX_DIR, file)}`;
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
