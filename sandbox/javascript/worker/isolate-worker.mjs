/**
 * A child process that hosts isolates, one program at a time, for the JavaScript executor
 * (sandbox/javascript/isolate-worker-pool.ts). It is plain ESM so that it needs no loader; the pool
 * starts it with `--no-node-snapshot`, which isolated-vm needs on Node 20.
 *
 * Protocol over the IPC channel:
 *   worker -> host  { type: 'ready', isolatedVm: string, procLimits: string | null }
 *                   (procLimits: /proc/self/limits, so the host can check the memory cap it set)
 *   host -> worker  { type: 'run', id: number, job: { program, test, limits } }
 *   worker -> host  { type: 'result', id: number, outcome: RawOutcome }
 * A V8 fatal error takes this process down (the host replaces it); before that, a line
 * starting with CATASTROPHE_MARKER goes to stderr so the host can tell an out-of-memory abort
 * from any other crash.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeSync } from 'node:fs';
import { runInIsolate } from './run-in-isolate.mjs';

const CATASTROPHE_MARKER = 'passk-js-worker catastrophic error:';
const require = createRequire(import.meta.url);
const ivm = require('isolated-vm');
const { version } = require('isolated-vm/package.json');

function onCatastrophe(message) {
  try {
    writeSync(2, `${CATASTROPHE_MARKER} ${String(message)}\n`);
  } finally {
    process.abort(); // as isolated-vm's documentation asks: the process state is unrecoverable
  }
}

process.on('message', async (message) => {
  if (!message || message.type !== 'run') return;
  const outcome = await runInIsolate(ivm, message.job, onCatastrophe).catch((error) => ({
    events: [{ kind: 'harness', message: `worker: ${error instanceof Error ? error.stack : String(error)}` }],
    completed: false,
    assertionFailures: 0,
    stdout: '',
    stderr: '',
    outputBytes: 0,
    runMs: 0,
  }));
  process.send?.({ type: 'result', id: message.id, outcome });
});
// The host went away (or closed the pool): nothing left to do.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', isolatedVm: version, procLimits: readProcLimits() });

function readProcLimits() {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
}
