/**
 * Everything `fit`, `plot` and `report` show about one (run, model, config) group: pass@k
 * at every k <= n with problem-level bootstrap intervals, F(k), fits A/B/C with bootstrap
 * intervals and bands, the backtest, verdict rates and token statistics. The JSON shape
 * is what `passk fit --json` prints. Pure.
 */
import { backtest, type Backtest } from '../fits/backtest.js';
import { bootstrapCurve, columnIntervals, interval, predictionKs, type CurveReplicates, type Interval } from '../fits/bootstrap-curve.js';
import { fitCurve, prepareCurve, type CurveFits, type PreparedCurve } from '../fits/curve.js';
import { predictLogLinear } from '../fits/log-linear.js';
import { predictPowerLaw } from '../fits/power-law.js';
import { predictZib } from '../fits/zero-inflated-beta-binomial.js';
import type { Fitted } from '../fits/fitted.js';
import { architectureFacts } from '../metrics/architecture.js';
import type { BootstrapOptions } from '../metrics/bootstrap.js';
import { FLOPS_CONVENTION_TEXT, flopsAtK, flopsOfRun, type FlopsConvention } from '../metrics/flops.js';
import { passAtKWithIntervals } from '../metrics/pass-at-k-intervals.js';
import { groupCosts } from './group-costs.js';
import type { GroupData } from './group-data.js';
import { tokenStats, type TokenStats } from './token-stats.js';

export interface AnalysisOptions {
  convention: FlopsConvention;
  bootstrap: BootstrapOptions;
  /** Fitted curves B and C are drawn up to this multiple of n (dashed beyond n). */
  extrapolate: number;
}

interface PointOut {
  k: number;
  flops: number | null;
  pass_at_k: number;
  ci_low: number | null;
  ci_high: number | null;
}

export interface CurveOut {
  k: number;
  flops: number | null;
  value: number;
  low: number | null;
  high: number | null;
  /** Beyond the sampled n: a prediction, drawn dashed. */
  extrapolated: boolean;
}

type FitOut<T> = (T & { reason: null }) | { reason: string };

export interface GroupAnalysis {
  run: string;
  model: string;
  config: string;
  label: string;
  simulated: boolean;
  benchmark: string;
  problems: number;
  n_min: number;
  n_max: number;
  samples: number;
  flops: {
    convention: FlopsConvention;
    convention_text: string;
    reason: string | null;
    architecture: {
      n_mm: number;
      n_params_active: number;
      n_params_total: number;
      layers: number;
      d_attn: number;
      source: string | null;
    } | null;
    per_sample_mean: number | null;
    run_total: number | null;
  };
  points: PointOut[];
  fit_a: FitOut<{
    intercept: number;
    slope_per_decade: number;
    slope_ci: Interval;
    rmse: number;
    flops_range: [number, number];
    line: CurveOut[];
  }>;
  /** `converged`: the optimizer met its convergence test; `convergence`: its reason, in words. */
  fit_b: FitOut<{
    a: number;
    b: number;
    a_ci: Interval;
    b_ci: Interval;
    rmse: number;
    converged: boolean;
    convergence: string;
    curve: CurveOut[];
  }>;
  fit_c: FitOut<{
    pi0: number;
    alpha: number;
    beta: number;
    pi0_ci: Interval;
    alpha_ci: Interval;
    beta_ci: Interval;
    log_likelihood: number;
    rmse: number;
    converged: boolean;
    convergence: string;
    curve: CurveOut[];
  }>;
  backtest: FitOut<Backtest>;
  bootstrap: { replicates: number; seed: number; level: number; failures: { a: number; b: number; c: number } };
  verdicts: Record<string, number>;
  verdict_rates: Record<string, number>;
  tokens: TokenStats | null;
  per_problem: Array<{ task_id: string; n: number; c: number }>;
}

/** Internals kept for envelopes and comparisons (not serialized). */
export interface GroupComputation {
  group: GroupData;
  prepared: PreparedCurve;
  estimate: CurveFits;
  replicates: CurveReplicates;
  analysis: GroupAnalysis;
}

function out<T>(f: Fitted<T>): FitOut<T> {
  return f.value === null ? { reason: f.reason } : { ...f.value, reason: null };
}

function rmse(pairs: Array<[number, number]>): number {
  return Math.sqrt(pairs.reduce((s, [a, b]) => s + (a - b) ** 2, 0) / Math.max(1, pairs.length));
}

export function analyzeGroup(group: GroupData, options: AnalysisOptions): GroupComputation {
  const counts = group.counts;
  const { costs, reason: costReason } = groupCosts(group, options.convention);
  const prepared = prepareCurve({ counts, costs, costsReason: costReason ?? undefined });
  const estimate = fitCurve(prepared, null);
  const nMin = prepared.ks.length;
  // The grid includes n itself, where the sampled range ends and extrapolation starts.
  const grid =
    nMin > 0 ? [...new Set([...predictionKs(Math.max(nMin, Math.round(nMin * options.extrapolate))), nMin])].sort((a, b) => a - b) : [];
  const replicates = bootstrapCurve(prepared, estimate, grid, options.bootstrap);
  const level = options.bootstrap.level;
  // The same computation and problem order as summary.json's pass@k, so the two agree.
  const observed = passAtKWithIntervals(counts, group.taskIds, prepared.ks, options.bootstrap);
  const points: PointOut[] = prepared.ks.map((k, j) => ({
    k,
    flops: flopsAtK(estimate.flops, k),
    pass_at_k: observed[j]!.value!,
    ci_low: observed[j]!.ci_low,
    ci_high: observed[j]!.ci_high,
  }));
  const fitPoints = prepared.fitKIndex.map((j) => points[j]!);
  const curve = (predict: (k: number) => number, rows: Float64Array[]): CurveOut[] => {
    const bands = columnIntervals(rows, grid.length, level);
    return grid.map((k, j) => ({
      k,
      flops: flopsAtK(estimate.flops, k),
      value: predict(k),
      low: bands[j]?.[0] ?? null,
      high: bands[j]?.[1] ?? null,
      extrapolated: k > nMin,
    }));
  };
  const fa = estimate.fitA.value;
  const lineBands = columnIntervals(replicates.lineA, nMin, level);
  const fb = estimate.fitB.value;
  const fc = estimate.fitC.value;
  const arch = group.facts.architecture ? architectureFacts(group.facts.architecture) : null;
  const total = Object.values(group.verdicts).reduce((s, v) => s + v, 0);
  const bt = backtest(group.outcomes, costs);
  return {
    group,
    prepared,
    estimate,
    replicates,
    analysis: {
      run: group.runDir,
      model: group.model,
      config: group.config,
      label: `${group.model}${group.facts.simulated ? ' (simulated)' : ''} · ${group.config}`,
      simulated: group.facts.simulated,
      benchmark: group.benchmark,
      problems: counts.length,
      n_min: nMin,
      n_max: counts.length ? Math.max(...counts.map((c) => c.n)) : 0,
      samples: group.samples,
      flops: {
        convention: options.convention,
        convention_text: FLOPS_CONVENTION_TEXT[options.convention],
        reason: costReason,
        architecture: arch && {
          n_mm: arch.n_mm,
          n_params_active: arch.n_params_active,
          n_params_total: arch.n_params_total,
          layers: arch.layers,
          d_attn: arch.d_attn,
          source: group.facts.architecture?.source ?? null,
        },
        per_sample_mean:
          costs && group.samples
            ? flopsOfRun(
                costs,
                counts.map((c) => c.n),
              ) / group.samples
            : null,
        run_total: costs
          ? flopsOfRun(
              costs,
              counts.map((c) => c.n),
            )
          : null,
      },
      points,
      fit_a: fa
        ? {
            intercept: fa.intercept,
            slope_per_decade: fa.slope,
            slope_ci: interval(replicates.slopeA, level),
            rmse: fa.rmse,
            flops_range: [fa.minFlops, fa.maxFlops],
            line: prepared.ks.map((k, j) => ({
              k,
              flops: flopsAtK(estimate.flops, k),
              value: predictLogLinear(fa, flopsAtK(estimate.flops, k)!),
              low: lineBands[j]?.[0] ?? null,
              high: lineBands[j]?.[1] ?? null,
              extrapolated: false,
            })),
            reason: null,
          }
        : { reason: estimate.fitA.reason! },
      fit_b: fb
        ? {
            a: fb.a,
            b: fb.b,
            a_ci: interval(replicates.b.a, level),
            b_ci: interval(replicates.b.b, level),
            rmse: fb.rmse,
            converged: fb.converged,
            convergence: fb.convergence,
            curve: curve((k) => predictPowerLaw(fb, k), replicates.b.predictions),
            reason: null,
          }
        : { reason: estimate.fitB.reason! },
      fit_c: fc
        ? {
            pi0: fc.pi0,
            alpha: fc.alpha,
            beta: fc.beta,
            pi0_ci: interval(replicates.c.pi0, level),
            alpha_ci: interval(replicates.c.alpha, level),
            beta_ci: interval(replicates.c.beta, level),
            log_likelihood: fc.logLikelihood,
            rmse: rmse(fitPoints.map((p) => [predictZib(fc, p.k), p.pass_at_k])),
            converged: fc.converged,
            convergence: fc.convergence,
            curve: curve((k) => predictZib(fc, k), replicates.c.predictions),
            reason: null,
          }
        : { reason: estimate.fitC.reason! },
      backtest: out(bt),
      bootstrap: { replicates: options.bootstrap.replicates, seed: options.bootstrap.seed, level, failures: replicates.failures },
      verdicts: group.verdicts,
      verdict_rates: Object.fromEntries(Object.entries(group.verdicts).map(([v, c]) => [v, total ? c / total : 0])),
      tokens: tokenStats(group.tokens.flat(), group.tokenSources),
      per_problem: group.taskIds.map((id, i) => ({ task_id: id, n: counts[i]!.n, c: counts[i]!.c })),
    },
  };
}
