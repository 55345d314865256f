/**
 * Problem-level bootstrap (docs/formulas.md section 2): resample whole problems with replacement,
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

export function percentileInterval(values: ArrayLike<number>, level: number): [number, number] {
  const sorted = Float64Array.from(values).sort();
  const alpha = (1 - level) / 2;
  return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
}

/**
 * Bootstrap intervals of the means of several per-problem statistics (e.g. per-problem
 * unbiased pass@k at several ks), all from one draw of problems: each column holds one
 * statistic's value per problem, columns aligned by problem.
 */
export function bootstrapMeanIntervals(columns: ReadonlyArray<readonly number[]>, options: BootstrapOptions): Array<[number, number]> {
  const size = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== size))
    throw new RangeError(`bootstrap columns differ in length: ${columns.map((c) => c.length).join(', ')}`);
  if (size === 0) return columns.map(() => [Number.NaN, Number.NaN]);
  const means = columns.map(() => new Float64Array(options.replicates));
  let b = 0;
  for (const idx of bootstrapIndexSets(size, options)) {
    columns.forEach((values, j) => {
      let s = 0;
      for (let i = 0; i < size; i++) s += values[idx[i]!]!;
      means[j]![b] = s / size;
    });
    b++;
  }
  return means.map((m) => percentileInterval(m, options.level));
}

/** Bootstrap interval of the mean of one per-problem statistic. */
export function bootstrapMeanInterval(perProblem: readonly number[], options: BootstrapOptions): [number, number] {
  return bootstrapMeanIntervals([perProblem], options)[0]!;
}
