import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomial, zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { backtest } from '../../harness/fits/backtest.js';
import { bootstrapCurve, predictionKs } from '../../harness/fits/bootstrap-curve.js';
import { fitCurve, prepareCurve } from '../../harness/fits/curve.js';
import { fitLogLinear } from '../../harness/fits/log-linear.js';
import { fitPowerLaw, predictPowerLaw } from '../../harness/fits/power-law.js';
import { countCells, fitZib, predictZib, zibLogLikelihood } from '../../harness/fits/zero-inflated-beta-binomial.js';
import { fitKs } from '../../harness/fits/fitted.js';
import { nelderMead } from '../../harness/fits/nelder-mead.js';
import { logBeta, logGamma, logistic } from '../../harness/fits/special.js';
import { zibValueGradHess } from '../../harness/fits/zero-inflated-beta-binomial-derivatives.js';
import { meanPassAtK } from '../../harness/metrics/pass-at-k.js';
import { mulberry32 } from '../../harness/metrics/random.js';

describe('special functions', () => {
  it('log-gamma at known points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    // log(170!) computed as a sum of logs
    let s = 0;
    for (let i = 2; i <= 170; i++) s += Math.log(i);
    expect(logGamma(171) / s).toBeCloseTo(1, 13);
  });

  it('satisfies the recurrence log G(x+1) = log G(x) + log x, across the Stirling switch too', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e5, noNaN: true }), (x) => {
        expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('log-beta: B(a,1) = 1/a and symmetry', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-2, max: 1e3, noNaN: true }), fc.double({ min: 1e-2, max: 1e3, noNaN: true }), (a, b) => {
        expect(logBeta(a, 1)).toBeCloseTo(-Math.log(a), 9);
        expect(logBeta(a, b)).toBeCloseTo(logBeta(b, a), 9);
      }),
    );
  });
});

describe('Nelder-Mead', () => {
  it('finds the Rosenbrock minimum', () => {
    const r = nelderMead(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2, [-1.2, 1], { fTolerance: 1e-14, xTolerance: 1e-9 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('finds the centre of random quadratics', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 4 }), (centre) => {
        const r = nelderMead(
          (x) => x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]!) ** 2, 0),
          centre.map(() => 0),
          { fTolerance: 1e-16, xTolerance: 1e-9 },
        );
        r.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 4));
      }),
      { numRuns: 30 },
    );
  });
});

describe('fit A (log-linear) and fit B (exponentiated power law)', () => {
  it('A recovers an exact line and its slope per decade', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true }), (a, b) => {
        const pts = [1e12, 3e12, 1e13, 5e14].map((f) => ({ flops: f, passAtK: a + b * Math.log10(f) }));
        const fit = fitLogLinear(pts).value!;
        expect(fit.slope).toBeCloseTo(b, 9);
        expect(fit.rmse).toBeLessThan(1e-9);
      }),
    );
  });

  it('A refuses a single point with a reason', () => {
    expect(fitLogLinear([{ flops: 1e9, passAtK: 0.2 }]).reason).toMatch(/at least 2 points/);
  });

  it('B recovers planted parameters from exact points', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 4, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), (a, b) => {
        const pts = fitKs(100).map((k) => ({ k, passAtK: predictPowerLaw({ a, b }, k) }));
        const fit = fitPowerLaw(pts).value!;
        expect(fit.a).toBeCloseTo(a, 4);
        expect(fit.b).toBeCloseTo(b, 4);
      }),
      { numRuns: 40 },
    );
  });
});

describe('fit C (zero-inflated beta-binomial)', () => {
  it('the likelihood is a distribution over c = 0..n', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (pi0, alpha, beta, n) => {
          let total = 0;
          for (let c = 0; c <= n; c++) total += Math.exp(zibLogLikelihood({ pi0, alpha, beta }, countCells([{ n, c }]).cells));
          expect(total).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('pass@k prediction: k = 1 is the mean rate; integer k matches the product form', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        (pi0, alpha, beta, k) => {
          const p = { pi0, alpha, beta };
          expect(predictZib(p, 1)).toBeCloseTo((1 - pi0) * (alpha / (alpha + beta)), 10);
          let ratio = 1;
          for (let j = 0; j < k; j++) ratio *= (beta + j) / (alpha + beta + j);
          expect(predictZib(p, k)).toBeCloseTo((1 - pi0) * (1 - ratio), 9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('maximum likelihood recovers planted parameters from many problems', () => {
    const rng = mulberry32(11);
    const truth = { pi0: 0.3, alpha: 0.7, beta: 1.5 };
    const counts = zeroInflatedBetaRates(rng, 4000, truth).map((p) => ({ n: 50, c: binomial(rng, 50, p) }));
    const fit = fitZib(counts).value!;
    expect(fit.pi0).toBeCloseTo(truth.pi0, 1);
    expect(Math.abs(Math.log(fit.alpha / truth.alpha))).toBeLessThan(0.15);
    expect(Math.abs(Math.log(fit.beta / truth.beta))).toBeLessThan(0.15);
    // The fit's pass@k tracks the unbiased estimate inside the sampled range.
    for (const k of [1, 10, 50]) expect(predictZib(fit, k)).toBeCloseTo(meanPassAtK(counts, k).value!, 2);
  });

  it('puts pi0 at (near) zero when every problem is solved sometimes', () => {
    const counts = Array.from({ length: 40 }, (_, i) => ({ n: 10, c: 1 + (i % 9) }));
    expect(fitZib(counts).value!.pi0).toBeLessThan(1e-3);
  });
});

describe('curves, bootstrap and backtest', () => {
  const rng = mulberry32(5);
  const truth = { pi0: 0.25, alpha: 0.6, beta: 1.8 };
  const outcomes = zeroInflatedBetaRates(rng, 120, truth).map((p) => Array.from({ length: 50 }, () => rng() < p));
  const counts = outcomes.map((o) => ({ n: o.length, c: o.filter(Boolean).length }));
  const costs = counts.map((_, i) => ({ shared: 1e9 * (1 + (i % 3)), perSample: 2e9 }));

  it('ks for fits and predictions', () => {
    expect(fitKs(50)).toEqual([1, 2, 5, 10, 20, 50]);
    expect(fitKs(30)).toEqual([1, 2, 5, 10, 20, 30]);
    const grid = predictionKs(500);
    expect(grid[0]).toBe(1);
    expect(grid[grid.length - 1]).toBe(500);
    expect(new Set(grid).size).toBe(grid.length);
  });

  it('the point estimate equals pass@k of all problems; replicates are seeded', () => {
    const prepared = prepareCurve({ counts, costs });
    const est = fitCurve(prepared, null);
    expect(est.passAtK[9]).toBeCloseTo(meanPassAtK(counts, 10).value!, 12);
    expect(est.flops?.shared).toBe(costs.reduce((s, c) => s + c.shared, 0));
    const opts = { replicates: 50, seed: 3 };
    const a = bootstrapCurve(prepared, est, [1, 100], opts);
    const b = bootstrapCurve(prepared, est, [1, 100], opts);
    expect(a.slopeA).toEqual(b.slopeA);
    expect(a.c.pi0).toEqual(b.c.pi0);
    expect(a.count).toBe(50);
  });

  it('backtest: fit on the first n/10 samples, predict the rest', () => {
    const bt = backtest(outcomes, costs).value!;
    expect(bt.trainSamples).toBe(5);
    expect(bt.ks).toEqual([10, 20, 50]);
    expect(bt.observed[2]).toBeCloseTo(meanPassAtK(counts, 50).value!, 12);
    const c = bt.c.value!;
    const sq = c.predicted.map((p, i) => (p - bt.observed[i]!) ** 2);
    expect(c.rmse).toBeCloseTo(Math.sqrt(sq.reduce((s, v) => s + v, 0) / sq.length), 12);
    // Extrapolating must beat the flat guess "pass@k stays at the training pass@5".
    const flat = meanPassAtK(
      outcomes.map((o) => ({ n: 5, c: o.slice(0, 5).filter(Boolean).length })),
      5,
    ).value!;
    const flatError = Math.max(...bt.observed.map((o) => Math.abs(o - flat)));
    expect(c.maxAbsError).toBeLessThan(flatError);
    expect(bt.b.value!.maxAbsError).toBeLessThan(flatError);
    expect(backtest([[true, false]], null).reason).toMatch(/n = 2 < 20/);
  });
});

describe('fit C derivatives', () => {
  it('analytic gradient and Hessian match finite differences', () => {
    const cells = countCells([
      { n: 10, c: 0 },
      { n: 10, c: 0 },
      { n: 10, c: 3 },
      { n: 12, c: 12 },
      { n: 7, c: 1 },
    ]).cells;
    fc.assert(
      fc.property(
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: -2, max: 3, noNaN: true }),
        fc.double({ min: -2, max: 3, noNaN: true }),
        (t, u, v) => {
          const theta = [t, u, v];
          const at = zibValueGradHess(theta, cells, cells.weight);
          const ll = (x: number[]) => zibLogLikelihood({ pi0: logistic(x[0]!), alpha: Math.exp(x[1]!), beta: Math.exp(x[2]!) }, cells);
          expect(at.value).toBeCloseTo(ll(theta), 9);
          const h = 1e-5;
          for (let i = 0; i < 3; i++) {
            const up = theta.map((x, j) => (j === i ? x + h : x));
            const dn = theta.map((x, j) => (j === i ? x - h : x));
            expect(at.grad[i]).toBeCloseTo((ll(up) - ll(dn)) / (2 * h), 4);
            const gu = zibValueGradHess(up, cells, cells.weight).grad;
            const gd = zibValueGradHess(dn, cells, cells.weight).grad;
            for (let j = 0; j < 3; j++) expect(at.hess[i * 3 + j]).toBeCloseTo((gu[j]! - gd[j]!) / (2 * h), 3);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
