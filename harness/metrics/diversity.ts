/**
 * Diversity of one problem's samples as a function of k (docs/formulas.md, "Diversity"):
 * the expected number of distinct values (programs, normalized programs, behaviours) in a
 * uniformly random k-subset of the n samples, and the mean pairwise token edit distance.
 * Pure.
 */
import { passAtKOne } from './pass-at-k.js';
import { randInt, type Rng } from './random.js';

/** How many times each distinct key occurs. */
export function multiplicities(keys: readonly string[]): number[] {
  const m = new Map<string, number>();
  for (const key of keys) m.set(key, (m.get(key) ?? 0) + 1);
  return [...m.values()];
}

/**
 * E[distinct keys in a random k-subset of the n keys] = sum over distinct values v of
 * P(v is drawn) = 1 - C(n - m_v, k) / C(n, k), m_v its multiplicity: pass@k's formula with
 * c = m_v. At k = n it is the number of distinct keys; at k = 1 it is 1.
 */
export function expectedDistinct(keys: readonly string[], k: number): number {
  const n = keys.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`expected distinct needs 1 <= k <= n, got k=${k}, n=${n}`);
  let sum = 0;
  for (const m of multiplicities(keys)) sum += passAtKOne(n, m, k);
  return sum;
}

/** Code tokens: identifiers, numbers, string literals (quoted, whole) and single punctuation characters; whitespace dropped. */
export function codeTokens(text: string): string[] {
  return text.match(/[A-Za-z_$][\w$]*|\d[\w.]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|\S/g) ?? [];
}

/** Levenshtein distance between two token sequences (insert, delete, substitute: cost 1). */
export function tokenEditDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export interface PairwiseDistance {
  /** Mean token edit distance over the pairs measured. */
  mean: number;
  /** Pairs measured: every pair when there are at most maxPairs, else a seeded sample of maxPairs. */
  pairs: number;
  exact: boolean;
}

/**
 * Mean token edit distance between two different samples (i < j). Its expectation over a
 * random k-subset (k >= 2) is the same mean, so it is one number per problem, not a curve.
 * Null with fewer than two samples.
 */
export function meanPairwiseDistance(tokens: readonly (readonly string[])[], maxPairs: number, rng: Rng): PairwiseDistance | null {
  const n = tokens.length;
  if (n < 2) return null;
  const all = (n * (n - 1)) / 2;
  let sum = 0;
  if (all <= maxPairs) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += tokenEditDistance(tokens[i]!, tokens[j]!);
    return { mean: sum / all, pairs: all, exact: true };
  }
  for (let p = 0; p < maxPairs; p++) {
    const i = randInt(rng, n);
    let j = randInt(rng, n - 1);
    if (j >= i) j++;
    sum += tokenEditDistance(tokens[i]!, tokens[j]!);
  }
  return { mean: sum / maxPairs, pairs: maxPairs, exact: false };
}
