import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, resolveConfig, type ResolvedConfig } from '../core/config';
import { fixAll, lint, type LintResult } from '../core/lint';
import { formatOf } from '../core/model';
import { formatOutline, outlineOf } from '../core/outline';
import type { SeveritySetting } from '../core/types';
import { RULES } from '../rules';
import { BinaryFileError, decode, DecodeError, encode } from './decode';
import { isDocx, lintDocx, MAX_DOCX_BYTES } from './docx';
import { expandInputs } from './files';
import { formatJson, formatSarif, formatStylish, type FileReport } from './format';

export const VERSION = '0.1.0';
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const CONFIG_FILE = '.dangjianrc.json';

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: boolean;
  /** Told the size of each draft read, before it is linted (the entry tunes V8 by it). */
  onRead?: (bytes: number) => void;
}

const HELP = `用法：dangjian-lint [选项] <文件|文件夹|通配符>...

检查党建文稿（.txt、.md、.docx）的序号层级、结构与格式。文件夹会检查其中所有 .txt、.md 和 .docx 文件。
Word 文稿（.docx）按段落检查（含表格中的段落，自动编号按显示的序号计入，页眉页脚、批注、脚注和
修订中删除的文字不计入），问题以“第N段”和该段开头的文字标出；--fix 不修改 .docx 文件。

选项：
  --format <stylish|json|sarif>  输出格式（默认 stylish）
  --fix                          自动修复可修复的问题，并写回文件（保留原编码、BOM 和换行符）
  --outline                      输出文稿的层级提纲
  --export-docx <输出.docx>      另存为 Word 文稿（GB/T 9704 版式：A4、22 行×28 字、仿宋正文、页码）；只能指定一个文稿
  --config <路径>                使用指定的配置文件（默认从文稿所在文件夹向上查找 ${CONFIG_FILE}）
  --rule <规则=级别>             调整规则级别，级别为 off、info、warning、error；可多次使用
  --max-warnings <数量>          警告超过该数量时以退出码 1 结束
  --quiet                        只报告错误
  -h, --help                     显示帮助
  -v, --version                  显示版本

退出码：0 没有错误；1 有错误（或警告超过 --max-warnings）；2 用法错误、文件无法读取或配置无效。`;

class UsageError extends Error {}

interface Options {
  format: 'stylish' | 'json' | 'sarif';
  fix: boolean;
  outline: boolean;
  exportDocx: string | undefined;
  config: string | undefined;
  rules: Record<string, SeveritySetting>;
  maxWarnings: number | undefined;
  quiet: boolean;
  inputs: string[];
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        outline: { type: 'boolean' },
        'export-docx': { type: 'string' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UsageError(`不认识的选项：${unknown[1]}`);
    const missing = /Option '([^']+)' argument missing/.exec(msg);
    if (missing) throw new UsageError(`选项 ${missing[1]!.replace(/^-\w, /, '')} 缺少参数`);
    throw new UsageError(`参数有误：${msg}`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = v.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format 应为 stylish、json 或 sarif，此处为“${format}”`);
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings 应为非负整数，此处为“${v['max-warnings']}”`);
    maxWarnings = Number(v['max-warnings']);
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const r of v.rule ?? []) {
    const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(r.trim());
    if (!m) throw new UsageError(`--rule 应写作 规则=级别（级别为 off、info、warning、error），此处为“${r}”`);
    if (!RULES.some((rule) => rule.id === m[1])) throw new UsageError(`--rule 中的规则“${m[1]}”不存在`);
    rules[m[1]!] = m[2] as SeveritySetting;
  }
  if (!parsed.positionals.length) throw new UsageError('请指定要检查的文件、文件夹或通配符（dangjian-lint --help 查看用法）');
  const exportDocx = v['export-docx'];
  if (exportDocx !== undefined) {
    // A typo such as `--export-docx 稿.txt` must not replace a text file with a Word one.
    if (!/\.docx$/i.test(exportDocx)) throw new UsageError(`--export-docx 的输出文件应以 .docx 结尾，此处为“${exportDocx}”`);
    if (parsed.positionals.length !== 1) throw new UsageError(`--export-docx 只能导出一个文稿，此处指定了 ${parsed.positionals.length} 个`);
  }
  return {
    format,
    fix: v.fix ?? false,
    outline: v.outline ?? false,
    exportDocx,
    config: v.config,
    rules,
    maxWarnings,
    quiet: v.quiet ?? false,
    inputs: parsed.positionals,
  };
}

/** Finds and loads configuration: an explicit --config, else the nearest .dangjianrc.json above the file. */
class ConfigLoader {
  private readonly cache = new Map<string, Promise<ResolvedConfig>>();

  constructor(
    private readonly explicit: string | undefined,
    private readonly overrides: Record<string, SeveritySetting>,
  ) {}

  forFile(file: string): Promise<ResolvedConfig> {
    if (this.explicit) return this.load(this.explicit);
    return this.find(path.dirname(file)).then((p) => this.load(p));
  }

  private async find(dir: string): Promise<string | undefined> {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, CONFIG_FILE);
      if (await fs.stat(candidate).then((s) => s.isFile(), () => false)) return candidate;
      if (path.dirname(d) === d) return undefined;
    }
  }

  private load(file: string | undefined): Promise<ResolvedConfig> {
    const key = file ?? '';
    let p = this.cache.get(key);
    if (!p) {
      p = this.read(file);
      this.cache.set(key, p);
    }
    return p;
  }

  private async read(file: string | undefined): Promise<ResolvedConfig> {
    if (!file) return resolveConfig({}, RULES, this.overrides);
    let raw: string;
    try {
      raw = decode(await fs.readFile(file)).text;
    } catch (e) {
      throw new ConfigError([`无法读取配置文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new ConfigError([`配置文件 ${file} 不是合法的 JSON：${(e as Error).message}`]);
    }
    try {
      return resolveConfig(json, RULES, this.overrides);
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(e.problems.map((p) => `配置文件 ${file}：${p}`));
      throw e;
    }
  }
}

/** Where a write to `file` lands: the link's destination, or the path itself for a file yet to be made. */
async function realTarget(file: string): Promise<string> {
  return fs.realpath(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return path.resolve(file);
    throw e;
  });
}

/**
 * Writes through a temp file and a rename, so a crash never leaves half a draft. The target is the
 * link's destination, not the link, and the temp file gets the draft's own mode (umask aside); a
 * new file gets the default mode.
 */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const target = await realTarget(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.dangjian-${process.pid}.tmp`);
  const mode = await fs.stat(target).then((st) => st.mode & 0o7777, () => undefined);
  try {
    await fs.writeFile(tmp, bytes, mode === undefined ? {} : { mode });
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** Lints one file; never throws for a problem with the file itself. */
async function lintFile(file: string, options: Options, configs: ConfigLoader, onRead?: (bytes: number) => void): Promise<{ report: FileReport; result?: LintResult; configError?: boolean; note?: string }> {
  let config: ResolvedConfig;
  try {
    config = await configs.forFile(file);
  } catch (e) {
    if (e instanceof ConfigError) return { report: { filePath: file, findings: [], lines: undefined, fatal: e.problems.join('；') }, configError: true };
    throw e;
  }
  let bytes: Buffer;
  try {
    const st = await fs.stat(file);
    const limit = isDocx(file) ? MAX_DOCX_BYTES : MAX_FILE_BYTES;
    if (st.size > limit) {
      return { report: { filePath: file, findings: [], lines: undefined, fatal: `文件过大（${(st.size / 1048576).toFixed(1)} MB，上限 ${limit / 1048576} MB），已跳过` } };
    }
    bytes = await fs.readFile(file);
  } catch (e) {
    return { report: { filePath: file, findings: [], lines: undefined, fatal: `无法读取文件：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
  }
  onRead?.(bytes.length);
  if (isDocx(file)) return lintDocx(file, bytes, options, config);
  let decoded;
  try {
    decoded = decode(bytes);
  } catch (e) {
    if (e instanceof DecodeError || e instanceof BinaryFileError) return { report: { filePath: file, findings: [], lines: undefined, fatal: e.message } };
    throw e;
  }
  const format = formatOf(file);
  let result: LintResult;
  if (options.fix) {
    const fixed = fixAll(decoded.text, RULES, { format, config });
    result = fixed.result;
    if (fixed.text !== decoded.text) {
      try {
        await writeAtomically(file, encode(fixed.text, decoded.encoding));
      } catch (e) {
        return { report: { filePath: file, findings: [], lines: undefined, fatal: `无法写回修复：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
      }
    }
  } else {
    result = lint(decoded.text, RULES, { format, config });
  }
  const findings = options.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  return { report: { filePath: file, findings, lines: result.model.lines }, result };
}

export async function main(argv: string[], io: Io): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`dangjian-lint：${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (options === 'version') {
    io.stdout(VERSION + '\n');
    return 0;
  }
  const { files, problems } = await expandInputs(options.inputs, io.cwd);
  for (const p of problems) io.stderr(`dangjian-lint：${p.input}：${p.message}\n`);
  const missing: FileReport[] = problems.map((p) => ({ filePath: path.resolve(io.cwd, p.input), findings: [], lines: undefined, fatal: p.message }));
  let failed = problems.length > 0;
  if (!files.length) {
    if (!problems.length) io.stderr('dangjian-lint：没有找到 .txt、.md 或 .docx 文稿\n');
    return 2;
  }
  let exportTo: string | undefined;
  if (options.exportDocx !== undefined) {
    if (files.length !== 1) {
      io.stderr(`dangjian-lint：--export-docx 只能导出一个文稿，“${options.inputs[0]}”包含 ${files.length} 个\n`);
      return 2;
    }
    exportTo = path.resolve(io.cwd, options.exportDocx);
    if ((await realTarget(exportTo)) === (await realTarget(files[0]!))) {
      io.stderr(`dangjian-lint：--export-docx 不能覆盖要检查的文稿本身：${options.exportDocx}\n`);
      return 2;
    }
  }
  const configs = new ConfigLoader(options.config ? path.resolve(io.cwd, options.config) : undefined, options.rules);
  const reports: FileReport[] = [];
  const outlines: string[] = [];
  const toldConfig = new Set<string>();
  for (const file of files) {
    const { report, result, configError, note } = await lintFile(file, options, configs, io.onRead);
    if (note) io.stderr(`dangjian-lint：${path.relative(io.cwd, file) || file}：${note}\n`);
    if (report.fatal) {
      failed = true;
      // A bad config is one problem, however many files it governs: say it once.
      if (!configError || !toldConfig.has(report.fatal)) io.stderr(`dangjian-lint：${configError ? '' : `${path.relative(io.cwd, file) || file}：`}${report.fatal}\n`);
      if (configError) toldConfig.add(report.fatal);
    }
    reports.push(report);
    if (exportTo && result) {
      const relative = path.relative(io.cwd, exportTo);
      const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : exportTo;
      try {
        // Loaded only now: the Word writer and its zip code are chunks a plain lint never needs.
        const { exportDocx } = await import('../core/docx/export');
        await writeAtomically(exportTo, await exportDocx(result.model));
        io.stderr(`dangjian-lint：已导出 Word 文稿：${shown}\n`);
      } catch (e) {
        failed = true;
        io.stderr(`dangjian-lint：无法导出 Word 文稿 ${shown}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      }
    }
    if (options.outline && result) {
      const m = result.model;
      const title = m.title === undefined ? '（无标题）' : m.paragraphs[m.title]!.text;
      outlines.push(`${file}\n${title}（${result.documentType.name}）\n${formatOutline(outlineOf(m)) || '（没有带序号的标题）'}\n`);
    }
  }
  if (options.outline) {
    io.stdout(outlines.join('\n'));
  } else if (options.format === 'json') {
    io.stdout(formatJson(reports) + '\n');
  } else if (options.format === 'sarif') {
    io.stdout(formatSarif([...reports, ...missing], RULES, VERSION) + '\n');
  } else {
    io.stdout(formatStylish(reports.filter((r) => !r.fatal), io.color));
  }
  if (failed) return 2;
  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    if (options.format === 'stylish') io.stderr(`dangjian-lint：警告 ${warnings} 个，超过 --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
