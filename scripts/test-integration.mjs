// Integration tests in a real VS Code: builds the extension, compiles test/integration/suite with
// esbuild into dist/test/, then runs it through @vscode/test-cli with the VS Code named by
// VSCODE_EXECUTABLE, or a desktop install found in the usual places. Without one it says so and
// exits 0: nothing is downloaded.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

let executable = process.env.VSCODE_EXECUTABLE;
if (executable && !existsSync(executable)) {
  console.error(`test:integration: VSCODE_EXECUTABLE is set to “${executable}”, which does not exist.`);
  process.exit(1);
}
executable ??= candidates().find((c) => existsSync(c));

if (!executable) {
  console.log(`
test:integration: SKIPPED — no VS Code found on this machine, so the integration suite did not run.
  To run it, point VSCODE_EXECUTABLE at a VS Code (1.82 or later) executable — the Electron binary,
  not the \`code\` shell script — for example:
    Linux:   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:integration
    macOS:   VSCODE_EXECUTABLE="/Applications/Visual Studio Code.app/Contents/MacOS/Electron" npm run test:integration
    Windows: set VSCODE_EXECUTABLE=%LOCALAPPDATA%\\Programs\\Microsoft VS Code\\Code.exe && npm run test:integration
  or install VS Code desktop in its usual place. On a Linux machine without a display, install xvfb
  (xvfb-run is used when DISPLAY is unset). The unit tests (npm test) cover the same providers
  against an in-memory VS Code.`);
  process.exit(0);
}

console.log(`test:integration: using VS Code at ${executable}`);
const env = { ...process.env, VSCODE_EXECUTABLE: path.resolve(executable) };
const cli = path.join('node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
let cmd = process.execPath;
let args = [cli, '--config', '.vscode-test.mjs'];
if (process.platform === 'linux' && !process.env.DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (xvfb) {
    args = ['-a', cmd, ...args];
    cmd = xvfb;
  } else {
    console.warn('test:integration: DISPLAY is unset and xvfb-run is not installed; VS Code may fail to start.');
  }
}
process.exit(run(cmd, args, env));
