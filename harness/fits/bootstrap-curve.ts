/**
 * Problem-level bootstrap of a curve (docs/formulas.md sections 2 and 4): each replicate draws problems
 * with replacement (each keeps all its samples), recomputes every pass@k point, F(k), and
 * refits A, B and C; intervals are percentiles over replicates. Curve-fit covariances are
 * never used: every point reuses the same samples, so they would be far too small. Pure.
 */
import { bootstrapIndexSets, percentileInterval, type BootstrapOptions } from '../metrics/bootstrap.js';
import { flopsAtK, type ProblemCost } from '../metrics/flops.js';
import { predictLogLinear } from './log-linear.js';
import { predictPowerLaw } from './power-law.js';
import { predictZib } from './zero-inflated-beta-binomial.js';
import { fitCurve, zibStart, type CurveFits, type FitWhich, type PreparedCurve } from './curve.js';

/** k values for drawing fitted curves: about 12 per decade from 1 to maxK. */
export function predictionKs(maxK: number): number[] {
  const out = new Set<number>();
  for (let e = 0; 10 ** e <= maxK * 1.0001; e += 1 / 12) out.add(Math.round(10 ** e));
  out.add(maxK);
  return [...out].filter((k) => k <= maxK).sort((a, b) => a - b);
}

export interface CurveReplicates {
  count: number;
  /** Per replicate: pass@k at each k of prepared.ks. */
  passAtK: Float64Array[];
  /** Fit A's slope per replicate, NaN where the fit failed (aligned with replicates, for paired differences). */
  slopeA: number[];
  /** Per replicate: the drawn problems' costs summed (null without FLOPs). */
  flops: Array<ProblemCost | null>;
  /** Fit A's line per replicate at the point estimate's F(k), k in prepared.ks (NaN when unfitted). */
  lineA: Float64Array[];
  b: { a: number[]; b: number[]; predictions: Float64Array[] };
  c: { pi0: number[]; alpha: number[]; beta: number[]; predictions: Float64Array[] };
  failures: { a: number; b: number; c: number };
}

export function bootstrapCurve(
  prepared: PreparedCurve,
  estimate: CurveFits,
  grid: readonly number[],
  options: Pick<BootstrapOptions, 'replicates' | 'seed'>,
  which: FitWhich = {},
): CurveReplicates {
  const out: CurveReplicates = {
    count: 0,
    passAtK: [],
    slopeA: [],
    flops: [],
    lineA: [],
    b: { a: [], b: [], predictions: [] },
    c: { pi0: [], alpha: [], beta: [], predictions: [] },
    failures: { a: 0, b: 0, c: 0 },
  };
  if (prepared.problems === 0) return out;
  const cStart = zibStart(estimate.fitC);
  const xs = prepared.ks.map((k) => flopsAtK(estimate.flops, k));
  for (const idx of bootstrapIndexSets(prepared.problems, options)) {
    const r = fitCurve(prepared, idx, { ...which, ...(cStart ? { cStart } : {}) });
    out.count++;
    out.passAtK.push(r.passAtK);
    out.flops.push(r.flops);
    if (r.fitA.value) {
      const fa = r.fitA.value;
      out.slopeA.push(fa.slope);
      out.lineA.push(Float64Array.from(xs, (x) => (x === null ? Number.NaN : predictLogLinear(fa, x))));
    } else {
      out.slopeA.push(Number.NaN);
      if (which.a !== false) out.failures.a++;
    }
    if (r.fitB.value) {
      const fb = r.fitB.value;
      out.b.a.push(fb.a);
      out.b.b.push(fb.b);
      out.b.predictions.push(Float64Array.from(grid, (k) => predictPowerLaw(fb, k)));
    } else if (which.b !== false) out.failures.b++;
    if (r.fitC.value) {
      const fc = r.fitC.value;
      out.c.pi0.push(fc.pi0);
      out.c.alpha.push(fc.alpha);
      out.c.beta.push(fc.beta);
      out.c.predictions.push(Float64Array.from(grid, (k) => predictZib(fc, k)));
    } else if (which.c !== false) out.failures.c++;
  }
  return out;
}

export type Interval = [number, number] | null;

export function interval(values: readonly number[], level: number): Interval {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length ? percentileInterval(finite, level) : null;
}

/** Percentile interval per column of per-replicate rows. */
export function columnIntervals(rows: readonly Float64Array[], columns: number, level: number): Interval[] {
  const out: Interval[] = [];
  for (let j = 0; j < columns; j++)
    out.push(
      interval(
        rows.map((r) => r[j]!),
        level,
      ),
    );
  return out;
}
