/**
 * Problem-level bootstrap (DESIGN.md section 4): resample whole problems with replacement,
 * keeping each problem's n samples together, recompute the statistic per replicate, and
 * take percentile intervals. Seeded, pure.
 */
import { mulberry32, randInt } from './random.js';

export interface BootstrapOptions {
  replicates: number; // B >= 2000 for reported intervals
  seed: number;
  level: number; // e.g. 0.95
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { replicates: 2000, seed: 0, level: 0.95 };

/** Index vectors of each replicate: replicate b draws `size` problem indices with replacement. */
export function* bootstrapIndexSets(size: number, options: Pick<BootstrapOptions, 'replicates' | 'seed'>): Generator<Uint32Array> {
  const rng = mulberry32(options.seed);
  for (let b = 0; b < options.replicates; b++) {
    const idx = new Uint32Array(size);
    for (let i = 0; i < size; i++) idx[i] = randInt(rng, size);
    yield idx;
  }
}

/** Percentile (linear interpolation between order statistics) of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function percentileInterval(values: number[], level: number): [number, number] {
  const sorted = Float64Array.from(values).sort();
  const alpha = (1 - level) / 2;
  return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
}

/**
 * Bootstrap interval of the mean of per-problem values (e.g. per-problem unbiased pass@k).
 * Every statistic that is a mean over problems can share this.
 */
export function bootstrapMeanInterval(perProblem: readonly number[], options: BootstrapOptions): [number, number] {
  const size = perProblem.length;
  if (size === 0) return [Number.NaN, Number.NaN];
  const means: number[] = [];
  for (const idx of bootstrapIndexSets(size, options)) {
    let s = 0;
    for (let i = 0; i < size; i++) s += perProblem[idx[i]!]!;
    means.push(s / size);
  }
  return percentileInterval(means, options.level);
}
