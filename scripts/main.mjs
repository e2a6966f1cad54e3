// The main job: build, lint the example drafts with the CLI (findings are expected: one draft is
// written wrong on purpose), then package the .vsix.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function run(cmd, args, okCodes = [0]) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (!okCodes.includes(r.status ?? 1)) {
    console.error(`main: “${cmd} ${args.join(' ')}” exited with ${r.status ?? r.signal}`);
    process.exit(1);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
run(npm, ['run', 'build']);
// Exit code 1 means "findings reported"; 2 would mean the CLI could not do its job.
run(process.execPath, ['dist/cli.mjs', 'examples'], [0, 1]);
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
if (scripts.package) run(npm, ['run', 'package']);
else console.log('\nmain: no "package" script yet, so no .vsix was made');
