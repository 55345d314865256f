/**
 * Paired tests on per-problem differences d_i = x_new,i - x_base,i: the sign-flip
 * permutation test (exact enumeration when few differences are non-zero, Monte Carlo
 * otherwise), McNemar's exact test for single-sample binary outcomes, and Holm's
 * step-down adjustment. Pure.
 */
import { mulberry32 } from '../metrics/random.js';

type Tail = 'lower' | 'upper' | 'two-sided';

/** Largest count of non-zero differences enumerated exactly (2^16 sign patterns). */
const EXACT_LIMIT = 16;

/**
 * P-value of the mean of `values` under random sign flips. lower: P(T* <= T), upper:
 * P(T* >= T), two-sided: P(|T*| >= |T|). Zeros cannot change sign and are dropped.
 * Monte Carlo p-values are (1 + hits) / (1 + permutations), which keeps the test valid.
 */
export function signFlipPValue(
  values: readonly number[],
  tail: Tail,
  options: { permutations: number; seed: number },
): { p: number; exact: boolean } {
  const nz = values.filter((v) => v !== 0);
  const m = nz.length;
  if (m === 0) return { p: 1, exact: true };
  const observed = nz.reduce((s, v) => s + v, 0);
  const eps = 1e-12 * nz.reduce((s, v) => s + Math.abs(v), 0);
  const hit = (t: number): boolean =>
    tail === 'lower' ? t <= observed + eps : tail === 'upper' ? t >= observed - eps : Math.abs(t) >= Math.abs(observed) - eps;
  if (m <= EXACT_LIMIT) {
    let hits = 0;
    const patterns = 1 << m;
    for (let mask = 0; mask < patterns; mask++) {
      let t = 0;
      for (let i = 0; i < m; i++) t += mask & (1 << i) ? -nz[i]! : nz[i]!;
      if (hit(t)) hits++;
    }
    return { p: hits / patterns, exact: true };
  }
  const rng = mulberry32(options.seed);
  let hits = 0;
  for (let r = 0; r < options.permutations; r++) {
    let t = 0;
    for (let i = 0; i < m; i++) t += rng() < 0.5 ? -nz[i]! : nz[i]!;
    if (hit(t)) hits++;
  }
  return { p: (1 + hits) / (1 + options.permutations), exact: false };
}

function binomialCdfHalf(x: number, n: number): number {
  // P(X <= x) for X ~ Binomial(n, 1/2), summed in log space to stay finite for large n.
  let logTerm = -n * Math.LN2; // C(n, 0) / 2^n
  let total = 0;
  for (let i = 0; i <= x; i++) {
    total += Math.exp(logTerm);
    logTerm += Math.log((n - i) / (i + 1));
  }
  return Math.min(1, total);
}

/**
 * McNemar's exact test from the discordant pairs: `baseOnly` problems passed only by the
 * base run, `newOnly` only by the new one.
 */
export function mcnemarExact(baseOnly: number, newOnly: number, tail: Tail): number {
  const n = baseOnly + newOnly;
  if (n === 0) return 1;
  if (tail === 'lower') return binomialCdfHalf(newOnly, n); // few new-only wins: the new run is worse
  if (tail === 'upper') return binomialCdfHalf(baseOnly, n);
  return Math.min(1, 2 * binomialCdfHalf(Math.min(baseOnly, newOnly), n));
}

/** Holm's step-down adjusted p-values (same order as given), monotone and capped at 1. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
