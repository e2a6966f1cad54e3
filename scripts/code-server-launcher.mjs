#!/usr/bin/env node
// Stands in for the desktop VS Code executable when @vscode/test-electron (through @vscode/test-cli)
// runs the integration suite on a machine that has no desktop VS Code (issue 5): it starts
// code-server (installed by scripts/setup-vscode.sh) in its own process group, opens its workbench
// in headless Chromium with playwright-core, and hands the workbench the extension under
// development and the test runner the way VS Code's own web tests do (the `payload` query
// parameter, window.codeAutomationLog and window.codeAutomationExit). The extension and its tests
// run in code-server's real Node extension host. Exits with the tests' exit code, then stops
// every process it started. scripts/code-server-vscode is the executable to hand test-electron;
// scripts/e2e.mjs uses the helpers exported here.
//
// Accepts the desktop flags test-electron passes: --extensionDevelopmentPath, --extensionTestsPath,
// --user-data-dir, --extensions-dir and a folder (or .code-workspace file) to open; other flags
// (--no-sandbox, --disable-extensions, --skip-welcome, ...) are accepted and ignored.
//
// Environment:
//   CODE_SERVER_BIN        code-server's entry (default .vscode-test/code-server/node_modules/.bin/code-server)
//   CHROMIUM_PATH          the browser (default /usr/bin/chromium)
//   LAUNCHER_TIMEOUT_MS    give up after this long (default 600000)
//   LAUNCHER_LOGS_DIR      where to write the logs the workbench hands back at the end
//                          (default .vscode-test/logs/<time>)
//   LAUNCHER_VERBOSE=1     echo code-server's own output and the browser console (2: also the raw
//                          codeAutomationLog calls)
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.env.LAUNCHER_VERBOSE === '1' || process.env.LAUNCHER_VERBOSE === '2';
const rawLog = process.env.LAUNCHER_VERBOSE === '2';
const say = (...a) => console.error('[code-server-launcher]', ...a);

export const CODE_SERVER_BIN = process.env.CODE_SERVER_BIN ?? path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's flags on these offline machines (issue 5): without the background-networking ones it
 * keeps trying to reach hosts it cannot. Playwright adds a fresh, temporary user data dir.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A quiet profile for a machine without network: no update checks, recommendations or tips. */
export const QUIET_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

/** The desktop command line: `--name=value`, `--name value` and positional paths. */
export function parseArgs(argv) {
  const takesValue = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale', 'log']);
  const out = { extensionDevelopmentPath: [], extensionTestsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.folder = a;
      continue;
    }
    let [name, value] = a.slice(2).split(/=(.*)/s, 2);
    if (value === undefined && takesValue.has(name)) value = argv[++i];
    switch (name) {
      case 'extensionDevelopmentPath':
        out.extensionDevelopmentPath.push(value);
        break;
      case 'extensionTestsPath':
        out.extensionTestsPath = value;
        break;
      case 'user-data-dir':
        out.userDataDir = value;
        break;
      case 'extensions-dir':
        out.extensionsDir = value;
        break;
      default:
        out.ignored.push(a);
    }
  }
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Stops a process group: SIGTERM, then SIGKILL for whatever is left after a grace period. */
export async function killGroup(pid, graceMs = 3000) {
  if (!pid) return;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const end = Date.now() + graceMs;
  while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

export function checkInstalled() {
  if (!existsSync(CODE_SERVER_BIN)) throw new Error(`code-server not found at ${CODE_SERVER_BIN}: run \`bash scripts/setup-vscode.sh\``);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`bash scripts/setup-vscode.sh\``);
}

/** The environment code-server runs in: its config and data under `tmp`, no extension gallery. */
function codeServerEnv(tmp) {
  return {
    ...process.env,
    // This machine reaches no extension gallery; the workbench's queries would only log errors.
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{"serviceUrl":""}',
    // code-server writes (and reads) a config file under XDG_CONFIG_HOME on every start.
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    ELECTRON_RUN_AS_NODE: undefined,
  };
}

/** Runs code-server's CLI to completion (e.g. --install-extension); resolves with its output. */
export function codeServerCli(args, { tmp }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CODE_SERVER_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(tmp) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}

/**
 * Starts code-server on 127.0.0.1 at a free port, in a process group of its own (code-server forks
 * an extension host, a pty host and file watchers, and leaves them behind unless the whole group is
 * stopped). Resolves once it answers; `stop()` ends the group.
 */
export async function startCodeServer({ userDataDir, extensionsDir, tmp, extraArgs = [], echo = verbose }) {
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // Only when the profile has no settings yet, so that a profile someone prepared is left alone.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile)) {
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify(QUIET_SETTINGS, null, 2) + '\n');
  }
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const configFile = path.join(tmp, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [
    '--bind-addr', authority,
    '--auth', 'none',
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...extraArgs,
  ];
  const logFile = path.join(tmp, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const child = spawn(process.execPath, [CODE_SERVER_BIN, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(tmp) });
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (d) => {
      logStream.write(d);
      if (echo) process.stderr.write(d);
    });
  }
  let stopped = false;
  const server = {
    authority,
    url: `http://${authority}`,
    child,
    logFile,
    /** code-server's output so far, last lines first cut. */
    tail(n = 40) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
      } catch {
        return '';
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await killGroup(child.pid);
      await new Promise((r) => logStream.end(r));
    },
  };
  const end = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`code-server exited at start (${child.exitCode ?? child.signalCode}):\n${server.tail()}`);
    }
    try {
      const r = await fetch(`${server.url}/healthz`, { redirect: 'manual' });
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await server.stop();
      throw new Error(`code-server did not answer at ${server.url} within 60 s:\n${server.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The test-electron side: run the extension tests in code-server and return their exit code. */
async function main() {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  if (args.ignored.length && verbose) say('ignoring', args.ignored.join(' '));
  if (!args.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  checkInstalled();

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dangjian-cs-'));
  const userDataDir = path.resolve(args.userDataDir ?? path.join(tmp, 'user-data'));
  const extensionsDir = path.resolve(args.extensionsDir ?? path.join(tmp, 'extensions'));
  const logsDir = path.resolve(process.env.LAUNCHER_LOGS_DIR ?? path.join(root, '.vscode-test', 'logs', new Date().toISOString().replace(/[:.]/g, '-')));

  let server;
  let browser;
  let finished = false;
  const cleanup = async () => {
    if (finished) return;
    finished = true;
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };
  const onSignal = (sig) => {
    say(`${sig}: stopping`);
    void cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let exitCode = 1;
  try {
    server = await startCodeServer({ userDataDir, extensionsDir, tmp });
    if (verbose) say(`code-server is up at ${server.url} after ${Date.now() - started} ms`);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    const done = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationLog', (type, logArgs) => {
        // The workbench's log, which carries the extension host's console (what mocha prints):
        // ['%c INFO', css, ...what was logged] or just what was logged.
        const list = Array.isArray(logArgs) ? [...logArgs] : [logArgs];
        if (typeof list[0] === 'string' && list[0].startsWith('%c') && typeof list[1] === 'string') list.splice(0, 2);
        if (rawLog) say('codeAutomationLog', type, JSON.stringify(logArgs));
        (type === 'error' ? process.stderr : process.stdout).write((list.length ? format(...list) : '') + '\n');
      });
      void page.exposeFunction('codeAutomationExit', (code, logs) => {
        if (Array.isArray(logs) && logs.length) {
          for (const { relativePath, contents } of logs) {
            const file = path.join(logsDir, relativePath);
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, contents);
          }
          say(`the workbench's logs are in ${path.relative(process.cwd(), logsDir) || '.'}`);
        }
        resolve(typeof code === 'number' ? code : 1);
      });
    });
    if (verbose) {
      page.on('pageerror', (e) => say('page error:', e.message));
      page.on('console', (m) => say(`console.${m.type()}:`, m.text()));
    }

    const remote = (p) => `vscode-remote://${server.authority}${path.resolve(p).split(path.sep).join('/')}`;
    const payload = [...args.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(args.extensionTestsPath)]];
    const q = new URLSearchParams();
    if (args.folder) {
      const f = path.resolve(args.folder);
      q.set(existsSync(f) && statSync(f).isFile() ? 'workspace' : 'folder', f);
    } else {
      q.set('ew', 'true');
    }
    q.set('payload', JSON.stringify(payload));
    if (verbose) say('opening', `${server.url}/?${q}`);
    await page.goto(`${server.url}/?${q}`, { waitUntil: 'domcontentloaded', timeout: 60000 });

    const timeoutMs = Number(process.env.LAUNCHER_TIMEOUT_MS ?? 600000);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        say(`no result after ${timeoutMs} ms: giving up`);
        resolve(1);
      }, timeoutMs);
    });
    const crashed = new Promise((resolve) => {
      server.child.on('exit', (c, s) => {
        if (!finished) say(`code-server exited (${c ?? s}) before the tests finished`);
        resolve(1);
      });
    });
    exitCode = await Promise.race([done, timeout, crashed]);
    clearTimeout(timer);
  } catch (e) {
    say('error:', e instanceof Error ? e.message : e);
    exitCode = 1;
  }
  if (exitCode !== 0 && !verbose && server) say('code-server said (last 40 lines):\n' + server.tail());
  await cleanup();
  if (verbose) say(`exit ${exitCode} after ${Date.now() - started} ms`);
  return exitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      say('error:', e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
