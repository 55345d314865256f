/**
 * The unbiased pass@k estimator (Chen et al. 2021) in its numerically stable product form,
 * and its mean over problems. Pure.
 */

/** Per problem: 1 - C(n-c, k) / C(n, k) = 1 - prod_{i=n-c+1..n} (1 - k/i); 1 when n - c < k. */
export function passAtKOne(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k)) {
    throw new RangeError(`pass@k needs integers, got n=${n} c=${c} k=${k}`);
  }
  if (k < 1 || n < k || c < 0 || c > n) {
    throw new RangeError(`pass@k needs 1 <= k <= n and 0 <= c <= n, got n=${n} c=${c} k=${k}`);
  }
  if (n - c < k) return 1;
  let prodFail = 1;
  for (let i = n - c + 1; i <= n; i++) prodFail *= 1 - k / i;
  return 1 - prodFail;
}

export interface TaskCounts {
  n: number;
  c: number;
}

type MeanPassAtK = { value: number; reason: null } | { value: null; reason: string };

/** Mean of per-problem pass@k; undefined (null + reason) unless every problem has n >= k. */
export function meanPassAtK(counts: readonly TaskCounts[], k: number, ids?: readonly string[]): MeanPassAtK {
  if (counts.length === 0) return { value: null, reason: 'no tasks' };
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const { n, c } = counts[i]!;
    if (n < k) {
      const name = ids?.[i] ?? `#${i}`;
      return { value: null, reason: `task ${name} has n=${n} < k=${k}` };
    }
    sum += passAtKOne(n, c, k);
  }
  return { value: sum / counts.length, reason: null };
}

/** The ks to report by default: those every task supports. */
export function reportableKs(counts: readonly TaskCounts[], candidates: readonly number[]): number[] {
  if (counts.length === 0) return [];
  const minN = Math.min(...counts.map((t) => t.n));
  return candidates.filter((k) => k <= minN);
}

export const DEFAULT_KS = [1, 5, 10, 20, 50, 100] as const;
