/**
 * BigCodeBench-Hard's reference programs per second: the fork-server executor whose warm
 * workers imported the benchmark's libraries (pandas, numpy, matplotlib, scikit-learn, scipy,
 * seaborn, requests) before they fork, against a fresh sandboxed interpreter per program (the
 * subprocess executor: every program pays its own imports), side by side in one run with the
 * same number of programs at once, the same sandbox and limits. Both must agree on every
 * program's verdict; the agreement is printed. The workers' start (and their imports) is
 * counted in the warm side's time.
 *
 * Run: npx tsx test/bench/library-python.ts (or npm run bench -- library-python);
 * BENCH_TASKS=N runs the first N tasks only.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Limits } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { datasetPath } from '../support/datasets.js';

const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 60_000, memoryMb: 8192 };

async function timeSide(kind: 'forkserver' | 'subprocess', tasks: readonly Task[], preload: readonly string[], jobs: number) {
  const executor = createPythonExecutor({ kind, jobs, limits: LIMITS, ...(kind === 'forkserver' ? { preload } : {}) });
  const slots = pLimit(jobs * 2);
  const started = performance.now();
  try {
    const verdicts = await Promise.all(
      tasks.map((task) => slots(async () => (await executor.execute({ program: canonicalProgram(task), task, limits: LIMITS })).verdict)),
    );
    return { seconds: (performance.now() - started) / 1000, verdicts };
  } finally {
    await executor.close();
  }
}

export async function main(): Promise<void> {
  const loaded = await loadBenchmark('bigcodebench-hard', { data: datasetPath('bigcodebench_hard_v0.1.4.jsonl.gz') });
  const limit = Number(process.env.BENCH_TASKS ?? loaded.tasks.length);
  const tasks = loaded.tasks.slice(0, limit);
  const jobs = Math.min(2, availableParallelism());
  const preload = loaded.python!.preload;
  process.stdout.write(`${tasks.length} BigCodeBench-Hard reference programs, ${jobs} at once; preloaded: ${preload.join(', ')}\n`);
  const warm = await timeSide('forkserver', tasks, preload, jobs);
  const fresh = await timeSide('subprocess', tasks, preload, jobs);
  const agree = warm.verdicts.filter((v, i) => v === fresh.verdicts[i]).length;
  const passed = warm.verdicts.filter((v) => v === 'passed').length;
  const rate = (s: number) => (tasks.length / s).toFixed(2);
  process.stdout.write(`warm fork-server, libraries preloaded: ${warm.seconds.toFixed(1)} s, ${rate(warm.seconds)} programs/s\n`);
  process.stdout.write(`fresh sandboxed interpreter per program: ${fresh.seconds.toFixed(1)} s, ${rate(fresh.seconds)} programs/s\n`);
  process.stdout.write(`ratio: ${(fresh.seconds / warm.seconds).toFixed(1)}x; verdicts agree ${agree}/${tasks.length}; passed ${passed}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
