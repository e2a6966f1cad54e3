import { promises as fs } from 'node:fs';
import path from 'node:path';

export const DRAFT_EXTENSIONS = ['.txt', '.md', '.markdown', '.docx'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** A draft a folder walk takes; ~$稿.docx is the owner file Word keeps beside a document it has open. */
function isDraftName(name: string): boolean {
  return DRAFT_EXTENSIONS.includes(path.extname(name).toLowerCase()) && !name.startsWith('~$');
}

export interface Expansion {
  files: string[];
  /** Inputs that matched nothing, each with a Chinese reason. */
  problems: { input: string; message: string }[];
}

async function walk(dir: string, out: string[], problems: Expansion['problems'], seen: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return; // a symlink loop, or a folder reached twice
  seen.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ input: dir, message: `无法读取文件夹：${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await fs.stat(full).catch(() => undefined);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(full, out, problems, seen);
    } else if (isFile && isDraftName(e.name)) {
      out.push(full);
    }
  }
}

/** Files, folders (their .txt, .md and .docx drafts) and globs, in the order given, each file once. */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<Expansion> {
  const files: string[] = [];
  const problems: Expansion['problems'] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const st = await fs.stat(abs).catch(() => undefined);
    if (st?.isDirectory()) {
      await walk(abs, files, problems, seen);
    } else if (st) {
      files.push(abs);
    } else if (/[*?[\]{}]/.test(input)) {
      // Loaded only for a glob: fdir, inside it, looks for picomatch in node_modules and loads a
      // second copy of it as it starts, which a run over named files and folders never needs.
      const { glob } = await import('tinyglobby');
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true, expandDirectories: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (!matches.length) problems.push({ input, message: '没有匹配的文件' });
      // One at a time: a spread of a glob's 200 000 matches overflows the stack.
      for (const m of matches.map((m) => path.resolve(m)).sort()) files.push(m);
    } else {
      problems.push({ input, message: '文件不存在' });
    }
  }
  return { files: [...new Set(files)], problems };
}
