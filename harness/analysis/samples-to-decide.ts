/**
 * How many samples per problem (in each run) would decide an inconclusive comparison
 * (docs/formulas.md section 5, "Samples to decide"). Each k's standard error is projected
 * from the one observed: scaled by the summed per-problem sampling variance of pass@k at
 * n over that at the runs' own n (rates smoothed as (c + 0.5) / (n + 1), so that no
 * problem counts as certain). At the observed difference, a k is decided at n when the
 * rule reaches it with 80% power: a regression when the drop clears the bound at alpha /
 * ks plus z_0.8 standard errors (and is at least ignoreBelow), non-inferiority likewise
 * above -margin. The comparison is decided at the smallest n where some k regresses, or
 * where every k is non-inferior or cannot be decided for non-inferiority at that n
 * (decision.ts). Pure.
 */
import type { TaskCounts } from '../metrics/pass-at-k.js';
import type { BoundShape } from './bound-shape.js';
import type { DecisionRule } from './decision.js';
import { studentTQuantile } from './distributions.js';
import type { PairedEstimate } from './paired-comparison.js';
import { passAtKVariance } from './pass-at-k-variance.js';

export interface SamplesToDecide {
  /** Samples per problem in each run, or null when even `cap` would not decide it. */
  samples: number | null;
  cap: number;
}

const Z_POWER = studentTQuantile(0.8, Number.POSITIVE_INFINITY);
const smoothed = ({ n, c }: TaskCounts): number => (c + 0.5) / (n + 1);

function sampleGrid(from: number, cap: number): number[] {
  const grid: number[] = [];
  for (let n = from; n < cap; n = Math.max(n + 1, Math.ceil(n * 1.08))) grid.push(n);
  grid.push(cap);
  return grid;
}

export function samplesToDecide(
  base: readonly TaskCounts[],
  next: readonly TaskCounts[],
  estimates: readonly PairedEstimate[],
  rule: DecisionRule,
  shape: BoundShape,
  cap = 2000,
): SamplesToDecide {
  const strictest = rule.alpha / Math.max(1, estimates.length);
  const start = Math.max(...base.map((c) => c.n), ...next.map((c) => c.n)) + 1;
  const pb = base.map(smoothed);
  const pn = next.map(smoothed);
  const observed = estimates.map((e) =>
    base.reduce((s, c, i) => s + passAtKVariance(pb[i]!, c.n, e.k) + passAtKVariance(pn[i]!, next[i]!.n, e.k), 0),
  );
  const seAt = (j: number, n: number): number => {
    if (!(observed[j]! > 0)) return 0;
    const at = pb.reduce((s, p, i) => s + passAtKVariance(p, n, estimates[j]!.k) + passAtKVariance(pn[i]!, n, estimates[j]!.k), 0);
    return estimates[j]!.standardError * Math.sqrt(at / observed[j]!);
  };
  const reaches = (gap: number, se: number) => gap > 0 && gap >= shape.halfWidth(strictest, se) + Z_POWER * se;
  for (const n of start <= cap ? sampleGrid(start, cap) : []) {
    let regression = false;
    let everyNonInferior = true;
    let anyDecidable = false;
    estimates.forEach((e, j) => {
      const se = seAt(j, n);
      const d = e.meanDifference;
      if (-d >= rule.ignoreBelow && reaches(-d, se)) regression = true;
      if (shape.halfWidth(rule.alpha, se) < rule.margin) {
        anyDecidable = true;
        if (!reaches(d + rule.margin, se)) everyNonInferior = false;
      }
    });
    if (regression || (anyDecidable && everyNonInferior)) return { samples: n, cap };
  }
  return { samples: null, cap };
}
