/**
 * `dangjian-lint --export-docx <out.docx>`: lints one draft as usual and writes it as a GB/T 9704
 * Word document, atomically, never over the draft itself.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportDocx } from '../src/core/docx/export';
import { buildModel } from '../src/core/model';
import { draft, run, runJson, TempDirs, writeFiles } from './helpers/cli';
import { openDocx, textOf } from './helpers/docx-xml';

const LINES = ['关于2024年度党支部工作情况的报告', '', '一、主要做法', '（一）加强理论学习', '坚持每月集中学习一次。', '（二）规范组织生活', '按时召开支部党员大会。', '二、下一步打算', '继续抓好各项工作落实。'];
const CLEAN = draft(LINES);
/** （三） after （一）: one fixable error, on line 6. */
const GAP = draft(LINES.map((l) => (l === '（二）规范组织生活' ? '（三）规范组织生活' : l)));

const dirs = new TempDirs();
let dir: string;
beforeEach(async () => {
  dir = await dirs.make();
});
afterEach(() => dirs.cleanup());

const paragraphsOf = async (file: string) => openDocx(new Uint8Array(await fs.readFile(file))).paragraphs.map(textOf);
const leftovers = async () => (await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'));

describe('--export-docx', () => {
  it('writes the draft’s paragraphs to the .docx, names the file on stderr, and exits as linting does', async () => {
    await writeFiles(dir, { '稿.txt': CLEAN });
    const r = await run(['稿.txt', '--export-docx', '稿.docx'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('稿.docx');
    expect(await paragraphsOf(path.join(dir, '稿.docx'))).toEqual(LINES.filter(Boolean));
    expect(await leftovers()).toEqual([]);
  });

  it('names a file outside the current folder by its full path', async () => {
    await writeFiles(dir, { 'sub/稿.txt': CLEAN });
    const r = await run(['稿.txt', '--export-docx', '../稿.docx'], path.join(dir, 'sub'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(path.join(dir, '稿.docx'));
    expect(existsSync(path.join(dir, '稿.docx'))).toBe(true);
  });

  it('still reports findings and exits 1 for an error; the draft is exported all the same', async () => {
    await writeFiles(dir, { '稿.txt': GAP });
    await fs.mkdir(path.join(dir, 'out'));
    const r = await runJson(['稿.txt', '--export-docx', 'out/稿.docx'], dir);
    expect(r.code).toBe(1);
    expect(r.results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([['numbering-sequence', 6]]);
    expect(await paragraphsOf(path.join(dir, 'out/稿.docx'))).toContain('（三）规范组织生活');
  });

  it('with --fix, exports the fixed text', async () => {
    await writeFiles(dir, { '稿.txt': GAP });
    const r = await run(['稿.txt', '--fix', '--export-docx', '稿.docx'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, '稿.txt'), 'utf8')).toBe(CLEAN);
    expect(await paragraphsOf(path.join(dir, '稿.docx'))).toEqual(LINES.filter(Boolean));
  });

  it('replaces an existing .docx whole, through a temporary file', async () => {
    await writeFiles(dir, { '稿.txt': CLEAN, '稿.docx': 'an older export' });
    const r = await run(['稿.txt', '--export-docx', '稿.docx'], dir);
    expect(r.code).toBe(0);
    expect(await paragraphsOf(path.join(dir, '稿.docx'))).toEqual(LINES.filter(Boolean));
    expect(await leftovers()).toEqual([]);
  });

  it('more than one draft is a usage error (exit 2), and nothing is written', async () => {
    await writeFiles(dir, { 'a.txt': CLEAN, 'b.txt': CLEAN, 'sub/c.txt': CLEAN, 'sub/d.txt': CLEAN });
    for (const argv of [['a.txt', 'b.txt'], ['sub']]) {
      const r = await run([...argv, '--export-docx', 'out.docx'], dir);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/--export-docx 只能导出一个文稿.*2 个/);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(path.join(dir, 'out.docx'))).toBe(false);
  });

  it('an output that is not a .docx is a usage error, so a typo cannot replace a text file', async () => {
    await writeFiles(dir, { '稿.txt': CLEAN, '其他.txt': CLEAN });
    const r = await run(['稿.txt', '--export-docx', '其他.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.docx');
    expect(readFileSync(path.join(dir, '其他.txt'), 'utf8')).toBe(CLEAN);
  });

  it('refuses to write over the draft itself, however the path is spelled (here through a link)', async () => {
    await writeFiles(dir, { '稿.txt': CLEAN });
    await fs.symlink(path.join(dir, '稿.txt'), path.join(dir, '链接.docx'));
    const r = await run(['稿.txt', '--export-docx', './链接.docx'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不能覆盖');
    expect(readFileSync(path.join(dir, '稿.txt'), 'utf8')).toBe(CLEAN);
  });

  it('a Word draft may be exported again, laid out afresh, but never over itself', async () => {
    await writeFiles(dir, { '稿.docx': await exportDocx(buildModel(GAP)) });
    const over = await run(['稿.docx', '--export-docx', './稿.docx'], dir);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('不能覆盖');
    const again = await run(['稿.docx', '--export-docx', '新.docx'], dir);
    expect(again.code).toBe(1);
    expect(await paragraphsOf(path.join(dir, '新.docx'))).toEqual(await paragraphsOf(path.join(dir, '稿.docx')));
  });

  it('a folder that cannot be written to: a message naming the file, exit 2, no temporary file left', async () => {
    await writeFiles(dir, { '稿.txt': CLEAN });
    const r = await run(['稿.txt', '--export-docx', '没有这个文件夹/稿.docx'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/无法导出 Word 文稿 没有这个文件夹\/稿\.docx：ENOENT/);
    expect(await leftovers()).toEqual([]);
  });

  it('--help documents the option', async () => {
    const r = await run(['--help'], dir);
    expect(r.stdout).toMatch(/--export-docx <输出\.docx>/);
  });
});

describe('the built CLI (dist/cli.mjs)', () => {
  const cli = path.resolve(__dirname, '../dist/cli.mjs');

  it('keeps the Word export out of the file every run loads, in a chunk of its own', () => {
    expect(existsSync(cli), 'run `npm run build` first').toBe(true);
    const entry = readFileSync(cli, 'utf8');
    // Names only the Word export writes.
    expect(entry).not.toContain('evenAndOddHeaders');
    expect(entry).not.toContain('wordprocessingml');
    const chunk = /import\("\.\/(chunks\/export-[\w-]+\.mjs)"\)/.exec(entry);
    expect(chunk, 'a dynamic import of the export chunk').not.toBeNull();
    expect(readFileSync(path.join(path.dirname(cli), chunk![1]!), 'utf8')).toContain('evenAndOddHeaders');
  });

  it('loads that chunk and writes the .docx when asked', async () => {
    await writeFiles(dir, { '稿.txt': CLEAN });
    const { stderr } = await promisify(execFile)(process.execPath, [cli, '稿.txt', '--export-docx', '稿.docx'], { cwd: dir });
    expect(stderr).toContain('稿.docx');
    expect(await paragraphsOf(path.join(dir, '稿.docx'))).toEqual(LINES.filter(Boolean));
  });
});
