/**
 * Seeded random variates for the simulated samplers and the known-truth tests: normal,
 * gamma (Marsaglia-Tsang), beta, binomial, and rates from a zero-inflated beta. Pure given
 * the generator.
 */
import type { Rng } from '../metrics/random.js';

export function normal(rng: Rng): number {
  // Box-Muller; 1 - u keeps the log away from 0.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function gamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
    return gamma(rng, shape + 1) * (1 - rng()) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y === 0 ? (rng() < a / (a + b) ? 1 : 0) : x / (x + y);
}

export function binomial(rng: Rng, n: number, p: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (rng() < p) c++;
  return c;
}

export interface ZeroInflatedBeta {
  pi0: number;
  alpha: number;
  beta: number;
}

/** Per-problem success rates: 0 with probability pi0, else Beta(alpha, beta). */
export function zeroInflatedBetaRates(rng: Rng, problems: number, p: ZeroInflatedBeta): number[] {
  return Array.from({ length: problems }, () => (rng() < p.pi0 ? 0 : beta(rng, p.alpha, p.beta)));
}
