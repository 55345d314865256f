/**
 * A HumanEval sample file with planted per-problem pass rates: each sample is the
 * canonical solution (passes) or a body that raises (fails), so a real run over it has
 * known rates while the execution cache keeps it to two programs per problem.
 */
import { writeFileSync } from 'node:fs';
import { loadBenchmark } from '../../benchmarks/registry.js';
import type { Rng } from '../../harness/metrics/random.js';
import { datasetPath } from './datasets.js';

export async function writeHumanEvalSamples(path: string, rng: Rng, rates: (problems: number) => number[], n: number): Promise<number[]> {
  const { tasks } = await loadBenchmark('humaneval', { data: datasetPath('HumanEval.jsonl.gz') });
  const planted = rates(tasks.length);
  const lines = tasks.flatMap((t, i) =>
    Array.from({ length: n }, () =>
      JSON.stringify({ task_id: t.id, completion: rng() < planted[i]! ? t.canonicalSolution : "    raise ValueError('simulated')\n" }),
    ),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return planted;
}
