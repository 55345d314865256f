/**
 * Damped Newton ascent for small smooth problems with box bounds (projected: a coordinate
 * held at a bound by its gradient leaves the system). The damping (Levenberg-Marquardt
 * style) makes every step an ascent direction even where the Hessian is not negative
 * definite. Pure.
 */
export interface Bounds {
  lower: readonly number[];
  upper: readonly number[];
}

interface NewtonResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
  /** Why it stopped, in words (recorded with the fits: docs/records.md, analysis.json). */
  reason: string;
}

/** Solves A s = b for symmetric positive definite A (row-major, dim d) by Cholesky; null when not PD. */
function choleskySolve(a: readonly number[], b: readonly number[], d: number): number[] | null {
  const L = new Array<number>(d * d).fill(0);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j]!;
    }
  }
  const y = new Array<number>(d).fill(0);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * y[k]!;
    y[i] = s / L[i * d + i]!;
  }
  const x = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}

export function newtonMaximize(
  fgh: (x: readonly number[]) => { value: number; grad: readonly number[]; hess: readonly number[] },
  x0: readonly number[],
  bounds: Bounds,
  options: { maxIterations?: number; gradientTolerance?: number; stepTolerance?: number } = {},
): NewtonResult {
  const dim = x0.length;
  const maxIt = options.maxIterations ?? 100;
  const gTol = options.gradientTolerance ?? 1e-7;
  const sTol = options.stepTolerance ?? 1e-10;
  const clamp = (x: number[]): number[] => x.map((v, i) => Math.min(bounds.upper[i]!, Math.max(bounds.lower[i]!, v)));
  let x = clamp([...x0]);
  let cur = fgh(x);
  let lambda = 0;
  for (let it = 1; it <= maxIt; it++) {
    if (!Number.isFinite(cur.value))
      return { x, value: cur.value, iterations: it, converged: false, reason: `Newton: the objective is not finite at iteration ${it}` };
    // Free coordinates: not pinned at a bound by a gradient pointing outwards.
    const free: number[] = [];
    for (let i = 0; i < dim; i++) {
      const atLow = x[i]! <= bounds.lower[i]! && cur.grad[i]! < 0;
      const atHigh = x[i]! >= bounds.upper[i]! && cur.grad[i]! > 0;
      if (!atLow && !atHigh) free.push(i);
    }
    const gFree = free.map((i) => cur.grad[i]!);
    if (free.length === 0 || Math.max(...gFree.map(Math.abs)) < gTol)
      return { x, value: cur.value, iterations: it, converged: true, reason: `Newton: gradient below ${gTol} after ${it} iterations` };
    const m = free.length;
    let accepted = false;
    for (let attempt = 0; attempt < 30 && !accepted; attempt++) {
      const a = new Array<number>(m * m);
      for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) a[r * m + c] = -cur.hess[free[r]! * dim + free[c]!]! + (r === c ? lambda : 0);
      const s = choleskySolve(a, gFree, m);
      if (!s) {
        lambda = Math.max(lambda * 4, 1e-3);
        continue;
      }
      const xn = [...x];
      free.forEach((i, r) => (xn[i] = xn[i]! + s[r]!));
      const cand = clamp(xn);
      const next = fgh(cand);
      const moved = Math.max(...cand.map((v, i) => Math.abs(v - x[i]!)));
      if (next.value >= cur.value - 1e-12 * Math.abs(cur.value) && Number.isFinite(next.value)) {
        x = cand;
        cur = next;
        lambda /= 4;
        accepted = true;
        if (moved < sTol)
          return { x, value: cur.value, iterations: it, converged: true, reason: `Newton: step below ${sTol} after ${it} iterations` };
      } else lambda = Math.max(lambda * 4, 1e-3);
    }
    if (!accepted)
      return { x, value: cur.value, iterations: it, converged: false, reason: `Newton: no step improved the objective at iteration ${it}` };
  }
  return { x, value: cur.value, iterations: maxIt, converged: false, reason: `Newton: iteration limit ${maxIt} reached` };
}
