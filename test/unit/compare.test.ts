import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../kernel/errors.js';
import { compareCounts, DEFAULT_COMPARE } from '../../harness/analysis/compare-counts.js';
import { normalQuantile } from '../../harness/analysis/normal-quantile.js';
import { holm, mcnemarExact, signFlipPValue } from '../../harness/analysis/paired-tests.js';
import { binomial, zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { mulberry32, type Rng } from '../../harness/metrics/random.js';

/** Brute force over all 2^m sign patterns, zeros included (they flip to themselves). */
function bruteSignFlip(values: number[], tail: 'lower' | 'upper'): number {
  const obs = values.reduce((s, v) => s + v, 0);
  let hits = 0;
  const total = 1 << values.length;
  for (let mask = 0; mask < total; mask++) {
    const t = values.reduce((s, v, i) => s + (mask & (1 << i) ? -v : v), 0);
    if (tail === 'lower' ? t <= obs + 1e-12 : t >= obs - 1e-12) hits++;
  }
  return hits / total;
}

function simulateCounts(rng: Rng, rates: number[], n: number) {
  return rates.map((p) => ({ n, c: binomial(rng, n, Math.min(1, Math.max(0, p))) }));
}

const PLANTED = { pi0: 0.2, alpha: 0.5, beta: 1.2 };

describe('paired tests', () => {
  it('sign-flip p-values equal brute-force enumeration', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -3, max: 3 }).map((v) => v / 4),
          { minLength: 1, maxLength: 10 },
        ),
        (values) => {
          const opts = { permutations: 100, seed: 1 };
          expect(signFlipPValue(values, 'lower', opts).p).toBeCloseTo(bruteSignFlip(values, 'lower'), 12);
          expect(signFlipPValue(values, 'upper', opts).p).toBeCloseTo(bruteSignFlip(values, 'upper'), 12);
        },
      ),
    );
  });

  it('Monte Carlo sign-flip agrees with exact enumeration', () => {
    const values = Array.from({ length: 16 }, (_, i) => ((i * 37) % 11) / 10 - 0.35);
    const exact = signFlipPValue(values, 'two-sided', { permutations: 0, seed: 0 }).p;
    const mc = signFlipPValue([...values, 0.01, -0.02], 'two-sided', { permutations: 20000, seed: 3 });
    expect(mc.exact).toBe(false);
    expect(Math.abs(mc.p - exact)).toBeLessThan(0.05);
  });

  it('McNemar exact', () => {
    expect(mcnemarExact(0, 5, 'two-sided')).toBeCloseTo(2 / 32, 12);
    expect(mcnemarExact(5, 0, 'lower')).toBeCloseTo(1 / 32, 12);
    expect(mcnemarExact(3, 3, 'two-sided')).toBe(1);
  });

  it('Holm step-down', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), (ps) => {
        const adj = holm(ps);
        adj.forEach((a, i) => {
          expect(a).toBeGreaterThanOrEqual(ps[i]!);
          expect(a).toBeLessThanOrEqual(1);
        });
      }),
    );
  });

  it('normal quantile', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621234, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
  });
});

describe('checkpoint comparison', () => {
  const opts = { ...DEFAULT_COMPARE, ks: [1, 10], permutations: 4000, replicates: 1000 };

  it('identical runs: exit 0, a CI covering 0', () => {
    const rng = mulberry32(1);
    const counts = simulateCounts(rng, zeroInflatedBetaRates(rng, 164, PLANTED), 20);
    const r = compareCounts(counts, counts, opts);
    expect(r.decision.exitCode).toBe(EXIT.ok);
    expect(r.decision.overall).toBe('non-inferior');
    for (const res of r.results) {
      expect(res.meanDifference).toBe(0);
      expect(res.ci[0]).toBeLessThanOrEqual(0);
      expect(res.ci[1]).toBeGreaterThanOrEqual(0);
    }
  });

  it('per-problem success down by 10 points: exit 1', () => {
    const rng = mulberry32(2);
    const rates = zeroInflatedBetaRates(rng, 164, PLANTED);
    const base = simulateCounts(rng, rates, 20);
    const worse = simulateCounts(
      rng,
      rates.map((p) => p - 0.1),
      20,
    );
    const r = compareCounts(base, worse, opts);
    expect(r.results[0]!.meanDifference).toBeLessThan(-0.05);
    expect(r.decision.perK[0]!.verdict).toBe('regression');
    expect(r.decision.exitCode).toBe(EXIT.regression);
  });

  it('too little evidence: inconclusive, exit 2 only with --strict', () => {
    const base = [
      { n: 4, c: 2 },
      { n: 4, c: 1 },
      { n: 4, c: 3 },
    ];
    const next = [
      { n: 4, c: 1 },
      { n: 4, c: 2 },
      { n: 4, c: 3 },
    ];
    expect(compareCounts(base, next, { ...opts, ks: [1] }).decision.exitCode).toBe(EXIT.ok);
    const strict = compareCounts(base, next, { ...opts, ks: [1], strict: true });
    expect(strict.decision.overall).toBe('inconclusive');
    expect(strict.decision.exitCode).toBe(EXIT.inconclusive);
  });

  it('one sample per problem uses McNemar exact', () => {
    const base = Array.from({ length: 30 }, (_, i) => ({ n: 1, c: i % 2 }));
    const next = Array.from({ length: 30 }, (_, i) => ({ n: 1, c: i % 3 === 0 ? 1 : 0 }));
    expect(compareCounts(base, next, { ...opts, ks: [1] }).results[0]!.pMethod).toBe('McNemar exact');
  });

  it('false alarms over 200 seeded null comparisons stay within alpha + 0.02 (margin 0, the strictest)', () => {
    let alarms = 0;
    const reps = 200;
    for (let rep = 0; rep < reps; rep++) {
      const rng = mulberry32(1000 + rep);
      const rates = zeroInflatedBetaRates(rng, 164, PLANTED);
      const base = simulateCounts(rng, rates, 20);
      const next = simulateCounts(rng, rates, 20);
      const r = compareCounts(base, next, { ...opts, margin: 0, permutations: 1000, replicates: 200, seed: rep });
      if (r.decision.exitCode === EXIT.regression) alarms++;
    }
    console.log(`false alarms: ${alarms} of ${reps} null comparisons (alpha 0.05, margin 0, ks 1 and 10, Holm)`);
    expect(alarms / reps).toBeLessThanOrEqual(0.05 + 0.02);
    // ...and the test is not vacuous: it does raise some alarms at margin 0.
    expect(alarms).toBeGreaterThan(0);
  });
});
