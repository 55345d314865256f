/**
 * The checkpoint decision (docs/formulas.md section 5). Per k, two one-sided families,
 * each Holm-adjusted across the ks:
 *
 *   regression       H0: delta >= 0        rejected -> the upper bound is below 0
 *   non-inferiority  H0: delta <= -margin  rejected -> the lower bound is above -margin
 *
 * Each bound is drawn at the level Holm tested its k at, so bound and verdict agree. A k
 * regresses when its regression null is rejected and the estimated drop is at least
 * `ignoreBelow`; it is non-inferior when its non-inferiority null is rejected. A k whose
 * bound could not clear the margin even for an observed difference of 0 (its half-width
 * at alpha is at least the margin) cannot be shown non-inferior at this sample size: it is
 * left out of the non-inferiority family and of the overall requirement, and reported as
 * such. Overall: any k regressed -> regression (exit 1); every decidable k non-inferior
 * (at least one) -> non-inferior (exit 0); else inconclusive (exit 0, 2 with --strict). Pure.
 */
import { EXIT } from '../../kernel/errors.js';
import type { BoundShape } from './bound-shape.js';
import { studentTQuantile } from './distributions.js';
import type { PairedEstimate } from './paired-comparison.js';
import { holmSteps } from './paired-tests.js';

export type Verdict = 'regression' | 'non-inferior' | 'inconclusive';

export interface DecisionRule {
  margin: number;
  alpha: number;
  /** A significant drop smaller than this is not called a regression (0: any significant drop is). */
  ignoreBelow: number;
  strict: boolean;
}

export interface KDecision {
  k: number;
  verdict: Verdict;
  /** H0: delta >= 0. `upperBound` is the one-sided bound at `level`. */
  regression: { p: number; pHolm: number; level: number; upperBound: number; rejected: boolean };
  /**
   * H0: delta <= -margin. When not `decidable` the k is outside the family: pHolm is null
   * and the bound is drawn at alpha.
   */
  nonInferiority: { decidable: boolean; p: number; pHolm: number | null; level: number; lowerBound: number; rejected: boolean };
  /** The smallest true drop this rule calls a regression with 80% power (at level alpha / ks, Holm's strictest). */
  minimumDetectableDrop: number;
}

export interface Decision {
  method: string;
  perK: KDecision[];
  overall: Verdict;
  exitCode: number;
}

const Z_POWER = studentTQuantile(0.8, Number.POSITIVE_INFINITY);

/** Any k regressed: regression; every decidable k non-inferior (at least one): non-inferior; else inconclusive. */
export function verdictOf(perK: readonly KDecision[]): Verdict {
  const decided = perK.filter((p) => p.nonInferiority.decidable);
  if (perK.some((p) => p.verdict === 'regression')) return 'regression';
  return decided.length > 0 && decided.every((p) => p.verdict === 'non-inferior') ? 'non-inferior' : 'inconclusive';
}

/**
 * `shapeOf(k, i)` gives the bound shape of the i-th estimate (the gate's confidence
 * sequences are tuned per k; a suite's estimates come from benchmarks of different sizes).
 */
export function decide(
  estimates: readonly PairedEstimate[],
  rule: DecisionRule,
  shapeOf: (k: number, index: number) => BoundShape,
): Decision {
  const { alpha, margin } = rule;
  const shapes = estimates.map((e, i) => shapeOf(e.k, i));
  const reg = holmSteps(
    estimates.map((e, i) => shapes[i]!.pValue(-e.meanDifference, e.standardError)),
    alpha,
  );
  const decidable = estimates.map((e, i) => shapes[i]!.halfWidth(alpha, e.standardError) < margin);
  const niSteps = holmSteps(
    estimates.flatMap((e, i) => (decidable[i] ? [shapes[i]!.pValue(e.meanDifference + margin, e.standardError)] : [])),
    alpha,
  );
  let next = 0;
  const perK = estimates.map((e, i): KDecision => {
    const shape = shapes[i]!;
    const d = e.meanDifference;
    const se = e.standardError;
    const r = reg[i]!;
    const pNi = shape.pValue(d + margin, se);
    const ni = decidable[i] ? niSteps[next++]! : null;
    const regressed = r.rejected && -d >= rule.ignoreBelow;
    const nonInferior = ni?.rejected ?? false;
    const strictest = alpha / estimates.length;
    return {
      k: e.k,
      verdict: regressed ? 'regression' : nonInferior ? 'non-inferior' : 'inconclusive',
      regression: {
        p: shape.pValue(-d, se),
        pHolm: r.adjusted,
        level: r.level,
        upperBound: d + shape.halfWidth(r.level, se),
        rejected: r.rejected,
      },
      nonInferiority: {
        decidable: decidable[i]!,
        p: pNi,
        pHolm: ni?.adjusted ?? null,
        level: ni?.level ?? alpha,
        lowerBound: d - shape.halfWidth(ni?.level ?? alpha, se),
        rejected: nonInferior,
      },
      minimumDetectableDrop: Math.max(shape.halfWidth(strictest, se) + Z_POWER * se, rule.ignoreBelow + Z_POWER * se),
    };
  });
  const overall = verdictOf(perK);
  const exitCode = overall === 'regression' ? EXIT.regression : overall === 'inconclusive' && rule.strict ? EXIT.inconclusive : EXIT.ok;
  return { method: [...new Set(shapes.map((s) => s.method))].join('; '), perK, overall, exitCode };
}
