/**
 * Helpers for the CLI tests: run `main()` in-process, make and clean temporary folders, and
 * produce a draft's bytes in each encoding the CLI promises to read.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { encodeGb18030 } from '../../src/cli/gb18030';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dangjian-lint argv…` in `cwd` and collects what it prints. */
export async function run(argv: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    color: false,
  });
  return { code, stdout, stderr };
}

/** ESLint-style JSON, as RULES.md specifies it. */
export interface JsonMessage {
  ruleId: string | null;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

/** Runs with `--format json` and parses stdout. */
export async function runJson(argv: string[], cwd: string): Promise<RunResult & { results: JsonResult[] }> {
  const r = await run(['--format', 'json', ...argv], cwd);
  return { ...r, results: JSON.parse(r.stdout) as JsonResult[] };
}

/** A fresh folder under the OS temp folder; `cleanup()` removes every folder made so far. */
export class TempDirs {
  private readonly made: string[] = [];

  async make(): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dangjian-cli-'));
    this.made.push(dir);
    return dir;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.made.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  }
}

/** Writes files (string content as UTF-8) under `root`, creating folders; returns absolute paths. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    out[rel] = full;
  }
  return out;
}

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'gbk';

export const ENCODINGS: readonly Encoding[] = ['utf8', 'utf8bom', 'utf16le', 'utf16be', 'gbk'];

/**
 * The bytes an editor would save: UTF-8 via TextEncoder, UTF-16 via Buffer (with BOM), GBK via
 * the project's GB18030 encoder (checked independently against the platform decoder in cli.test).
 */
export function encodeAs(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return new TextEncoder().encode(text);
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), new TextEncoder().encode(text)]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'gbk':
      return encodeGb18030(text);
  }
}

/** Joins lines with the given line end, ending the last line too. */
export function draft(lines: readonly string[], eol = '\n'): string {
  return lines.join(eol) + eol;
}

/** 1-based line and UTF-16 column of `needle`'s first occurrence, counting lines as an editor does. */
export function editorPosition(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`“${needle}” not in text`);
  const before = text.slice(0, at);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
