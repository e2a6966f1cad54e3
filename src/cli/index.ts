import v8 from 'node:v8';
import { main } from './main';

// A lint of a draft of usual size is over before TurboFan's optimized code repays its compile,
// done on the other core if there is one free: without TurboFan a run over a 100k-character draft
// took a third less CPU time, over 1M about as much, over 2M a fifth more (issue 7). So the run
// starts without it and turns it on once it has read 2 MB (some 700k Chinese characters in UTF-8).
const OPTIMIZE_AFTER_BYTES = 2 * 1024 * 1024;
v8.setFlagsFromString('--no-opt');
let bytesRead = 0;

/**
 * Exits as soon as stdout and stderr have taken all the output. Left to itself, Node would first
 * let the garbage collector finish a cycle it began near the end: work for a heap about to go.
 * Files, and on Linux and macOS pipes and terminals, take a write at once; an asynchronous stream
 * (a pipe on Windows) is waited for.
 */
function exit(code: number): void {
  process.exitCode = code;
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
  else process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}

main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  onRead: (bytes) => {
    if (bytesRead < OPTIMIZE_AFTER_BYTES && (bytesRead += bytes) >= OPTIMIZE_AFTER_BYTES) v8.setFlagsFromString('--opt');
  },
}).then(exit, (e: unknown) => {
  process.stderr.write(`dangjian-lint：内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  exit(2);
});
