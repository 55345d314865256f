/**
 * pass@k with its problem-level bootstrap interval: the one computation behind the pass@k
 * in summary.json and in the analysis (fit, plot, report). Every k shares one draw of
 * problems. Problems are taken in the order given, which must be groupSamples' order: the
 * bootstrap draws problem indices, so another order gives another interval for the same
 * seed. Pure.
 */
import { bootstrapMeanIntervals, type BootstrapOptions } from './bootstrap.js';
import { meanPassAtK, passAtKOne, type TaskCounts } from './pass-at-k.js';

/** The shape of summary.json's pass@k entries: null with a reason where k is undefined. */
interface PassAtKWithInterval {
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  reason: string | null;
}

/** pass@k and its interval at each of `ks` (aligned); `ids` name the problems in reasons. */
export function passAtKWithIntervals(
  counts: readonly TaskCounts[],
  ids: readonly string[],
  ks: readonly number[],
  boot: BootstrapOptions,
): PassAtKWithInterval[] {
  const means = ks.map((k) => meanPassAtK(counts, k, ids));
  const defined = ks.filter((_, j) => means[j]!.value !== null);
  const intervals = bootstrapMeanIntervals(
    defined.map((k) => counts.map(({ n, c }) => passAtKOne(n, c, k))),
    boot,
  );
  let next = 0;
  return means.map((mean) => {
    if (mean.value === null) return { value: null, ci_low: null, ci_high: null, reason: mean.reason };
    const [low, high] = intervals[next++]!;
    return { value: mean.value, ci_low: low, ci_high: high, reason: null };
  });
}
