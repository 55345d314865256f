/**
 * One look of the sequential gate (`passk run --gate`, docs/formulas.md section 5, "The
 * gate"): the new run's counts so far against the base run's, decided with a one-sided
 * normal-mixture confidence sequence per k (anytime-valid, so looking after every round
 * does not inflate false alarms), Holm across the ks available at this n. The gate stops
 * at a regression, at non-inferiority once every k asked for can be estimated, or when the
 * spec's n is reached. Pure.
 */
import type { BoundShape } from '../analysis/bound-shape.js';
import { compareCounts, type CompareOptions, type CountsComparison } from '../analysis/compare-counts.js';
import { confidenceSequence } from '../analysis/confidence-sequence.js';
import { passAtKVariance } from '../analysis/pass-at-k-variance.js';
import type { TaskCounts } from '../metrics/pass-at-k.js';

export type StopReason = 'regression' | 'non-inferior' | 'reached-n';

export interface GateLook {
  /** Samples per problem of the new run at this look. */
  n: number;
  comparison: CountsComparison;
  /** Why the gate stops here, or null to sample another round. */
  stop: StopReason | null;
}

/**
 * The confidence sequence of each k, fixed before the first look from the base run alone:
 * tuned at the standard error the fixed-n design (the new run at maxN, like the base) would
 * have, so the last look loses least against a fixed-n test.
 */
export function gateShapes(base: readonly TaskCounts[], maxN: number, ks: readonly number[], alpha: number): Map<number, BoundShape> {
  const rates = base.map(({ n, c }) => (c + 0.5) / (n + 1));
  const problems = base.length;
  return new Map(
    ks.map((k) => {
      const variance = base.reduce(
        (s, { n }, i) => s + (n >= k ? passAtKVariance(rates[i]!, n, k) : 0) + (maxN >= k ? passAtKVariance(rates[i]!, maxN, k) : 0),
        0,
      );
      return [k, confidenceSequence(Math.max(Math.sqrt(variance) / problems, 1e-6), alpha)];
    }),
  );
}

export function gateLook(
  base: readonly TaskCounts[],
  next: readonly TaskCounts[],
  options: CompareOptions,
  shapes: ReadonlyMap<number, BoundShape>,
  maxN: number,
): GateLook {
  const n = Math.min(...next.map((c) => c.n));
  const comparison = compareCounts(base, next, options, (k) => shapes.get(k)!);
  const overall = comparison.decision.overall;
  const allKs = comparison.skipped.length === 0;
  const stop: StopReason | null =
    overall === 'regression' ? 'regression' : overall === 'non-inferior' && allKs ? 'non-inferior' : n >= maxN ? 'reached-n' : null;
  return { n, comparison, stop };
}
