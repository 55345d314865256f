/**
 * The suite gate's decision (docs/formulas.md, "Suites: one gate"): every benchmark's
 * paired estimates at every k, decided by the checkpoint rule (decision.ts) as one family,
 * so Holm runs over benchmarks x ks together and the family-wise error rate of the whole
 * suite is at most alpha. Each estimate keeps its own benchmark's paired-t shape (its
 * problem count). A benchmark's verdict is the rule's verdict on its own rows; the suite's
 * is the rule's on all rows: any regression is a regression. Pure.
 */
import type { TaskCounts } from '../metrics/pass-at-k.js';
import { pairedT } from './bound-shape.js';
import { pairedEstimates, type CompareOptions, type CountsComparison } from './compare-counts.js';
import { decide, verdictOf, type Decision, type KDecision, type Verdict } from './decision.js';
import type { PairedEstimate } from './paired-comparison.js';

export interface SuiteBenchmarkCounts {
  name: string;
  /** Per problem, paired by index. */
  base: readonly TaskCounts[];
  new: readonly TaskCounts[];
}

export interface SuiteBenchmarkDecision {
  name: string;
  problems: number;
  results: PairedEstimate[];
  skipped: CountsComparison['skipped'];
  perK: KDecision[];
  verdict: Verdict;
}

export interface SuiteDecision {
  method: string;
  /** Hypotheses in the Holm family of the regression test: benchmarks x reportable ks. */
  family: number;
  benchmarks: SuiteBenchmarkDecision[];
  overall: Verdict;
  exitCode: number;
}

export function decideSuite(
  benchmarks: readonly SuiteBenchmarkCounts[],
  options: Omit<CompareOptions, 'replicates' | 'seed'>,
): SuiteDecision {
  const parts = benchmarks.map((b) => ({ b, ...pairedEstimates(b.base, b.new, options.ks) }));
  const rows = parts.flatMap((p, j) => p.results.map((r) => ({ r, j, shape: pairedT(p.b.base.length) })));
  const decision: Decision = decide(
    rows.map((x) => x.r),
    options,
    (_k, i) => rows[i]!.shape,
  );
  const decided = parts.map((p, j): SuiteBenchmarkDecision => {
    const perK = decision.perK.filter((_, i) => rows[i]!.j === j);
    return { name: p.b.name, problems: p.b.base.length, results: p.results, skipped: p.skipped, perK, verdict: verdictOf(perK) };
  });
  return {
    method: 'paired t per benchmark (problems - 1 degrees of freedom), fixed sample; Holm over benchmarks x ks',
    family: rows.length,
    benchmarks: decided,
    overall: decision.overall,
    exitCode: decision.exitCode,
  };
}
