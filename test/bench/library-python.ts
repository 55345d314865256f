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

// 20 s: the one reference that never finishes here (BigCodeBench/461) costs the same on both sides.
const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 20_000, memoryMb: 8192 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeSide(kind: 'forkserver' | 'subprocess', tasks: readonly Task[], preload: readonly string[], jobs: number) {
  const executor = createPythonExecutor({ kind, jobs, limits: LIMITS, ...(kind === 'forkserver' ? { preload } : {}) });
  // As many in flight as the executor runs at once: each program's wall time is its own latency.
  const slots = pLimit(jobs);
  const walls: number[] = [];
  const started = performance.now();
  try {
    const verdicts = await Promise.all(
      tasks.map((task, i) =>
        slots(async () => {
          const t0 = performance.now();
          const { verdict } = await executor.execute({ program: canonicalProgram(task), task, limits: LIMITS });
          walls[i] = performance.now() - t0;
          return verdict;
        }),
      ),
    );
    return { seconds: (performance.now() - started) / 1000, verdicts, medianMs: median(walls) };
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
  // The part warm interpreters remove, alone: a program that only imports what the references import most.
  const importOnly: Task = {
    id: 'bench/imports',
    benchmark: 'bigcodebench-hard',
    language: 'python',
    prompt: '',
    canonicalSolution: 'import numpy as np, pandas as pd, matplotlib.pyplot as plt, sklearn, scipy.stats\ndef task_func():\n    return 1\n',
    test: {
      kind: 'python-unittest',
      test: 'import unittest\nclass TestCases(unittest.TestCase):\n    def test_one(self):\n        self.assertEqual(task_func(), 1)\n',
    },
  };
  const imports = Array.from({ length: 20 }, (_, i) => ({
    ...importOnly,
    id: `bench/imports-${i}`,
    canonicalSolution: `${importOnly.canonicalSolution}# ${i}\n`,
  }));
  const warmImports = await timeSide('forkserver', imports, preload, jobs);
  const freshImports = await timeSide('subprocess', imports, preload, jobs);
  const agree = warm.verdicts.filter((v, i) => v === fresh.verdicts[i]).length;
  const passed = warm.verdicts.filter((v) => v === 'passed').length;
  const rate = (s: number) => (tasks.length / s).toFixed(2);
  process.stdout.write(`warm fork-server, libraries preloaded: ${warm.seconds.toFixed(1)} s, ${rate(warm.seconds)} programs/s\n`);
  process.stdout.write(`fresh sandboxed interpreter per program: ${fresh.seconds.toFixed(1)} s, ${rate(fresh.seconds)} programs/s\n`);
  process.stdout.write(`ratio: ${(fresh.seconds / warm.seconds).toFixed(1)}x; verdicts agree ${agree}/${tasks.length}; passed ${passed}\n`);
  process.stdout.write(
    `median program (wall, queueing excluded): warm ${warm.medianMs.toFixed(0)} ms, fresh ${fresh.medianMs.toFixed(0)} ms (${(fresh.medianMs / warm.medianMs).toFixed(1)}x)\n`,
  );
  process.stdout.write(
    `imports alone (numpy, pandas, pyplot, sklearn, scipy.stats; 20 programs): warm ${rate(warmImports.seconds * (tasks.length / 20))} programs/s, fresh ${rate(freshImports.seconds * (tasks.length / 20))} programs/s (${(freshImports.seconds / warmImports.seconds).toFixed(1)}x); median warm ${warmImports.medianMs.toFixed(0)} ms, fresh ${freshImports.medianMs.toFixed(0)} ms\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
