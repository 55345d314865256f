/**
 * Execution workers on Redis (harness/queue/), side by side in one run, on a redis-server
 * started here (a free loopback port, its own folder):
 *  1. queue overhead: programs dispatched and answered per second through the queue with a
 *     worker whose executor does nothing, against calling that executor directly;
 *  2. real HumanEval programs (canonical solutions and mutants) through 2 `passk worker`
 *     processes of 1 job each against the local fork-server executor with 2 jobs: the same
 *     programs, the same total jobs; programs/s, their ratio, verdict agreement.
 * PASSK_BENCH_PROGRAMS (default 600) sets the HumanEval workload's size; the overhead part
 * sends 10 x that many no-op programs.
 */
import { execa, type ResultPromise } from 'execa';
import { QueueExecutor } from '../../harness/queue/queue-executor.js';
import { startWorker } from '../../harness/queue/worker.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Execution, type Executor, type Limits } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import { BIN, PROJECT_ROOT } from '../support/cli.js';
import { datasetPath } from '../support/datasets.js';
import { startRedis } from '../support/redis-server.js';
import { buildWorkload, humanEvalTasks, type WorkItem } from './_python-workload.js';

const PROGRAMS = Number(process.env.PASSK_BENCH_PROGRAMS ?? 600);
const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 3000 };
const SETUP = { language: 'python' as const, kind: 'forkserver' as const, typescript: null, limits: LIMITS };

/** An executor that runs nothing: every program passes at once. */
const noop = (): Executor => ({
  name: 'noop',
  language: 'python',
  facts: async () => ({ executor: 'noop', language: 'python', isolation: 'none', runtime: 'none', warnings: [] }),
  execute: async (): Promise<Execution> => ({ verdict: 'passed', durationMs: 0 }),
  referenceMs: async () => null,
  close: async () => undefined,
});

/** Runs every request with at most `window` in flight; seconds taken. */
async function drive(
  executor: Executor,
  requests: Array<{ program: string; task: Task }>,
  window: number,
): Promise<{ seconds: number; executions: Execution[] }> {
  const executions: Execution[] = new Array(requests.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(window, requests.length) }, async () => {
      while (next < requests.length) {
        const i = next++;
        executions[i] = await executor.execute({ ...requests[i]!, limits: LIMITS });
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, executions };
}

const rate = (n: number, s: number) => `${(n / s).toFixed(1)} programs/s (${n} in ${s.toFixed(2)} s)`;

async function overhead(tasks: Task[], url: string): Promise<void> {
  const count = PROGRAMS * 10;
  const requests = Array.from({ length: count }, (_, i) => ({ program: `# no-op ${i}\n`, task: tasks[i % tasks.length]! }));
  const worker = await startWorker({ redis: url, jobs: 256, executorFor: noop });
  const queue = await QueueExecutor.open({ redis: url, setup: SETUP, allowMixed: false });
  try {
    await queue.facts();
    const direct = await drive(noop(), requests, 256);
    const queued = await drive(queue, requests, 256);
    console.log(`1. queue overhead, no-op executor, 256 in flight, one worker in this process (jobs 256):`);
    console.log(`   through Redis: ${rate(count, queued.seconds)}, ${((1000 * queued.seconds) / count).toFixed(3)} ms per program`);
    console.log(`   direct call:   ${rate(count, direct.seconds)}`);
    console.log(`   answered: ${queued.executions.filter((e) => e.verdict === 'passed').length}/${count}`);
  } finally {
    await queue.close();
    await worker.close();
  }
}

async function workerProcess(url: string): Promise<{ c: ResultPromise }> {
  const child = execa(process.execPath, [BIN, 'worker', '--redis', url, '--jobs', '1'], { cwd: PROJECT_ROOT, reject: false });
  await new Promise<void>((resolve) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('taking programs')) resolve();
    });
  });
  // Wrapped: an async function would wait for a returned child process to end.
  return { c: child };
}

async function humanEval(items: WorkItem[], url: string): Promise<void> {
  const requests = items.map((w) => ({ program: w.program, task: w.task }));
  const local = createExecutor('python', { kind: 'forkserver', jobs: 2, limits: LIMITS });
  const children = [await workerProcess(url), await workerProcess(url)];
  const queue = await QueueExecutor.open({ redis: url, setup: SETUP, allowMixed: false });
  try {
    // Warm both: sandboxes started, a few programs run (not timed; not in the workload).
    const warmup = items.slice(0, 4).map((w) => ({ program: `${w.program}\n# warm-up\n`, task: w.task }));
    await local.facts();
    await drive(local, warmup, 4);
    await queue.facts();
    await drive(queue, warmup, 4);
    const a = await drive(local, requests, 16);
    const b = await drive(queue, requests, 16);
    const agree = a.executions.filter((e, i) => e.verdict === b.executions[i]!.verdict).length;
    console.log(`2. ${items.length} HumanEval programs (canonical + mutants), 2 jobs in all, 16 in flight:`);
    console.log(`   local fork-server executor, --jobs 2:       ${rate(items.length, a.seconds)}`);
    console.log(`   2 passk worker processes (--jobs 1) via Redis: ${rate(items.length, b.seconds)}`);
    console.log(
      `   queue / local time: ${(b.seconds / a.seconds).toFixed(3)} (cost of the queue: ${(100 * (b.seconds / a.seconds - 1)).toFixed(1)}%)`,
    );
    console.log(`   verdicts agree: ${agree}/${items.length}`);
  } finally {
    await queue.close();
    await local.close();
    for (const { c } of children) c.kill('SIGTERM');
    await Promise.allSettled(children.map(({ c }) => c));
  }
}

export async function main(): Promise<void> {
  const tasks = await humanEvalTasks(datasetPath('HumanEval.jsonl.gz'));
  const redis = await startRedis();
  try {
    await overhead(tasks, redis.url);
    await humanEval(buildWorkload(tasks, PROGRAMS, 0), redis.url);
  } finally {
    await redis.stop();
  }
}
