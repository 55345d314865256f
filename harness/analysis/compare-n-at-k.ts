/**
 * n@k in `passk compare` (docs/formulas.md, "n@k in compare"): base and new 1@k and 10@k at
 * the ks both runs estimated, with the difference. Reported beside the gate's outcome, never
 * part of it: the gate's bounds are paired per-problem statistics of pass@k, while an n@k
 * figure is a mean over problems whose only recorded error is its Monte-Carlo estimator's
 * (0 where exact), which says nothing about problem-sampling noise. Pure.
 */
import type { Selection } from '../selection/select-run.js';

interface NAtKRow {
  n: number;
  k: number;
  base: { value: number; standard_error: number };
  new: { value: number; standard_error: number };
  difference: number;
  /** The Monte-Carlo errors combined (0 when both are exact); not a problem-sampling error. */
  standard_error: number;
}

export type NAtKComparison =
  { cluster_inputs: { base: string; new: string }; same_inputs: boolean; rows: NAtKRow[]; reason: null } | { reason: string };

type Group = Selection['groups'][number];

export function compareNAtK(
  base: { selection: Selection | null; model: string; config: string },
  next: { selection: Selection | null; model: string; config: string },
  ks: readonly number[],
): NAtKComparison {
  const group = (s: Selection | null, model: string, config: string): Group | undefined =>
    s?.groups.find((g) => g.model === model && g.config === config);
  const b = group(base.selection, base.model, base.config);
  const n = group(next.selection, next.model, next.config);
  if (!b || !n) return { reason: `${!b ? 'the base run' : 'the new run'} has no n@k (a stdin/stdout run's summary or selection.json)` };
  const rows: NAtKRow[] = [];
  for (const [size, byK] of Object.entries(b.n_at_k)) {
    const other = n.n_at_k[size] ?? {};
    const common = Object.keys(byK)
      .filter((k) => other[k] !== undefined)
      .map(Number);
    const chosen = common.some((k) => ks.includes(k)) ? common.filter((k) => ks.includes(k)) : common;
    for (const k of chosen.sort((x, y) => x - y)) {
      const be = byK[String(k)]!;
      const ne = other[String(k)]!;
      rows.push({
        n: Number(size),
        k,
        base: { value: be.value, standard_error: be.standard_error },
        new: { value: ne.value, standard_error: ne.standard_error },
        difference: ne.value - be.value,
        standard_error: Math.sqrt(be.standard_error ** 2 + ne.standard_error ** 2),
      });
    }
  }
  if (rows.length === 0) return { reason: 'the runs estimated n@k at no common k' };
  const bl = base.selection!.cluster_inputs;
  const nl = next.selection!.cluster_inputs;
  return {
    cluster_inputs: { base: bl.label, new: nl.label },
    same_inputs: bl.source === nl.source && bl.sha256 === nl.sha256,
    rows: rows.sort((x, y) => x.n - y.n || x.k - y.k),
    reason: null,
  };
}
