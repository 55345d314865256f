/**
 * Execution workers on Redis (harness/queue/), side by side in one run, on a redis-server
 * started here (a free loopback port, its own folder):
 *  1. queue overhead: programs dispatched and answered per second through the queue with a
 *     worker whose executor does nothing, against calling that executor directly;
 *  2. real HumanEval programs (canonical solutions and mutants) through 2 `passk worker`
 *     processes of 1 job each against the local fork-server executor with 2 jobs: the same
 *     programs, the same total jobs, the same Python sandbox, both behind the execution
 *     cache as in a run; programs/s, their ratio, verdict agreement. Worker processes and
 *     sandboxes are started and warmed before any timing (start-up is in neither arm).
 *     The arms run in turns (PASSK_BENCH_ROUNDS, default 3, each with programs new to both,
 *     the first arm alternating) so that a change in the machine's load falls on both; the
 *     ratio is of their summed times. The CPU each process used (from /proc) shows where the
 *     queue's cost goes: coordinator, redis-server, worker processes.
 * PASSK_BENCH_PROGRAMS (default 600) sets the HumanEval workload's size; the overhead part
 * sends 10 x that many no-op programs.
 */
import { readFileSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { QueueExecutor } from '../../harness/queue/queue-executor.js';
import { startWorker } from '../../harness/queue/worker.js';
import type { Task } from '../../kernel/task.js';
import { CachingExecutor } from '../../sandbox/execution-cache.js';
import { DEFAULT_LIMITS, type Execution, type Executor, type Limits } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import { BIN, PROJECT_ROOT } from '../support/cli.js';
import { datasetPath } from '../support/datasets.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { buildWorkload, humanEvalTasks, type WorkItem } from './_python-workload.js';

const PROGRAMS = Number(process.env.PASSK_BENCH_PROGRAMS ?? 600);
const ROUNDS = Number(process.env.PASSK_BENCH_ROUNDS ?? 3);
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

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is none. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;
const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One arm's round: the programs through the executor; seconds, verdicts, and CPU used per process (ms). */
async function timed(executor: Executor, requests: Array<{ program: string; task: Task }>, pids: Record<string, number[]>) {
  const before = Object.fromEntries(Object.entries(pids).map(([k, ps]) => [k, ps.map(cpuMs)]));
  const self = selfCpuMs();
  const run = await drive(executor, requests, 16);
  const cpu: Record<string, number | null> = { coordinator: selfCpuMs() - self };
  for (const [k, ps] of Object.entries(pids)) {
    const used = ps.map((p, i) => {
      const [a, b] = [before[k]![i], cpuMs(p)];
      return a === null || a === undefined || b === null ? null : b - a;
    });
    cpu[k] = used.includes(null) ? null : (used as number[]).reduce((x, y) => x + y, 0);
  }
  return { ...run, cpu };
}

async function humanEval(items: WorkItem[], redis: RedisServer): Promise<void> {
  const local = createExecutor('python', { kind: 'forkserver', jobs: 2, limits: LIMITS });
  const children = [await workerProcess(redis.url), await workerProcess(redis.url)];
  // As a run with --redis has it (open-queue-executor.ts): the execution cache in front of the queue.
  const inner = await QueueExecutor.open({ redis: redis.url, setup: SETUP, allowMixed: false });
  const queue = new CachingExecutor(inner, { version: inner.version });
  const pids = { redis: [redis.pid], workers: children.map(({ c }) => c.pid!) };
  try {
    // Both warmed before any timing: sandboxes (and worker processes) started, a few programs
    // run; start-up is in neither arm's time.
    const warmup = items.slice(0, 4).map((w) => ({ program: `${w.program}\n# warm-up\n`, task: w.task }));
    await local.facts();
    await drive(local, warmup, 4);
    await queue.facts();
    await drive(queue, warmup, 4);
    const totals = { local: 0, queue: 0, agree: 0, programs: 0 };
    const cpu: Record<string, number | null> = { local: 0, coordinator: 0, redis: 0, workers: 0 };
    const add = (k: string, v: number | null | undefined) =>
      (cpu[k] = cpu[k] === null || v === null || v === undefined ? null : cpu[k]! + v);
    console.log(`2. ${items.length} HumanEval programs (canonical + mutants) x ${ROUNDS} rounds, 2 jobs in all, 16 in flight;`);
    console.log(`   each round's programs are new to both (a round mark appended), and the arms take turns going first:`);
    for (let round = 0; round < ROUNDS; round++) {
      const requests = items.map((w) => ({ program: `${w.program}\n# round ${round}\n`, task: w.task }));
      const runLocal = () => timed(local, requests, {});
      const runQueue = () => timed(queue, requests, pids);
      let a, b;
      if (round % 2 === 0) {
        a = await runLocal();
        b = await runQueue();
      } else {
        b = await runQueue();
        a = await runLocal();
      }
      totals.local += a.seconds;
      totals.queue += b.seconds;
      totals.agree += a.executions.filter((e, i) => e.verdict === b.executions[i]!.verdict).length;
      totals.programs += items.length;
      add('local', a.cpu.coordinator);
      add('coordinator', b.cpu.coordinator);
      add('redis', b.cpu.redis);
      add('workers', b.cpu.workers);
      console.log(
        `   round ${round + 1}: local ${(items.length / a.seconds).toFixed(1)}, queue ${(items.length / b.seconds).toFixed(1)} programs/s (queue / local time ${(b.seconds / a.seconds).toFixed(3)})`,
      );
    }
    const n = totals.programs;
    console.log(`   local fork-server executor, --jobs 2:          ${rate(n, totals.local)}`);
    console.log(`   2 passk worker processes (--jobs 1) via Redis: ${rate(n, totals.queue)}`);
    console.log(
      `   queue / local time: ${(totals.queue / totals.local).toFixed(3)} (cost of the queue: ${(100 * (totals.queue / totals.local - 1)).toFixed(1)}%)`,
    );
    console.log(`   verdicts agree: ${totals.agree}/${n}`);
    const per = (k: string) => (cpu[k] === null ? 'n/a' : `${(cpu[k]! / n).toFixed(2)}`);
    console.log(`   CPU ms per program outside the sandboxes (from /proc; the sandboxes' own time is the same work in both):`);
    console.log(`     local: this process (the executor's side of the fork-servers) ${per('local')}`);
    console.log(
      `     queue: this process (the coordinator) ${per('coordinator')}, redis-server ${per('redis')}, the 2 worker processes ${per('workers')}`,
    );
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
    await humanEval(buildWorkload(tasks, PROGRAMS, 0), redis);
  } finally {
    await redis.stop();
  }
}
