/**
 * A child process that hosts isolates, one program at a time, for the JavaScript executor
 * (sandbox/javascript/isolate-worker-pool.ts). It is plain ESM so that it needs no loader; the pool
 * starts it with `--no-node-snapshot`, which isolated-vm needs on Node 20.
 *
 * Started with `--typescript`, it loads the TypeScript compiler (typescript-compiler.mjs) before
 * it says it is ready; a TypeScript job on a worker started without it loads the compiler then.
 *
 * Protocol over the IPC channel:
 *   worker -> host  { type: 'ready', isolatedVm: string, procLimits: string | null }
 *                   (procLimits: /proc/self/limits, so the host can check the memory cap it set)
 *   host -> worker  { type: 'run', id: number, job: { program, test, limits, typescript? } }
 *                   (typescript: { mode: 'typecheck' | 'strip', budgetMs }: compile first)
 *   worker -> host  { type: 'result', id: number, outcome: RawOutcome }
 * A V8 fatal error takes this process down (the host replaces it); before that, a line
 * starting with CATASTROPHE_MARKER goes to stderr so the host can tell an out-of-memory abort
 * from any other crash.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeSync } from 'node:fs';
import { runInIsolate } from './run-in-isolate.mjs';
import { loadTypeScriptCompiler } from './typescript-compiler.mjs';

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

let typeScript = process.argv.includes('--typescript') ? loadTypeScriptCompiler() : undefined;

process.on('message', async (message) => {
  if (!message || message.type !== 'run') return;
  const outcome = await runJob(message.job).catch((error) =>
    eventOnly({ kind: 'harness', message: `worker: ${error instanceof Error ? error.stack : String(error)}` }),
  );
  process.send?.({ type: 'result', id: message.id, outcome });
});
// The host went away (or closed the pool): nothing left to do.
process.on('disconnect', () => process.exit(0));
await typeScript;
process.send?.({ type: 'ready', isolatedVm: version, procLimits: readProcLimits() });

/** A TypeScript job is compiled first (checked, in typecheck mode); its own budget, apart from the time limit. */
async function runJob(job) {
  if (job.typescript === undefined) return runInIsolate(ivm, job, onCatastrophe);
  const compiler = await (typeScript ??= loadTypeScriptCompiler());
  const started = performance.now();
  const compiled = compiler.compile({ program: job.program, test: job.test, mode: job.typescript.mode });
  if (performance.now() - started > job.typescript.budgetMs) return eventOnly({ kind: 'timeout', stage: 'typecheck' });
  if (!compiled.ok) return eventOnly(compiled.event);
  return runInIsolate(ivm, { ...job, program: compiled.program, test: compiled.test }, onCatastrophe);
}

function eventOnly(event) {
  return { events: [event], completed: false, assertionFailures: 0, stdout: '', stderr: '', outputBytes: 0, runMs: 0 };
}

function readProcLimits() {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
}
