/**
 * Known truth: per-problem success rates drawn from a planted zero-inflated beta, samples
 * drawn from those rates; fit C's problem-level bootstrap intervals must cover the
 * planted parameters in at least 90% of 50 seeded repetitions.
 *
 * The setting is HumanEval-sized: 164 problems, 100 samples each. B = 400 replicates here
 * instead of the product's 2000, to keep the test near 20 s: B sets the Monte Carlo error
 * of the interval endpoints (the 2.5% quantile of 400 draws), not the interval's target.
 * Measured offline with this exact code over seeds 0-199: the 95% intervals covered pi0 /
 * alpha / beta in 93 / 93 / 93.5% of repetitions, the Bonferroni-adjusted intervals all
 * three at once in 95%: slightly under nominal (the maximum-likelihood estimates of the
 * beta's shape are biased upwards at this sample size), and a 50-repetition count of a
 * 93% interval falls below 45 about one time in six, so this test sits near its edge by
 * construction of the criterion; seeds 0-49 give 45 / 46 / 49 and 50 jointly.
 */
import { describe, expect, it } from 'vitest';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { backtest } from '../../harness/fits/backtest.js';
import { bootstrapCurve, interval } from '../../harness/fits/bootstrap-curve.js';
import { fitCurve, prepareCurve } from '../../harness/fits/curve.js';
import { mulberry32 } from '../../harness/metrics/random.js';

const PLANTED = { pi0: 0.25, alpha: 0.6, beta: 1.8 };
const PROBLEMS = 164; // HumanEval-sized
const SAMPLES = 100;
const REPETITIONS = 50;
const REPLICATES = 400;
const PARAMS = ['pi0', 'alpha', 'beta'] as const;

describe('fit C on a planted zero-inflated beta', () => {
  it('bootstrap intervals cover the planted parameters in >= 90% of 50 seeded repetitions', () => {
    const covered = { pi0: 0, alpha: 0, beta: 0 };
    let jointBonferroni = 0;
    const backtestB: number[] = [];
    const backtestC: number[] = [];
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const rng = mulberry32(rep);
      const rates = zeroInflatedBetaRates(rng, PROBLEMS, PLANTED);
      const outcomes = rates.map((p) => Array.from({ length: SAMPLES }, () => rng() < p));
      const counts = outcomes.map((o) => ({ n: SAMPLES, c: o.filter(Boolean).length }));
      const prepared = prepareCurve({ counts, costs: null });
      const estimate = fitCurve(prepared, null, { a: false, b: false });
      const boot = bootstrapCurve(prepared, estimate, [], { replicates: REPLICATES, seed: rep }, { a: false, b: false });
      expect(boot.failures.c).toBe(0);
      let all = true;
      for (const key of PARAMS) {
        const [lo, hi] = interval(boot.c[key], 0.95)!;
        if (lo <= PLANTED[key] && PLANTED[key] <= hi) covered[key]++;
        // Simultaneous intervals for the joint claim: Bonferroni over the three parameters.
        const [jlo, jhi] = interval(boot.c[key], 1 - 0.05 / 3)!;
        if (!(jlo <= PLANTED[key] && PLANTED[key] <= jhi)) all = false;
      }
      if (all) jointBonferroni++;
      const bt = backtest(outcomes, null).value!;
      backtestB.push(bt.b.value!.rmse);
      backtestC.push(bt.c.value!.rmse);
    }
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    console.log(
      `fit C coverage over ${REPETITIONS} repetitions (95% intervals): pi0 ${covered.pi0}, alpha ${covered.alpha}, beta ${covered.beta}; ` +
        `joint (Bonferroni 98.3% intervals) ${jointBonferroni}. Backtest RMSE (fit on ${SAMPLES / 10} samples, predict k up to ${SAMPLES}): ` +
        `fit B ${mean(backtestB).toFixed(4)}, fit C ${mean(backtestC).toFixed(4)}`,
    );
    for (const key of PARAMS) expect(covered[key] / REPETITIONS).toBeGreaterThanOrEqual(0.9);
    expect(jointBonferroni / REPETITIONS).toBeGreaterThanOrEqual(0.9);
    // Fit B's backtest error is reported above; it must at least be a finite, bounded error.
    expect(mean(backtestB)).toBeGreaterThan(0);
    expect(mean(backtestB)).toBeLessThan(0.25);
  });
});
