/**
 * n@k, the selection metric of AlphaCode (Li et al. 2022, "Competition-level code generation
 * with AlphaCode", section 4): of k samples, keep those that pass the public tests, cluster
 * the survivors by their outputs on extra inputs, and submit one sample per cluster, largest
 * clusters first, up to n submissions; the problem is solved when a submission passes every
 * test. The estimate is the expectation over the k-subsets of the n_total samples drawn
 * (docs/formulas.md, "n@k"). Pure.
 *
 * Choices where the definition is silent (stated in docs/formulas.md):
 * - Cluster ties (the same count within the subset) go to the cluster with more samples among
 *   all drawn, then to the smaller cluster key.
 * - The sample submitted from a cluster is one of its members in the subset chosen uniformly
 *   at random, so a cluster whose members differ on the hidden tests (possible with
 *   user-given clustering inputs) is solved with probability passing / size.
 * - Exact where the count vectors over clusters are few enough to enumerate; otherwise a
 *   seeded Monte-Carlo mean over random k-subsets with its standard error.
 */
import { mulberry32, randInt } from './random.js';

export interface SelectionSample {
  /** Passed the problem's public tests (the statement's examples). */
  publicPass: boolean;
  /** Passed every test. */
  allPass: boolean;
  /** Its outputs on the clustering inputs (a digest); null when it did not pass the public tests. */
  cluster: string | null;
}

export interface ClusterTable {
  total: number;
  /** Samples filtered out by the public tests. */
  filtered: number;
  /** Largest first (ties: smaller key first), as the ranking's tie-break uses them. */
  clusters: Array<{ key: string; size: number; passing: number }>;
}

export interface NAtKEstimate {
  value: number;
  method: 'exact' | 'monte-carlo';
  /** Monte-Carlo: the standard error of the mean; exact: 0. */
  standardError: number;
  /** Monte-Carlo: subsets drawn. */
  draws?: number;
}

export interface NAtKOptions {
  /** Count vectors enumerated at most before falling back to Monte-Carlo (default 200,000). */
  maxExactTerms?: number;
  /** Monte-Carlo subsets (default 4,000). */
  draws?: number;
  seed?: number;
}

const DEFAULT_MAX_EXACT_TERMS = 200_000;
const DEFAULT_DRAWS = 4_000;

export function clusterTable(samples: readonly SelectionSample[]): ClusterTable {
  const byKey = new Map<string, { size: number; passing: number }>();
  let filtered = 0;
  for (const s of samples) {
    if (!s.publicPass || s.cluster === null) {
      filtered++;
      continue;
    }
    const entry = byKey.get(s.cluster) ?? { size: 0, passing: 0 };
    entry.size++;
    if (s.allPass) entry.passing++;
    byKey.set(s.cluster, entry);
  }
  const clusters = [...byKey.entries()]
    .map(([key, e]) => ({ key, ...e }))
    .sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { total: samples.length, filtered, clusters };
}

/** Probability that n submissions solve the problem, given how many of each cluster the subset holds. */
function solvedGiven(table: ClusterTable, counts: readonly number[], n: number): number {
  // Clusters are in table order (more samples overall first), so a stable sort by count in the
  // subset breaks ties as documented.
  const present: number[] = [];
  for (let j = 0; j < counts.length; j++) if (counts[j]! > 0) present.push(j);
  present.sort((a, b) => counts[b]! - counts[a]!);
  let allFail = 1;
  for (const j of present.slice(0, n)) {
    const c = table.clusters[j]!;
    allFail *= 1 - c.passing / c.size;
  }
  return 1 - allFail;
}

function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** How many count vectors an exact sum visits (capped at `cap + 1`). */
function exactTerms(sizes: readonly number[], k: number, cap: number): number {
  // ways[r]: vectors over the clusters seen so far using r samples (capped).
  let ways = new Array<number>(k + 1).fill(0);
  ways[0] = 1;
  for (const size of sizes) {
    const next = new Array<number>(k + 1).fill(0);
    for (let r = 0; r <= k; r++) {
      if (ways[r] === 0) continue;
      for (let t = 0; t <= Math.min(size, k - r); t++) next[r + t] = Math.min(cap + 1, next[r + t]! + ways[r]!);
    }
    ways = next;
  }
  return ways.reduce((a, b) => Math.min(cap + 1, a + b), 0);
}

function exact(table: ClusterTable, n: number, k: number): number {
  const sizes = table.clusters.map((c) => c.size);
  const logTotal = logChoose(table.total, k);
  const counts = new Array<number>(sizes.length).fill(0);
  let sum = 0;
  const visit = (j: number, left: number, logWeight: number): void => {
    if (j === sizes.length) {
      // The rest of the subset comes from the filtered samples.
      const w = logWeight + logChoose(table.filtered, left) - logTotal;
      if (w > -Infinity) sum += Math.exp(w) * solvedGiven(table, counts, n);
      return;
    }
    for (let t = 0; t <= Math.min(sizes[j]!, left); t++) {
      counts[j] = t;
      visit(j + 1, left - t, logWeight + logChoose(sizes[j]!, t));
    }
    counts[j] = 0;
  };
  visit(0, k, 0);
  return Math.min(1, Math.max(0, sum));
}

function monteCarlo(table: ClusterTable, n: number, k: number, draws: number, seed: number): NAtKEstimate {
  const rng = mulberry32(seed);
  // Sample i's cluster index, -1 for a filtered sample.
  const owner: number[] = [];
  table.clusters.forEach((c, j) => {
    for (let i = 0; i < c.size; i++) owner.push(j);
  });
  for (let i = 0; i < table.filtered; i++) owner.push(-1);
  const order = owner.map((_, i) => i);
  const counts = new Array<number>(table.clusters.length).fill(0);
  let sum = 0;
  let sumSq = 0;
  for (let d = 0; d < draws; d++) {
    counts.fill(0);
    // A partial Fisher-Yates shuffle: the first k of `order` are a uniform k-subset.
    for (let i = 0; i < k; i++) {
      const j = i + randInt(rng, order.length - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
      const who = owner[order[i]!]!;
      if (who >= 0) counts[who]!++;
    }
    const value = solvedGiven(table, counts, n);
    sum += value;
    sumSq += value * value;
  }
  const mean = sum / draws;
  const variance = Math.max(0, sumSq / draws - mean * mean) * (draws / Math.max(1, draws - 1));
  return { value: mean, method: 'monte-carlo', standardError: Math.sqrt(variance / draws), draws };
}

/** n@k for one problem: the expectation over the k-subsets of its samples. */
export function nAtKOne(table: ClusterTable, n: number, k: number, options: NAtKOptions = {}): NAtKEstimate {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 1 || k < 1 || k > table.total) {
    throw new RangeError(`n@k needs integers n >= 1 and 1 <= k <= samples (${table.total}), got n=${n} k=${k}`);
  }
  const cap = options.maxExactTerms ?? DEFAULT_MAX_EXACT_TERMS;
  if (table.clusters.length === 0) return { value: 0, method: 'exact', standardError: 0 };
  // Every sample drawn: the one subset holds each cluster whole.
  if (k === table.total)
    return {
      value: solvedGiven(
        table,
        table.clusters.map((c) => c.size),
        n,
      ),
      method: 'exact',
      standardError: 0,
    };
  if (
    exactTerms(
      table.clusters.map((c) => c.size),
      k,
      cap,
    ) <= cap
  )
    return { value: exact(table, n, k), method: 'exact', standardError: 0 };
  return monteCarlo(table, n, k, options.draws ?? DEFAULT_DRAWS, options.seed ?? 0);
}

/** The share of samples that pass the public tests but fail a hidden one. */
export function falsePublicPassShare(samples: readonly SelectionSample[]): number {
  if (samples.length === 0) return 0;
  return samples.filter((s) => s.publicPass && !s.allPass).length / samples.length;
}
