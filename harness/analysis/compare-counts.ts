/**
 * Compares two runs' per-problem counts (already paired by problem) at the requested ks:
 * the paired estimate per k, the Holm decision drawn from one bound shape (the paired t
 * by default; the gate passes its confidence sequences), and, when the answer is
 * inconclusive, how many samples per problem would decide it. Pure; the CLI pairs run
 * folders and adds the fit A slope difference.
 */
import { passAtKOne, type TaskCounts } from '../metrics/pass-at-k.js';
import { pairedT, type BoundShape } from './bound-shape.js';
import { decide, type Decision, type DecisionRule } from './decision.js';
import { pairedEstimate, type PairedEstimate } from './paired-comparison.js';
import { samplesToDecide, type SamplesToDecide } from './samples-to-decide.js';

export interface CompareOptions extends DecisionRule {
  ks: readonly number[];
  /** Bootstrap replicates and seed, for the fit A slope difference. */
  replicates: number;
  seed: number;
}

export const DEFAULT_COMPARE: Omit<CompareOptions, 'ks'> = {
  margin: 0.02,
  alpha: 0.05,
  ignoreBelow: 0,
  strict: false,
  replicates: 2000,
  seed: 0,
};

export interface CountsComparison {
  results: PairedEstimate[];
  /** ks asked for but not reportable (some problem has fewer than k samples in a run). */
  skipped: Array<{ k: number; reason: string }>;
  decision: Decision;
  /** Only for an inconclusive fixed-sample comparison. */
  samplesToDecide: SamplesToDecide | null;
}

/** Per-problem pass@k estimates of both runs at each usable k, and the ks that are not usable. */
export function pairedEstimates(
  base: readonly TaskCounts[],
  next: readonly TaskCounts[],
  ks: readonly number[],
): { results: PairedEstimate[]; skipped: CountsComparison['skipped'] } {
  if (base.length !== next.length) throw new RangeError(`paired problems differ in number: ${base.length} vs ${next.length}`);
  const minN = Math.min(...base.map((c) => c.n), ...next.map((c) => c.n));
  const usable = ks.filter((k) => k <= minN);
  const skipped = ks.filter((k) => k > minN).map((k) => ({ k, reason: `some problem has n=${minN} < k=${k}` }));
  const results = usable.map((k) =>
    pairedEstimate(
      k,
      base.map(({ n, c }) => passAtKOne(n, c, k)),
      next.map(({ n, c }) => passAtKOne(n, c, k)),
    ),
  );
  return { results, skipped };
}

export function compareCounts(
  base: readonly TaskCounts[],
  next: readonly TaskCounts[],
  options: CompareOptions,
  shapeOf?: (k: number) => BoundShape,
): CountsComparison {
  const { results, skipped } = pairedEstimates(base, next, options.ks);
  const fixed = pairedT(base.length);
  const decision = decide(results, options, shapeOf ?? (() => fixed));
  const toDecide =
    decision.overall === 'inconclusive' && shapeOf === undefined && results.length > 0
      ? samplesToDecide(base, next, results, options, fixed)
      : null;
  return { results, skipped, decision, samplesToDecide: toDecide };
}
