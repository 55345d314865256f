/**
 * Fit C: per-problem success rates from a beta distribution with a point mass at zero for
 * problems the model never solves (zero-inflated beta-binomial), fitted by maximum
 * likelihood over the per-problem counts (n_i samples, c_i passed):
 *
 *   P(c | n) = pi0 * [c = 0] + (1 - pi0) * C(n, c) B(c + alpha, n - c + beta) / B(alpha, beta)
 *   pass@k   = (1 - pi0) * (1 - B(alpha, beta + k) / B(alpha, beta))
 *
 * The model that predicts beyond the sampled k. Problems with equal (n, c) share a cell,
 * so a likelihood costs O(distinct counts), and a bootstrap replicate is a reweighting.
 * Maximized by Newton's method over (logit pi0, log alpha, log beta) with analytic
 * derivatives (zero-inflated-beta-binomial-derivatives.ts), falling back to Nelder-Mead. Pure.
 */
import type { TaskCounts } from '../metrics/pass-at-k.js';
import { fitted, unfitted, type Fitted } from './fitted.js';
import { nelderMead } from './nelder-mead.js';
import { newtonMaximize } from './newton.js';
import { zibValueGradHess } from './zero-inflated-beta-binomial-derivatives.js';
import { logAddExp, logBeta, logChoose, logGamma, logistic, logit } from './special.js';

interface ZibParams {
  pi0: number;
  alpha: number;
  beta: number;
}

interface Optimum {
  x: number[];
  value: number;
  converged: boolean;
  reason: string;
}

export interface ZibFit extends ZibParams {
  logLikelihood: number;
  /** Whether the optimizer that gave the estimate met its convergence test, and its reason. */
  converged: boolean;
  convergence: string;
  problems: number;
}

/** Distinct (n, c) pairs with how many problems have them. */
export interface CountCells {
  n: Int32Array;
  c: Int32Array;
  weight: Float64Array;
  logChoose: Float64Array;
}

export function countCells(counts: readonly TaskCounts[]): { cells: CountCells; cellOf: Int32Array } {
  const index = new Map<string, number>();
  const cellOf = new Int32Array(counts.length);
  const ns: number[] = [];
  const cs: number[] = [];
  counts.forEach(({ n, c }, i) => {
    const key = `${n}/${c}`;
    let j = index.get(key);
    if (j === undefined) {
      j = ns.length;
      index.set(key, j);
      ns.push(n);
      cs.push(c);
    }
    cellOf[i] = j;
  });
  const weight = new Float64Array(ns.length);
  for (const j of cellOf) weight[j]! += 1;
  return {
    cells: { n: Int32Array.from(ns), c: Int32Array.from(cs), weight, logChoose: Float64Array.from(ns.map((n, j) => logChoose(n, cs[j]!))) },
    cellOf,
  };
}

/** sums[m] = sum_{j<m} log(x + j) = log Gamma(x + m) - log Gamma(x), for m = 0..len-1. */
function risingLogs(x: number, len: number): Float64Array {
  const sums = new Float64Array(len);
  for (let m = 1; m < len; m++) sums[m] = sums[m - 1]! + Math.log(x + m - 1);
  return sums;
}

/**
 * Log-likelihood of the parameters given cells weighted by `weight`. With n samples the
 * beta-binomial term is a ratio of rising factorials, summed as logs once per call (no
 * log-gamma, and cheaper than one per cell) unless n is large next to the cell count.
 */
export function zibLogLikelihood(p: ZibParams, cells: CountCells, weight: ArrayLike<number> = cells.weight): number {
  const logPi = Math.log(p.pi0);
  const log1mPi = Math.log1p(-p.pi0);
  let nMax = 0;
  for (let j = 0; j < cells.n.length; j++) nMax = Math.max(nMax, cells.n[j]!);
  const rising = nMax <= 64 * cells.n.length;
  const la = rising ? risingLogs(p.alpha, nMax + 1) : null;
  const lb = rising ? risingLogs(p.beta, nMax + 1) : null;
  const lab = rising ? risingLogs(p.alpha + p.beta, nMax + 1) : null;
  const lbAB = rising ? 0 : logBeta(p.alpha, p.beta);
  let ll = 0;
  for (let j = 0; j < cells.n.length; j++) {
    const w = weight[j]!;
    if (w === 0) continue;
    const n = cells.n[j]!;
    const c = cells.c[j]!;
    // log C(n,c) + log B(c + alpha, n - c + beta) - log B(alpha, beta)
    const lbb =
      cells.logChoose[j]! +
      (la && lb && lab
        ? la[c]! + lb[n - c]! - lab[n]!
        : logGamma(c + p.alpha) + logGamma(n - c + p.beta) - logGamma(n + p.alpha + p.beta) - lbAB);
    ll += w * (c === 0 ? logAddExp(logPi, log1mPi + lbb) : log1mPi + lbb);
  }
  return ll;
}

export function predictZib(p: ZibParams, k: number): number {
  // B(alpha, beta + k) / B(alpha, beta) = Gamma(beta + k) Gamma(alpha + beta) / (Gamma(beta) Gamma(alpha + beta + k))
  const logRatio = logGamma(p.beta + k) - logGamma(p.beta) + logGamma(p.alpha + p.beta) - logGamma(p.alpha + p.beta + k);
  return (1 - p.pi0) * -Math.expm1(logRatio);
}

// Bounds keep the search away from degenerate corners (pi0 exactly 0 or 1, a beta that is a spike).
const LOGIT_BOUND = 15;
const LOG_SHAPE_MIN = Math.log(1e-3);
const LOG_SHAPE_MAX = Math.log(1e4);

function decode(theta: readonly number[]): ZibParams {
  return { pi0: logistic(theta[0]!), alpha: Math.exp(theta[1]!), beta: Math.exp(theta[2]!) };
}

function objective(cells: CountCells, weight: ArrayLike<number>): (theta: number[]) => number {
  return (theta) => {
    const [t0, t1, t2] = theta as [number, number, number];
    if (!(Math.abs(t0) <= LOGIT_BOUND && t1 >= LOG_SHAPE_MIN && t1 <= LOG_SHAPE_MAX && t2 >= LOG_SHAPE_MIN && t2 <= LOG_SHAPE_MAX))
      return Infinity;
    const ll = zibLogLikelihood(decode(theta), cells, weight);
    return Number.isFinite(ll) ? -ll : Infinity;
  };
}

/** Method-of-moments start: beta moments of the observed rates of solved problems, pi0 from unsolved ones. */
function startingPoints(cells: CountCells, weight: ArrayLike<number>): number[][] {
  let total = 0;
  let zeros = 0;
  let m = 0;
  let m2 = 0;
  let nBar = 0;
  let solved = 0;
  for (let j = 0; j < cells.n.length; j++) {
    const w = weight[j]!;
    total += w;
    if (cells.c[j] === 0) zeros += w;
    else {
      const r = cells.c[j]! / cells.n[j]!;
      m += w * r;
      m2 += w * r * r;
      nBar += w * cells.n[j]!;
      solved += w;
    }
  }
  if (solved === 0) return [[logit(0.99), 0, 0]];
  m /= solved;
  nBar /= solved;
  // Remove the binomial part of the spread of observed rates.
  const v = Math.max(m2 / solved - m * m - (m * (1 - m)) / nBar, 1e-4);
  const s = Math.min(Math.max((m * (1 - m)) / v - 1, 0.2), 1000);
  const mean = Math.min(Math.max(m, 0.01), 0.99);
  const pi0 = Math.min(Math.max((0.5 * zeros) / total, 0.01), 0.95);
  const shapes = [Math.log(mean * s), Math.log((1 - mean) * s)];
  // A second start with almost no structural zeros guards against the other mode (many near-zero rates).
  return [
    [logit(pi0), ...shapes],
    [logit(0.01), Math.log(mean * Math.min(s, 1)), Math.log((1 - mean) * Math.min(s, 1))],
  ];
}

interface ZibFitOptions {
  /** Extra starting points in (logit pi0, log alpha, log beta), e.g. the full-data fit for a bootstrap replicate. */
  starts?: number[][];
  /** Also start from the method-of-moments point (default true). */
  momentStart?: boolean;
  /** Weights per cell instead of the cells' own counts (bootstrap replicates). */
  weight?: ArrayLike<number>;
}

const BOUNDS = { lower: [-LOGIT_BOUND, LOG_SHAPE_MIN, LOG_SHAPE_MIN], upper: [LOGIT_BOUND, LOG_SHAPE_MAX, LOG_SHAPE_MAX] };

/**
 * Newton's method on the analytic gradient and Hessian (a handful of iterations from a
 * warm start); Nelder-Mead, then Newton again, where Newton alone does not converge.
 * Returns the negative log-likelihood as `value`.
 */
function maximize(cells: CountCells, weight: ArrayLike<number>, x0: readonly number[], problems: number): Optimum {
  const fgh = (theta: readonly number[]) => zibValueGradHess(theta, cells, weight);
  const tol = { gradientTolerance: 1e-8 * Math.max(1, problems), maxIterations: 60 };
  const first = newtonMaximize(fgh, x0, BOUNDS, tol);
  if (first.converged) return { x: first.x, value: -first.value, converged: true, reason: first.reason };
  const simplex = nelderMead(objective(cells, weight), first.x, {
    step: [0.5, 0.3, 0.3],
    fTolerance: 1e-8,
    xTolerance: 1e-4,
    maxIterations: 3000,
  });
  const polished = newtonMaximize(fgh, simplex.x, BOUNDS, tol);
  const candidates: Optimum[] = [
    { x: first.x, value: -first.value, converged: false, reason: first.reason },
    { x: simplex.x, value: simplex.value, converged: simplex.converged, reason: `${first.reason}; then ${simplex.reason}` },
    {
      x: polished.x,
      value: -polished.value,
      converged: polished.converged,
      reason: `${first.reason}; then Nelder-Mead; then ${polished.reason}`,
    },
  ].filter((c) => Number.isFinite(c.value));
  candidates.sort((a, b) => a.value - b.value);
  return candidates[0] ?? { x: [...x0], value: Infinity, converged: false, reason: 'no start gave a finite likelihood' };
}

export function toTheta(p: ZibParams): number[] {
  return [logit(Math.min(Math.max(p.pi0, 1e-6), 1 - 1e-6)), Math.log(p.alpha), Math.log(p.beta)];
}

export function fitZibCells(cells: CountCells, options: ZibFitOptions = {}): Fitted<ZibFit> {
  const weight = options.weight ?? cells.weight;
  let problems = 0;
  for (let j = 0; j < cells.n.length; j++) problems += weight[j]!;
  if (problems === 0) return unfitted('fit C needs at least one problem');
  const starts = [...(options.starts ?? [])];
  if (options.momentStart !== false) starts.push(...startingPoints(cells, weight));
  let best: Optimum | null = null;
  for (const x0 of starts) {
    const r = maximize(cells, weight, x0, problems);
    if (!best || r.value < best.value) best = r;
  }
  if (!best || !Number.isFinite(best.value)) return unfitted('fit C: the likelihood has no finite maximum');
  return fitted({ ...decode(best.x), logLikelihood: -best.value, converged: best.converged, convergence: best.reason, problems });
}

export function fitZib(counts: readonly TaskCounts[], options: Omit<ZibFitOptions, 'weight'> = {}): Fitted<ZibFit> {
  if (counts.length === 0) return unfitted('fit C needs at least one problem');
  return fitZibCells(countCells(counts).cells, options);
}
