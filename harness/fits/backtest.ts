/**
 * Backtest (docs/formulas.md section 4): fit on the first n/10 samples of every problem, predict
 * pass@k at the larger ks, and compare with what all n samples show. Fit A is included
 * to show what extrapolating a descriptive line does; B and C are the predictive fits.
 * Pure.
 */
import { flopsAtK, type ProblemCost } from '../metrics/flops.js';
import { meanPassAtK } from '../metrics/pass-at-k.js';
import { predictLogLinear } from './log-linear.js';
import { predictPowerLaw } from './power-law.js';
import { predictZib } from './zero-inflated-beta-binomial.js';
import { fitCurve, prepareCurve } from './curve.js';
import { fitKs, fitted, unfitted, type Fitted } from './fitted.js';

interface BacktestError {
  predicted: number[];
  rmse: number;
  maxAbsError: number;
}

export interface Backtest {
  /** Samples per problem the fits saw (n/10). */
  trainSamples: number;
  /** The ks predicted and what all samples show there. */
  ks: number[];
  observed: number[];
  a: Fitted<BacktestError>;
  b: Fitted<BacktestError>;
  c: Fitted<BacktestError>;
}

function errors(predicted: number[], observed: number[]): BacktestError {
  let sse = 0;
  let max = 0;
  predicted.forEach((p, i) => {
    const e = p - observed[i]!;
    sse += e * e;
    max = Math.max(max, Math.abs(e));
  });
  return { predicted, rmse: Math.sqrt(sse / predicted.length), maxAbsError: max };
}

/** `outcomes[i]` is problem i's pass/fail in sample-index order. */
export function backtest(outcomes: ReadonlyArray<readonly boolean[]>, costs: readonly ProblemCost[] | null): Fitted<Backtest> {
  if (outcomes.length === 0) return unfitted('no problems');
  const n = Math.min(...outcomes.map((o) => o.length));
  const m = Math.floor(n / 10);
  if (m < 2) return unfitted(`the backtest fits on n/10 samples and needs at least 2 (n = ${n} < 20)`);
  const ks = fitKs(n).filter((k) => k > m);
  const full = outcomes.map((o) => ({ n: o.length, c: o.filter(Boolean).length }));
  const observed = ks.map((k) => meanPassAtK(full, k).value!);
  const train = outcomes.map((o) => ({ n: m, c: o.slice(0, m).filter(Boolean).length }));
  const fits = fitCurve(prepareCurve({ counts: train, costs, costsReason: 'FLOPs unknown' }), null);
  // F(k) for the larger ks comes from the same per-sample costs (F is affine in k).
  const fa = fits.fitA.value;
  const cost = fits.flops;
  return fitted({
    trainSamples: m,
    ks,
    observed,
    a:
      fa && cost
        ? fitted(
            errors(
              ks.map((k) => predictLogLinear(fa, flopsAtK(cost, k))),
              observed,
            ),
          )
        : unfitted(fits.fitA.reason ?? 'fit A failed'),
    b: fits.fitB.value
      ? fitted(
          errors(
            ks.map((k) => predictPowerLaw(fits.fitB.value!, k)),
            observed,
          ),
        )
      : unfitted(fits.fitB.reason!),
    c: fits.fitC.value
      ? fitted(
          errors(
            ks.map((k) => predictZib(fits.fitC.value!, k)),
            observed,
          ),
        )
      : unfitted(fits.fitC.reason!),
  });
}
