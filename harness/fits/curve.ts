/**
 * One curve (a model under one sampling config on one problem set): pass@k at every
 * k <= n, its FLOPs F(k), and fits A, B and C. `prepareCurve` precomputes per-problem
 * tables once so that the point estimate and every bootstrap replicate (a multiset of
 * problem indices) cost only sums and refits. Pure.
 */
import { flopsAtK, type ProblemCost } from '../metrics/flops.js';
import { passAtKOne, type TaskCounts } from '../metrics/pass-at-k.js';
import { fitLogLinear, type LogLinearFit } from './log-linear.js';
import { fitPowerLaw, type PowerLawFit } from './power-law.js';
import { countCells, fitZibCells, toTheta, type CountCells, type ZibFit } from './zero-inflated-beta-binomial.js';
import { fitKs, unfitted, type Fitted } from './fitted.js';

interface CurveInput {
  counts: readonly TaskCounts[];
  /** Per-problem costs, aligned with counts; null when FLOPs are unknown. */
  costs: readonly ProblemCost[] | null;
  /** Why costs are null (shown where a FLOPs figure would be). */
  costsReason?: string;
}

export interface PreparedCurve {
  problems: number;
  /** Every k <= the smallest n. */
  ks: number[];
  /** The ks fits A and B use, and their positions in ks. */
  fitKs: number[];
  fitKIndex: number[];
  /** problems x ks, row-major: per-problem unbiased pass@k. */
  table: Float64Array;
  shared: Float64Array | null;
  perSample: Float64Array | null;
  costsReason: string | null;
  cells: CountCells;
  cellOf: Int32Array;
}

export function prepareCurve(input: CurveInput): PreparedCurve {
  const P = input.counts.length;
  const minN = P ? Math.min(...input.counts.map((c) => c.n)) : 0;
  const ks = Array.from({ length: minN }, (_, i) => i + 1);
  const table = new Float64Array(P * ks.length);
  input.counts.forEach(({ n, c }, i) => {
    for (let j = 0; j < ks.length; j++) table[i * ks.length + j] = passAtKOne(n, c, ks[j]!);
  });
  const fk = fitKs(minN);
  const { cells, cellOf } = countCells(input.counts);
  return {
    problems: P,
    ks,
    fitKs: fk,
    fitKIndex: fk.map((k) => k - 1),
    table,
    shared: input.costs ? Float64Array.from(input.costs, (c) => c.shared) : null,
    perSample: input.costs ? Float64Array.from(input.costs, (c) => c.perSample) : null,
    costsReason: input.costs ? null : (input.costsReason ?? 'FLOPs unknown'),
    cells,
    cellOf,
  };
}

export interface CurveFits {
  /** Mean pass@k per k in prepared.ks. */
  passAtK: Float64Array;
  /** The problems' costs summed (F(k) = flopsAtK(flops, k)); null without FLOPs. */
  flops: ProblemCost | null;
  fitA: Fitted<LogLinearFit>;
  fitB: Fitted<PowerLawFit>;
  fitC: Fitted<ZibFit>;
}

export interface FitWhich {
  a?: boolean;
  b?: boolean;
  c?: boolean;
  /** Warm start for fit C (the full-data fit, for replicates). */
  cStart?: number[];
}

/** Point estimate (idx = null) or one bootstrap replicate (idx = the drawn problem indices). */
export function fitCurve(prepared: PreparedCurve, idx: ArrayLike<number> | null, which: FitWhich = {}): CurveFits {
  const K = prepared.ks.length;
  const passAtK = new Float64Array(K);
  const size = idx ? idx.length : prepared.problems;
  let S = 0;
  let D = 0;
  const weight = new Float64Array(prepared.cells.n.length);
  for (let r = 0; r < size; r++) {
    const i = idx ? idx[r]! : r;
    const row = i * K;
    for (let j = 0; j < K; j++) passAtK[j]! += prepared.table[row + j]!;
    if (prepared.shared && prepared.perSample) {
      S += prepared.shared[i]!;
      D += prepared.perSample[i]!;
    }
    weight[prepared.cellOf[i]!]! += 1;
  }
  if (size > 0) for (let j = 0; j < K; j++) passAtK[j]! /= size;
  const hasFlops = prepared.shared !== null && size > 0;
  const fits: CurveFits = {
    passAtK,
    flops: hasFlops ? { shared: S, perSample: D } : null,
    fitA: unfitted('not computed'),
    fitB: unfitted('not computed'),
    fitC: unfitted('not computed'),
  };
  const fitPoints = prepared.fitKIndex.map((j) => ({
    k: prepared.ks[j]!,
    flops: flopsAtK(fits.flops, prepared.ks[j]!),
    passAtK: passAtK[j]!,
  }));
  if (which.a !== false) {
    fits.fitA = hasFlops
      ? fitLogLinear(fitPoints.map((p) => ({ flops: p.flops!, passAtK: p.passAtK })))
      : unfitted(prepared.costsReason ?? 'FLOPs unknown');
  }
  if (which.b !== false) fits.fitB = fitPowerLaw(fitPoints);
  if (which.c !== false) {
    fits.fitC = fitZibCells(prepared.cells, { weight, ...(which.cStart ? { starts: [which.cStart], momentStart: false } : {}) });
  }
  return fits;
}

export function zibStart(fit: Fitted<ZibFit>): number[] | undefined {
  return fit.value ? toTheta(fit.value) : undefined;
}
