/**
 * How a one-sided bound on the mean paired difference is drawn from its estimate and
 * standard error (docs/formulas.md section 5): the fixed-sample paired t bound that
 * `passk compare` uses, or an anytime-valid confidence sequence for the sequential gate
 * (confidence-sequence.ts). The decision asks a shape for p-values and bounds only, so a
 * bound shown and the verdict drawn from it come from the same rule. Pure.
 */
import { studentTCdf, studentTQuantile } from './distributions.js';

export interface BoundShape {
  /** Named in every output: which bound this is. */
  readonly method: string;
  /**
   * One-sided p-value of a null hypothesis that lies `gap` on the far side of the
   * estimate (gap > 0 is evidence against the null), with standard error se.
   */
  pValue(gap: number, se: number): number;
  /** How far the one-sided bound at error level `level` lies from the estimate. */
  halfWidth(level: number, se: number): number;
}

/** Paired t: the estimate over its standard error is Student t with problems - 1 degrees of freedom. */
export function pairedT(problems: number): BoundShape {
  const df = Math.max(1, problems - 1);
  return {
    method: `paired t (${df} degrees of freedom), fixed sample`,
    pValue: (gap, se) => (se > 0 ? 1 - studentTCdf(gap / se, df) : gap > 0 ? 0 : 1),
    halfWidth: (level, se) => (se > 0 ? studentTQuantile(1 - level, df) * se : 0),
  };
}
