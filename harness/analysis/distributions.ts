/**
 * Student's t and standard normal distribution functions (jstat), for the paired test's
 * bounds and the confidence sequence. Pure.
 */
import jStat from 'jstat';

/** P(T <= x) for T ~ Student t with df degrees of freedom (the normal for df = Infinity). */
export function studentTCdf(x: number, df: number): number {
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return Number.isFinite(df) ? jStat.studentt.cdf(x, df) : jStat.normal.cdf(x, 0, 1);
}

/** The p-quantile of Student's t with df degrees of freedom (the normal for df = Infinity). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a quantile needs 0 < p < 1, got ${p}`);
  return Number.isFinite(df) ? jStat.studentt.inv(p, df) : jStat.normal.inv(p, 0, 1);
}

/** log P(Z <= x) for a standard normal Z, finite far into the lower tail (Mills ratio there). */
export function logNormalCdf(x: number): number {
  if (x > -30) return Math.log(jStat.normal.cdf(x, 0, 1));
  // Phi(x) ~ phi(x) / |x| * (1 - 1/x^2) for large negative x.
  return -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-1 / (x * x));
}
