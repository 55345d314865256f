/**
 * The JavaScript executor: each program runs in its own isolated-vm isolate (memory limit,
 * time limit, nothing of the host inside but copied strings), hosted in a pool of child
 * processes so that a V8 crash ends only one worker, each under an OS memory cap
 * (worker-process.ts) that also bounds what V8 allocates outside the isolate's heap. Runs TestSpec kind 'js-asserts':
 * the program, then the test, where a failed console.assert or node:assert assertion fails the test; and kind
 * 'stdio' (CodeContests), a fresh isolate per test with the input as the global string `stdin` (stdio-judge.ts).
 *
 * TypeScript tasks (created with `typescript`: a mode, typescript-mode.ts): the worker process
 * compiles the program and the test first, outside the isolate (worker/typescript-compiler.mjs),
 * type-checking them in `typecheck` mode; the isolate then runs the JavaScript as for any task.
 *
 * What the isolate offers a program: the ECMAScript builtins (with eval), `console`, and a
 * `require` that knows only 'js-md5' (HumanEval-X JavaScript/162 needs it) and 'node:assert'
 * (MultiPL-E's tests, worker/node-assert.mjs). No timers,
 * no process, no file system, no network, no import(). See worker/prelude.mjs for how a pass
 * is kept unforgeable.
 *
 * This executor is the only retry layer: its pool runs a program whose worker crashed once
 * more on a fresh worker (which is also how a crash is confirmed as the program's `memory`
 * or `timeout`); two crashes that are not both the program's doing are a HarnessFault, which
 * nothing above retries.
 * It is created with the run's configured limits, under which it times each task's
 * canonical program once (referenceMs).
 */
import { createRequire } from 'node:module';
import { PasskError } from '../../kernel/errors.js';
import { canonicalRunMs } from '../canonical-run-time.js';
import { DEFAULT_LIMITS, type Execution, type ExecutionRequest, type Executor, type Limits, type SandboxFacts } from '../executor.js';
import { PerTaskMemo } from '../per-task-memo.js';
import { toExecution } from './outcome.js';
import { judgeStdio } from './stdio-judge.js';
import { IsolateWorkerPool } from './isolate-worker-pool.js';
import { WORKER_OVERHEAD_MB } from './worker-process.js';
import { TYPECHECK_BUDGET_MS, type TypeScriptMode } from './typescript-mode.js';

export interface JavaScriptExecutorOptions {
  /** Worker processes, i.e. programs run at once (default 1). */
  jobs?: number;
  /** Programs per worker before it is replaced (default 500). */
  recycleAfter?: number;
  /** How long past the time limit a silent worker is given before it is killed (default 5000 ms). */
  graceMs?: number;
  /** The run's configured limits: references run under them (default DEFAULT_LIMITS). */
  limits?: Limits;
  /** Runs TypeScript tasks, compiled this way (absent: JavaScript tasks only). */
  typescript?: TypeScriptMode;
}

export interface JavaScriptExecutor extends Executor {
  /** Process ids of the live workers. */
  workerPids(): number[];
}

const NAME = 'javascript-isolated-vm';

export function createJavaScriptExecutor(options: JavaScriptExecutorOptions = {}): JavaScriptExecutor {
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new PasskError('E_CONFIG', `jobs must be a positive integer, got ${String(jobs)}`, 'javascript executor');
  }
  const configured = options.limits ?? DEFAULT_LIMITS;
  const referenceTimes = new PerTaskMemo<number | null>();
  const typescript = options.typescript;
  const pool = new IsolateWorkerPool({
    size: jobs,
    recycleAfter: options.recycleAfter ?? 500,
    graceMs: options.graceMs ?? 5000,
    typescript: typescript !== undefined,
  });

  return {
    name: NAME,
    language: typescript === undefined ? 'javascript' : 'typescript',

    async facts(): Promise<SandboxFacts> {
      const versionOf = (name: string) => (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
      const compiled =
        typescript === undefined
          ? ''
          : `; TypeScript ${typescript === 'typecheck' ? 'type-checked, then' : ''} stripped of its types in the worker process, ` +
            'outside the isolate, by a compiler that reads only the program, the test and its own library declarations ' +
            `(the worker's cap has room for it)`;
      return {
        executor: NAME,
        language: typescript === undefined ? 'javascript' : 'typescript',
        isolation:
          'isolated-vm isolate per program (memory and time limits) in a child worker process; ' +
          `each worker under RLIMIT_DATA of memoryMb + ${WORKER_OVERHEAD_MB} MiB and no core dumps; ` +
          'no host objects inside (output and assertion failures leave as copied strings); ' +
          'no process, require (except a bundled js-md5 and node:assert), file system, network, import() or timers' +
          compiled,
        runtime:
          `Node ${process.version} (V8 ${process.versions.v8}), isolated-vm ${versionOf('isolated-vm')}, ${jobs} worker(s)` +
          (typescript === undefined ? '' : `, TypeScript ${versionOf('typescript')} (${typescript})`),
        warnings: [
          "isolated-vm's memory limit is approximate and leaves out memory V8 takes outside the heap (WebAssembly " +
            `memory, regexp compilation): the worker's OS cap, memoryMb + ${WORKER_OVERHEAD_MB} MiB, is the hard bound`,
          'no setTimeout/setInterval in the isolate: a test promise still pending when the microtasks drain is a timeout',
          'standard global names are read-only (except escape/unescape); builtins are checked against a snapshot ' +
            'after the program, at the end of the test and after it settles, and a change fails the test',
        ],
      };
    },

    execute,

    referenceMs: (task) => referenceTimes.get(task.id, () => canonicalRunMs(execute, task, configured)),

    close: () => pool.close(),
    workerPids: () => pool.pids(),
  };

  async function execute(request: ExecutionRequest): Promise<Execution> {
    const { task, limits, program } = request;
    if (task.test.kind === 'stdio' && task.language === 'javascript') {
      checkLimits(limits, task.id);
      if (program.trim() === '') return { verdict: 'empty', detail: 'the program is empty', durationMs: 0 };
      return judgeStdio(pool, program, task.test, limits);
    }
    if (task.test.kind !== 'js-asserts') {
      throw new PasskError('E_CONFIG', `the JavaScript executor runs 'js-asserts' and 'stdio' tests, not '${task.test.kind}'`, task.id);
    }
    if (task.language === 'typescript' && typescript === undefined) {
      throw new PasskError('E_CONFIG', 'a TypeScript task needs an executor created for TypeScript (a typescript mode)', task.id);
    }
    checkLimits(limits, task.id);
    if (program.trim() === '') return { verdict: 'empty', detail: 'the program is empty', durationMs: 0 };
    const outcome = await pool.run({
      program,
      test: task.test.test,
      limits: { timeoutMs: limits.timeoutMs, memoryMb: limits.memoryMb, outputBytes: limits.outputBytes },
      ...(task.language === 'typescript' && typescript !== undefined
        ? { typescript: { mode: typescript, budgetMs: TYPECHECK_BUDGET_MS } }
        : {}),
    });
    return toExecution(outcome, limits);
  }
}

function checkLimits(limits: Limits, where: string): void {
  for (const field of ['timeoutMs', 'memoryMb', 'outputBytes'] as const) {
    const value = limits[field];
    if (!Number.isFinite(value) || value <= 0) {
      throw new PasskError('E_CONFIG', `limits.${field} must be a positive number, got ${String(value)}`, where);
    }
  }
}
