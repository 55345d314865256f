/**
 * The sampling variance of one problem's unbiased pass@k estimate from n samples when its
 * success rate is p (docs/formulas.md section 5, "Samples to decide"): the binomial
 * expectation of the squared estimate less the square of 1 - (1 - p)^k, summed over the
 * counts c that carry any weight (within 8 standard deviations of n p). Pure.
 */
import { logChoose } from '../fits/special.js';

export function passAtKVariance(p: number, n: number, k: number): number {
  if (!(n >= k && k >= 1)) throw new RangeError(`pass@k variance needs 1 <= k <= n, got n=${n} k=${k}`);
  if (p <= 0 || p >= 1) return 0;
  if (k === 1) return (p * (1 - p)) / n;
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - 8 * sd - 1));
  const hi = Math.min(n, Math.ceil(n * p + 8 * sd + 1));
  const logAll = logChoose(n, k);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let second = 0;
  for (let c = lo; c <= hi; c++) {
    const estimate = n - c < k ? 1 : 1 - Math.exp(logChoose(n - c, k) - logAll);
    second += Math.exp(logChoose(n, c) + c * lp + (n - c) * lq) * estimate * estimate;
  }
  const mean = 1 - (1 - p) ** k;
  return Math.max(0, second - mean * mean);
}
