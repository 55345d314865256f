/**
 * Child process of the Python executor bench: runs N distinct finishing HumanEval programs
 * through the cached fork-server executor (the harness's configuration) with a bounded
 * number in flight, and prints the process's peak RSS as JSON.
 * Usage: tsx test/bench/_python-rss.ts N
 */
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { createCachedPythonExecutor } from '../../sandbox/python/index.js';
import { datasetPath } from '../support/datasets.js';
import { buildWorkload, humanEvalTasks } from './_python-workload.js';

const IN_FLIGHT = 16;

export async function measure(n: number): Promise<{ programs: number; peakRssMb: number; seconds: number }> {
  const tasks = await humanEvalTasks(datasetPath('HumanEval.jsonl.gz'));
  const base = buildWorkload(tasks, 3000, 0);
  const limits = { ...DEFAULT_LIMITS, timeoutMs: 3000 };
  const executor = createCachedPythonExecutor({ kind: 'forkserver', jobs: 2, limits });
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const item = base[i % base.length]!;
      // A distinct program each time (the cache must not fold them together).
      await executor.execute({ program: `${item.program}\n# variant ${i}\n`, task: item.task, limits });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const seconds = (performance.now() - started) / 1000;
  await executor.close();
  return { programs: n, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), seconds: Math.round(seconds) };
}

if (process.argv[1]?.endsWith('_python-rss.ts')) {
  process.stdout.write(`${JSON.stringify(await measure(Number(process.argv[2] ?? 3000)))}\n`);
}
