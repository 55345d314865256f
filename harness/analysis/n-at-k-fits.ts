/**
 * n@k against FLOPs (docs/formulas.md, "n@k against FLOPs"): for each group of a run with n@k
 * (a stdin/stdout run), 1@k and 10@k at each k estimated, against F(k), the FLOPs of k samples
 * per problem summed over problems (the pass@k analysis's own, so the two curves share their
 * x axis), fitted with pass@k's fit A (a + b log10 F(k)) and fit B (exp(-a k^-b)). Fit C is a
 * model of per-problem pass counts (c of n); n@k is not a function of them, so it is not
 * fitted. The points keep their estimator's standard error; no bootstrap here. Pure.
 */
import { fitLogLinear } from '../fits/log-linear.js';
import { fitPowerLaw } from '../fits/power-law.js';
import { flopsAtK } from '../metrics/flops.js';
import type { Selection } from '../selection/select-run.js';
import type { GroupComputation } from './group-analysis.js';

type FitOut<T> = (T & { reason: null }) | { reason: string };

interface NAtKCurveFit {
  /** Submissions: 1 or 10. */
  n: number;
  points: Array<{ k: number; flops: number | null; value: number; standard_error: number }>;
  fit_a: FitOut<{ intercept: number; slope_per_decade: number; rmse: number; flops_range: [number, number] }>;
  fit_b: FitOut<{ a: number; b: number; rmse: number; converged: boolean; convergence: string }>;
}

export interface NAtKFitGroup {
  run: string;
  model: string;
  config: string;
  label: string;
  /** What the samples were clustered on (an oracle-input upper bound unless a file was given). */
  cluster_inputs: Selection['cluster_inputs'];
  curves: NAtKCurveFit[];
  fit_c: { reason: string };
}

const FIT_C_REASON = 'not fitted: fit C models per-problem pass counts (c of n), and n@k is not a function of them';

function curveFit(n: string, byK: Record<string, { value: number; standard_error: number }>, c: GroupComputation): NAtKCurveFit {
  const points = Object.entries(byK)
    .map(([k, e]) => ({ k: Number(k), flops: flopsAtK(c.estimate.flops, Number(k)), value: e.value, standard_error: e.standard_error }))
    .sort((a, b) => a.k - b.k);
  const withFlops = points.filter((p) => p.flops !== null);
  const a = withFlops.length
    ? fitLogLinear(withFlops.map((p) => ({ flops: p.flops!, passAtK: p.value })))
    : { value: null, reason: c.analysis.flops.reason ?? 'no FLOPs for this group' };
  const b = fitPowerLaw(points.map((p) => ({ k: p.k, passAtK: p.value })));
  return {
    n: Number(n),
    points,
    fit_a: a.value
      ? {
          intercept: a.value.intercept,
          slope_per_decade: a.value.slope,
          rmse: a.value.rmse,
          flops_range: [a.value.minFlops, a.value.maxFlops],
          reason: null,
        }
      : { reason: a.reason! },
    fit_b: b.value
      ? { a: b.value.a, b: b.value.b, rmse: b.value.rmse, converged: b.value.converged, convergence: b.value.convergence, reason: null }
      : { reason: b.reason! },
  };
}

/** The n@k fits of every analysed group whose run has n@k (`selections` by run folder). */
export function nAtKFits(computations: readonly GroupComputation[], selections: ReadonlyMap<string, Selection>): NAtKFitGroup[] {
  return computations.flatMap((c) => {
    const a = c.analysis;
    const selection = selections.get(a.run);
    const group = selection?.groups.find((g) => g.model === a.model && g.config === a.config);
    if (!selection || !group) return [];
    return [
      {
        run: a.run,
        model: a.model,
        config: a.config,
        label: a.label,
        cluster_inputs: selection.cluster_inputs,
        curves: Object.entries(group.n_at_k).map(([n, byK]) => curveFit(n, byK, c)),
        fit_c: { reason: FIT_C_REASON },
      },
    ];
  });
}
