/**
 * Adversarial inputs (issue 6, part 2): the linter's cost grows linearly with its input.
 *
 * Every check is a ratio between input sizes, never an absolute time: the input grows by 4× per
 * step and the median time may grow by at most BOUND (8×; linear is 4×, quadratic 16×). The work
 * runs in a worker thread that is terminated when a step overruns what the bound allows, so a
 * blow-up fails the test instead of hanging the run. The code under test is bundled from src/
 * with esbuild for the worker.
 *
 * `npm test` runs every scenario at a quarter of its full size (Markdown at an eighth) over three
 * sizes, some 45 s on a 2-core machine; `npm run test:adversarial` (ADVERSARIAL_FULL=1, or
 * `--mode adversarial`) runs the full sizes over four, some 3 minutes, and adds the Markdown
 * scenarios that only mean something at sizes several times the pieces the Markdown layer parses
 * on their own (16 KB blocks).
 *
 * The second half runs every regular expression in src/core and src/rules over worst cases of its
 * own: regex literals (module level or not) are read from the source with the TypeScript parser
 * and run directly, exported RegExp values are taken from the modules, and patterns built at run
 * time with `new RegExp` are driven through the public functions that use them.
 */
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const abs = (p: string): string => join(ROOT, p);

/** Input grows by FACTOR per step; time may grow by at most BOUND. */
const FACTOR = 4;
const BOUND = 8;
/**
 * Times below this are mostly noise: a ratio is taken against at least this much. A ratio over
 * the bound is measured again (see expectLinear), so a pause does not fail a test.
 */
const FLOOR_MS = 10;
const FIRST_STEP_DEADLINE_MS = 30_000;
const TEST_TIMEOUT_MS = 300_000;
/** Full sizes and four steps, or a quarter of the sizes and three steps (see the header). */
const FULL = process.env.ADVERSARIAL_FULL === '1' || (import.meta as ImportMeta & { env?: { MODE?: string } }).env?.MODE === 'adversarial';
const SCALE = FULL ? 1 : 1 / 4;
const STEPS = FULL ? 4 : 3;

// ---------------------------------------------------------------------------------------------
// The sandbox: a worker thread that runs jobs against a bundle of src/ and can be killed.

type Format = 'text' | 'markdown';

type Job =
  | { op: 'lint'; text: string; format: Format; rules?: readonly string[] }
  | { op: 'model'; text: string; format: Format }
  | { op: 'claims'; text: string }
  | { op: 'matchMarker'; text: string }
  | { op: 'scanInline'; text: string }
  | { op: 'regex'; source: string; flags: string; text: string };

/** prefix + unit repeated to the size + suffix */
interface Candidate {
  prefix: string;
  unit: string;
  suffix?: string;
}

interface BatteryJob {
  op: 'battery';
  source: string;
  flags: string;
  candidates: Candidate[];
  size: number;
}

type Reply =
  | { kind: 'times'; times: number[] }
  | { kind: 'battery'; results: Array<{ candidate: number; small: number; large: number }> }
  | { kind: 'error'; error: string }
  | { kind: 'timeout'; progress: number | undefined };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
// Stack traces name src/ files and lines (the bundle carries an inline source map).
if (process.setSourceMapsEnabled) process.setSourceMapsEnabled(true);
// A collection before each timed run, so that one run does not pay for the garbage of the last.
let collect = () => {};
try {
  if (typeof globalThis.gc !== 'function') require('node:v8').setFlagsFromString('--expose-gc');
  collect = typeof globalThis.gc === 'function' ? globalThis.gc : require('node:vm').runInNewContext('gc');
} catch {}
// What a collection costs depends on where the heap stands against V8's limits (how much of what
// is alive still fits the young generation, when the old one grows), which the two sizes of a
// step can straddle and read as a blow-up: the collections' pauses are taken out of each run, so
// that the ratio measures the code. (Allocating more than linearly still costs the code its time.)
const { PerformanceObserver } = require('node:perf_hooks');
const gcs = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push([e.startTime, e.duration]);
}).observe({ entryTypes: ['gc'] });
const gcWithin = (t0, t1) => gcs.filter(([at]) => at >= t0 && at <= t1).reduce((sum, [, d]) => sum + d, 0);
let mod;
import(workerData.bundle).then((m) => { mod = m; parentPort.postMessage({ ready: true }); }, (e) => parentPort.postMessage({ ready: false, error: String(e && e.stack || e) }));

function rulesFor(ids) { return ids ? mod.RULES.filter((r) => ids.includes(r.id)) : mod.RULES; }

function scan(re, s) {
  if (re.global || re.sticky) {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) { if (m[0] === '') re.lastIndex++; n++; }
    return n;
  }
  return re.test(s) ? 1 : 0;
}

function runOnce(job) {
  switch (job.op) {
    case 'lint': return mod.lint(job.text, rulesFor(job.rules), { format: job.format }).findings.length;
    case 'model': return mod.buildModel(job.text, job.format).paragraphs.length;
    case 'claims': return mod.claimsOf(mod.buildModel(job.text, 'text')).quantities.length;
    case 'matchMarker': return mod.matchMarker(job.text) ? 1 : 0;
    case 'scanInline': return mod.scanInline(job.text).length;
    case 'regex': return scan(new RegExp(job.source, job.flags), job.text);
    default: throw new Error('unknown job ' + job.op);
  }
}

/** Time per call, looping until at least minMs have passed so that fast calls still measure. */
function timeOf(fn, minMs) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do { fn(); n++; t = performance.now(); } while (t - t0 < minMs);
  return (t - t0) / n;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fill = (c, size) => c.prefix + c.unit.repeat(Math.max(1, Math.ceil((size - c.prefix.length) / c.unit.length))) + (c.suffix || '');

function battery(msg) {
  const re = new RegExp(msg.job.source, msg.job.flags);
  const results = [];
  msg.job.candidates.forEach((c, k) => {
    parentPort.postMessage({ id: msg.id, progress: k });
    const small = fill(c, msg.job.size);
    const large = fill(c, msg.job.size * ${FACTOR});
    // V8 first interprets a regular expression and compiles it after some runs: warm it up, or the
    // small input is timed slower than it runs and a quadratic pattern looks linear.
    scan(re, small);
    scan(re, small);
    let a = timeOf(() => scan(re, small), 0.5);
    let b = timeOf(() => scan(re, large), 0.5);
    if (b / Math.max(a, 0.05) > ${BOUND}) {
      // Confirm with the median of five before calling it a blow-up.
      a = median([0, 1, 2, 3, 4].map(() => timeOf(() => scan(re, small), 2)));
      b = median([0, 1, 2, 3, 4].map(() => timeOf(() => scan(re, large), 2)));
    }
    results.push({ candidate: k, small: a, large: b });
  });
  return results;
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.job.op === 'battery') {
      parentPort.postMessage({ id: msg.id, kind: 'battery', results: battery(msg) });
      return;
    }
    const times = [];
    for (let i = 0; i < msg.reps; i++) {
      collect();
      gcs.length = 0;
      const t0 = performance.now();
      runOnce(msg.job);
      const t1 = performance.now();
      // The collections' entries arrive after the run.
      await new Promise((resolve) => setTimeout(resolve, 0));
      times.push(t1 - t0 - gcWithin(t0, t1));
    }
    parentPort.postMessage({ id: msg.id, kind: 'times', times });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, kind: 'error', error: String(e && e.stack || e).split('\n').slice(0, 6).join('\n') });
  }
});
`;

class Sandbox {
  private worker!: Worker;
  private ready!: Promise<void>;
  private seq = 0;

  constructor(private readonly bundle: string) {
    this.spawn();
  }

  private spawn(): void {
    // The stack of a main thread (about 1 MB), where the CLI and the VS Code extension host run,
    // and room on the heap: a heap held close to its limit collects more often as the input grows,
    // which would read as superlinear cost.
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bundle: this.bundle },
      resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: 64 },
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker did not load the bundle within 60 s')), 60_000);
      const settle = (error?: Error): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onMessage = (msg: { ready?: boolean; error?: string }): void => {
        if (msg.ready !== undefined) settle(msg.ready ? undefined : new Error(`the worker could not load the bundle: ${msg.error}`));
      };
      const onError = (err: Error): void => settle(err);
      const onExit = (code: number): void => settle(new Error(`the worker exited (${code}) before it loaded the bundle`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    this.ready.catch(() => undefined);
  }

  /** Runs a job `reps` times; kills the worker when it has not answered within `deadlineMs`. */
  async run(job: Job | BatteryJob, reps: number, deadlineMs: number): Promise<Reply> {
    try {
      await this.ready;
    } catch (e) {
      this.spawn();
      return { kind: 'error', error: String(e) };
    }
    const worker = this.worker;
    const id = ++this.seq;
    return new Promise((resolve) => {
      let progress: number | undefined;
      let settled = false;
      const done = (reply: Reply, respawn: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (respawn) {
          void worker.terminate();
          this.spawn();
        }
        resolve(reply);
      };
      const onMessage = (msg: { id?: number; progress?: number } & Partial<Reply>): void => {
        if (msg.id !== id) return;
        if (msg.progress !== undefined) progress = msg.progress;
        else done(msg as Reply, false);
      };
      const onError = (err: Error): void => done({ kind: 'error', error: String(err.stack ?? err) }, true);
      const onExit = (code: number): void => done({ kind: 'error', error: `the worker exited (${code})` }, true);
      const timer = setTimeout(() => done({ kind: 'timeout', progress }, true), deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, job, reps });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

let sandbox: Sandbox;
let bundleDir: string;

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'dangjian-adversarial-'));
  const outfile = join(bundleDir, 'core.mjs');
  const entry = [
    `export * from ${JSON.stringify(abs('src/core/index.ts'))};`,
    `export { RULES } from ${JSON.stringify(abs('src/rules/index.ts'))};`,
  ].join('\n');
  await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile, sourcemap: 'inline', logLevel: 'silent' });
  sandbox = new Sandbox(pathToFileURL(outfile).href);
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The ratio check.

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * Runs make(size) for each size (each FACTOR× the one before) and fails when the median time of
 * a step is more than BOUND× that of the step before, or when a step overruns that allowance
 * (the worker is then killed), or when the job throws.
 */
async function expectLinear(label: string, make: (size: number) => Job, sizes: readonly number[]): Promise<void> {
  const log: string[] = [];
  const report = (why: string): string => `${label}: ${why}\n  ${log.join('\n  ')}`;
  const warm = await sandbox.run(make(sizes[0]!), 1, FIRST_STEP_DEADLINE_MS);
  if (warm.kind === 'error') throw new Error(report(`throws at size ${sizes[0]}:\n${warm.error}`));
  let prev: number | undefined;
  let prevSize = 0;
  let prevTimes: number[] = [];
  const measure = async (size: number, reps: number, allowed: number): Promise<number[]> => {
    const reply = await sandbox.run(make(size), reps, allowed);
    if (reply.kind === 'error') throw new Error(report(`throws at size ${size}:\n${reply.error}`));
    if (reply.kind === 'timeout') {
      log.push(`size ${size}: killed after ${allowed.toFixed(0)} ms for ${reps} run${reps > 1 ? 's' : ''}`);
      throw new Error(report(`time grew more than ${BOUND}× for ${FACTOR}× the input`));
    }
    if (reply.kind !== 'times') throw new Error(report('unexpected reply'));
    return reply.times;
  };
  for (const size of sizes) {
    const reps = prev === undefined || prev * FACTOR < 300 ? 3 : 1;
    // Past this the ratio is over the bound whatever the rest would show: stop the worker.
    const allowed = prev === undefined ? FIRST_STEP_DEADLINE_MS : Math.max(prev, FLOOR_MS) * BOUND * reps + 1_000;
    const times = await measure(size, reps, allowed);
    const ms = median(times);
    let ratio = prev === undefined ? undefined : ms / Math.max(prev, FLOOR_MS);
    let note = '';
    if (prev !== undefined && ratio! >= BOUND) {
      // A busy machine can fake a blow-up: measure the two sizes again, in turns so that both meet
      // the same load, and compare the fastest runs, which a pause can only slow down.
      const small = [...prevTimes];
      const large = [...times];
      for (let k = 0; k < 3; k++) {
        small.push(...(await measure(prevSize, 1, FIRST_STEP_DEADLINE_MS)));
        large.push(...(await measure(size, 1, allowed)));
      }
      ratio = Math.min(...large) / Math.max(Math.min(...small), FLOOR_MS);
      note = ` (confirmed on the fastest of ${small.length} and ${large.length} runs taken in turns: ${Math.min(...small).toFixed(1)} ms → ${Math.min(...large).toFixed(1)} ms)`;
    }
    log.push(`size ${size}: ${ms.toFixed(1)} ms (median of ${reps})${ratio === undefined ? '' : `, ${ratio.toFixed(1)}× the step before`}${note}`);
    if (ratio !== undefined && ratio >= BOUND) throw new Error(report(`time grew ${ratio.toFixed(1)}× for ${FACTOR}× the input (bound ${BOUND}×)`));
    prev = ms;
    prevSize = size;
    prevTimes = times;
  }
}

/** Sizes from top / FACTOR^(steps-1) up to top, the top scaled for the quick run. */
function ladder(top: number, steps = STEPS, scale = SCALE): number[] {
  return Array.from({ length: steps }, (_, i) => Math.round((top * scale) / FACTOR ** (steps - 1 - i)));
}

/** `unit` repeated to about `size` UTF-16 units. */
const fill = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.round(size / unit.length)));
/** Lines built by `line(i)` until the text holds `count` of them. */
const lines = (count: number, line: (i: number) => string): string => Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';

const KB = 1024;
const MB = 1024 * KB;
const FORMATS: Format[] = ['text', 'markdown'];

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const heading = (i: number): string => `${CN[i % 10]}、总体要求`;
const LINE_UNIT = '一是加强党的建设，全年发展党员6名，党员教育覆盖率达95%；二是落实“三会一课”制度，召开专题会议4次。';

// ---------------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  top: number;
  make: (size: number) => Job;
  /** Only in the full run: the sizes that mean something take too long for npm test. */
  fullOnly?: boolean;
  /** The fraction of `top` the quick run goes up to, where not SCALE. */
  quick?: number;
}

/** The inputs issue 6 names, in plain text and in Markdown. */
function issueScenarios(format: Format): Scenario[] {
  const md = format === 'markdown';
  const lint = (text: string): Job => ({ op: 'lint', format, text });
  const runOf = (unit: string, top: number): Scenario => ({ name: `a run of ${JSON.stringify(unit)}`, top, make: (n) => lint(fill(unit, n)) });
  return withQuick(md ? SCALE / 2 : SCALE, [
    { name: 'a 2 MB single line', top: 2 * MB, make: (n) => lint(fill(LINE_UNIT, n)) },
    // Siblings under one parent: the worst case for anything that compares a heading with its siblings.
    { name: '100 000 one-line headings of one level', top: 100_000, make: (n) => lint(lines(n, (i) => (md ? '## ' : '') + heading(i))) },
    {
      name: '50 000 nested （1） items',
      top: 50_000,
      make: (n) => lint(`一、主要做法\n${md ? '\n' : ''}（一）加强学习\n${md ? '\n' : ''}1.读原著\n${md ? '\n' : ''}` + lines(n, () => `（1）逐篇研读${md ? '\n' : ''}`)),
    },
    { name: '1 MB of 一是一是…', top: MB, make: (n) => lint(fill('一是', n)) },
    runOf('一是，', MB / 4),
    runOf('1', MB / 2),
    runOf('１', MB / 2),
    runOf('%', MB / 2),
    runOf('9%', MB / 2),
    runOf('95%，', MB / 4),
    runOf('12.5%、', MB / 4),
    runOf('*', MB / 2),
    runOf('**', MB / 2),
    runOf('*汉', MB / 4),
    runOf('**党建**', MB / 4),
    runOf('＊', MB / 2),
  ]);
}

/** remark reads Markdown some 50× slower than the text layer: the quick run goes half as far. */
function withQuick(quick: number, scenarios: Scenario[]): Scenario[] {
  return scenarios.map((sc) => ({ quick, ...sc }));
}

/** Inputs that load one part of the core: suppression, counts, figures, the Markdown source map. */
const CORE_SCENARIOS: Array<Scenario & { format: Format }> = [
  // Suppression is looked up for every finding and every comment; the rules are narrowed to the
  // one that reports (or to none) so that the lookup is what grows.
  {
    name: 'disable/enable comments around many findings',
    format: 'text',
    top: MB / 2,
    make: (n) => ({ op: 'lint', format: 'text', rules: ['placeholder'], text: fill('<!-- dangjian-disable placeholder -->\n汉*汉*汉*汉*\n<!-- dangjian-enable placeholder -->\n', n) }),
  },
  {
    name: 'disable-next-line comments',
    format: 'text',
    top: 2 * MB,
    make: (n) => ({ op: 'lint', format: 'text', rules: [], text: fill('<!-- dangjian-disable-next-line -->\n一\n二\n三\n四\n五\n六\n七\n八\n', n) }),
  },
  { name: 'announced counts, each with its items', format: 'text', top: MB / 2, make: (n) => ({ op: 'lint', format: 'text', text: fill('我讲三点意见。\n一是学习。\n', n) }) },
  { name: 'figures in one long sentence', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('发展党员6名，', n) }) },
  { name: 'sentences with figures in one paragraph', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('发展党员6名。', n) }) },
  { name: 'totals with parts in one paragraph', format: 'text', top: MB / 2, make: (n) => ({ op: 'lint', format: 'text', text: fill('共有党员50名，其中女党员20名。', n) }) },
  { name: 'a Markdown paragraph of many lines with escapes', format: 'markdown', top: MB / 8, make: (n) => ({ op: 'lint', format: 'markdown', text: fill('一是学习\\*\n', n) }) },
  { name: 'a Markdown paragraph of many lines with entities', format: 'markdown', top: MB / 8, make: (n) => ({ op: 'lint', format: 'markdown', text: fill('二是落实&amp;\n', n) }) },
  // Each rate takes the figures before it in its sentence, each total the parts after its 其中.
  { name: 'rates in one long sentence', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('党员6名，覆盖率95%，', n) }) },
  { name: 'totals, each with a 其中, in one long sentence', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('共有党员5名，其中女党员2名，', n) }) },
  { name: 'totals before one 其中', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('共有党员5名，', n) + '其中女党员2名。' }) },
  { name: 'counts after closing quotes', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('”三个', n) }) },
  { name: 'figures with time words in one long sentence', format: 'text', top: MB / 4, make: (n) => ({ op: 'lint', format: 'text', text: fill('2024年发展党员6名，', n) }) },
  // The parser rematches emphasis across a paragraph and rereads a quote's lazy lines for each line.
  ...(
    [
      ['the lazy lines of a quote', (n: number) => '> 一是学习\n' + fill('汉*汉*落实\n', n)],
      ['a quote of many lines with emphasis markers', (n: number) => fill('> 汉*汉*落实\n', n)],
      ['a list item of many indented lines with emphasis markers', (n: number) => '- 一是学习\n' + fill('  汉*汉*落实\n', n)],
      ['a paragraph of many lines with emphasis markers', (n: number) => fill('汉*汉*落实\n', n)],
    ] as const
  ).map(([name, text]): Scenario & { format: Format } => ({ name, format: 'markdown', top: MB / 4, fullOnly: true, make: (n) => ({ op: 'lint', format: 'markdown', text: text(n) }) })),
];

describe('linear cost on adversarial inputs (time ratio between input sizes)', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      for (const sc of issueScenarios(format)) {
        it.runIf(FULL || !sc.fullOnly)(sc.name, async () => {
          await expectLinear(`${sc.name} (${format})`, sc.make, ladder(sc.top, STEPS, FULL ? 1 : (sc.quick ?? SCALE)));
        }, TEST_TIMEOUT_MS);
      }
    });
  }

  describe('inputs that load one part of the core', () => {
    for (const sc of CORE_SCENARIOS) {
      it.runIf(FULL || !sc.fullOnly)(`${sc.name} (${sc.format})`, async () => {
        await expectLinear(`${sc.name} (${sc.format})`, sc.make, ladder(sc.top, STEPS, FULL ? 1 : (sc.quick ?? SCALE)));
      }, TEST_TIMEOUT_MS);
    }
  });
});

describe('no crash on deep or wide structure (with the stack of a main thread)', () => {
  /** Runs each job and returns label → 'ok' or the error it threw. */
  async function outcomes(jobs: ReadonlyArray<readonly [string, Job]>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [label, job] of jobs) {
      const reply = await sandbox.run(job, 1, 120_000);
      out[label] = reply.kind === 'times' ? 'ok' : reply.kind === 'error' ? reply.error.split('\n').slice(0, 2).join(' ') : reply.kind;
    }
    return out;
  }
  const allOk = (jobs: ReadonlyArray<readonly [string, Job]>): Record<string, string> => Object.fromEntries(jobs.map(([label]) => [label, 'ok']));

  it('deeply nested Markdown blockquotes and lists', async () => {
    const jobs: Array<[string, Job]> = [
      ['10 000 nested blockquotes', { op: 'lint', format: 'markdown', text: '>'.repeat(10_000) + ' 一、总体要求' }],
      ['2 000 nested lists', { op: 'lint', format: 'markdown', text: '- '.repeat(2_000) + '一、总体要求' }],
      ['emphasis nested 10 000 deep', { op: 'lint', format: 'markdown', text: '*'.repeat(20_000) + '一、总体要求' + '*'.repeat(20_000) }],
    ];
    expect(await outcomes(jobs)).toEqual(allOk(jobs));
  }, TEST_TIMEOUT_MS);

  it('200 000 numbered lines, and a paragraph of 200 000 figures', async () => {
    const headings = '一、\n'.repeat(200_000);
    const jobs: Array<[string, Job]> = [
      ['the model, with the numbered lines before a title', { op: 'model', format: 'text', text: headings + '标题\n' }],
      ['numbering-level', { op: 'lint', format: 'text', text: headings, rules: ['numbering-level'] }],
      ['required-section', { op: 'lint', format: 'text', text: headings, rules: ['required-section'] }],
      ['the claims of one paragraph', { op: 'lint', format: 'text', text: '党员6名。'.repeat(200_000), rules: ['percent-range'] }],
    ];
    expect(await outcomes(jobs)).toEqual(allOk(jobs));
  }, TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// Every regular expression.

interface Pattern {
  /** Where it is: file#variable for module-level patterns, file#function otherwise. */
  where: string;
  source: string;
  flags: string;
  moduleLevel: boolean;
}

interface Constructed {
  where: string;
  text: string;
  moduleLevel: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(abs(dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** The name of what holds a node: the module-level variable, else the nearest named function. */
function holderOf(node: ts.Node): { name: string; moduleLevel: boolean } {
  let fn: string | undefined;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!fn && (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) fn = n.name.getText();
    if (!fn && (ts.isArrowFunction(n) || ts.isFunctionExpression(n))) {
      const p = n.parent;
      if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) fn = p.name.getText();
    }
    if (ts.isVariableStatement(n) && ts.isSourceFile(n.parent)) {
      const name = n.declarationList.declarations.map((d) => d.name.getText()).join(',');
      return fn ? { name: `${name}.${fn}`, moduleLevel: false } : { name, moduleLevel: true };
    }
  }
  return { name: fn ?? '(module)', moduleLevel: false };
}

/** Every regex literal and every `new RegExp(…)` in src/core and src/rules. */
function inventory(): { literals: Pattern[]; constructed: Constructed[] } {
  const literals: Pattern[] = [];
  const constructed: Constructed[] = [];
  for (const file of [...sourceFiles('src/core'), ...sourceFiles('src/rules')]) {
    const sf = ts.createSourceFile(file, readFileSync(abs(file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const rel = relative(ROOT, abs(file)).replace(/\\/g, '/');
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const slash = text.lastIndexOf('/');
        const holder = holderOf(n);
        literals.push({ where: `${rel}#${holder.name}`, source: text.slice(1, slash), flags: text.slice(slash + 1), moduleLevel: holder.moduleLevel });
      } else if (ts.isNewExpression(n) && n.expression.getText() === 'RegExp') {
        const holder = holderOf(n);
        constructed.push({ where: `${rel}#${holder.name}`, text: n.getText().slice(0, 120), moduleLevel: holder.moduleLevel });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, constructed };
}

/**
 * The characters a pattern is made of, in order: its literal characters, the ends of its
 * character-class ranges, a stand-in for each escape class, and outsiders for negated classes.
 */
function alphabetOf(source: string): string[] {
  const out: string[] = [];
  const add = (c: string): void => {
    if (c && !out.includes(c)) out.push(c);
  };
  const escape = (i: number): [string[], number] => {
    const c = source[i + 1] ?? '';
    switch (c) {
      case 'd':
        return [['1', '9'], i + 2];
      case 'D':
      case 'W':
      case 'S':
        return [['汉', '!'], i + 2];
      case 's':
        return [[' ', '\t', '\u3000'], i + 2];
      case 'w':
        return [['a', '_', '1'], i + 2];
      case 'n':
        return [['\n'], i + 2];
      case 'r':
        return [['\r'], i + 2];
      case 't':
        return [['\t'], i + 2];
      case 'b':
      case 'B':
        return [[], i + 2];
      case 'p':
      case 'P': {
        const end = source.indexOf('}', i);
        return [['汉', 'a'], end + 1];
      }
      case 'u': {
        if (source[i + 2] === '{') {
          const end = source.indexOf('}', i);
          return [[String.fromCodePoint(parseInt(source.slice(i + 3, end), 16))], end + 1];
        }
        return [[String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16))], i + 6];
      }
      case 'x':
        return [[String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16))], i + 4];
      default:
        return [/[0-9]/.test(c) ? [] : [c], i + 2];
    }
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const [cs, next] = escape(i);
      cs.forEach(add);
      i = next;
    } else if (c === '[') {
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      const members: string[] = [];
      while (j < source.length && source[j] !== ']') {
        if (source[j] === '\\') {
          const [cs, next] = escape(j);
          members.push(...cs);
          j = next;
        } else {
          members.push(source[j]!);
          j++;
        }
      }
      i = j + 1;
      if (negated) ['汉', 'a', '1', ' '].filter((x) => !members.includes(x)).forEach(add);
      else members.filter((m) => m !== '-').forEach(add);
    } else if (c === '{') {
      const end = source.indexOf('}', i);
      i = end < 0 ? i + 1 : end + 1;
    } else if (c === '(') {
      i++;
      if (source[i] === '?') {
        i++;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') i = source.indexOf('>', i) + 1;
        else i += source[i] === '<' ? 2 : 1;
      }
    } else if ('|)?*+^$'.includes(c)) {
      i++;
    } else if (c === '.') {
      add('a');
      i++;
    } else {
      add(c);
      i++;
    }
  }
  return out;
}

/** Worst-case candidates: each character repeated, pairs of neighbours, the whole alphabet, each after a prefix of the pattern. */
function candidatesFor(source: string): Candidate[] {
  const alphabet = alphabetOf(source);
  const singles = alphabet.slice(0, 40);
  // Each character repeated, and repeated before a character that breaks the match at the end.
  const out: Candidate[] = singles.flatMap((unit) => [{ prefix: '', unit }, { prefix: '', unit, suffix: '\u0001' }]);
  for (let k = 0; k + 1 < Math.min(alphabet.length, 16); k++) out.push({ prefix: '', unit: alphabet[k]! + alphabet[k + 1]! });
  if (alphabet.length > 1) out.push({ prefix: '', unit: alphabet.slice(0, 64).join('') });
  for (const cut of [2, 4, 8]) {
    if (alphabet.length <= cut) break;
    const prefix = alphabet.slice(0, cut).join('');
    for (const unit of alphabet.slice(cut, cut + 4)) out.push({ prefix, unit });
    out.push({ prefix, unit: alphabet.slice(cut).join('') });
  }
  return out;
}

const describeCandidate = (c: Candidate): string => `${JSON.stringify(c.prefix)} + ${JSON.stringify(c.unit)} repeated${c.suffix ? ` + ${JSON.stringify(c.suffix)}` : ''}`;

/** Hand-written worst cases for patterns whose loops a generic candidate does not reach. */
const EXTRA_CANDIDATES: Record<string, Candidate[]> = {
  'src/core/source.ts#DIRECTIVE': [
    { prefix: '<!-- dangjian-disable', unit: ' a' },
    { prefix: '<!-- dangjian-disable', unit: ' ' },
    { prefix: '', unit: '<!-- dangjian-disable a' },
  ],
  'src/core/source.ts#COMMENT_LINE': [
    { prefix: '<!--', unit: '-' },
    { prefix: '<!--', unit: '--!' },
  ],
  'src/core/source.ts#STRAY_EMPHASIS': [
    { prefix: '', unit: '*' },
    { prefix: '', unit: '**a' },
    { prefix: '', unit: '_' },
  ],
};

/**
 * Patterns built at run time are driven through the public function that builds them, over
 * 100 000-fold repetitions of what they loop on. Keyed by where the pattern is (see holderOf).
 */
const CONSTRUCTED: Record<string, { units: string[]; job: (text: string) => Job } | { exempt: string }> = {
  'src/core/markers.ts#L1': { units: ['一', '十', '一、', '一、二', '一、二季'], job: (text) => ({ op: 'matchMarker', text }) },
  'src/core/markers.ts#L2': { units: ['，', '、.', '（一）', '）'], job: (text) => ({ op: 'matchMarker', text: '（一）' + text }) },
  'src/core/markers.ts#L3': { units: ['1', '１', '1.', '1.5'], job: (text) => ({ op: 'matchMarker', text }) },
  'src/core/markers.ts#L4': { units: ['，', '、.', '(1)', '）'], job: (text) => ({ op: 'matchMarker', text: '(1)' + text }) },
  'src/core/markers.ts#L4_BARE': { units: ['1', '1)'], job: (text) => ({ op: 'matchMarker', text }) },
  'src/core/markers.ts#INLINE_RE': { units: ['一', '一是', '第', '第一', '十一', '首', '首先', '统一是'], job: (text) => ({ op: 'scanInline', text }) },
  'src/core/claims.ts#QUANTITY': { units: ['1', '约', '约1', '1.', '1万', '1余'], job: (text) => ({ op: 'claims', text }) },
  'src/core/claims.ts#ANNOUNCE': { units: ['讲', '讲三', '以下', '三个', '讲三个点'], job: (text) => ({ op: 'claims', text }) },
  'src/core/claims.ts#LISTED': { units: ['三', '三个', '三项', '、三'], job: (text) => ({ op: 'claims', text }) },
  'src/core/source.ts#maskFrontMatter': { units: [' ', '\t', '-'], job: (text) => ({ op: 'model', format: 'markdown', text: `---\n标题\n---${text}x\n` }) },
  'src/rules/inline-sequence.ts#uncountedBefore': { units: ['一', '统一', '二'], job: (text) => ({ op: 'lint', format: 'text', rules: ['inline-sequence'], text: `一、标题\n${text}；三是落实。` }) },
  'src/rules/number-format.ts#APPROX_PLUS': { units: ['约', '约1', '大约1', '约一', '约1万'], job: (text) => ({ op: 'lint', format: 'text', rules: ['number-format'], text }) },
  'src/rules/number-format.ts#APPROX_AROUND': { units: ['约1', '约1左', '约一二三四五'], job: (text) => ({ op: 'lint', format: 'text', rules: ['number-format'], text }) },
  'src/rules/number-format.ts#PLENUM': { units: ['1', '1届', '第1届1', '十届'], job: (text) => ({ op: 'lint', format: 'text', rules: ['number-format'], text }) },
  'src/rules/placeholder.ts#runsOf': { units: ['*', '*汉', 'X', 'X汉', '某', '〇'], job: (text) => ({ op: 'lint', format: 'text', rules: ['placeholder'], text }) },
  'src/core/config.ts#resolveConfig': { exempt: 'user-supplied placeholder patterns: the config check of issue 6, item 4' },
  'src/rules/placeholder.ts#compile': { exempt: 'user-supplied placeholder patterns: the config check of issue 6, item 4' },
};

describe('every regular expression in src/core and src/rules over a worst case of its own', () => {
  const { literals, constructed } = inventory();

  it('the harness itself flags a quadratic pattern and kills a catastrophic one', async () => {
    const quadratic = await sandbox.run({ op: 'battery', source: '\\s+$', flags: '', candidates: [{ prefix: '', unit: ' ', suffix: 'x' }], size: 4_000 }, 1, 60_000);
    expect(quadratic.kind).toBe('battery');
    if (quadratic.kind === 'battery') expect(quadratic.results[0]!.large / quadratic.results[0]!.small).toBeGreaterThan(BOUND);
    const catastrophic = await sandbox.run({ op: 'battery', source: '^(a+)+$', flags: '', candidates: [{ prefix: '', unit: 'a' }, { prefix: 'a'.repeat(40), unit: '!' }], size: 40 }, 1, 1_000);
    expect(catastrophic).toEqual({ kind: 'timeout', progress: 1 });
    await expect(expectLinear('a quadratic job', (n) => ({ op: 'regex', source: '\\s+$', flags: '', text: ' '.repeat(n) + 'x' }), ladder(32_000, 3, 1))).rejects.toThrow(/grew/);
  }, TEST_TIMEOUT_MS);

  it('finds the patterns, and each pattern built at run time has a worst case here', () => {
    expect(literals.length).toBeGreaterThan(50);
    const missing = constructed.filter((c) => !(c.where in CONSTRUCTED)).map((c) => `${c.where}: ${c.text}`);
    expect(missing, 'new RegExp(…) without a worst case in test/adversarial.test.ts (add it to CONSTRUCTED)').toEqual([]);
  });

  /** Runs each pattern over its worst-case candidates and returns what grew superlinearly. */
  async function superlinear(patterns: readonly Pattern[]): Promise<string[]> {
    const seen = new Set<string>();
    const failures: string[] = [];
    for (const p of patterns) {
      const key = `/${p.source}/${p.flags}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const candidates = [...candidatesFor(p.source), ...(EXTRA_CANDIDATES[p.where] ?? [])];
      const reply = await sandbox.run({ op: 'battery', source: p.source, flags: p.flags, candidates, size: 2_000 }, 1, 60_000);
      if (reply.kind === 'timeout') {
        const c = reply.progress === undefined ? undefined : candidates[reply.progress];
        failures.push(`${p.where} ${key}: no answer within 60 s on ${c ? describeCandidate(c) : 'its candidates'}`);
      } else if (reply.kind === 'error') {
        failures.push(`${p.where} ${key}: ${reply.error}`);
      } else if (reply.kind === 'battery') {
        for (const r of reply.results) {
          const ratio = r.large / Math.max(r.small, 0.05);
          if (ratio < BOUND) continue;
          failures.push(`${p.where} ${key}: ${describeCandidate(candidates[r.candidate]!)}: ${r.small.toFixed(3)} ms → ${r.large.toFixed(3)} ms for ${FACTOR}× the input (${ratio.toFixed(1)}×)`);
        }
      }
    }
    return failures;
  }

  it('module-level regex literals and exported RegExps: no superlinear matching', async () => {
    const patterns = literals.filter((p) => p.moduleLevel);
    // Exported RegExp values, wherever they come from, join the literals read from the source.
    for (const file of [...sourceFiles('src/core'), ...sourceFiles('src/rules')]) {
      const mod = (await import(/* @vite-ignore */ abs(file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (value instanceof RegExp) patterns.push({ where: `${file.replace(/\\/g, '/')}#${name}`, source: value.source, flags: value.flags, moduleLevel: true });
      }
    }
    expect(patterns.length).toBeGreaterThan(40);
    expect(await superlinear(patterns)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('regex literals inside functions: no superlinear matching', async () => {
    expect(await superlinear(literals.filter((p) => !p.moduleLevel))).toEqual([]);
  }, TEST_TIMEOUT_MS);

  for (const [where, scenario] of Object.entries(CONSTRUCTED)) {
    if ('exempt' in scenario) continue;
    it(`${where} (built at run time), through its public function`, async () => {
      for (const unit of scenario.units) {
        await expectLinear(`${where} on ${JSON.stringify(unit)} repeated`, (n) => scenario.job(unit.repeat(Math.max(1, Math.round(n / unit.length)) )), ladder(100_000 * unit.length, 3));
      }
    }, TEST_TIMEOUT_MS);
  }
});
