/**
 * A group's diversity as functions of k (docs/formulas.md, "Diversity"): per k, the mean
 * over problems of the expected distinct programs (exact text), distinct normalized
 * programs and distinct behaviours in a random k-subset of a problem's samples; the mean
 * pairwise token edit distance; and, per problem, how diversity goes with what extra
 * samples gained. Pure: normalization is done before (describe-samples.ts).
 */
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { fitKs } from '../fits/fitted.js';
import { codeTokens, expectedDistinct, meanPairwiseDistance, multiplicities } from '../metrics/diversity.js';
import { passAtKOne } from '../metrics/pass-at-k.js';
import { deriveSeed, mulberry32 } from '../metrics/random.js';

export interface DiversitySample {
  program: string;
  /** The normalized program (the program itself when it does not parse). */
  normalized: string;
  /** Verdict and what the executor reported (its detail). */
  behaviour: string;
  passed: boolean;
}

interface ProblemDiversity {
  task_id: string;
  n: number;
  /** Distinct among all n samples. */
  programs: number;
  normalized: number;
  behaviours: number;
  edit_distance: number | null;
  /** pass@k_max - pass@1 of this problem (k_max: the group's largest k). */
  gain: number;
}

export interface GroupDiversity {
  ks: number[];
  /** Per k (aligned with ks): mean over problems of the expected distinct count in a k-subset. */
  programs: number[];
  normalized: number[];
  behaviours: number[];
  /** Mean over problems of the mean pairwise token edit distance (the same at every k >= 2). */
  edit_distance: { mean: number | null; pairs: number; exact: boolean };
  /** Problems' normalized-distinct share (distinct / n) against their gain pass@k_max - pass@1. */
  correlation: { k_max: number; problems: number; pearson: number | null; spearman: number | null };
  per_problem: ProblemDiversity[];
}

export interface DiversityOptions {
  /** Pairs measured per problem (all of them when there are fewer). */
  maxPairs: number;
  seed: number;
}

export const DEFAULT_DIVERSITY: DiversityOptions = { maxPairs: 100, seed: 0 };

function correlationOrNull(f: (x: number[], y: number[]) => number, x: number[], y: number[]): number | null {
  if (x.length < 3) return null;
  const v = f(x, y);
  return Number.isFinite(v) ? v : null;
}

export function diversityView(
  taskIds: readonly string[],
  perTask: readonly (readonly DiversitySample[])[],
  options = DEFAULT_DIVERSITY,
): GroupDiversity {
  const sampled = perTask.map((samples, i) => ({ id: taskIds[i]!, samples })).filter((t) => t.samples.length > 0);
  const nMin = sampled.length ? Math.min(...sampled.map((t) => t.samples.length)) : 0;
  const ks = fitKs(nMin);
  const mean = (f: (t: (typeof sampled)[number]) => number) => sampled.reduce((s, t) => s + f(t), 0) / sampled.length;
  const curve = (key: (s: DiversitySample) => string) => ks.map((k) => mean((t) => expectedDistinct(t.samples.map(key), k)));
  const kMax = ks[ks.length - 1] ?? 0;
  let pairs = 0;
  let exact = true;
  const per_problem: ProblemDiversity[] = sampled.map((t) => {
    const n = t.samples.length;
    const c = t.samples.filter((s) => s.passed).length;
    const d = meanPairwiseDistance(
      t.samples.map((s) => codeTokens(s.program)),
      options.maxPairs,
      mulberry32(deriveSeed(options.seed, 'edit-distance', t.id)),
    );
    pairs += d?.pairs ?? 0;
    exact &&= d?.exact ?? true;
    return {
      task_id: t.id,
      n,
      programs: multiplicities(t.samples.map((s) => s.program)).length,
      normalized: multiplicities(t.samples.map((s) => s.normalized)).length,
      behaviours: multiplicities(t.samples.map((s) => s.behaviour)).length,
      edit_distance: d?.mean ?? null,
      gain: kMax > 0 ? passAtKOne(n, c, Math.min(kMax, n)) - c / n : 0,
    };
  });
  const distances = per_problem.map((p) => p.edit_distance).filter((d): d is number => d !== null);
  const share = per_problem.map((p) => p.normalized / p.n);
  const gains = per_problem.map((p) => p.gain);
  return {
    ks,
    programs: curve((s) => s.program),
    normalized: curve((s) => s.normalized),
    behaviours: curve((s) => s.behaviour),
    edit_distance: { mean: distances.length ? distances.reduce((s, v) => s + v, 0) / distances.length : null, pairs, exact },
    correlation: {
      k_max: kMax,
      problems: per_problem.length,
      pearson: correlationOrNull(sampleCorrelation, share, gains),
      spearman: correlationOrNull(sampleRankCorrelation, share, gains),
    },
    per_problem,
  };
}
