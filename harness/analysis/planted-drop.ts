/**
 * Simulated runs from per-problem success rates, for power planning (`passk plan`) and the
 * planted-drop checks: a drop of `drop` in mean pass@1 is planted by scaling every rate by
 * 1 - drop / mean rate (a proportional drop: problems a model solves more often lose more),
 * and a run's counts are binomial draws. Pure given the generator.
 */
import type { TaskCounts } from '../metrics/pass-at-k.js';
import type { Rng } from '../metrics/random.js';

export function plantDrop(rates: readonly number[], drop: number): number[] {
  const mean = rates.reduce((s, p) => s + p, 0) / rates.length;
  if (drop > mean) throw new RangeError(`cannot plant a drop of ${drop} in a mean pass@1 of ${mean.toFixed(4)}`);
  const scale = mean > 0 ? 1 - drop / mean : 1;
  return rates.map((p) => p * scale);
}

export function drawCounts(rng: Rng, rates: readonly number[], n: number): TaskCounts[] {
  return rates.map((p) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (rng() < p) c++;
    return { n, c };
  });
}
