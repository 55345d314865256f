/**
 * The best-config envelope over a sampling sweep, as the paper plots it: at each k the
 * best pass@k over the model's configs. The best is chosen on the test set itself, which
 * flatters the envelope; it is labelled so. Its intervals come from the same bootstrap
 * replicates (one seed, problems in one order), taking the best config per replicate, so
 * the selection is inside the resampling. Pure.
 */
import { interval, type Interval } from '../fits/bootstrap-curve.js';
import { fitLogLinear } from '../fits/log-linear.js';
import { fitKs } from '../fits/fitted.js';
import { flopsAtK } from '../metrics/flops.js';
import type { GroupComputation } from './group-analysis.js';

export interface EnvelopeAnalysis {
  model: string;
  label: string;
  run_dirs: string[];
  configs: string[];
  points: Array<{ k: number; flops: number | null; pass_at_k: number; ci_low: number | null; ci_high: number | null; config: string }>;
  fit_a: { slope_per_decade: number; slope_ci: Interval; intercept: number; reason: null } | { reason: string };
}

function best(values: number[]): number {
  let j = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[j]!) j = i;
  return j;
}

/** Envelopes for every model that has two or more configs over the same problems. */
export function envelopes(groups: readonly GroupComputation[], level: number): EnvelopeAnalysis[] {
  const byModel = new Map<string, GroupComputation[]>();
  for (const g of groups) {
    const list = byModel.get(g.group.model) ?? [];
    list.push(g);
    byModel.set(g.group.model, list);
  }
  const out: EnvelopeAnalysis[] = [];
  for (const [model, list] of byModel) {
    if (list.length < 2) continue;
    const ids = list[0]!.group.taskIds.join('\n');
    if (list.some((g) => g.group.taskIds.join('\n') !== ids)) continue;
    const K = Math.min(...list.map((g) => g.prepared.ks.length));
    const R = Math.min(...list.map((g) => g.replicates.count));
    if (K === 0) continue;
    const points: EnvelopeAnalysis['points'] = [];
    for (let j = 0; j < K; j++) {
      const k = j + 1;
      const b = best(list.map((g) => g.estimate.passAtK[j]!));
      const chosen = list[b]!;
      const perRep: number[] = [];
      for (let r = 0; r < R; r++) perRep.push(Math.max(...list.map((g) => g.replicates.passAtK[r]![j]!)));
      const ci = interval(perRep, level);
      const flops = chosen.analysis.points[j]!.flops;
      points.push({
        k,
        flops,
        pass_at_k: chosen.estimate.passAtK[j]!,
        ci_low: ci?.[0] ?? null,
        ci_high: ci?.[1] ?? null,
        config: chosen.group.config,
      });
    }
    const fk = fitKs(K);
    const fitOn = (pts: Array<{ k: number; flops: number | null; v: number }>) =>
      pts.every((p) => p.flops !== null) ? fitLogLinear(pts.map((p) => ({ flops: p.flops!, passAtK: p.v }))) : null;
    const pointFit = fitOn(fk.map((k) => ({ k, flops: points[k - 1]!.flops, v: points[k - 1]!.pass_at_k })));
    const slopes: number[] = [];
    for (let r = 0; r < R; r++) {
      const pts = fk.map((k) => {
        const b = best(list.map((g) => g.replicates.passAtK[r]![k - 1]!));
        return { k, flops: flopsAtK(list[b]!.replicates.flops[r]!, k), v: list[b]!.replicates.passAtK[r]![k - 1]! };
      });
      const f = fitOn(pts);
      slopes.push(f?.value ? f.value.slope : Number.NaN);
    }
    out.push({
      model,
      label: `${model}: best of ${list.length} configs per k (chosen on the test set)`,
      run_dirs: [...new Set(list.map((g) => g.group.runDir))],
      configs: list.map((g) => g.group.config),
      points,
      fit_a: pointFit?.value
        ? { slope_per_decade: pointFit.value.slope, slope_ci: interval(slopes, level), intercept: pointFit.value.intercept, reason: null }
        : { reason: pointFit?.reason ?? list.find((g) => g.analysis.flops.reason)?.analysis.flops.reason ?? 'FLOPs unknown' },
    });
  }
  return out;
}
