/**
 * Compares two runs' per-problem counts (already paired by problem) at the requested ks:
 * per-k paired statistics, Holm-adjusted decision. Pure; the CLI pairs run folders and
 * adds the fit A slope difference.
 */
import { passAtKOne, type TaskCounts } from '../metrics/pass-at-k.js';
import { decide, type Decision } from './decision.js';
import { pairedComparison, type PairedResult } from './paired-comparison.js';

export interface CompareOptions {
  ks: readonly number[];
  margin: number;
  alpha: number;
  strict: boolean;
  replicates: number;
  permutations: number;
  seed: number;
}

export const DEFAULT_COMPARE: Omit<CompareOptions, 'ks'> = {
  margin: 0.02,
  alpha: 0.05,
  strict: false,
  replicates: 2000,
  permutations: 10_000,
  seed: 0,
};

export interface CountsComparison {
  results: PairedResult[];
  /** ks asked for but not reportable (some problem has fewer than k samples in a run). */
  skipped: Array<{ k: number; reason: string }>;
  decision: Decision;
}

export function compareCounts(base: readonly TaskCounts[], next: readonly TaskCounts[], options: CompareOptions): CountsComparison {
  if (base.length !== next.length) throw new RangeError(`paired problems differ in number: ${base.length} vs ${next.length}`);
  const minN = Math.min(...base.map((c) => c.n), ...next.map((c) => c.n));
  const usable = options.ks.filter((k) => k <= minN);
  const skipped = options.ks.filter((k) => k > minN).map((k) => ({ k, reason: `some problem has n=${minN} < k=${k}` }));
  const binary = base.every((c) => c.n === 1) && next.every((c) => c.n === 1);
  const results = usable.map((k, i) =>
    pairedComparison(
      k,
      base.map(({ n, c }) => passAtKOne(n, c, k)),
      next.map(({ n, c }) => passAtKOne(n, c, k)),
      {
        margin: options.margin,
        alpha: options.alpha,
        tests: usable.length,
        replicates: options.replicates,
        permutations: options.permutations,
        seed: options.seed + 7919 * i,
        binary,
      },
    ),
  );
  return { results, skipped, decision: decide(results, options.alpha, options.strict) };
}
