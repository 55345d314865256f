/**
 * `passk frontier`'s result (schema passk.frontier/1, docs/records.md): the options of every
 * group on one cost axis, the choice at each budget, and fit C's backtest from n/10 samples
 * per group, which says how far its extrapolated options can be trusted. Pure.
 */
import { flopsAtK } from '../metrics/flops.js';
import type { GroupComputation } from './group-analysis.js';
import { budgetGrid, chooseAt, type FrontierChoice, type FrontierOption } from './frontier.js';
import { AXIS_TEXT, costAtK, type CostAxis, type MeasuredCost } from './measured-cost.js';

const FRONTIER_SCHEMA = 'passk.frontier/1';

export interface FrontierReport {
  schema: typeof FRONTIER_SCHEMA;
  axis: CostAxis;
  axis_text: string;
  level: number;
  groups: Array<{
    label: string;
    run: string;
    model: string;
    config: string;
    n: number;
    /** Why the group has no options on this axis (null when it has). */
    reason: string | null;
    measured_options: number;
    extrapolated_options: number;
    cost: MeasuredCost;
    /** Fit C fitted on the first n/10 samples per problem against all n at the larger ks. */
    backtest:
      | { train_samples: number; ks: number[]; observed: number[]; predicted: number[]; rmse: number; max_abs_error: number }
      | { reason: string };
  }>;
  budgets: FrontierChoice[];
  options: FrontierOption[];
}

function costOf(c: GroupComputation, cost: MeasuredCost, axis: CostAxis, k: number): number | null {
  if (axis === 'flops') return c.estimate.flops ? flopsAtK(c.estimate.flops, k) : null;
  return costAtK(cost, axis, k);
}

function axisReason(c: GroupComputation, cost: MeasuredCost, axis: CostAxis): string {
  if (axis === 'flops') return c.analysis.flops.reason ?? 'FLOPs unknown';
  if (axis === 'tokens') return 'no token counts recorded';
  if (axis === 'dollars' && cost.gpu_hour_price === null) return 'no --gpu-hour-price given';
  return cost.reason ?? 'no request latency recorded';
}

export function frontierReport(
  computations: readonly GroupComputation[],
  costs: readonly MeasuredCost[],
  axis: CostAxis,
  budgets: number[] | null,
  budgetCount = 6,
): FrontierReport {
  const options: FrontierOption[] = [];
  const groups = computations.map((c, i) => {
    const g = c.analysis;
    const cost = costs[i]!;
    const base = { label: g.label, model: g.model, config: g.config };
    const mine: FrontierOption[] = [];
    for (const p of g.points) {
      const at = costOf(c, cost, axis, p.k);
      if (at !== null) mine.push({ ...base, k: p.k, cost: at, value: p.pass_at_k, low: p.ci_low, high: p.ci_high, extrapolated: false });
    }
    if (g.fit_c.reason === null) {
      for (const p of g.fit_c.curve) {
        const at = p.extrapolated ? costOf(c, cost, axis, p.k) : null;
        if (at !== null) mine.push({ ...base, k: p.k, cost: at, value: p.value, low: p.low, high: p.high, extrapolated: true });
      }
    }
    options.push(...mine);
    const bt = g.backtest;
    return {
      label: g.label,
      run: g.run,
      model: g.model,
      config: g.config,
      n: g.n_min,
      reason: mine.length ? null : axisReason(c, cost, axis),
      measured_options: mine.filter((o) => !o.extrapolated).length,
      extrapolated_options: mine.filter((o) => o.extrapolated).length,
      cost,
      backtest:
        bt.reason !== null
          ? { reason: bt.reason }
          : bt.c.reason !== null
            ? { reason: bt.c.reason }
            : {
                train_samples: bt.trainSamples,
                ks: bt.ks,
                observed: bt.observed,
                predicted: bt.c.value.predicted,
                rmse: bt.c.value.rmse,
                max_abs_error: bt.c.value.maxAbsError,
              },
    };
  });
  const grid = budgets ?? budgetGrid(options, budgetCount);
  return {
    schema: FRONTIER_SCHEMA,
    axis,
    axis_text: AXIS_TEXT[axis],
    level: computations[0]?.analysis.bootstrap.level ?? 0.95,
    groups,
    budgets: grid.map((b) => chooseAt(options, b)),
    options,
  };
}
