/**
 * Per-problem views across groups: which groups solve each problem and at what k (the
 * smallest k whose pass@k reaches one half), problems solved by one model only, and each
 * group's solve-rate histogram. Pure.
 */
import { passAtKOne } from '../metrics/pass-at-k.js';

export interface ProblemGroupInput {
  label: string;
  model: string;
  per_problem: ReadonlyArray<{ task_id: string; n: number; c: number }>;
}

export interface ProblemViews {
  labels: string[];
  problems: Array<{
    task_id: string;
    /** Aligned with labels: c/n and the smallest k with pass@k >= 1/2 (null: not within n; absent problem: null). */
    groups: Array<{ n: number; c: number; rate: number; k_half: number | null } | null>;
    /** Models with at least one passing sample. */
    solved_by: string[];
  }>;
  /** Problems exactly one model solves, per model. */
  only: Record<string, string[]>;
  /** Per group (aligned with labels): problems per solve-rate bin; bins: 0, (0, 0.1], (0.1, 0.2], ..., (0.9, 1]. */
  histogram: { bins: string[]; counts: number[][] };
}

/** The smallest k <= n whose pass@k reaches one half; null when none does. */
export function kHalf(n: number, c: number): number | null {
  if (c === 0 || n === 0) return null;
  for (let k = 1; k <= n; k++) if (passAtKOne(n, c, k) >= 0.5) return k;
  return null;
}

const RATE_BINS = ['0', ...Array.from({ length: 10 }, (_, i) => `(${(i / 10).toFixed(1)}, ${((i + 1) / 10).toFixed(1)}]`)];

/** The bin of a solve rate: 0 for none, else ceil(10 rate), (0, 0.1] being bin 1. */
export function rateBin(rate: number): number {
  return rate <= 0 ? 0 : Math.min(10, Math.ceil(rate * 10 - 1e-12));
}

export function problemViews(groups: readonly ProblemGroupInput[]): ProblemViews {
  const ids = [...new Set(groups.flatMap((g) => g.per_problem.map((p) => p.task_id)))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  const lookup = groups.map((g) => new Map(g.per_problem.map((p) => [p.task_id, p])));
  const problems = ids.map((id) => {
    const cells = lookup.map((m) => {
      const p = m.get(id);
      return p && p.n > 0 ? { n: p.n, c: p.c, rate: p.c / p.n, k_half: kHalf(p.n, p.c) } : null;
    });
    const solved_by = [...new Set(groups.filter((_, i) => (cells[i]?.c ?? 0) > 0).map((g) => g.model))];
    return { task_id: id, groups: cells, solved_by };
  });
  const models = [...new Set(groups.map((g) => g.model))];
  const only = Object.fromEntries(
    models.map((m) => [m, problems.filter((p) => p.solved_by.length === 1 && p.solved_by[0] === m).map((p) => p.task_id)]),
  );
  const counts = groups.map((g) => {
    const row = new Array<number>(RATE_BINS.length).fill(0);
    for (const p of g.per_problem) if (p.n > 0) row[rateBin(p.c / p.n)]!++;
    return row;
  });
  return { labels: groups.map((g) => g.label), problems, only, histogram: { bins: RATE_BINS, counts } };
}
