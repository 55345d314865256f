/**
 * The zero-inflated beta-binomial log-likelihood with its gradient and Hessian in the
 * unconstrained coordinates theta = (t, u, v) = (logit pi0, log alpha, log beta), for
 * Newton's method. With g = log BB(c; n, alpha, beta):
 *
 *   g = log C(n,c) + sum_{j<c} log(alpha+j) + sum_{j<n-c} log(beta+j) - sum_{j<n} log(alpha+beta+j)
 *   dg/dalpha = sum_{j<c} 1/(alpha+j) - sum_{j<n} 1/(alpha+beta+j)   (and likewise for beta)
 *
 * Solved cells (c > 0): l = log(1-pi) + g. Unsolved cells: l = log(pi + (1-pi) e^g), whose
 * derivatives in g carry r = (1-pi) e^g / L, the probability the zero is not structural:
 *   l_x = r g_x,  l_xy = r g_xy + r (1-r) g_x g_y,  l_tx = -pi' e^g g_x / L^2.
 * Pure.
 */
import type { CountCells } from './zero-inflated-beta-binomial.js';
import { logistic } from './special.js';

interface ValueGradHess {
  value: number;
  grad: [number, number, number];
  /** Row-major 3 x 3. */
  hess: number[];
}

/** Prefix sums over j < m of log(x + j), 1/(x + j) and 1/(x + j)^2, for m = 0..len-1, in one pass. */
function prefixes(x: number, len: number): [Float64Array, Float64Array, Float64Array] {
  const logs = new Float64Array(len);
  const inv1 = new Float64Array(len);
  const inv2 = new Float64Array(len);
  for (let m = 1; m < len; m++) {
    const y = x + m - 1;
    const r = 1 / y;
    logs[m] = logs[m - 1]! + Math.log(y);
    inv1[m] = inv1[m - 1]! + r;
    inv2[m] = inv2[m - 1]! + r * r;
  }
  return [logs, inv1, inv2];
}

export function zibValueGradHess(theta: readonly number[], cells: CountCells, weight: ArrayLike<number>): ValueGradHess {
  const [t, u, v] = theta as [number, number, number];
  const pi = logistic(t);
  const alpha = Math.exp(u);
  const beta = Math.exp(v);
  let nMax = 0;
  for (let j = 0; j < cells.n.length; j++) nMax = Math.max(nMax, cells.n[j]!);
  const len = nMax + 1;
  const [la, a1, a2] = prefixes(alpha, len);
  const [lb, b1, b2] = prefixes(beta, len);
  const [ls, s1, s2] = prefixes(alpha + beta, len);
  const dPi = pi * (1 - pi);
  const d2Pi = dPi * (1 - 2 * pi);
  const log1mPi = Math.log1p(-pi);
  let value = 0;
  const g = [0, 0, 0];
  const h = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let j = 0; j < cells.n.length; j++) {
    const w = weight[j]!;
    if (w === 0) continue;
    const n = cells.n[j]!;
    const c = cells.c[j]!;
    const gv = cells.logChoose[j]! + la[c]! + lb[n - c]! - ls[n]!;
    // g's derivatives in (u, v) = (log alpha, log beta).
    const gA = a1[c]! - s1[n]!;
    const gB = b1[n - c]! - s1[n]!;
    const gAA = -a2[c]! + s2[n]!;
    const gBB = -b2[n - c]! + s2[n]!;
    const gAB = s2[n]!;
    const gu = alpha * gA;
    const gvv = beta * gB;
    const guu = alpha * alpha * gAA + alpha * gA;
    const gww = beta * beta * gBB + beta * gB;
    const guv = alpha * beta * gAB;
    if (c > 0) {
      value += w * (log1mPi + gv);
      g[0]! += w * -pi;
      g[1]! += w * gu;
      g[2]! += w * gvv;
      h[0]! += w * -dPi;
      h[4]! += w * guu;
      h[8]! += w * gww;
      h[5]! += w * guv;
    } else {
      const q = Math.exp(gv);
      const L = pi + (1 - pi) * q;
      const r = ((1 - pi) * q) / L;
      const lPi = (1 - q) / L;
      value += w * Math.log(L);
      g[0]! += w * lPi * dPi;
      g[1]! += w * r * gu;
      g[2]! += w * r * gvv;
      h[0]! += w * (-(lPi * lPi) * dPi * dPi + lPi * d2Pi);
      const cross = (-dPi * q) / (L * L);
      h[1]! += w * cross * gu;
      h[2]! += w * cross * gvv;
      h[4]! += w * (r * guu + r * (1 - r) * gu * gu);
      h[8]! += w * (r * gww + r * (1 - r) * gvv * gvv);
      h[5]! += w * (r * guv + r * (1 - r) * gu * gvv);
    }
  }
  h[3] = h[1]!;
  h[6] = h[2]!;
  h[7] = h[5]!;
  return { value, grad: g as [number, number, number], hess: h };
}
