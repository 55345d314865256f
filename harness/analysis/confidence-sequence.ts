/**
 * An anytime-valid bound for the sequential gate (docs/formulas.md section 5, "The gate"):
 * the one-sided normal-mixture confidence sequence (Robbins 1970; Howard, Ramdas,
 * McAuliffe and Sekhon 2021). Under the normal approximation the paired estimate, taken
 * at growing sample counts, is a Brownian motion in its information V = 1/se^2, and
 *
 *   M(S, V) = 2 / sqrt(1 + tau^2 V) * exp(tau^2 S^2 / (2 (1 + tau^2 V))) * Phi(tau S / sqrt(1 + tau^2 V))
 *
 * (S = gap * V) is a nonnegative martingale under the null, so by Ville's inequality the
 * chance that 1/M ever falls to level a, at any look, however many, is at most a. tau is
 * fixed before the first look: the one that makes the bound tightest at a target
 * standard error (the fixed-n design's). Pure.
 */
import type { BoundShape } from './bound-shape.js';
import { logNormalCdf } from './distributions.js';

/** log M in terms of z = gap / se and x = tau^2 / se^2. */
function logMixture(z: number, x: number): number {
  return Math.LN2 - 0.5 * Math.log1p(x) + (x * z * z) / (2 * (1 + x)) + logNormalCdf(z * Math.sqrt(x / (1 + x)));
}

/** The z at which the mixture reaches 1/level (it grows with z >= 0). */
function boundaryZ(level: number, x: number): number {
  const target = -Math.log(level);
  let lo = 0;
  let hi = 64;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (logMixture(mid, x) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The x = tau^2 / se^2 that minimizes the boundary at `level` (golden section over log x). */
function bestRatio(level: number): number {
  let a = Math.log(1e-2);
  let b = Math.log(1e4);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (boundaryZ(level, Math.exp(c)) < boundaryZ(level, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

/**
 * A confidence sequence tuned to be tightest, at error level `alpha`, when the standard
 * error is `targetSe`.
 */
export function confidenceSequence(targetSe: number, alpha: number): BoundShape {
  if (!(targetSe > 0)) throw new RangeError(`a confidence sequence needs a positive target standard error, got ${targetSe}`);
  const tau2 = bestRatio(alpha) * targetSe * targetSe;
  return {
    method: `one-sided normal-mixture confidence sequence (anytime-valid), tuned at standard error ${targetSe.toPrecision(2)}`,
    pValue: (gap, se) => {
      if (!(se > 0)) return gap > 0 ? 0 : 1;
      if (gap <= 0) return 1;
      return Math.min(1, Math.exp(-logMixture(gap / se, tau2 / (se * se))));
    },
    halfWidth: (level, se) => (se > 0 ? boundaryZ(level, tau2 / (se * se)) * se : 0),
  };
}
