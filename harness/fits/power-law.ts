/**
 * Fit B: the exponentiated power law pass@k = exp(-a * k^-b) (Brown et al. 2024, Large
 * Language Monkeys). Started from least squares on log(-log pass@k) = log a - b log k
 * (closed form), then refined by least squares on pass@k itself (Gauss-Newton with
 * damping; Nelder-Mead if that fails), the scale RMSE is reported on. Pure.
 */
import { fitted, unfitted, type Fitted } from './fitted.js';
import { nelderMead } from './nelder-mead.js';
import { newtonMaximize } from './newton.js';

export interface PowerLawFit {
  a: number;
  b: number;
  rmse: number;
  points: number;
  /** Whether the optimizer that gave the estimate met its convergence test, and its reason. */
  converged: boolean;
  convergence: string;
}

export function predictPowerLaw(fit: Pick<PowerLawFit, 'a' | 'b'>, k: number): number {
  return Math.exp(-fit.a * k ** -fit.b);
}

function nelderMeadFit(points: ReadonlyArray<{ k: number; passAtK: number }>, start: number[]): ReturnType<typeof nelderMead> {
  const sse = (theta: number[]): number => {
    const [logA, b] = theta as [number, number];
    if (!Number.isFinite(logA) || !Number.isFinite(b) || Math.abs(logA) > 50 || Math.abs(b) > 20) return Infinity;
    let s = 0;
    for (const p of points) s += (p.passAtK - Math.exp(-Math.exp(logA) * p.k ** -b)) ** 2;
    return s;
  };
  return nelderMead(sse, start, { step: [0.2, 0.1], fTolerance: 1e-14, xTolerance: 1e-8 });
}

export function fitPowerLaw(points: ReadonlyArray<{ k: number; passAtK: number }>): Fitted<PowerLawFit> {
  const inside = points.filter((p) => p.passAtK > 0 && p.passAtK < 1 && p.k > 0);
  if (inside.length < 2) return unfitted(`fit B needs at least 2 points with 0 < pass@k < 1, got ${inside.length}`);
  const xs = inside.map((p) => Math.log(p.k));
  const ys = inside.map((p) => Math.log(-Math.log(p.passAtK)));
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const b0 = sxx > 0 ? -sxy / sxx : 0;
  const logA0 = my + b0 * mx;
  // Gauss-Newton with Levenberg-Marquardt damping on the sum of squares in (log a, b):
  // y = exp(-a k^-b), dy/dlog a = -y a k^-b, dy/db = y a k^-b ln k.
  const fgh = (theta: readonly number[]) => {
    const a = Math.exp(theta[0]!);
    const b = theta[1]!;
    let sse = 0;
    const g = [0, 0];
    const h = [0, 0, 0, 0];
    for (const p of points) {
      const t = a * p.k ** -b;
      const y = Math.exp(-t);
      const r = p.passAtK - y;
      const j0 = -y * t;
      const j1 = y * t * Math.log(p.k);
      sse += r * r;
      g[0]! += 2 * r * j0;
      g[1]! += 2 * r * j1;
      h[0]! -= 2 * j0 * j0;
      h[1]! -= 2 * j0 * j1;
      h[3]! -= 2 * j1 * j1;
    }
    h[2] = h[1]!;
    return { value: -sse, grad: g, hess: h };
  };
  const bounds = { lower: [-50, -20], upper: [50, 20] };
  const start = [Math.min(50, Math.max(-50, logA0)), Math.min(20, Math.max(-20, b0))];
  const newton = newtonMaximize(fgh, start, bounds, { gradientTolerance: 1e-12, maxIterations: 200 });
  const best = newton.converged ? { ...newton, value: -newton.value } : nelderMeadFit(points, start);
  const [logA, b] = best.x as [number, number];
  const convergence = newton.converged ? best.reason : `${newton.reason}; then ${best.reason}`;
  return fitted({
    a: Math.exp(logA),
    b,
    rmse: Math.sqrt(best.value / points.length),
    points: points.length,
    converged: best.converged,
    convergence,
  });
}
