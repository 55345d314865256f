/**
 * The checkpoint decision's parts against independently computed numbers (Holm's levels
 * from its definition, Student t table values, the estimator variance by enumerating
 * every outcome), and the decision on small hand-made cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../kernel/errors.js';
import { pairedT } from '../../harness/analysis/bound-shape.js';
import { compareCounts, DEFAULT_COMPARE } from '../../harness/analysis/compare-counts.js';
import { holmSteps } from '../../harness/analysis/paired-tests.js';
import { passAtKVariance } from '../../harness/analysis/pass-at-k-variance.js';

describe('Holm step-down', () => {
  it('rejects in order while p_(j) <= alpha / (m - j + 1), and reports each level so that p <= level exactly when rejected', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), (ps) => {
        const alpha = 0.05;
        const steps = holmSteps(ps, alpha);
        // The definition, written out: walk the sorted p-values until one fails its level.
        const sorted = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
        let stop = sorted.findIndex((s, j) => s.p > alpha / (ps.length - j));
        if (stop === -1) stop = ps.length;
        sorted.forEach((s, j) => {
          const step = steps[s.i]!;
          expect(step.rejected).toBe(j < stop);
          expect(step.level).toBeCloseTo(alpha / (ps.length - Math.min(j, stop)), 15);
          expect(s.p <= step.level).toBe(step.rejected);
          expect(step.adjusted <= alpha).toBe(step.rejected);
        });
      }),
    );
  });

  it('the worked example: p = 0.01, 0.04, 0.03 at alpha 0.05', () => {
    const steps = holmSteps([0.01, 0.04, 0.03], 0.05);
    expect(steps.map((s) => s.rejected)).toEqual([true, false, false]);
    expect(steps.map((s) => s.adjusted)).toEqual([0.03, 0.06, 0.06]);
    expect(steps[0]!.level).toBeCloseTo(0.05 / 3, 15);
    // 0.03 fails its level 0.025 at step 2; 0.04 is never reached and shares that level.
    expect(steps[2]!.level).toBeCloseTo(0.025, 15);
    expect(steps[1]!.level).toBeCloseTo(0.025, 15);
  });
});

describe('paired t bound', () => {
  it('uses Student t quantiles (table values for 9 and 163 degrees of freedom)', () => {
    expect(pairedT(10).halfWidth(0.05, 1)).toBeCloseTo(1.833113, 5);
    expect(pairedT(10).halfWidth(0.025, 2)).toBeCloseTo(2 * 2.262157, 5);
    expect(pairedT(164).halfWidth(0.05, 1)).toBeCloseTo(1.654256, 5);
    expect(pairedT(10).pValue(1.833113, 1)).toBeCloseTo(0.05, 6);
  });
});

describe('pass@k estimator variance', () => {
  /** Every outcome sequence of n samples, weighted by its probability. */
  function enumerated(p: number, n: number, k: number): number {
    let m1 = 0;
    let m2 = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      let c = 0;
      for (let i = 0; i < n; i++) if (mask & (1 << i)) c++;
      const prob = p ** c * (1 - p) ** (n - c);
      // The estimator by its definition: the share of k-subsets holding a pass.
      let subsets = 0;
      let withPass = 0;
      for (let s = 0; s < 1 << n; s++) {
        let size = 0;
        for (let i = 0; i < n; i++) if (s & (1 << i)) size++;
        if (size !== k) continue;
        subsets++;
        if (s & mask) withPass++;
      }
      const x = withPass / subsets;
      m1 += prob * x;
      m2 += prob * x * x;
    }
    return m2 - m1 * m1;
  }

  it('equals the variance over every outcome sequence', () => {
    for (const [p, n, k] of [
      [0.3, 6, 1],
      [0.3, 6, 2],
      [0.1, 8, 3],
      [0.7, 7, 5],
    ] as const)
      expect(passAtKVariance(p, n, k)).toBeCloseTo(enumerated(p, n, k), 12);
  });
});

describe('decision on small cases', () => {
  const opts = { ...DEFAULT_COMPARE, ks: [1] };

  it('identical runs: non-inferior, exit 0', () => {
    const counts = Array.from({ length: 50 }, (_, i) => ({ n: 10, c: i % 11 }));
    const r = compareCounts(counts, counts, opts);
    expect(r.decision.overall).toBe('non-inferior');
    expect(r.decision.exitCode).toBe(EXIT.ok);
    expect(r.decision.perK[0]!.nonInferiority.lowerBound).toBe(0);
  });

  it('too little evidence: inconclusive with the samples that would decide it; exit 2 only with --strict', () => {
    const base = [5, 3, 6, 2, 4, 7].map((c) => ({ n: 10, c }));
    const next = [4, 4, 5, 3, 3, 7].map((c) => ({ n: 10, c }));
    const plain = compareCounts(base, next, opts);
    expect(plain.decision.overall).toBe('inconclusive');
    expect(plain.decision.exitCode).toBe(EXIT.ok);
    expect(plain.samplesToDecide).not.toBeNull();
    expect(compareCounts(base, next, { ...opts, strict: true }).decision.exitCode).toBe(EXIT.inconclusive);
  });

  it('the bound shown agrees with the verdict: the upper bound is below 0 exactly when a k regresses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10), fc.nat(10)), { minLength: 5, maxLength: 40 }), (pairs) => {
        const base = pairs.map(([a]) => ({ n: 10, c: a }));
        const next = pairs.map(([, b]) => ({ n: 10, c: b }));
        const r = compareCounts(base, next, { ...DEFAULT_COMPARE, ks: [1, 5] });
        for (const d of r.decision.perK) {
          if (d.regression.upperBound !== 0) expect(d.regression.rejected).toBe(d.regression.upperBound < 0);
          if (d.nonInferiority.decidable && d.nonInferiority.lowerBound !== -DEFAULT_COMPARE.margin)
            expect(d.nonInferiority.rejected).toBe(d.nonInferiority.lowerBound > -DEFAULT_COMPARE.margin);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('--ignore-below: a significant drop smaller than the floor is not a regression', () => {
    const base = Array.from({ length: 164 }, (_, i) => ({ n: 20, c: (i * 5) % 21 }));
    const next = base.map(({ n, c }, i) => ({ n, c: i % 3 === 0 ? Math.max(0, c - 2) : c }));
    expect(compareCounts(base, next, opts).decision.overall).toBe('regression');
    expect(compareCounts(base, next, { ...opts, ignoreBelow: 0.05 }).decision.overall).not.toBe('regression');
  });
});
