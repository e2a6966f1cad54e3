// Integration tests in a real VS Code: builds the extension, compiles test/integration/suite with
// esbuild into dist/test/, then runs it through @vscode/test-cli with the VS Code named by
// VSCODE_EXECUTABLE, or a desktop install found in the usual places, or else code-server in headless
// Chromium when scripts/setup-vscode.sh has installed it (scripts/code-server-vscode). Without any
// of them it says so and exits 0 (1 when REQUIRE_VSCODE_IT=1): nothing is downloaded.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
}

if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);

const suiteDir = 'test/integration/suite';
const entries = readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(suiteDir, f));
await build({
  entryPoints: entries,
  outdir: 'dist/test/suite',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(`test:integration: compiled ${entries.length} suite file(s) into dist/test/suite`);

function candidates() {
  const home = process.env.HOME ?? '';
  const local = process.env.LOCALAPPDATA ?? '';
  const programs = process.env.ProgramFiles ?? 'C:\\Program Files';
  const list = {
    linux: ['/usr/share/code/code', '/usr/lib/code/code', '/opt/visual-studio-code/code', '/snap/code/current/usr/share/code/code', '/usr/share/code-insiders/code-insiders'],
    darwin: [
      '/Applications/Visual Studio Code.app/Contents/MacOS/Electron',
      '/Applications/Visual Studio Code.app/Contents/MacOS/Code',
      `${home}/Applications/Visual Studio Code.app/Contents/MacOS/Electron`,
    ],
    win32: [path.join(local, 'Programs', 'Microsoft VS Code', 'Code.exe'), path.join(programs, 'Microsoft VS Code', 'Code.exe')],
  }[process.platform] ?? [];
  // A copy that @vscode/test-electron downloaded earlier into .vscode-test/ counts too.
  if (existsSync('.vscode-test')) {
    for (const d of readdirSync('.vscode-test')) {
      if (!d.startsWith('vscode-')) continue;
      list.push(path.join('.vscode-test', d, 'code'), path.join('.vscode-test', d, 'VSCode-linux-x64', 'code'), path.join('.vscode-test', d, 'Code.exe'));
    }
  }
  return list;
}

const codeServerShim = path.join(root, 'scripts', 'code-server-vscode');
const codeServerInstalled = () =>
  existsSync(path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server')) && existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

let executable = process.env.VSCODE_EXECUTABLE;
if (executable && !existsSync(executable)) {
  console.error(`test:integration: VSCODE_EXECUTABLE is set to “${executable}”, which does not exist.`);
  process.exit(1);
}
executable ??= candidates().find((c) => existsSync(c));
// No desktop VS Code: code-server in headless Chromium, if scripts/setup-vscode.sh installed it.
if (!executable && codeServerInstalled()) executable = codeServerShim;
const viaCodeServer = executable === codeServerShim;

if (!executable) {
  const required = process.env.REQUIRE_VSCODE_IT === '1';
  console.log(`
test:integration: ${required ? 'FAILED' : 'SKIPPED'} — no VS Code found on this machine, so the integration suite did not run.
  To run it here, install code-server and Chromium (Debian/Ubuntu, as root or with sudo; offline
  machines too, from the npm registry and Debian's packages):
    bash scripts/setup-vscode.sh && npm run test:integration
  or point VSCODE_EXECUTABLE at a VS Code (1.82 or later) executable — the Electron binary,
  not the \`code\` shell script — for example:
    Linux:   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:integration
    macOS:   VSCODE_EXECUTABLE="/Applications/Visual Studio Code.app/Contents/MacOS/Electron" npm run test:integration
    Windows: set VSCODE_EXECUTABLE=%LOCALAPPDATA%\\Programs\\Microsoft VS Code\\Code.exe && npm run test:integration
  or install VS Code desktop in its usual place. On a Linux machine without a display, install xvfb
  (xvfb-run is used when DISPLAY is unset). The unit tests (npm test) cover the same providers
  against an in-memory VS Code.${required ? '\n  REQUIRE_VSCODE_IT=1 is set, so a missing VS Code is an error.' : ''}`);
  process.exit(required ? 1 : 0);
}

// The suite edits settings and config files: it gets a fresh copy of the fixtures as its
// workspace, and a fresh profile, every run.
const work = path.join(root, '.vscode-test', 'it');
rmSync(work, { recursive: true, force: true });
const workspace = path.join(work, 'workspace');
cpSync(path.join(root, 'test', 'integration', 'fixtures'), workspace, { recursive: true });
for (const d of ['user-data', 'extensions']) rmSync(path.join(root, '.vscode-test', d), { recursive: true, force: true });

console.log(`test:integration: using ${viaCodeServer ? 'code-server in headless Chromium (scripts/code-server-launcher.mjs)' : `VS Code at ${executable}`}`);
const env = {
  ...process.env,
  VSCODE_EXECUTABLE: path.resolve(executable),
  DANGJIAN_IT_WORKSPACE: workspace,
  ...(viaCodeServer ? { LAUNCHER_LOGS_DIR: path.join(work, 'logs') } : {}),
};
const cli = path.join('node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
let cmd = process.execPath;
let args = [cli, '--config', '.vscode-test.mjs'];
if (process.platform === 'linux' && !process.env.DISPLAY && !viaCodeServer) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (xvfb) {
    args = ['-a', cmd, ...args];
    cmd = xvfb;
  } else {
    console.warn('test:integration: DISPLAY is unset and xvfb-run is not installed; VS Code may fail to start.');
  }
}
process.exit(run(cmd, args, env));
