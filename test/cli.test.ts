/**
 * The `dangjian-lint` CLI as a user meets it, run in-process through `main()` against drafts
 * written to temporary folders: exit codes, inputs, encodings and line ends, the JSON and SARIF
 * outputs, --fix, --outline, --quiet, --rule and configuration files.
 *
 * Every draft here is short original text in the genre, with a deliberate flaw where one is wanted.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../src/cli/gb18030';
import { draft, editorPosition, encodeAs, ENCODINGS, type Encoding, type JsonResult, run, runJson, TempDirs, writeFiles } from './helpers/cli';

// ---------------------------------------------------------------------------------------------
// Drafts

const TITLE = '关于2024年度党支部工作情况的报告';

/** A clean 情况报告: three top-level parts, three sub-items under the first. */
const CLEAN = [
  TITLE,
  '',
  '一、主要做法',
  '（一）加强理论学习',
  '坚持每月集中学习一次，支部书记带头讲党课。',
  '（二）规范组织生活',
  '按时召开支部党员大会和支部委员会。',
  '（三）抓好作风建设',
  '结合实际开展专项整治。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '三、下一步打算',
  '继续抓好各项工作落实。',
];

/** CLEAN with a gap: （一）（二）（四）, on line 8. */
const GAP = CLEAN.map((l) => (l === '（三）抓好作风建设' ? '（四）抓好作风建设' : l));

/** Two warnings (（一）、 and （二）、: nothing may follow the closing bracket), no error. */
const WARN = CLEAN.map((l) => (l === '（一）加强理论学习' ? '（一）、加强理论学习' : l === '（二）规范组织生活' ? '（二）、规范组织生活' : l));

/**
 * One fixable error (（四） after （二）), one fixable warning (（一）、) and one warning with no fix
 * (③ continuing 1. 2.); 𠮷 (outside the BMP) checks that --fix keeps four-byte characters intact.
 */
const MIXED = [
  TITLE,
  '',
  '一、主要做法',
  '（一）、加强理论学习',
  '1.读原著',
  '2.学原文',
  '③悟原理',
  '（二）规范组织生活',
  '𠮷祥村党支部按时召开支部党员大会。',
  '（四）抓好作风建设',
  '开展专项整治。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '三、下一步打算',
  '继续抓好落实。',
];
/** MIXED after --fix: the two fixable markers corrected, nothing else touched. */
const MIXED_FIXED = MIXED.map((l) => (l === '（一）、加强理论学习' ? '（一）加强理论学习' : l === '（四）抓好作风建设' ? '（三）抓好作风建设' : l));

/**
 * An inline enumeration with a gap (一是、二是、四是) on a line that also holds a character outside
 * the BMP (𠮷, two UTF-16 code units), so its column shows whether columns count code units.
 */
const INLINE = [
  TITLE,
  '',
  '一、主要做法',
  '𠮷祥村党支部坚持学用结合：一是读原著，二是学原文，四是悟原理。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '三、下一步打算',
  '继续抓好落实。',
];

/** 一、 directly followed by 1.: skipping one level is only `info`. */
const INFO_ONLY = [TITLE, '', '一、主要做法', '1.加强理论学习', '2.规范组织生活', '二、存在的问题', '学习的系统性还不够强。', '三、下一步打算', '继续抓好落实。'];

const MARKDOWN = [
  '---',
  'title: 草稿',
  '---',
  '',
  `# ${TITLE}`,
  '',
  '## 一、主要做法',
  '',
  '### （一）加强理论学习',
  '',
  '坚持每月集中学习一次。',
  '',
  '```text',
  '（四）代码块里的序号不检查',
  '```',
  '',
  '### （三）抓好作风建设',
  '',
  '开展专项整治。',
  '',
  '## 二、下一步打算',
  '',
  '继续抓好理论学习。',
];

// ---------------------------------------------------------------------------------------------

const temps = new TempDirs();
let tmp: string;

beforeEach(async () => {
  tmp = await temps.make();
});

afterEach(async () => {
  await temps.cleanup();
});

function only(results: JsonResult[], file: string): JsonResult {
  const r = results.find((x) => x.filePath === file);
  if (!r) throw new Error(`no result for ${file} in ${results.map((x) => x.filePath).join(', ')}`);
  return r;
}

function ruleIds(r: JsonResult): (string | null)[] {
  return r.messages.map((m) => m.ruleId);
}

// ---------------------------------------------------------------------------------------------

describe('exit codes', () => {
  it('0 for a clean draft, with nothing printed', async () => {
    await writeFiles(tmp, { '报告.txt': draft(CLEAN) });
    const r = await run(['报告.txt'], tmp);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('');
  });

  it('1 for an error finding, shown in the stylish output with line:column, severity, message, rule id and a summary', async () => {
    const { '报告.txt': file } = await writeFiles(tmp, { '报告.txt': draft(GAP) });
    const r = await run(['报告.txt'], tmp);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(file!);
    const row = r.stdout.split('\n').find((l) => l.includes('numbering-sequence'));
    expect(row).toBeDefined();
    expect(row).toMatch(/^\s+8:1\s+错误\s+序号应为“（三）”，此处为“（四）”\s+numbering-sequence$/);
    expect(r.stdout).toMatch(/共 1 个问题/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // color: false
  });

  it('warnings alone exit 0; more warnings than --max-warnings exit 1', async () => {
    await writeFiles(tmp, { 'w.txt': draft(WARN) });
    expect((await run(['w.txt'], tmp)).code).toBe(0);
    expect((await run(['--max-warnings', '2', 'w.txt'], tmp)).code).toBe(0);
    const over = await run(['--max-warnings', '1', 'w.txt'], tmp);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('--max-warnings');
    expect((await run(['--max-warnings=0', '--format', 'json', 'w.txt'], tmp)).code).toBe(1);
  });

  it('info findings do not count as warnings for --max-warnings', async () => {
    await writeFiles(tmp, { 'i.txt': draft(INFO_ONLY) });
    const r = await runJson(['--max-warnings', '0', 'i.txt'], tmp);
    expect(r.results[0]!.infoCount).toBeGreaterThan(0);
    expect(r.results[0]!.warningCount).toBe(0);
    expect(r.code).toBe(0);
  });

  it.each([
    ['an unknown option', ['--fomat', 'json', 'a.txt'], '--fomat'],
    ['a bad --format', ['--format', 'xml', 'a.txt'], 'xml'],
    ['an unknown rule in --rule', ['--rule', 'no-such-rule=error', 'a.txt'], 'no-such-rule'],
    ['a bad severity in --rule', ['--rule', 'numbering-sequence=fatal', 'a.txt'], 'numbering-sequence=fatal'],
    ['--rule without a severity', ['--rule', 'numbering-sequence', 'a.txt'], 'numbering-sequence'],
    ['a bad --max-warnings', ['--max-warnings', 'many', 'a.txt'], 'many'],
    ['no inputs', [], ''],
    ['no inputs, only options', ['--format', 'json'], ''],
  ])('2 for %s, with a Chinese message on stderr and nothing on stdout', async (_name, argv, named) => {
    await writeFiles(tmp, { 'a.txt': draft(CLEAN) });
    const r = await run(argv, tmp);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stderr).toContain(named);
  });

  it('2 for a missing file, naming it', async () => {
    const r = await run(['不存在.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不存在.txt');
  });

  it('a missing file among good ones: the good ones are still linted and reported, and the exit code is 2', async () => {
    const files = await writeFiles(tmp, { 'gap.txt': draft(GAP), 'clean.txt': draft(CLEAN) });
    const json = await runJson(['gap.txt', '缺失.txt', 'clean.txt'], tmp);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('缺失.txt');
    expect(ruleIds(only(json.results, files['gap.txt']!))).toEqual(['numbering-sequence']);
    expect(only(json.results, files['clean.txt']!).messages).toEqual([]);

    const stylish = await run(['gap.txt', '缺失.txt', 'clean.txt'], tmp);
    expect(stylish.code).toBe(2);
    expect(stylish.stdout).toContain(files['gap.txt']!);
    expect(stylish.stdout).toContain('numbering-sequence');
  });

  it('--help and --version exit 0', async () => {
    const help = await run(['--help'], tmp);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings');
    const version = await run(['--version'], tmp);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('stylish output', () => {
  /** Columns a terminal gives the text: East Asian wide and full-width characters take two. */
  const columns = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1), 0);

  it('lines the rule ids up in one column as a terminal shows Chinese, whatever the positions and messages', async () => {
    await writeFiles(tmp, { '稿.txt': draft(MIXED) });
    const r = await run(['稿.txt'], tmp);
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // Positions of two widths (4:1, 10:1) and messages of different lengths, all in Chinese.
    expect(new Set(rows.map((l) => /^\s+(\S+)/.exec(l)![1]!.length)).size).toBeGreaterThan(1);
    const messages = rows.map((l) => l.trim().split(/\s{2,}/)[2]!);
    expect(new Set(messages.map(columns)).size).toBeGreaterThan(1);
    const ruleColumn = rows.map((l) => columns(l.slice(0, l.search(/[a-z-]+$/))));
    expect(new Set(ruleColumn).size, rows.join('\n')).toBe(1);
    const severityColumn = rows.map((l) => columns(l.slice(0, l.search(/错误|警告|提示/))));
    expect(new Set(severityColumn).size).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('inputs', () => {
  it('a single file, given relative to cwd, is reported by its absolute path', async () => {
    const { 'sub/报告.txt': file } = await writeFiles(tmp, { 'sub/报告.txt': draft(GAP) });
    const r = await runJson(['sub/报告.txt'], tmp);
    expect(r.results.map((x) => x.filePath)).toEqual([file]);
    expect(path.isAbsolute(r.results[0]!.filePath)).toBe(true);
  });

  it('a folder: every .txt and .md under it, nothing else, node_modules and .git skipped', async () => {
    const files = await writeFiles(tmp, {
      'docs/a.txt': draft(GAP),
      'docs/b.md': draft(MARKDOWN),
      'docs/sub/deeper/c.txt': draft(CLEAN),
      // .docx files are drafts too since issue 9 (test/cli-docx.test.ts); an old .doc is not.
      'docs/notes.doc': Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]),
      'docs/pic.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
      'docs/script.js': 'console.log("一、二、四、")\n',
      'docs/node_modules/pkg/readme.txt': draft(GAP),
      'docs/node_modules/pkg/readme.md': draft(GAP),
      'docs/.git/notes.txt': draft(GAP),
    });
    const r = await runJson(['docs'], tmp);
    expect(r.results.map((x) => x.filePath).sort()).toEqual([files['docs/a.txt'], files['docs/b.md'], files['docs/sub/deeper/c.txt']].sort());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('a glob, relative to cwd, matches only what it says', async () => {
    const files = await writeFiles(tmp, {
      'drafts/a.txt': draft(GAP),
      'drafts/b.txt': draft(CLEAN),
      'drafts/c.md': draft(MARKDOWN),
      'other/d.txt': draft(GAP),
    });
    const r = await runJson(['drafts/*.txt'], tmp);
    expect(r.results.map((x) => x.filePath).sort()).toEqual([files['drafts/a.txt'], files['drafts/b.txt']].sort());
    expect(r.code).toBe(1);
  });

  it('a recursive glob does not descend into node_modules (as the folder walk does not)', async () => {
    const files = await writeFiles(tmp, {
      'drafts/a.txt': draft(CLEAN),
      'node_modules/some-pkg/CHANGELOG.txt': draft(GAP),
    });
    const r = await runJson(['**/*.txt'], tmp);
    expect(r.results.map((x) => x.filePath)).toEqual([files['drafts/a.txt']]);
    expect(r.code).toBe(0);
  });

  it('a folder with no drafts in it exits 2 and says so', async () => {
    await writeFiles(tmp, { 'empty/readme.docx': Uint8Array.from([0x50, 0x4b, 0x03, 0x04]) });
    const r = await run(['empty'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a glob that matches nothing exits 2 and says so', async () => {
    await writeFiles(tmp, { 'a.txt': draft(CLEAN) });
    const r = await run(['drafts/*.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drafts/*.txt');
  });

  it('a file given twice (directly and through its folder) is linted once', async () => {
    await writeFiles(tmp, { 'd/a.txt': draft(GAP) });
    const r = await runJson(['d/a.txt', 'd', 'd/*.txt'], tmp);
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.errorCount).toBe(1);
  });

  it('a Markdown draft: code blocks and front matter are not linted, positions point into the source', async () => {
    const text = draft(MARKDOWN);
    const { 'd.md': file } = await writeFiles(tmp, { 'd.md': text });
    const r = await runJson(['d.md'], tmp);
    const res = only(r.results, file!);
    expect(ruleIds(res)).toEqual(['numbering-sequence']);
    const m = res.messages[0]!;
    const at = editorPosition(text, '（三）抓好');
    expect([m.line, m.column]).toEqual([at.line, at.column]);
    expect(m.fix).toBeDefined();
    expect(text.slice(m.fix!.range[0], m.fix!.range[1])).toBe('（三）');
    expect(m.fix!.text).toBe('（二）');
  });
});

// ---------------------------------------------------------------------------------------------

describe('the GB18030 encoder used for GBK files, checked against the platform decoder', () => {
  const strictGb = new TextDecoder('gb18030', { fatal: true });

  it('round-trips every CJK Unified Ideograph U+4E00–U+9FFF, Chinese punctuation and an emoji', () => {
    let cjk = '';
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) cjk += String.fromCodePoint(cp);
    const text = `${cjk}“”、。（）：；！？《》—…😀𠮷abc 123\r\n`;
    expect(strictGb.decode(encodeGb18030(text))).toBe(text);
  });

  it('writes the GBK range (U+4E00–U+9FA5) as two-byte GBK codes, so GBK-only tools can read the file', () => {
    for (let cp = 0x4e00; cp <= 0x9fa5; cp++) {
      const bytes = encodeGb18030(String.fromCodePoint(cp));
      expect(bytes.length, `U+${cp.toString(16)}`).toBe(2);
      expect(bytes[0]! >= 0x81 && bytes[0]! <= 0xfe && bytes[1]! >= 0x40 && bytes[1]! <= 0xfe && bytes[1] !== 0x7f, `U+${cp.toString(16)}`).toBe(true);
    }
  });

  it('matches published GBK / GB18030 codes', () => {
    const hex = (s: string): string => Buffer.from(encodeGb18030(s)).toString('hex');
    expect(hex('中国党建')).toBe('d6d0b9fab5b3bda8');
    expect(hex('“”、。（）')).toBe('a1b0a1b1a1a2a1a3a3a8a3a9');
    expect(hex('😀')).toBe('9439fc36');
    expect(hex('\u{10000}')).toBe('90308130');
    expect(hex('A1.')).toBe('41312e');
  });
});

// ---------------------------------------------------------------------------------------------

type Eol = 'LF' | 'CRLF' | 'CR';
const EOL: Record<Eol, string> = { LF: '\n', CRLF: '\r\n', CR: '\r' };

describe('encodings and line ends', () => {
  const cases: [Encoding, Eol][] = ENCODINGS.flatMap((e) => (['LF', 'CRLF'] as Eol[]).map((l): [Encoding, Eol] => [e, l]));

  it.each(cases)('%s with %s: findings at the line and UTF-16 column an editor shows', async (encoding, eol) => {
    const gapText = draft(GAP, EOL[eol]);
    const inlineText = draft(INLINE, EOL[eol]);
    const files = await writeFiles(tmp, { 'gap.txt': encodeAs(gapText, encoding), 'inline.txt': encodeAs(inlineText, encoding) });
    const r = await runJson(['gap.txt', 'inline.txt'], tmp);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);

    const gap = only(r.results, files['gap.txt']!);
    expect(ruleIds(gap)).toEqual(['numbering-sequence']);
    const g = gap.messages[0]!;
    expect(g).toMatchObject({ line: 8, column: 1, endLine: 8, endColumn: 4, message: '序号应为“（三）”，此处为“（四）”' });
    expect(gapText.slice(g.fix!.range[0], g.fix!.range[1])).toBe('（四）');

    const inline = only(r.results, files['inline.txt']!);
    expect(ruleIds(inline)).toEqual(['inline-sequence']);
    const m = inline.messages[0]!;
    const at = editorPosition(inlineText, '四是');
    expect(at.line).toBe(4);
    // 𠮷 is two UTF-16 code units: the column counts both, as ESLint and VS Code do.
    expect(at.column).toBe(INLINE[3]!.indexOf('四是') + 1);
    expect([m.line, m.column, m.endLine, m.endColumn]).toEqual([at.line, at.column, at.line, at.column + 2]);
    expect(inlineText.slice(m.fix!.range[0], m.fix!.range[1])).toBe('四是');
  });

  it('a file with old-Mac CR line ends: lines counted as an editor counts them', async () => {
    const text = draft(GAP, '\r');
    await writeFiles(tmp, { 'cr.txt': text });
    const r = await runJson(['cr.txt'], tmp);
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['numbering-sequence', 8, 1]]);
  });

  it('a Markdown draft with CRLF and a BOM: positions as an editor shows them', async () => {
    const text = draft(MARKDOWN, '\r\n');
    await writeFiles(tmp, { 'd.md': encodeAs(text, 'utf8bom') });
    const r = await runJson(['d.md'], tmp);
    const m = r.results[0]!.messages[0]!;
    const at = editorPosition(text, '（三）抓好');
    expect([m.ruleId, m.line, m.column]).toEqual(['numbering-sequence', at.line, at.column]);
  });

  it('a finding on the first line of a file with a BOM is at column 1 (the BOM is not a character)', async () => {
    const text = draft(['一.主要做法', '坚持每月集中学习。', '二、存在的问题', '学习不够深入。']);
    for (const encoding of ['utf8bom', 'utf16le', 'utf16be'] as const) {
      await writeFiles(tmp, { [`${encoding}.txt`]: encodeAs(text, encoding) });
      const r = await runJson([`${encoding}.txt`], tmp);
      const m = r.results[0]!.messages.find((x) => x.ruleId === 'numbering-punctuation');
      expect(m, encoding).toMatchObject({ line: 1, column: 1, endColumn: 3, fix: { range: [0, 2], text: '一、' } });
    }
  });

  it('bytes that are neither UTF-8 nor GB18030: a one-line Chinese error naming the file, exit 2, other files still linted', async () => {
    const bad = Buffer.concat([Buffer.from(draft(GAP)), Buffer.from([0xff, 0xff, 0x0a])]);
    const files = await writeFiles(tmp, { 'bad.txt': bad, 'good.txt': draft(GAP) });
    const r = await runJson(['bad.txt', 'good.txt'], tmp);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bad.txt');
    expect(lines[0]).toMatch(/编码/);
    expect(ruleIds(only(r.results, files['good.txt']!))).toEqual(['numbering-sequence']);
  });

  it('a binary file with NUL bytes: refused with a Chinese message, exit 2, other files still linted', async () => {
    const files = await writeFiles(tmp, {
      'd/scan.txt': Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]),
      'd/good.txt': draft(GAP),
    });
    const r = await runJson(['d'], tmp);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('scan.txt');
    expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(ruleIds(only(r.results, files['d/good.txt']!))).toEqual(['numbering-sequence']);
    // The file appears in JSON as one fatal message, ESLint-style.
    const fatal = only(r.results, files['d/scan.txt']!);
    expect(fatal.errorCount).toBe(1);
    expect(fatal.messages[0]).toMatchObject({ ruleId: null, severity: 2 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('--format json', () => {
  const FIX_MESSAGE = /应(?:为|写作)“([^”]+)”，此处为“([^”]+)”/;

  it('has exactly the shape RULES.md gives, with counts, 1-based positions and fixes that do what the message says', async () => {
    const text = draft([...MIXED.slice(0, 9), '坚持学用结合：一是读原著，二是学原文，四是悟原理。', ...MIXED.slice(9)], '\r\n');
    const { 'mixed.txt': file } = await writeFiles(tmp, { 'mixed.txt': encodeAs(text, 'utf8bom') });
    const r = await runJson(['mixed.txt'], path.join(tmp));
    expect(r.code).toBe(1);
    expect(Array.isArray(r.results)).toBe(true);
    expect(r.results).toHaveLength(1);
    const res = r.results[0]!;
    expect(Object.keys(res).sort()).toEqual(['errorCount', 'filePath', 'infoCount', 'messages', 'warningCount']);
    expect(res.filePath).toBe(file);
    expect(path.isAbsolute(res.filePath)).toBe(true);

    const severities = { 2: 0, 1: 0, 0: 0 };
    for (const m of res.messages) {
      const keys = Object.keys(m).sort();
      expect(keys).toEqual(
        ['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity', ...(m.fix ? ['fix'] : [])].sort(),
      );
      expect(typeof m.ruleId).toBe('string');
      expect([0, 1, 2]).toContain(m.severity);
      severities[m.severity]++;
      expect(typeof m.message).toBe('string');
      for (const n of [m.line, m.column, m.endLine, m.endColumn]) expect(Number.isInteger(n) && n >= 1).toBe(true);
      expect(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column)).toBe(true);
      if (m.fix) {
        expect(Object.keys(m.fix).sort()).toEqual(['range', 'text']);
        const [a, b] = m.fix.range;
        expect(Number.isInteger(a) && Number.isInteger(b) && 0 <= a && a <= b && b <= text.length).toBe(true);
        // The fix replaces what the message quotes with what the message asks for.
        const said = FIX_MESSAGE.exec(m.message);
        expect(said, m.message).not.toBeNull();
        expect(text.slice(a, b)).toBe(said![2]);
        expect(m.fix.text).toBe(said![1]);
        // …and the reported position is where that text is.
        const start = editorPosition(text, said![2]!, a);
        expect([m.line, m.column]).toEqual([start.line, start.column]);
      }
    }
    expect(res.errorCount).toBe(severities[2]);
    expect(res.warningCount).toBe(severities[1]);
    expect(res.infoCount).toBe(severities[0]);
    expect(res.messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([
      ['numbering-punctuation', 1, 4],
      ['numbering-style-mix', 1, 7],
      ['inline-sequence', 2, 10],
      ['numbering-sequence', 2, 11],
    ]);
  });

  it('applying every fix to the decoded text clears exactly the fixable findings', async () => {
    const text = draft(MIXED);
    await writeFiles(tmp, { 'a.txt': text });
    const r = await runJson(['a.txt'], tmp);
    const fixes = r.results[0]!.messages.flatMap((m) => (m.fix ? [m.fix] : [])).sort((x, y) => x.range[0] - y.range[0]);
    expect(fixes).toHaveLength(2);
    let fixed = '';
    let at = 0;
    for (const f of fixes) {
      fixed += text.slice(at, f.range[0]) + f.text;
      at = f.range[1];
    }
    fixed += text.slice(at);
    expect(fixed).toBe(draft(MIXED_FIXED));
    await writeFiles(tmp, { 'b.txt': fixed });
    const after = await runJson(['b.txt'], tmp);
    expect(after.results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['numbering-style-mix', 7]]);
  });

  it('one object per file, and a clean file has an empty messages array', async () => {
    await writeFiles(tmp, { 'a.txt': draft(CLEAN), 'b.txt': draft(GAP) });
    const r = await runJson(['a.txt', 'b.txt'], tmp);
    expect(r.results).toHaveLength(2);
    expect(only(r.results, path.join(tmp, 'a.txt'))).toEqual({
      filePath: path.join(tmp, 'a.txt'),
      messages: [],
      errorCount: 0,
      warningCount: 0,
      infoCount: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('--format sarif', () => {
  const require = createRequire(import.meta.url);
  // The official SARIF 2.1.0 schema (OASIS, final release candidate rtm.5), as shipped by
  // Microsoft's @microsoft/jest-sarif. It is draft-04, hence ajv-draft-04; one of its patterns
  // is not valid under the `u` flag, hence unicodeRegExp: false.
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  function expectValid(log: unknown): void {
    const ok = validate(log);
    expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  }

  it('the schema validator itself rejects broken logs', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'a' }, level: 'fatal' }] }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('validates against the SARIF 2.1.0 schema, with results, levels, regions, rules and fixes right', async () => {
    const text = draft(MIXED, '\r\n');
    const files = await writeFiles(tmp, { 'mixed.txt': text, 'i.txt': draft(INFO_ONLY) });
    const r = await run(['--format', 'sarif', 'mixed.txt', 'i.txt'], tmp);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as any;
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe('dangjian-lint');
    expect(run0.columnKind).toBe('utf16CodeUnits');
    const rules = run0.tool.driver.rules as { id: string }[];
    const json = await runJson(['mixed.txt', 'i.txt'], tmp);
    const expected = json.results.flatMap((res) =>
      res.messages.map((m) => ({
        ruleId: m.ruleId,
        level: m.severity === 2 ? 'error' : m.severity === 1 ? 'warning' : 'note',
        uri: pathToFileURL(res.filePath).href,
        region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
        fix: m.fix,
      })),
    );
    expect(expected.some((e) => e.level === 'note')).toBe(true);
    const got = (run0.results as any[]).map((res) => {
      expect(rules[res.ruleIndex]?.id).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      const rep = res.fixes?.[0]?.artifactChanges?.[0]?.replacements?.[0];
      return {
        ruleId: res.ruleId,
        level: res.level,
        uri: loc.artifactLocation.uri,
        region: loc.region,
        fix: rep ? { range: [rep.deletedRegion.charOffset, rep.deletedRegion.charOffset + rep.deletedRegion.charLength], text: rep.insertedContent.text } : undefined,
      };
    });
    expect(got).toEqual(expected);
    expect(got.map((g) => g.uri)).toContain(pathToFileURL(files['mixed.txt']!).href);
    expect(run0.invocations[0].executionSuccessful).toBe(true);
  });

  it('an unreadable file becomes an error notification, and the log is still valid', async () => {
    await writeFiles(tmp, { 'bad.txt': Buffer.from([0xff, 0xfe, 0x41]), 'ok.txt': draft(GAP) });
    const r = await run(['--format', 'sarif', 'bad.txt', 'ok.txt'], tmp);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout) as any;
    expectValid(log);
    const inv = log.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    expect(inv.toolExecutionNotifications[0].level).toBe('error');
    expect(log.runs[0].results).toHaveLength(1);
  });

  it('a missing input makes the run unsuccessful in the log too, not only in the exit code', async () => {
    await writeFiles(tmp, { 'ok.txt': draft(CLEAN) });
    const r = await run(['--format', 'sarif', 'ok.txt', '缺失.txt'], tmp);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout) as any;
    expectValid(log);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('--fix', () => {
  const cases: [Encoding, Eol][] = ENCODINGS.flatMap((e) => (['LF', 'CRLF'] as Eol[]).map((l): [Encoding, Eol] => [e, l]));

  it.each(cases)('%s with %s: writes the fixes back byte-for-byte in the same encoding, BOM and line ends', async (encoding, eol) => {
    const before = encodeAs(draft(MIXED, EOL[eol]), encoding);
    const { 'd/报告.txt': file } = await writeFiles(tmp, { 'd/报告.txt': before });
    const r = await runJson(['--fix', 'd/报告.txt'], tmp);
    expect(r.stderr).toBe('');
    const after = new Uint8Array(await fs.readFile(file!));
    expect(Buffer.from(after).equals(Buffer.from(encodeAs(draft(MIXED_FIXED, EOL[eol]), encoding)))).toBe(true);
    // Only what is left is reported, at its place in the fixed file.
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['numbering-style-mix', 7, 1]]);
    expect(r.code).toBe(0);
    // No temporary file is left beside it.
    expect(await fs.readdir(path.dirname(file!))).toEqual(['报告.txt']);
  });

  it('the stylish output after --fix reports only what remains', async () => {
    await writeFiles(tmp, { 'a.txt': draft(MIXED) });
    const r = await run(['--fix', 'a.txt'], tmp);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('numbering-style-mix');
    expect(r.stdout).not.toContain('numbering-sequence');
    expect(r.stdout).not.toContain('numbering-punctuation');
    expect(r.stdout).toMatch(/共 1 个问题/);
    // A second run finds nothing more to fix and changes nothing.
    const again = await run(['--fix', 'a.txt'], tmp);
    expect(again.stdout).toBe(r.stdout);
  });

  it('renumbers a longer run completely (several passes if need be)', async () => {
    const lines = [TITLE, '', '一、主要做法', '（一）甲项工作', '（三）乙项工作', '（三）丙项工作', '（五）丁项工作', '二、存在的问题', '问题。', '四、下一步打算', '打算。'];
    await writeFiles(tmp, { 'a.txt': draft(lines) });
    const r = await runJson(['--fix', 'a.txt'], tmp);
    expect(r.code).toBe(0);
    expect(r.results[0]!.messages).toEqual([]);
    expect(await fs.readFile(path.join(tmp, 'a.txt'), 'utf8')).toBe(
      draft([TITLE, '', '一、主要做法', '（一）甲项工作', '（二）乙项工作', '（三）丙项工作', '（四）丁项工作', '二、存在的问题', '问题。', '三、下一步打算', '打算。']),
    );
  });

  it.each([
    ['a clean draft', CLEAN],
    ['a draft whose only finding has no fix', MIXED_FIXED],
  ])('does not touch %s: same bytes, same mtime, no temp file', async (_name, lines) => {
    const bytes = encodeAs(draft(lines, '\r\n'), 'gbk');
    const { 'a.txt': file } = await writeFiles(tmp, { 'a.txt': bytes });
    const past = new Date('2020-01-02T03:04:05Z');
    await fs.utimes(file!, past, past);
    const st = await fs.stat(file!);
    const r = await run(['--fix', 'a.txt'], tmp);
    expect(r.code).toBe(0);
    const st2 = await fs.stat(file!);
    expect(st2.mtimeMs).toBe(st.mtimeMs);
    expect(st2.ino).toBe(st.ino);
    expect(Buffer.from(await fs.readFile(file!)).equals(Buffer.from(bytes))).toBe(true);
    expect(await fs.readdir(tmp)).toEqual(['a.txt']);
  });

  it('fixes every file of a folder and leaves files with nothing to fix alone', async () => {
    const files = await writeFiles(tmp, { 'd/a.txt': draft(GAP), 'd/b.txt': draft(CLEAN), 'd/c.md': draft(MARKDOWN) });
    const past = new Date('2020-01-02T03:04:05Z');
    await fs.utimes(files['d/b.txt']!, past, past);
    const r = await runJson(['--fix', 'd'], tmp);
    expect(r.code).toBe(0);
    expect(r.results.every((x) => x.messages.length === 0)).toBe(true);
    expect(await fs.readFile(files['d/a.txt']!, 'utf8')).toBe(draft(CLEAN));
    expect((await fs.readFile(files['d/c.md']!, 'utf8')).includes('### （二）抓好作风建设')).toBe(true);
    expect((await fs.readFile(files['d/c.md']!, 'utf8')).includes('（四）代码块里的序号不检查')).toBe(true);
    expect((await fs.stat(files['d/b.txt']!)).mtimeMs).toBe(past.getTime());
    expect((await fs.readdir(path.join(tmp, 'd'))).sort()).toEqual(['a.txt', 'b.txt', 'c.md']);
  });

  it.skipIf(process.platform === 'win32')('keeps the file mode (a group-writable draft stays group-writable)', async () => {
    const { 'a.txt': file } = await writeFiles(tmp, { 'a.txt': draft(GAP) });
    await fs.chmod(file!, 0o664);
    await run(['--fix', 'a.txt'], tmp);
    expect(await fs.readFile(file!, 'utf8')).toBe(draft(CLEAN));
    expect((await fs.stat(file!)).mode & 0o777).toBe(0o664);
  });

  it.skipIf(process.platform === 'win32')('through a symbolic link: fixes the target and keeps the link', async () => {
    const { 'real/报告.txt': target } = await writeFiles(tmp, { 'real/报告.txt': draft(GAP) });
    const link = path.join(tmp, 'link.txt');
    await fs.symlink(target!, link);
    const r = await run(['--fix', 'link.txt'], tmp);
    expect(r.code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(target!, 'utf8')).toBe(draft(CLEAN));
  });
});

// ---------------------------------------------------------------------------------------------

describe('--outline, --quiet and --rule', () => {
  it('--outline prints the title, its type and the section tree, children indented under parents', async () => {
    await writeFiles(tmp, { 'a.txt': draft(GAP) });
    const r = await run(['--outline', 'a.txt'], tmp);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => l.startsWith(TITLE))).toBe(true);
    const indentOf = (label: string): number => {
      const line = lines.find((l) => l.trimStart().startsWith(label));
      expect(line, label).toBeDefined();
      return line!.length - line!.trimStart().length;
    };
    expect(indentOf('一、主要做法')).toBe(0);
    expect(indentOf('（一）加强理论学习')).toBeGreaterThan(0);
    expect(indentOf('（二）规范组织生活')).toBe(indentOf('（一）加强理论学习'));
    expect(indentOf('（四）抓好作风建设')).toBe(indentOf('（一）加强理论学习'));
    expect(indentOf('二、存在的问题')).toBe(0);
    expect(indentOf('三、下一步打算')).toBe(0);
    // Section lines come in document order.
    const order = ['一、主要做法', '（一）', '（二）', '（四）', '二、', '三、'].map((l) => lines.findIndex((x) => x.trimStart().startsWith(l)));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('--quiet hides warnings and infos, keeps errors', async () => {
    const lines = [...MIXED.slice(0, 12), '1.学习的系统性还不够强', ...MIXED.slice(12)];
    await writeFiles(tmp, { 'a.txt': draft(lines) });
    const loud = await runJson(['a.txt'], tmp);
    expect(new Set(loud.results[0]!.messages.map((m) => m.severity))).toEqual(new Set([0, 1, 2]));
    const quiet = await runJson(['--quiet', 'a.txt'], tmp);
    expect(quiet.code).toBe(1);
    expect(quiet.results[0]!.messages.length).toBeGreaterThan(0);
    expect(quiet.results[0]!.messages.every((m) => m.severity === 2)).toBe(true);
    expect(quiet.results[0]!.warningCount).toBe(0);
    const stylish = await run(['-q', 'a.txt'], tmp);
    const rows = stylish.stdout.split('\n').flatMap((l) => /^\s+\d+:\d+\s+(\S+)/.exec(l)?.[1] ?? []);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows)).toEqual(new Set(['错误']));
  });

  it('--rule numbering-sequence=off removes those findings (and the exit code they caused)', async () => {
    await writeFiles(tmp, { 'a.txt': draft(MIXED) });
    const r = await runJson(['--rule', 'numbering-sequence=off', 'a.txt'], tmp);
    expect(ruleIds(r.results[0]!)).not.toContain('numbering-sequence');
    expect(ruleIds(r.results[0]!)).toContain('numbering-punctuation');
    expect(r.code).toBe(0);
  });

  it('--rule can raise a severity, and may be repeated', async () => {
    await writeFiles(tmp, { 'a.txt': draft(MIXED) });
    const r = await runJson(['--rule', 'numbering-style-mix=error', '--rule', 'numbering-punctuation=info', 'a.txt'], tmp);
    const sev = Object.fromEntries(r.results[0]!.messages.map((m) => [m.ruleId, m.severity]));
    expect(sev).toEqual({ 'numbering-sequence': 2, 'numbering-punctuation': 0, 'numbering-style-mix': 2 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('configuration', () => {
  it.each([
    ['bad JSON', '{"rules": {"numbering-sequence": "off",}}', /JSON/],
    ['an unknown rule id', '{"rules": {"numbering-sequense": "off"}}', /numbering-sequense/],
    ['a wrong severity', '{"rules": {"numbering-sequence": "loud"}}', /numbering-sequence/],
    ['a wrong type', '{"documentType": 5}', /documentType/],
    ['a wrong type inside rules', '{"rules": 3}', /rules/],
    ['an unknown key', '{"rule": {"numbering-sequence": "off"}}', /rule/],
    ['a bad rule option', '{"rules": {"numbering-level": ["warning", {"skipOneLevel": "sometimes"}]}}', /skipOneLevel/],
  ])('--config with %s: exit 2, a message naming the file and the key, no lint output', async (_name, content, named) => {
    await writeFiles(tmp, { 'cfg/bad.json': content, 'a.txt': draft(GAP) });
    const r = await run(['--config', 'cfg/bad.json', 'a.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(tmp, 'cfg/bad.json'));
    expect(r.stderr).toMatch(named);
    expect(r.stdout).not.toContain('numbering-sequence');
  });

  it('--config with a missing file: exit 2', async () => {
    await writeFiles(tmp, { 'a.txt': draft(CLEAN) });
    const r = await run(['--config', 'nope.json', 'a.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json');
  });

  it('--config with a valid file is applied, rule options included', async () => {
    await writeFiles(tmp, {
      'c.json': JSON.stringify({ rules: { 'numbering-sequence': 'off', 'numbering-level': ['error', { skipOneLevel: 'error' }] } }),
      'a.txt': draft(GAP),
      'i.txt': draft(INFO_ONLY),
    });
    const r = await runJson(['--config', 'c.json', 'a.txt', 'i.txt'], tmp);
    expect(ruleIds(r.results[0]!)).toEqual([]);
    expect(r.results[1]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['numbering-level', 2]]);
    expect(r.code).toBe(1);
  });

  it('a .dangjianrc.json found upward from the file’s folder is honoured; the nearest one wins', async () => {
    await writeFiles(tmp, {
      'proj/.dangjianrc.json': JSON.stringify({ rules: { 'numbering-sequence': 'off' } }),
      'proj/a/b/报告.txt': draft(GAP),
      'proj/x/.dangjianrc.json': JSON.stringify({ rules: { 'numbering-sequence': 'warning' } }),
      'proj/x/报告.txt': draft(GAP),
      'elsewhere/报告.txt': draft(GAP),
    });
    const r = await runJson(['proj', 'elsewhere'], tmp);
    const sevOf = (rel: string): number[] => only(r.results, path.join(tmp, rel)).messages.map((m) => m.severity);
    expect(sevOf('proj/a/b/报告.txt')).toEqual([]);
    expect(sevOf('proj/x/报告.txt')).toEqual([1]);
    expect(sevOf('elsewhere/报告.txt')).toEqual([2]);
    expect(r.code).toBe(1);
  });

  it('an invalid .dangjianrc.json found upward stops the run with exit 2, naming the key', async () => {
    await writeFiles(tmp, {
      'proj/.dangjianrc.json': JSON.stringify({ rules: { 'numbering-sequence': 'of' } }),
      'proj/docs/报告.txt': draft(CLEAN),
    });
    const r = await run(['proj/docs/报告.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.dangjianrc.json');
    expect(r.stderr).toContain('numbering-sequence');
  });

  it('a config saved with a UTF-8 BOM (as Windows editors do) is read', async () => {
    await writeFiles(tmp, {
      '.dangjianrc.json': encodeAs(JSON.stringify({ rules: { 'numbering-sequence': 'off' } }), 'utf8bom'),
      'a.txt': draft(GAP),
    });
    const r = await runJson(['a.txt'], tmp);
    expect(r.code).toBe(0);
    expect(r.results[0]!.messages).toEqual([]);
  });

  it('--config takes the place of any .dangjianrc.json, and --rule overrides both', async () => {
    await writeFiles(tmp, {
      '.dangjianrc.json': JSON.stringify({ rules: { 'numbering-sequence': 'off' } }),
      'strict.json': JSON.stringify({ rules: { 'numbering-punctuation': 'error' } }),
      'a.txt': draft(MIXED),
    });
    const viaConfig = await runJson(['--config', 'strict.json', 'a.txt'], tmp);
    expect(Object.fromEntries(viaConfig.results[0]!.messages.map((m) => [m.ruleId, m.severity]))).toMatchObject({ 'numbering-sequence': 2, 'numbering-punctuation': 2 });
    const viaRule = await runJson(['--rule', 'numbering-sequence=warning', 'a.txt'], tmp);
    expect(Object.fromEntries(viaRule.results[0]!.messages.map((m) => [m.ruleId, m.severity]))).toMatchObject({ 'numbering-sequence': 1 });
  });
});

describe('the built CLI (dist/cli.mjs)', () => {
  const CLI = path.resolve(__dirname, '../dist/cli.mjs');

  /** Runs the built CLI in a process of its own, its output through pipes, as a shell script would. */
  function spawnCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...argv], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
      });
    });
  }

  it('prints a long report whole, many pipe buffers of it, and exits with the code main() gives', async () => {
    // A run of wrongly numbered 一、 headings: an error on every one but the first.
    const lines = [TITLE, ''];
    for (let i = 0; i < 1500; i++) lines.push('一、加强理论学习', '坚持每月集中学习一次。');
    await writeFiles(tmp, { '长稿.txt': draft(lines) });
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    for (const format of ['json', 'stylish']) {
      const inProcess = await run(['--format', format, '长稿.txt'], tmp);
      const built = await spawnCli(['--format', format, '长稿.txt'], tmp);
      expect(inProcess.code).toBe(1);
      expect(inProcess.stdout.length).toBeGreaterThan(2 * 65536);
      expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 1, stderr: '' });
      expect(built.stdout === inProcess.stdout, `${format}: ${built.stdout.length} characters printed, ${inProcess.stdout.length} expected`).toBe(true);
    }
  });

  it('keeps the glob library out of its entry file, and loads it for a glob', async () => {
    expect(readFileSync(CLI, 'utf8')).not.toContain('picomatch');
    const files = await writeFiles(tmp, { 'drafts/a.txt': draft(GAP), 'drafts/b.md': draft(GAP) });
    const r = await spawnCli(['--format', 'json', 'drafts/*.txt'], tmp);
    expect(r.code, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as JsonResult[]).map((x) => x.filePath)).toEqual([files['drafts/a.txt']]);
  });
});
