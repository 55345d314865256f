/**
 * Holm's step-down method (Holm 1979) over one family of one-sided p-values: the
 * adjusted p-values, and the level each hypothesis was tested at, so that a bound drawn
 * at that level excludes the null exactly when Holm rejects it. Pure.
 */

export interface HolmStep {
  /** Holm-adjusted p-value, monotone in the step and capped at 1. */
  adjusted: number;
  /**
   * The level this hypothesis was tested at: alpha / (m - j + 1) at its step j, or, for
   * hypotheses Holm never reached, the level of the step where it stopped.
   */
  level: number;
  rejected: boolean;
}

export function holmSteps(pValues: readonly number[], alpha: number): HolmStep[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const steps = new Array<HolmStep>(m);
  let running = 0;
  let stoppedAt: number | null = null;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    const ownLevel = alpha / (m - rank);
    if (stoppedAt === null && p > ownLevel) stoppedAt = ownLevel;
    steps[i] = { adjusted: running, level: stoppedAt ?? ownLevel, rejected: stoppedAt === null };
  });
  return steps;
}
