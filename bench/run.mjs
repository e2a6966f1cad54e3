// The speed benchmark of issue 7: `npm run bench`.
//
// Generates drafts of 10k, 100k, 1M and 5M characters by repeating the example drafts in examples/
// (and the documents of ../shared/corpus when that folder exists, read in place), then measures,
// each task in a fresh child process (warm-up runs, then the median of several runs, a GC before
// each run): our lint with every rule (plain text and .md), our model alone (buildModel), the
// peers on the same text (markdownlint, autocorrect-node, zhlint, unified + remark-parse), the
// issue's baseline (one regex pass for numbered lines + split into lines); then the wall time of
// whole processes on a 100k-character file (the CLI against markdownlint-cli2, autocorrect's CLI
// and `node -e 0`), the peak heap while linting 5M characters, the extension's load and activation
// against the test suite's fake VS Code host, where the time of a relint goes (buildModel and each
// rule), and the .vsix with what is in it. The CLI, the extension and the .vsix are built from the
// current source by scripts/build.mjs itself, in a copy of the project in a temporary folder:
// dist/ and the project's .vsix are left alone.
//
// It prints a table with the ratios against each peer and writes it to bench/results.md with the
// machine, the versions and one line per target of the issue. It is never a test: it always
// exits 0 unless it cannot run at all.
//
//   node bench/run.mjs              full run, writes bench/results.md
//   node bench/run.mjs --quick      10k–1M, fewer runs, prints only
//   node bench/run.mjs --profile    CPU profile of linting 1M characters (plain and .md): top self time
//   --only a,b                      only these parts, prints only: the tasks of the time table (ids as
//                                   in its first column), cold, memory, activation, relint, vsix
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));

// ---------------------------------------------------------------------------------------------
// Child: one measurement in a process of its own.

if (process.argv[2] === '--child') {
  const job = JSON.parse(process.argv[3]);
  const out = await runChild(job);
  process.stdout.write('\nBENCH_RESULT ' + JSON.stringify(out) + '\n');
  process.exit(0);
}

async function runChild(job) {
  const read = (f) => readFileSync(f, 'utf8');
  if (job.kind === 'memory') return memoryChild(job);
  if (job.kind === 'activation') return activationChild(job);
  if (job.kind === 'relint') return relintChild(job);
  const task = await loadTask(job.task, job.work);
  const text = read(job.doc);
  const warmText = job.warmDoc ? read(job.warmDoc) : text;
  const sink = [];
  for (let i = 0; i < job.warm; i++) sink.push(task(warmText));
  const times = [];
  for (let i = 0; i < job.runs; i++) {
    globalThis.gc?.();
    const t0 = performance.now();
    const r = task(text);
    times.push(performance.now() - t0);
    sink.push(r);
  }
  return { times, check: sink[sink.length - 1] };
}

/** Each task returns a small number that proves it did the work (findings, lines, nodes). */
async function loadTask(id, work) {
  const core = () => import(pathToFileURL(path.join(work, 'core.mjs')).href);
  switch (id) {
    case 'ours-text':
    case 'ours-md': {
      const { lint, RULES } = await core();
      const format = id === 'ours-md' ? 'markdown' : 'text';
      return (t) => lint(t, RULES, { format }).findings.length;
    }
    case 'model-text':
    case 'model-md': {
      const { buildModel } = await core();
      const format = id === 'model-md' ? 'markdown' : 'text';
      return (t) => buildModel(t, format).paragraphs.length;
    }
    case 'markdownlint': {
      const { lint } = await import(pathToFileURL(require.resolve('markdownlint/sync')).href);
      return (t) => lint({ strings: { 'doc.md': t } })['doc.md'].length;
    }
    case 'autocorrect': {
      // In-process lintFor fails ("call limit reached") on any input over ~140k characters once
      // the process has made a call, so it lints the text in chunks under 64k cut at blank lines.
      const ac = require('autocorrect-node');
      return (t) => {
        let n = 0;
        for (const chunk of chunksOf(t, 60_000)) {
          const r = ac.lintFor(chunk, 'doc.md');
          if (r.error) throw new Error('autocorrect: ' + r.error.slice(0, 200));
          n += r.lines.length;
        }
        return n;
      };
    }
    case 'zhlint': {
      const { run } = await import(pathToFileURL(require.resolve('zhlint')).href);
      const quiet = { log() {}, warn() {}, error() {}, info() {}, debug() {} };
      return (t) => run(t, { rules: { preset: 'default' }, logger: quiet }).validations.length;
    }
    case 'remark': {
      const { unified } = await import(pathToFileURL(require.resolve('unified')).href);
      const { default: remarkParse } = await import(pathToFileURL(require.resolve('remark-parse')).href);
      const processor = unified().use(remarkParse);
      return (t) => processor.parse(t).children.length;
    }
    case 'regex': {
      // The floor: one pass over the text for numbered lines, and the text split into lines.
      const NUMBERED = /^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}[.．、]|[（(][0-9]{1,2}[）)])/gm;
      return (t) => t.split(/\r\n|\r|\n/).length + (t.match(NUMBERED)?.length ?? 0);
    }
    default:
      throw new Error('unknown task ' + id);
  }
}

function chunksOf(t, max) {
  const out = [];
  let i = 0;
  while (i < t.length) {
    let e = Math.min(t.length, i + max);
    if (e < t.length) {
      const cut = t.lastIndexOf('\n\n', e - 2);
      if (cut > i) e = cut + 2;
      else {
        const nl = t.lastIndexOf('\n', e - 1);
        if (nl > i) e = nl + 1;
      }
    }
    out.push(t.slice(i, e));
    i = e;
  }
  return out;
}

/**
 * Where the time of one relint goes (the extension's relint after a keystroke lints the whole text
 * with the document's config already resolved): the whole lint, then its parts in separate runs —
 * buildModel alone, each rule's check() timed inside a whole lint, a lint whose rules do nothing,
 * and resolving the default config.
 */
async function relintChild(job) {
  const { lint, buildModel, resolveConfig, RULES, LintCache } = await import(pathToFileURL(path.join(job.work, 'core.mjs')).href);
  const text = readFileSync(job.doc, 'utf8');
  const format = job.format;
  const config = resolveConfig({}, RULES);
  const spent = new Map(RULES.map((r) => [r.id, []]));
  let current;
  const timed = RULES.map((r) => ({
    ...r,
    check(ctx) {
      const t0 = performance.now();
      r.check(ctx);
      current.set(r.id, (current.get(r.id) ?? 0) + performance.now() - t0);
    },
  }));
  const time = (f) => {
    globalThis.gc?.();
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const idle = RULES.map((r) => ({ ...r, check() {} }));
  const lintMs = [];
  const modelMs = [];
  const idleMs = [];
  const configMs = [];
  const timedMs = [];
  let findings = 0;
  for (let i = 0; i < job.warm + job.runs; i++) {
    const keep = i >= job.warm;
    const l = time(() => (findings = lint(text, RULES, { format, config }).findings.length));
    const m = time(() => buildModel(text, format));
    const n = time(() => lint(text, idle, { format, config }));
    const c = time(() => resolveConfig({}, RULES));
    current = new Map();
    const w = time(() => lint(text, timed, { format, config }));
    if (!keep) continue;
    lintMs.push(l);
    modelMs.push(m);
    idleMs.push(n);
    configMs.push(c);
    timedMs.push(w);
    for (const [id, ms] of current) spent.get(id).push(ms);
  }
  const rules = Object.fromEntries([...spent].map(([id, xs]) => [id, median(xs)]));
  // What the extension does after a keystroke: the document's LintCache holds the rules'
  // per-paragraph work from the run before, and one character has changed in one paragraph. The
  // two texts alternate, so each timed run follows a run over the other one.
  const middle = text.indexOf('\n', text.length >> 1) + 1;
  const typed = text.slice(0, middle + 4) + '党' + text.slice(middle + 4);
  const cache = new LintCache();
  const keystrokeMs = [];
  for (let i = 0; i < 2 * (job.warm + job.runs); i++) {
    const ms = time(() => lint(i % 2 ? typed : text, RULES, { format, config, cache }));
    if (i >= 2 * job.warm) keystrokeMs.push(ms);
  }
  return { lint: median(lintMs), keystroke: median(keystrokeMs), model: median(modelMs), idle: median(idleMs), config: median(configMs), timedLint: median(timedMs), rules, findings };
}

/**
 * Peak heap while linting: the largest heap in use seen before any GC during the run, or at its
 * end, minus the heap in use before it (the text already loaded). V8's GCProfiler reports the heap
 * at every GC; sampling from a timer could not, since the lint runs synchronously.
 */
async function memoryChild(job) {
  const v8 = await import('node:v8');
  const { lint, RULES } = await import(pathToFileURL(path.join(job.work, 'core.mjs')).href);
  // Compile the code first on a small text, so code and its feedback are not counted.
  const small = readFileSync(job.warmDoc, 'utf8');
  lint(small, RULES, { format: job.format });
  let text = readFileSync(job.doc, 'utf8');
  text = text.slice(0, 1) + text.slice(1); // a flat string of its own, not the file's buffer
  text.charCodeAt(text.length - 1);
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const profiler = new v8.GCProfiler();
  profiler.start();
  const t0 = performance.now();
  let result = lint(text, RULES, { format: job.format });
  const ms = performance.now() - t0;
  const atEnd = process.memoryUsage().heapUsed;
  const { statistics } = profiler.stop();
  let peak = atEnd;
  for (const s of statistics) peak = Math.max(peak, s.beforeGC.heapStatistics.usedHeapSize);
  globalThis.gc();
  const retained = process.memoryUsage().heapUsed - before;
  const findings = result.findings.length;
  result = undefined;
  return { before, peak, peakOverBefore: peak - before, retained, textBytes: 2 * text.length, gcs: statistics.length, ms, findings };
}

/** Loading dist/extension.js and activate() against test/fakes/vscode.ts (no VS Code here). */
async function activationChild(job) {
  const fake = require(path.join(job.work, 'fake-vscode.cjs'));
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? fake : load.call(this, request, ...rest);
  };
  fake.host.files.set('/ext/README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const state = new Map();
  const context = {
    subscriptions: [],
    extensionUri: fake.Uri.file('/ext'),
    workspaceState: { get: (k, d) => state.get(k) ?? d, update: async (k, v) => void state.set(k, v) },
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const ext = require(path.join(job.work, 'root', 'dist', 'extension.js'));
  const t1 = performance.now();
  await ext.activate(context);
  const t2 = performance.now();
  // CPU time (all threads: compiling and GC run beside the main one) suffers less than wall time
  // when other processes share the machine.
  const cpu = process.cpuUsage(cpu0);
  for (const d of context.subscriptions) d.dispose?.();
  return { load: t1 - t0, activate: t2 - t1, total: t2 - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Parent.

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const PROFILE = args.includes('--profile');
const onlyArg = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const want = (id) => !onlyArg || onlyArg.includes(id);

const SIZES = QUICK ? [10_000, 100_000, 1_000_000] : [10_000, 100_000, 1_000_000, 5_000_000];
/**
 * Per size: rounds, and per round one fresh process per task with its warm-up runs and timed runs.
 * The rounds interleave the tasks, so that a spell of load from other processes on the machine
 * does not fall on one task alone. 5M warms up on the 1M text, which compiles the same code.
 */
const PLAN = {
  10_000: { rounds: QUICK ? 2 : 5, warm: 10, runs: 5 },
  100_000: { rounds: QUICK ? 2 : 3, warm: 4, runs: QUICK ? 3 : 4 },
  1_000_000: { rounds: QUICK ? 1 : 3, warm: 1, runs: QUICK ? 3 : 2 },
  5_000_000: { rounds: 3, warm: 1, runs: 1, warmSize: 1_000_000 },
};
const TASKS = [
  { id: 'ours-text', label: 'dangjian-lint, all rules, plain text' },
  { id: 'ours-md', label: 'dangjian-lint, all rules, .md' },
  { id: 'model-text', label: 'dangjian buildModel only, plain text' },
  { id: 'model-md', label: 'dangjian buildModel only, .md' },
  { id: 'markdownlint', label: 'markdownlint, default rules (.md)', peer: true, packages: ['markdownlint'] },
  { id: 'autocorrect', label: 'autocorrect-node lintFor (.md, chunks < 64k)', peer: true, packages: ['autocorrect-node'] },
  { id: 'zhlint', label: 'zhlint, default preset', peer: true, packages: ['zhlint'] },
  { id: 'remark', label: 'unified + remark-parse, parse only', peer: true, packages: ['unified', 'remark-parse'] },
  { id: 'regex', label: 'one regex pass for numbered lines + split into lines', peer: true },
];

/** A peer is measured when its packages are installed (the benchmark never installs anything). */
function installed(pkg) {
  return existsSync(path.join(ROOT, 'node_modules', pkg, 'package.json'));
}
const MISSING = TASKS.filter((t) => t.packages && !t.packages.every(installed)).map((t) => t.id);

const log = (s) => process.stderr.write(s + '\n');
const started = performance.now();
const LOAD_AT_START = os.loadavg();
const work = mkdtempSync(path.join(os.tmpdir(), 'dangjian-bench-'));
try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function main() {
  log(`bench: bundling src into ${work}`);
  await bundle();
  const { sources, docs } = makeDocuments();
  if (PROFILE) return profile(docs);

  const results = {}; // task -> size -> { median, times } | { error }
  for (const size of SIZES) {
    const plan = PLAN[size];
    for (let round = 0; round < plan.rounds; round++) {
      for (const task of TASKS) {
        if (!want(task.id) || MISSING.includes(task.id)) continue;
        const cell = ((results[task.id] ??= {})[size] ??= { times: [] });
        if (cell.error) continue;
        const job = {
          kind: 'time',
          task: task.id,
          work,
          doc: docs[size],
          warmDoc: plan.warmSize ? docs[plan.warmSize] : undefined,
          warm: plan.warm,
          runs: plan.runs,
        };
        const r = child(job);
        if (r.error) cell.error = r.error;
        else {
          cell.times.push(...r.times);
          cell.median = median(cell.times);
          cell.check = r.check;
        }
        log(`  ${task.id.padEnd(13)} ${fmtSize(size).padStart(4)} round ${round + 1}/${plan.rounds}  ${r.error ? 'ERROR ' + r.error : r.times.map(fmtMs).join(' ') + ' ms'}`);
      }
    }
  }

  const cold = want('cold') ? coldStarts(docs) : undefined;
  const memory = want('memory') && !QUICK ? memoryRuns(docs) : undefined;
  const activation = want('activation') ? activationRuns() : undefined;
  const relint = want('relint') ? relintRuns(docs) : undefined;
  const vsix = want('vsix') ? vsixRuns() : undefined;
  const report = render({ sources, results, cold, memory, activation, relint, vsix });
  process.stdout.write('\n' + report + '\n');
  if (!QUICK && !onlyArg) {
    writeFileSync(path.join(ROOT, 'bench/results.md'), report);
    log('bench: wrote bench/results.md');
  }
  log(`bench: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function bundle() {
  await build({
    stdin: {
      contents: "export { lint, buildModel, LintCache } from './src/core'; export { resolveConfig } from './src/core/config'; export { RULES } from './src/rules';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: path.join(work, 'core.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(ROOT, 'test/fakes/vscode.ts')],
    outfile: path.join(work, 'fake-vscode.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  // The CLI, the extension and the rest exactly as `npm run build` makes them, from the current
  // source, into a copy of the project in the work folder: the benchmark leaves dist/ alone.
  buildProject();
}

/**
 * Runs scripts/build.mjs in work/root, where src/, node_modules/ and the manifest are links to the
 * project's, so that its dist/ is written there; then the files the .vsix takes are copied beside it.
 */
function buildProject() {
  const root = path.join(work, 'root');
  mkdirSync(path.join(root, 'scripts'), { recursive: true });
  for (const f of ['src', 'node_modules', 'l10n', 'package.json', 'tsconfig.json']) {
    if (existsSync(path.join(ROOT, f))) symlinkSync(path.join(ROOT, f), path.join(root, f), statSync(path.join(ROOT, f)).isDirectory() ? 'junction' : 'file');
  }
  copyFileSync(path.join(ROOT, 'scripts/build.mjs'), path.join(root, 'scripts/build.mjs'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Drafts of each size, cut from the example drafts (and the shared corpus) repeated. */
function makeDocuments() {
  const sources = [];
  const add = (dir, label) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f)).sort()) {
      sources.push({ label: `${label}/${f}`, text: readFileSync(path.join(dir, f), 'utf8').replace(/^\ufeff/, '') });
    }
  };
  add(path.join(ROOT, 'examples'), 'examples');
  add(path.resolve(ROOT, '../shared/corpus'), '../shared/corpus');
  const unit = sources.map((s) => s.text.trimEnd()).join('\n\n') + '\n\n';
  const docs = {};
  for (const size of [...SIZES, ...(SIZES.includes(1_000_000) ? [] : [1_000_000])]) {
    let t = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const last = t.charCodeAt(t.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) t = t.slice(0, -1) + '。';
    docs[size] = path.join(work, `doc-${fmtSize(size)}.txt`);
    writeFileSync(docs[size], t);
    writeFileSync(docs[size].replace(/\.txt$/, '.md'), t);
  }
  return { sources: { files: sources.map((s) => s.label), unitChars: unit.length }, docs };
}

function child(job, nodeArgs = ['--expose-gc']) {
  const r = spawnSync(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), '--child', JSON.stringify(job)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ') };
  return JSON.parse(line.slice('BENCH_RESULT '.length));
}

/** Wall time of whole processes, in the work folder (no config files above the drafts there). */
function coldStarts(docs) {
  const doc = (ext) => path.basename(docs[100_000]).replace(/\.txt$/, ext);
  const commands = [
    { id: 'node', label: '`node -e 0`', argv: ['-e', '0'] },
    { id: 'ours-text', label: '`dangjian-lint` (the CLI bundle), 100k .txt', argv: [path.join(work, 'root', 'dist', 'cli.mjs'), doc('.txt')] },
    { id: 'ours-md', label: '`dangjian-lint` (the CLI bundle), 100k .md', argv: [path.join(work, 'root', 'dist', 'cli.mjs'), doc('.md')] },
    { id: 'markdownlint-cli2', label: '`markdownlint-cli2`, 100k .md', packages: ['markdownlint-cli2'], argv: () => [binOf('markdownlint-cli2'), doc('.md')] },
    { id: 'autocorrect', label: '`autocorrect --lint` (autocorrect-node), 100k .md', packages: ['autocorrect-node'], argv: () => [binOf('autocorrect-node', 'autocorrect'), '--lint', doc('.md')] },
  ];
  const runs = QUICK ? 5 : 11;
  // Each process reports its own CPU time (all threads) as it exits: when other processes share the
  // machine, CPU time suffers less than wall time.
  const cpuProbe = path.join(work, 'cpu-probe.mjs');
  writeFileSync(cpuProbe, "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); writeSync(2, `\\nBENCH_CPU ${(u.user + u.system) / 1000}\\n`); });\n");
  const out = {};
  const ready = [];
  for (const c of commands) {
    if (c.packages && !c.packages.every(installed)) {
      out[c.id] = { label: c.label, error: 'not installed' };
      log(`  cold ${c.id}: not installed`);
      continue;
    }
    if (typeof c.argv === 'function') c.argv = c.argv();
    // One checked run (it must have linted: exit 0 or 1, some output).
    const check = spawnSync(process.execPath, c.argv, { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (check.status !== 0 && check.status !== 1) {
      out[c.id] = { label: c.label, error: `exit ${check.status}: ${(check.stderr || '').slice(0, 200)}` };
      log(`  cold ${c.id}: ERROR ${out[c.id].error}`);
      continue;
    }
    out[c.id] = { label: c.label, times: [], cpus: [], outputBytes: (check.stdout?.length ?? 0) + (check.stderr?.length ?? 0) };
    ready.push(c);
  }
  // Round-robin, so that a spell of load from elsewhere falls on every command alike; two warm-up rounds.
  for (let i = 0; i < runs + 2; i++) {
    for (const c of ready) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--import', pathToFileURL(cpuProbe).href, ...c.argv], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = /BENCH_CPU (\S+)/.exec(r.stderr ?? '');
      if (i < 2) continue;
      out[c.id].times.push(ms);
      if (cpu) out[c.id].cpus.push(Number(cpu[1]));
    }
  }
  for (const c of ready) {
    const o = out[c.id];
    o.median = median(o.times);
    o.cpu = median(o.cpus);
    log(`  cold ${c.id.padEnd(18)} ${fmtMs(o.median)} ms (CPU ${fmtMs(o.cpu)} ms)`);
  }
  return out;
}

/** The file a package's command runs (its package.json `bin`). */
function binOf(pkg, name = pkg) {
  const dir = path.join(ROOT, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin[name]);
}

function memoryRuns(docs) {
  const out = {};
  for (const format of ['text', 'markdown']) {
    const r = child({ kind: 'memory', work, format, doc: docs[5_000_000], warmDoc: docs[10_000] });
    out[format] = r;
    log(`  memory ${format}: ${r.error ? 'ERROR ' + r.error : `peak +${mb(r.peakOverBefore)} MB over ${mb(r.textBytes)} MB of text`}`);
  }
  return out;
}

function activationRuns() {
  const rs = [];
  for (let i = 0; i < (QUICK ? 5 : 15); i++) {
    const r = child({ kind: 'activation', work }, []);
    if (r.error) return { error: r.error };
    rs.push(r);
  }
  const bytes = statSync(path.join(work, 'root', 'dist', 'extension.js')).size;
  const pick = (f) => median(rs.map(f));
  const out = { load: pick((r) => r.load), activate: pick((r) => r.activate), total: pick((r) => r.total), min: Math.min(...rs.map((r) => r.total)), cpu: pick((r) => r.cpu), bytes };
  log(`  activation: ${fmtMs(out.total)} ms (load ${fmtMs(out.load)}, activate ${fmtMs(out.activate)}; fastest ${fmtMs(out.min)}; CPU ${fmtMs(out.cpu)})`);
  return out;
}

/** The relint's parts on the 100k-character draft, plain text and Markdown. */
function relintRuns(docs) {
  const out = {};
  for (const format of ['text', 'markdown']) {
    const r = child({ kind: 'relint', work, format, doc: docs[100_000], warm: QUICK ? 5 : 10, runs: QUICK ? 5 : 15 });
    out[format] = r;
    log(`  relint ${format}: ${r.error ? 'ERROR ' + r.error : `${fmtMs(r.keystroke)} ms after a keystroke with the document's cache, ${fmtMs(r.lint)} ms without (model ${fmtMs(r.model)})`}`);
  }
  return out;
}

/**
 * Packages the .vsix as `npm run package` does (vsce, same options) from a copy of the project whose
 * dist/ is the one built in the work folder, and lists what is in it, compressed.
 */
function vsixRuns() {
  const pkg = path.join(work, 'pkg');
  mkdirSync(pkg);
  const skip = new Set(['node_modules', '.git', 'dist', '.vscode-test']);
  for (const f of readdirSync(ROOT)) if (!skip.has(f) && !f.endsWith('.vsix')) cpSync(path.join(ROOT, f), path.join(pkg, f), { recursive: true });
  cpSync(path.join(work, 'root', 'dist'), path.join(pkg, 'dist'), { recursive: true });
  const file = path.join(work, 'bench.vsix');
  const r = spawnSync(process.execPath, [binOf('@vscode/vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', file], { cwd: pkg, encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ') };
  const entries = zipEntries(readFileSync(file));
  const out = { bytes: statSync(file).size, entries };
  log(`  vsix: ${(out.bytes / 1024).toFixed(0)} KB, ${entries.length} files`);
  return out;
}

/** Name and compressed size of each file in a .zip, from its central directory. */
function zipEntries(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    out.push({ name, compressed, size });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out.sort((a, b) => b.compressed - a.compressed);
}

// ---------------------------------------------------------------------------------------------
// CPU profile: `node --cpu-prof` on linting the 1M text, and the functions with the most self time.

function profile(docs) {
  for (const format of ['text', 'markdown']) {
    const dir = path.join(work, 'prof-' + format);
    const script = `import { readFileSync } from 'node:fs';
import { lint, RULES } from ${JSON.stringify(pathToFileURL(path.join(work, 'core.mjs')).href)};
const text = readFileSync(${JSON.stringify(docs[1_000_000])}, 'utf8');
lint(text.slice(0, 100000), RULES, { format: '${format}' });
const t0 = performance.now();
for (let i = 0; i < 3; i++) lint(text, RULES, { format: '${format}' });
console.log(((performance.now() - t0) / 3).toFixed(0) + ' ms per lint');`;
    writeFileSync(path.join(work, 'prof.mjs'), script);
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(work, 'prof.mjs')], { encoding: 'utf8' });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    const prof = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const self = new Map();
    const dt = new Map();
    for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
    let total = 0;
    for (const n of prof.nodes) {
      const us = dt.get(n.id) ?? 0;
      total += us;
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) + ':' + (f.lineNumber + 1) : ''}`;
      self.set(key, (self.get(key) ?? 0) + us);
    }
    console.log(`\n## ${format}: ${r.stdout.trim()}  (profile: ${(total / 1000).toFixed(0)} ms in all)`);
    for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The report.

function render({ sources, results, cold, memory, activation, relint, vsix }) {
  const m = (task, size) => results[task]?.[size]?.median;
  const L = [];
  L.push('# Benchmark results');
  L.push('');
  L.push('Written by `npm run bench` (bench/run.mjs); see issue 7. Times are medians of several runs after warm-up, each task in');
  L.push('a fresh Node process with a GC before each run. Absolute times drift between machines and runs; the targets are');
  L.push('ratios measured in the same run.');
  L.push('');
  L.push('## Machine and versions');
  L.push('');
  const cpus = os.cpus();
  L.push(`- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.platform()} ${os.release()}`);
  L.push(`- Node ${process.version}; dangjian-writer ${pkgVersion('.')} at ${gitHead()}`);
  L.push(
    `- Peers: ${['markdownlint', 'markdownlint-cli2', 'autocorrect-node', 'zhlint', 'unified', 'remark-parse'].map((p) => `${p} ${pkgVersion('node_modules/' + p)}`).join(', ')}; esbuild ${pkgVersion('node_modules/esbuild')}`,
  );
  L.push(`- Date: ${new Date().toISOString().slice(0, 10)}; run took ${((performance.now() - started) / 60000).toFixed(1)} min`);
  const [startLoad, endLoad] = [LOAD_AT_START, os.loadavg()];
  const busy = Math.max(startLoad[0], startLoad[1], endLoad[0], endLoad[1]) > cpus.length * 0.75;
  L.push(
    `- Load average (1/5/15 min) at start ${startLoad.map((x) => x.toFixed(1)).join('/')}, at end ${endLoad.map((x) => x.toFixed(1)).join('/')}` +
      (busy ? ' — **other processes were using the CPUs during this run: absolute times are inflated and noisy, compare ratios**' : ''),
  );
  L.push('');
  L.push('## Input');
  L.push('');
  L.push(`Drafts cut to exact length from ${sources.files.length} documents repeated (${sources.unitChars} characters per round): ${sources.files.map((f) => '`' + f + '`').join(', ')}.`);
  L.push('The same text is linted as plain text and as Markdown; markdownlint, autocorrect and zhlint see it as .md.');
  L.push(
    'Runs per size, rounds × (warm-up + timed runs) in a fresh process per task and round: ' +
      SIZES.map((s) => `${fmtSize(s)} ${PLAN[s].rounds}×(${PLAN[s].warm}+${PLAN[s].runs})`).join(', ') +
      ' (5M warms up on the 1M text). Each task\'s time is the median of all its timed runs.',
  );
  L.push('');
  L.push('## Time (ms, median)');
  L.push('');
  L.push('| task | ' + SIZES.map(fmtSize).join(' | ') + ' | 5M / 1M |');
  L.push('|---|' + SIZES.map(() => '---:').join('|') + '|---:|');
  for (const t of TASKS) {
    if (MISSING.includes(t.id)) {
      L.push(`| ${t.label} (\`${t.id}\`) | ${SIZES.map(() => 'not installed').join(' | ')} | |`);
      continue;
    }
    if (!results[t.id]) continue;
    const cells = SIZES.map((s) => {
      const r = results[t.id][s];
      return !r ? '' : r.error ? 'error' : fmtMs(r.median);
    });
    const lin = m(t.id, 5_000_000) && m(t.id, 1_000_000) ? (m(t.id, 5_000_000) / m(t.id, 1_000_000)).toFixed(2) : '';
    L.push(`| ${t.label} (\`${t.id}\`) | ${cells.join(' | ')} | ${lin} |`);
  }
  L.push('');
  L.push('## Ratios: our time ÷ the peer\'s time on the same text (below 1× is faster)');
  L.push('');
  L.push('| ours ÷ peer | ' + SIZES.map(fmtSize).join(' | ') + ' |');
  L.push('|---|' + SIZES.map(() => '---:').join('|') + '|');
  for (const ours of ['ours-text', 'ours-md', 'model-md']) {
    for (const peer of TASKS.filter((t) => t.peer)) {
      if (!results[ours] || !results[peer.id]) continue;
      const cells = SIZES.map((s) => (m(ours, s) && m(peer.id, s) ? fmtRatio(m(ours, s) / m(peer.id, s)) : ''));
      L.push(`| \`${ours}\` ÷ \`${peer.id}\` | ${cells.join(' | ')} |`);
    }
  }
  L.push('');
  if (cold) {
    L.push('## Whole process, 100k-character file (wall time, ms, median)');
    L.push('');
    L.push('Each command runs in turn, round after round; CPU time is the process\'s own (all its threads), which other processes on the machine inflate less than wall time.');
    L.push('');
    L.push('| command | wall ms | ÷ markdownlint-cli2 | CPU ms | ÷ markdownlint-cli2 |');
    L.push('|---|---:|---:|---:|---:|');
    const ref = cold['markdownlint-cli2'];
    for (const c of Object.values(cold)) {
      if (c.error) L.push(`| ${c.label} | ${c.error === 'not installed' ? 'not installed' : 'error'} | | | |`);
      else L.push(`| ${c.label} | ${fmtMs(c.median)} | ${ref?.median ? fmtRatio(c.median / ref.median) : ''} | ${fmtMs(c.cpu)} | ${ref?.cpu && c.cpu ? fmtRatio(c.cpu / ref.cpu) : ''} |`);
    }
    L.push('');
  }
  if (memory) {
    L.push('## Memory: linting the 5M-character text (UTF-16: ' + mb(memory.text?.textBytes ?? 1e7) + ' MB)');
    L.push('');
    L.push('Peak = the largest heap in use at any GC during the lint or at its end (garbage not yet collected included), minus the heap in use before it with the text loaded; retained = still in use after a GC while the result is held.');
    L.push('');
    L.push('| format | peak over before (MB) | ÷ text size | retained (MB) | ÷ text size | GCs |');
    L.push('|---|---:|---:|---:|---:|---:|');
    for (const [f, r] of Object.entries(memory)) {
      if (r.error) L.push(`| ${f} | error: ${r.error} | | | | |`);
      else L.push(`| ${f} | ${mb(r.peakOverBefore)} | ${(r.peakOverBefore / r.textBytes).toFixed(2)}× | ${mb(r.retained)} | ${(r.retained / r.textBytes).toFixed(2)}× | ${r.gcs} |`);
    }
    L.push('');
  }
  L.push('## Extension');
  L.push('');
  if (activation?.error) L.push(`- Load and activate against the fake host: error ${activation.error}`);
  else if (activation) {
    L.push(
      `- Load \`dist/extension.js\` (${(activation.bytes / 1024).toFixed(0)} KB, built from the current source) + \`activate()\` against test/fakes/vscode.ts (an in-memory host, no documents open; a stand-in for VS Code): ` +
        `${fmtMs(activation.total)} ms (load ${fmtMs(activation.load)}, activate ${fmtMs(activation.activate)}), median of fresh processes; fastest ${fmtMs(activation.min)} ms; CPU time ${fmtMs(activation.cpu)} ms (median).`,
    );
  }
  L.push('');
  if (relint) {
    L.push('### Relint of the 100k-character draft (in process, warm, medians)');
    L.push('');
    L.push("The extension's relint after a keystroke lints the whole text with the document's config already resolved and the document's `LintCache`, which holds the rules' per-paragraph work from the run before: the first row types one character into a paragraph in the middle of the draft. The other rows lint without a cache (as the CLI and a first open do), each part timed in runs of its own, interleaved: buildModel alone, each rule's `check()` inside a whole lint, a lint whose rules do nothing, and resolving the default config (what `lint()` does when given none, as in the `ours-*` rows above). Shares are of the whole lint without a cache.");
    L.push('');
    const formats = Object.keys(relint).filter((f) => !relint[f].error);
    for (const f of Object.keys(relint)) if (relint[f].error) L.push(`- ${f}: error ${relint[f].error}`);
    if (formats.length) {
      L.push('| part | ' + formats.map((f) => `${f} (ms)`).join(' | ') + ' | ' + formats.map((f) => `${f} share`).join(' | ') + ' |');
      L.push('|---|' + formats.map(() => '---:').join('|') + '|' + formats.map(() => '---:').join('|') + '|');
      const row = (label, get) => L.push(`| ${label} | ${formats.map((f) => fmtMs(get(relint[f]))).join(' | ')} | ${formats.map((f) => `${((100 * get(relint[f])) / relint[f].lint).toFixed(0)}%`).join(' | ')} |`);
      row("**relint after a keystroke, with the document's cache**", (r) => r.keystroke);
      row('**whole lint, config given, no cache**', (r) => r.lint);
      row('buildModel', (r) => r.model);
      const ids = Object.keys(relint[formats[0]].rules).sort((a, b) => relint[formats[0]].rules[b] - relint[formats[0]].rules[a]);
      row('all rules together', (r) => Object.values(r.rules).reduce((a, b) => a + b, 0));
      for (const id of ids) row(`rule \`${id}\``, (r) => r.rules[id]);
      row("lint with every rule's check() doing nothing (the model and lint's own work)", (r) => r.idle);
      row('resolveConfig({}) (not in the relint)', (r) => r.config);
      L.push('');
      L.push(`Findings on this draft: ${formats.map((f) => `${f} ${relint[f].findings}`).join(', ')}.`);
      L.push('');
    }
  }
  if (vsix?.error) L.push(`### .vsix\n\nPackaging failed: ${vsix.error}\n`);
  else if (vsix) {
    L.push(`### .vsix: ${(vsix.bytes / 1024).toFixed(0)} KB`);
    L.push('');
    L.push('Packaged as `npm run package` does, from the build above. Largest files, compressed:');
    L.push('');
    L.push('| file | KB in the .vsix | KB unpacked |');
    L.push('|---|---:|---:|');
    const big = vsix.entries.filter((e) => e.compressed >= 4096);
    for (const e of big) L.push(`| \`${e.name}\` | ${(e.compressed / 1024).toFixed(1)} | ${(e.size / 1024).toFixed(1)} |`);
    const rest = vsix.entries.filter((e) => e.compressed < 4096);
    L.push(`| ${rest.length} other files | ${(rest.reduce((a, e) => a + e.compressed, 0) / 1024).toFixed(1)} | ${(rest.reduce((a, e) => a + e.size, 0) / 1024).toFixed(1)} |`);
    L.push('');
  }
  L.push('## Targets (issue 7)');
  L.push('');
  for (const line of targets({ m, cold, memory, activation, relint, vsix })) L.push('- ' + line);
  L.push('');
  return L.join('\n');
}

function targets({ m, cold, memory, activation, relint, vsix }) {
  const out = [];
  const verdict = (ok, text, miss) => `**${ok ? 'met' : 'missed'}**: ${text}${ok ? '' : ` — missed by ${miss}`}`;
  const M = 1_000_000;
  const r = (a, b) => (a && b ? a / b : undefined);
  const na = (what) => `**not measured**: ${what}`;
  const x = (v) => (v === undefined ? 'n/a' : fmtRatio(v));
  {
    const v = r(m('ours-text', M), m('markdownlint', M));
    out.push(v === undefined ? na('plain text 1M vs markdownlint') : verdict(v < 0.1, `plain text, all rules, 1M: ${fmtMs(m('ours-text', M))} ms = ${x(v)} markdownlint's ${fmtMs(m('markdownlint', M))} ms (target < 0.10×)`, `${(v / 0.1).toFixed(1)}× (need ${fmtMs(0.1 * m('markdownlint', M))} ms)`));
  }
  {
    const v = r(m('ours-text', M), m('regex', M));
    out.push(v === undefined ? na('plain text 1M vs the regex pass') : verdict(v <= 50, `plain text, all rules, 1M: ${x(v)} the regex pass's ${fmtMs(m('regex', M))} ms (target ≤ 50×)`, `${(v / 50).toFixed(1)}× (need ${fmtMs(50 * m('regex', M))} ms)`));
  }
  {
    const v = r(m('ours-md', M), m('remark', M));
    out.push(v === undefined ? na('.md 1M vs remark-parse') : verdict(v <= 1.3, `Markdown, all rules, 1M: ${fmtMs(m('ours-md', M))} ms = ${x(v)} remark-parse alone (${fmtMs(m('remark', M))} ms; target ≤ 1.3×)`, `${(v / 1.3).toFixed(2)}× (need ${fmtMs(1.3 * m('remark', M))} ms)`));
  }
  {
    const v = r(m('ours-md', M), m('markdownlint', M));
    out.push(v === undefined ? na('.md 1M vs markdownlint') : verdict(v < 1, `Markdown, all rules, 1M: ${x(v)} markdownlint (target < 1×)`, `${v.toFixed(2)}×`));
  }
  for (const id of ['ours-text', 'ours-md']) {
    const v = r(m(id, 5 * M), m(id, M));
    out.push(v === undefined ? na(`linearity of ${id}`) : verdict(v <= 5.5, `linear, ${id}: time(5M) / time(1M) = ${v.toFixed(2)} (target ≤ 5.5)`, `${(v / 5.5).toFixed(2)}×`));
  }
  if (memory) {
    for (const [f, r2] of Object.entries(memory)) {
      if (r2.error) {
        out.push(na(`memory (${f}): ${r2.error}`));
        continue;
      }
      const v = r2.peakOverBefore / r2.textBytes;
      out.push(verdict(v < 3, `memory, ${f}: peak heap while linting 5M = ${mb(r2.peakOverBefore)} MB = ${v.toFixed(2)}× the text's UTF-16 size (target < 3×)`, `${(v / 3).toFixed(2)}× (need < ${mb(3 * r2.textBytes)} MB)`));
    }
  } else out.push(na('memory (not in a --quick run)'));
  {
    const v = r(cold?.['ours-md']?.median, cold?.['markdownlint-cli2']?.median);
    out.push(v === undefined ? na('CLI cold start') : verdict(v < 0.5, `CLI cold start, 100k .md: ${fmtMs(cold['ours-md'].median)} ms = ${x(v)} markdownlint-cli2's ${fmtMs(cold['markdownlint-cli2'].median)} ms (target < 0.5×; CPU time ${x(cold['ours-md'].cpu / cold['markdownlint-cli2'].cpu)}; .txt: ${fmtMs(cold['ours-text']?.median)} ms = ${x(cold['ours-text']?.median / cold['markdownlint-cli2'].median)})`, `${(v / 0.5).toFixed(2)}× (need < ${fmtMs(0.5 * cold['markdownlint-cli2'].median)} ms)`));
  }
  {
    const v = relint?.text?.keystroke;
    out.push(v === undefined ? na('relint of 100k') : verdict(v < 10, `relint after a keystroke in a 100k-character plain draft (in-process whole lint with the config given and the document's cache, as the extension relints): ${fmtMs(v)} ms (target < 10 ms; without a cache ${fmtMs(relint.text.lint)} ms, buildModel ${fmtMs(relint.text.model)} ms of it)`, `${(v / 10).toFixed(1)}×`));
  }
  if (activation && !activation.error) out.push(verdict(activation.total < 50, `extension load + activation against the fake host: ${fmtMs(activation.total)} ms, CPU ${fmtMs(activation.cpu)} ms (target < 50 ms; VS Code's own host not measured here)`, `${(activation.total / 50).toFixed(2)}×`));
  else out.push(na('extension activation' + (activation?.error ? ': ' + activation.error : '')));
  out.push(vsix && !vsix.error ? verdict(vsix.bytes < 400 * 1024, `.vsix ${(vsix.bytes / 1024).toFixed(0)} KB (target < 400 KB)`, `${(vsix.bytes / 1024 - 400).toFixed(0)} KB`) : na('.vsix' + (vsix?.error ? ': ' + vsix.error : '')));
  return out;
}

// ---------------------------------------------------------------------------------------------

function median(xs) {
  if (!xs?.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

function fmtSize(n) {
  return n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`;
}

function fmtMs(ms) {
  if (ms === undefined) return 'n/a';
  if (ms < 1) return ms.toFixed(2);
  if (ms < 10) return ms.toFixed(1);
  return ms.toFixed(0);
}

function fmtRatio(v) {
  return v < 0.1 ? `${v.toFixed(3)}×` : v < 10 ? `${v.toFixed(2)}×` : `${v.toFixed(0)}×`;
}

function mb(bytes) {
  return (bytes / 2 ** 20).toFixed(1);
}

function pkgVersion(dir) {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function gitHead() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return `\`${head}\`${dirty ? ' (src modified)' : ''}`;
  } catch {
    return 'unknown commit';
  }
}
