/**
 * n@k in summary.json: a stdin/stdout run's selection (select-run.ts) joined into the
 * summary's groups (`n_at_k`, `false_public_pass_share`, `public_pass_share`) with what was
 * clustered on at the top (`cluster_inputs`), and the other way round, a Selection read back
 * from a summary for the report's n@k figure. Pure (docs/records.md, section 6).
 */
import type { Summary } from '../store/records.js';
import type { Selection } from './select-run.js';

const key = (g: { model: string; config: string }) => `${g.model}\u0000${g.config}`;

export function withSelection(summary: Summary, selection: Selection): Summary {
  const byGroup = new Map(selection.groups.map((g) => [key(g), g]));
  return {
    ...summary,
    groups: summary.groups.map((g) => {
      const s = byGroup.get(key(g));
      return s ? { ...g, n_at_k: s.n_at_k, false_public_pass_share: s.false_public_pass_share, public_pass_share: s.public_pass_share } : g;
    }),
    cluster_inputs: selection.cluster_inputs,
  };
}

/** The selection a summary holds (null when it has no n@k): groups without their per-task table. */
export function selectionOfSummary(summary: Summary): Selection | null {
  if (!summary.cluster_inputs) return null;
  const groups = summary.groups.filter((g) => g.n_at_k !== undefined);
  if (groups.length === 0) return null;
  return {
    schema: 'passk.selection/1',
    cluster_inputs: summary.cluster_inputs,
    ks: summary.ks,
    groups: groups.map((g) => ({
      model: g.model,
      config: g.config,
      n_at_k: g.n_at_k!,
      pass_at_k: Object.fromEntries(Object.entries(g.pass_at_k).map(([k, v]) => [k, v.value])),
      false_public_pass_share: g.false_public_pass_share ?? 0,
      public_pass_share: g.public_pass_share ?? 0,
      tasks: [],
    })),
  };
}
