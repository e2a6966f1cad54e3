/**
 * Word drafts in the `dangjian-lint` CLI, run in-process through `main()` (and once through the
 * built bundle): .docx files and folders holding them, findings by paragraph (第N段) with the
 * paragraph's start quoted, JSON and SARIF for .docx, --fix leaving Word files alone, a corrupt
 * .docx failing on its own, and --outline. The .docx files are built by test/helpers/docx.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draft, type JsonMessage, type JsonResult, run, runJson, TempDirs, writeFiles } from './helpers/cli';
import { abstractNum, buildDocx, DRAFT_LEVELS, num, numberingXml, p, typedDocx } from './helpers/docx';

const TITLE = '关于2024年度党支部工作情况的报告';

/** A 情况报告 with a gap (（四） after （二）, paragraph 8) and a half-width comma in paragraph 5. */
const GAP = [
  TITLE,
  '',
  '一、主要做法',
  '（一）加强理论学习',
  '坚持每月集中学习一次,支部书记带头讲党课，全年共开展十二次。',
  '（二）规范组织生活',
  '按时召开支部党员大会和支部委员会。',
  '（四）抓好作风建设',
  '结合实际开展专项整治。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '三、下一步打算',
  '继续抓好各项工作落实。',
];

/** The same draft without the flaws, its headings numbered by Word rather than typed. */
const NUMBERED = buildDocx({
  numbering: numberingXml(abstractNum(0, DRAFT_LEVELS), num(1, 0)),
  body: [
    p(TITLE),
    p('主要做法', { numId: 1, ilvl: 0 }),
    p('加强理论学习', { numId: 1, ilvl: 1 }),
    p('坚持每月集中学习一次。'),
    p('规范组织生活', { numId: 1, ilvl: 1 }),
    p('按时召开支部党员大会。'),
    p('存在的问题', { numId: 1, ilvl: 0 }),
    p('学习的系统性还不够强。'),
    p('下一步打算', { numId: 1, ilvl: 0 }),
    p('继续抓好各项工作落实。'),
  ].join(''),
});

const temps = new TempDirs();
let tmp: string;

beforeEach(async () => {
  tmp = await temps.make();
});

afterEach(async () => {
  await temps.cleanup();
});

function resultFor(results: JsonResult[], file: string): JsonResult & { format?: string } {
  const r = results.find((x) => x.filePath === file);
  if (!r) throw new Error(`no result for ${file} in ${results.map((x) => x.filePath).join(', ')}`);
  return r;
}

const position = (m: JsonMessage) => ({ ruleId: m.ruleId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message });

describe('stylish output for a .docx', () => {
  it('points at 第N段 and quotes the paragraph’s start; exit 1 for an error', async () => {
    await writeFiles(tmp, { '情况报告.docx': typedDocx(GAP) });
    const r = await run(['情况报告.docx'], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\n');
    expect(rows[0]).toBe(path.join(tmp, '情况报告.docx'));
    const gap = rows.find((l) => l.includes('numbering-sequence'));
    expect(gap).toMatch(/^ {2}第8段 “（四）抓好作风建设” +错误 +.*（三）.*numbering-sequence$/);
    // A long paragraph is quoted by its first sixteen characters.
    const comma = rows.find((l) => l.includes('punctuation-width'));
    expect(comma).toMatch(/^ {2}第5段 “坚持每月集中学习一次,支部书记带…” +警告 /);
    expect(r.stdout).not.toMatch(/\d+:\d+/);
    // Nothing in a Word file can be fixed with --fix, so the summary does not offer it.
    expect(r.stdout).toContain('✖ 共 2 个问题（错误 1，警告 1，提示 0）');
    expect(r.stdout).not.toContain('--fix');
  });

  it('a draft numbered by Word lints clean, as the typed draft does', async () => {
    await writeFiles(tmp, { '总结.docx': NUMBERED });
    const r = await run(['总结.docx'], tmp);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--format json for a .docx', () => {
  it('gives line = paragraph, the same positions as the text typed out, a quote per message, format "docx" and no fixes', async () => {
    const files = await writeFiles(tmp, { '稿.docx': typedDocx(GAP), '稿.txt': draft(GAP) });
    const r = await runJson(['稿.docx', '稿.txt'], tmp);
    expect(r.code).toBe(1);
    const docx = resultFor(r.results, files['稿.docx']!);
    const txt = resultFor(r.results, files['稿.txt']!);
    expect(docx.format).toBe('docx');
    expect(txt.format).toBeUndefined();
    expect(docx.messages.map(position)).toEqual(txt.messages.map(position));
    expect(docx.messages.map((m) => [m.line, (m as { quote?: string }).quote])).toEqual([
      [5, '坚持每月集中学习一次,支部书记带…'],
      [8, '（四）抓好作风建设'],
    ]);
    expect(txt.messages.some((m) => m.fix)).toBe(true);
    expect(docx.messages.some((m) => 'fix' in m)).toBe(false);
    expect([docx.errorCount, docx.warningCount]).toEqual([1, 1]);
  });
});

describe('--format sarif for a .docx', () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('is a valid log whose .docx results name the paragraph instead of a text region, and offer no fix', async () => {
    const files = await writeFiles(tmp, { '稿.docx': typedDocx(GAP), '稿.txt': draft(GAP) });
    const r = await run(['--format', 'sarif', '稿.docx', '稿.txt'], tmp);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as any;
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const results = log.runs[0].results as any[];
    const ofDocx = results.filter((x) => x.locations[0].physicalLocation.artifactLocation.uri === pathToFileURL(files['稿.docx']!).href);
    const ofTxt = results.filter((x) => x.locations[0].physicalLocation.artifactLocation.uri === pathToFileURL(files['稿.txt']!).href);
    expect(ofDocx.map((x) => x.ruleId)).toEqual(ofTxt.map((x) => x.ruleId));
    const gap = ofDocx.find((x) => x.ruleId === 'numbering-sequence');
    expect(gap.locations[0].physicalLocation.region).toBeUndefined();
    expect(gap.locations[0].message.text).toBe('第8段 “（四）抓好作风建设”');
    expect(gap.properties).toEqual({ paragraph: 8, column: 1, quote: '（四）抓好作风建设' });
    expect(ofDocx.some((x) => x.fixes)).toBe(false);
    expect(ofTxt.some((x) => x.fixes)).toBe(true);
  });
});

describe('--fix and .docx', () => {
  it('fixes the text drafts, leaves the Word file byte for byte as it was and says so, naming it', async () => {
    const bytes = typedDocx(GAP);
    const files = await writeFiles(tmp, { '稿.docx': bytes, '稿.txt': draft(GAP) });
    const r = await run(['--fix', '稿.docx', '稿.txt'], tmp);
    expect(new Uint8Array(await fs.readFile(files['稿.docx']!))).toEqual(bytes);
    expect(await fs.readFile(files['稿.txt']!, 'utf8')).toBe(draft(GAP.map((l) => l.replace('（四）', '（三）').replace(',', '，'))));
    expect(r.stderr).toBe('dangjian-lint：稿.docx：--fix 不修改 Word 文档，此文件只检查、未修复（请在 Word 中修改）\n');
    // The Word file's findings are still reported, and its error sets the exit code.
    expect(r.stdout).toContain('第8段 “（四）抓好作风建设”');
    expect(r.stdout).not.toContain('稿.txt');
    expect(r.code).toBe(1);
  });
});

describe('a corrupt .docx', () => {
  it('is a clear error with exit 2, while the other files are still linted', async () => {
    const files = await writeFiles(tmp, {
      '坏.docx': draft(GAP),
      '好.docx': typedDocx(GAP),
      '稿.txt': draft(GAP),
    });
    const r = await run(['坏.docx', '好.docx', '稿.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dangjian-lint：坏.docx：不是有效的 Word 文档（.docx）：文件不是 zip 压缩包\n');
    expect(r.stdout).toContain(files['好.docx']);
    expect(r.stdout).toContain(files['稿.txt']);
    expect(r.stdout).toContain('第8段');

    const json = await runJson(['坏.docx', '好.docx', '稿.txt'], tmp);
    expect(json.code).toBe(2);
    const bad = resultFor(json.results, files['坏.docx']!);
    expect(bad.format).toBe('docx');
    expect(bad.messages).toEqual([expect.objectContaining({ ruleId: null, severity: 2, fatal: true, message: '不是有效的 Word 文档（.docx）：文件不是 zip 压缩包' })]);
    expect(resultFor(json.results, files['好.docx']!).messages.length).toBe(2);
  });

  it('a .docx whose XML is broken names the part', async () => {
    const good = typedDocx(GAP);
    const broken = buildDocx({ body: '', extra: { 'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>' } });
    await writeFiles(tmp, { 'a.docx': broken, 'b.docx': good });
    const r = await run(['a.docx', 'b.docx'], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dangjian-lint：a\.docx：不是有效的 Word 文档（\.docx）：word\/document\.xml 不是格式正确的 XML/);
    expect(r.stdout).toContain('b.docx');
  });
});

describe('folders with .docx files', () => {
  it('a folder includes its .docx files (subfolders too), but not Word’s ~$ owner files or .doc files', async () => {
    const files = await writeFiles(tmp, {
      'drafts/a.txt': draft(GAP),
      'drafts/b.docx': typedDocx(GAP),
      // Word keeps this beside b.docx while it is open: a few bytes, not a zip.
      'drafts/~$b.docx': new Uint8Array([0x0c, 0x41, 0x64, 0x6d, 0x69, 0x6e]),
      'drafts/old.doc': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
      'drafts/sub/c.docx': NUMBERED,
    });
    const r = await runJson(['drafts'], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.results.map((x) => x.filePath)).toEqual([files['drafts/a.txt'], files['drafts/b.docx'], files['drafts/sub/c.docx']]);
    expect(r.results.map((x) => x.errorCount)).toEqual([1, 1, 0]);
  });

  it('a folder with only .docx drafts is not “no drafts found”', async () => {
    await writeFiles(tmp, { 'w/only.docx': NUMBERED });
    const r = await run(['w'], tmp);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a .dangjianrc.json beside the .docx applies to it', async () => {
    await writeFiles(tmp, { 'w/稿.docx': typedDocx(GAP), 'w/.dangjianrc.json': '{"rules": {"numbering-sequence": "off", "punctuation-width": "off"}}' });
    const r = await run(['w/稿.docx'], tmp);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--outline on a .docx', () => {
  it('prints the section tree of a draft numbered by Word', async () => {
    await writeFiles(tmp, { '总结.docx': NUMBERED });
    const r = await run(['--outline', '总结.docx'], tmp);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]!.startsWith(TITLE)).toBe(true);
    const indent = (label: string) => {
      const line = lines.find((l) => l.trimStart().startsWith(label));
      expect(line, label).toBeDefined();
      return line!.length - line!.trimStart().length;
    };
    expect(indent('一、主要做法')).toBe(0);
    expect(indent('（一）加强理论学习')).toBeGreaterThan(0);
    expect(indent('（二）规范组织生活')).toBe(indent('（一）加强理论学习'));
    expect(indent('二、存在的问题')).toBe(0);
    expect(indent('三、下一步打算')).toBe(0);
  });
});

describe('the built CLI (dist/cli.mjs)', () => {
  const ROOT = path.resolve(__dirname, '..');
  const CLI = path.join(ROOT, 'dist/cli.mjs');

  it('keeps the .docx reader out of its entry file, and loads it from a file of its own to read a .docx', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    // saxes' own error text marks the XML parser's code.
    const marker = 'disallowed character in entity name';
    expect(readFileSync(CLI, 'utf8')).not.toContain(marker);
    const files = readdirSync(path.join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.m?js$/.test(f));
    expect(files.filter((f) => readFileSync(path.join(ROOT, 'dist', f), 'utf8').includes(marker)).length).toBeGreaterThan(0);

    await writeFiles(tmp, { '稿.docx': typedDocx(GAP) });
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', '稿.docx'], { cwd: tmp, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    const [result] = JSON.parse(r.stdout) as (JsonResult & { format?: string })[];
    expect(result!.format).toBe('docx');
    expect(result!.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['punctuation-width', 5],
      ['numbering-sequence', 8],
    ]);
  });
});
