/**
 * Checkpoint comparison at one k (docs/formulas.md section 5): pair by problem, d_i = x_new,i -
 * x_base,i with x the per-problem unbiased pass@k; the mean difference with a paired
 * problem-level bootstrap CI, a two-sided p-value for "no difference" (sign-flip
 * permutation; McNemar exact when every problem has one sample), the correlation, the
 * minimum detectable effect, and the two one-sided tests the decision uses:
 *
 *   regression      H0: delta >= -margin   (small p: the new run is worse by more than the margin)
 *   non-inferiority H0: delta <= -margin   (small p: the new run is no worse than the margin)
 *
 * both sign-flip tests on d_i + margin (a location shift; exact McNemar-equivalent sign
 * test when outcomes are binary and margin = 0). Pure.
 */
import { sampleCorrelation } from 'simple-statistics';
import { bootstrapMeanInterval } from '../metrics/bootstrap.js';
import { normalQuantile } from './normal-quantile.js';
import { mcnemarExact, signFlipPValue } from './paired-tests.js';

interface PairedOptions {
  margin: number;
  alpha: number;
  /** How many ks are tested together (the MDE uses alpha / tests, Holm's strictest step). */
  tests: number;
  replicates: number;
  permutations: number;
  seed: number;
  /** True when every problem has exactly one sample in both runs (binary outcomes). */
  binary: boolean;
}

export interface PairedResult {
  k: number;
  problems: number;
  base: number;
  new: number;
  meanDifference: number;
  /** Paired bootstrap percentile interval at level 1 - alpha. */
  ci: [number, number];
  pValue: number;
  pMethod: 'sign-flip permutation (exact)' | 'sign-flip permutation (Monte Carlo)' | 'McNemar exact';
  correlation: number | null;
  /** Smallest true drop detected with 80% power by a one-sided test at alpha / tests. */
  minimumDetectableEffect: number;
  pRegression: number;
  pNonInferiority: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

export function pairedComparison(k: number, base: readonly number[], next: readonly number[], o: PairedOptions): PairedResult {
  if (base.length !== next.length || base.length === 0)
    throw new RangeError(`paired comparison needs equal, non-empty problem lists (${base.length} vs ${next.length})`);
  const d = next.map((x, i) => x - base[i]!);
  const perm = { permutations: o.permutations, seed: o.seed };
  const shifted = d.map((v) => v + o.margin);
  let pValue: number;
  let pMethod: PairedResult['pMethod'];
  if (o.binary) {
    const baseOnly = d.filter((v) => v < 0).length;
    const newOnly = d.filter((v) => v > 0).length;
    pValue = mcnemarExact(baseOnly, newOnly, 'two-sided');
    pMethod = 'McNemar exact';
  } else {
    const r = signFlipPValue(d, 'two-sided', perm);
    pValue = r.p;
    pMethod = r.exact ? 'sign-flip permutation (exact)' : 'sign-flip permutation (Monte Carlo)';
  }
  const n = d.length;
  const md = mean(d);
  const sd = n > 1 ? Math.sqrt(d.reduce((s, v) => s + (v - md) ** 2, 0) / (n - 1)) : 0;
  const zAlpha = normalQuantile(1 - o.alpha / Math.max(1, o.tests));
  const zPower = normalQuantile(0.8);
  const varies = (xs: readonly number[]) => xs.some((v) => v !== xs[0]);
  return {
    k,
    problems: n,
    base: mean(base),
    new: mean(next),
    meanDifference: md,
    ci: bootstrapMeanInterval(d, { replicates: o.replicates, seed: o.seed, level: 1 - o.alpha }),
    pValue,
    pMethod,
    correlation: n > 2 && varies(base) && varies(next) ? sampleCorrelation([...base], [...next]) : null,
    minimumDetectableEffect: ((zAlpha + zPower) * sd) / Math.sqrt(n),
    pRegression: signFlipPValue(shifted, 'lower', perm).p,
    pNonInferiority: signFlipPValue(shifted, 'upper', { ...perm, seed: perm.seed + 1 }).p,
  };
}
