/**
 * Fit A: the paper's descriptive line pass@k = a + b * log10 F(k), by ordinary least
 * squares (closed form). b is pass@k gained per 10x FLOPs. Valid only inside the observed
 * FLOPs range: never extrapolated. Pure.
 */
import { fitted, unfitted, type Fitted } from './fitted.js';

export interface LogLinearFit {
  intercept: number;
  /** Per 10x FLOPs, in pass@k units (x100 for percentage points). */
  slope: number;
  rmse: number;
  minFlops: number;
  maxFlops: number;
  points: number;
}

export function fitLogLinear(points: ReadonlyArray<{ flops: number; passAtK: number }>): Fitted<LogLinearFit> {
  const usable = points.filter((p) => p.flops > 0 && Number.isFinite(p.flops));
  if (usable.length < 2) return unfitted(`fit A needs at least 2 points with FLOPs, got ${usable.length}`);
  const xs = usable.map((p) => Math.log10(p.flops));
  const ys = usable.map((p) => p.passAtK);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return unfitted('fit A needs points at different FLOPs');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - intercept - slope * xs[i]!) ** 2;
  return fitted({
    intercept,
    slope,
    rmse: Math.sqrt(sse / n),
    minFlops: Math.min(...usable.map((p) => p.flops)),
    maxFlops: Math.max(...usable.map((p) => p.flops)),
    points: n,
  });
}

export function predictLogLinear(fit: LogLinearFit, flops: number): number {
  return fit.intercept + fit.slope * Math.log10(flops);
}
