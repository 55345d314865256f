/**
 * The paired estimate at one k (docs/formulas.md section 5): with x_i the per-problem
 * unbiased pass@k, d_i = x_new,i - x_base,i; the mean difference, its standard error
 * (sample standard deviation of d over sqrt(problems)) and the correlation of the two runs
 * over problems. The decision (decision.ts) draws its bounds from these. Pure.
 */
import { sampleCorrelation } from 'simple-statistics';

export interface PairedEstimate {
  k: number;
  problems: number;
  base: number;
  new: number;
  meanDifference: number;
  standardError: number;
  correlation: number | null;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

export function pairedEstimate(k: number, base: readonly number[], next: readonly number[]): PairedEstimate {
  if (base.length !== next.length || base.length === 0)
    throw new RangeError(`paired comparison needs equal, non-empty problem lists (${base.length} vs ${next.length})`);
  const d = next.map((x, i) => x - base[i]!);
  const n = d.length;
  const md = mean(d);
  const sd = n > 1 ? Math.sqrt(d.reduce((s, v) => s + (v - md) ** 2, 0) / (n - 1)) : 0;
  const varies = (xs: readonly number[]) => xs.some((v) => v !== xs[0]);
  return {
    k,
    problems: n,
    base: mean(base),
    new: mean(next),
    meanDifference: md,
    standardError: sd / Math.sqrt(n),
    correlation: n > 2 && varies(base) && varies(next) ? sampleCorrelation([...base], [...next]) : null,
  };
}
