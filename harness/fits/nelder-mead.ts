/**
 * Nelder-Mead simplex minimization (standard coefficients: reflect 1, expand 2, contract
 * 1/2, shrink 1/2), with one restart from the best point to escape a collapsed simplex.
 * Pure; the objective may return Infinity to reject a point.
 */
interface NelderMeadOptions {
  /** Initial step per coordinate. */
  step?: number | readonly number[];
  maxIterations?: number;
  /** Stop when the spread of objective values over the simplex is below this. */
  fTolerance?: number;
  /** ... and the simplex's largest coordinate spread is below this. */
  xTolerance?: number;
  restarts?: number;
}

interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
  /** Why it stopped, in words. */
  reason: string;
}

function simplexAround(x0: readonly number[], step: number | readonly number[]): number[][] {
  const points = [x0.slice()];
  for (let i = 0; i < x0.length; i++) {
    const p = x0.slice();
    const s = typeof step === 'number' ? step : (step[i] ?? 0.1);
    p[i] = p[i]! + (s === 0 ? 0.1 : s);
    points.push(p);
  }
  return points;
}

function once(f: (x: number[]) => number, x0: readonly number[], o: Required<NelderMeadOptions>): NelderMeadResult {
  const dim = x0.length;
  const pts = simplexAround(x0, o.step);
  const vals = pts.map((p) => f(p));
  const order = pts.map((_, i) => i);
  let it = 0;
  const combine = (a: number[], b: number[], t: number): number[] => a.map((ai, j) => ai + t * (b[j]! - ai));
  while (it < o.maxIterations) {
    it++;
    order.sort((i, j) => vals[i]! - vals[j]!);
    const best = order[0]!;
    const worst = order[dim]!;
    const second = order[dim - 1]!;
    let xSpread = 0;
    for (let j = 0; j < dim; j++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const p of pts) {
        lo = Math.min(lo, p[j]!);
        hi = Math.max(hi, p[j]!);
      }
      xSpread = Math.max(xSpread, hi - lo);
    }
    if (Math.abs(vals[worst]! - vals[best]!) <= o.fTolerance && xSpread <= o.xTolerance) {
      return {
        x: pts[best]!.slice(),
        value: vals[best]!,
        iterations: it,
        converged: true,
        reason: `Nelder-Mead: simplex within tolerance after ${it} iterations`,
      };
    }
    const centroid = new Array<number>(dim).fill(0);
    for (const i of order.slice(0, dim)) for (let j = 0; j < dim; j++) centroid[j]! += pts[i]![j]! / dim;
    const reflected = combine(centroid, pts[worst]!, -1);
    const fr = f(reflected);
    if (fr < vals[best]!) {
      const expanded = combine(centroid, pts[worst]!, -2);
      const fe = f(expanded);
      if (fe < fr) [pts[worst], vals[worst]] = [expanded, fe];
      else [pts[worst], vals[worst]] = [reflected, fr];
      continue;
    }
    if (fr < vals[second]!) {
      [pts[worst], vals[worst]] = [reflected, fr];
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const outside = fr < vals[worst]!;
    const contracted = combine(centroid, outside ? reflected : pts[worst]!, 0.5);
    const fc = f(contracted);
    if (fc < (outside ? fr : vals[worst]!)) {
      [pts[worst], vals[worst]] = [contracted, fc];
      continue;
    }
    for (const i of order.slice(1)) {
      pts[i] = combine(pts[best]!, pts[i]!, 0.5);
      vals[i] = f(pts[i]!);
    }
  }
  order.sort((i, j) => vals[i]! - vals[j]!);
  return {
    x: pts[order[0]!]!.slice(),
    value: vals[order[0]!]!,
    iterations: it,
    converged: false,
    reason: `Nelder-Mead: iteration limit ${o.maxIterations} reached`,
  };
}

export function nelderMead(f: (x: number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const o: Required<NelderMeadOptions> = {
    step: options.step ?? 0.5,
    maxIterations: options.maxIterations ?? 2000,
    fTolerance: options.fTolerance ?? 1e-10,
    xTolerance: options.xTolerance ?? 1e-7,
    restarts: options.restarts ?? 1,
  };
  let result = once(f, x0, o);
  let iterations = result.iterations;
  for (let r = 0; r < o.restarts; r++) {
    const again = once(f, result.x, { ...o, step: typeof o.step === 'number' ? o.step / 4 : o.step.map((s) => s / 4) });
    iterations += again.iterations;
    const improved = again.value < result.value - o.fTolerance;
    if (again.value <= result.value) result = again;
    if (!improved) break;
  }
  return { ...result, iterations };
}
