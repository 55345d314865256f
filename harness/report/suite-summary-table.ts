/**
 * The suite report's first table: benchmarks by models (and sampling configs), pass@1 and
 * the largest reported pass@k with their intervals (as the benchmark's section shows them;
 * summary.json's without an analysis), n@k where the run has it
 * (stdin/stdout runs: summary.json's groups[].n_at_k), FLOPs per sample (the analysis).
 * Pure.
 */
import type { Analysis } from '../analysis/analyze-runs.js';
import type { GroupSummary, Summary } from '../store/records.js';
import { pts, sci } from './fit-text.js';
import { esc, table } from './html-util.js';

export interface SuiteSummaryPart {
  /** The entry's name (its folder and the section's anchor). */
  name: string;
  benchmark: string;
  summary: Summary | null;
  analysis: Analysis | null;
}

export const sectionId = (name: string): string => `benchmark-${name.replace(/[^\w-]+/g, '_')}`;

const withCi = (v: { value: number | null; ci_low: number | null; ci_high: number | null } | undefined): string =>
  v && v.value !== null ? `${pts(v.value)} [${pts(v.ci_low)}, ${pts(v.ci_high)}]` : '-';

/** The largest k whose pass@k is reported. */
function largestK(g: GroupSummary): number | null {
  const ks = Object.entries(g.pass_at_k)
    .filter(([, v]) => v.value !== null)
    .map(([k]) => Number(k));
  return ks.length ? Math.max(...ks) : null;
}

/** Every n@k of the group, "1@10 12.0 ± 1.1", or an em dash where n@k is not defined. */
function nAtK(g: GroupSummary): string {
  const cells = Object.entries(g.n_at_k ?? {}).flatMap(([n, byK]) =>
    Object.entries(byK).map(([k, e]) => `${n}@${k} ${pts(e.value)} ± ${pts(e.standard_error)}`),
  );
  return cells.length ? cells.join('; ') : '—';
}

export function suiteSummaryTable(parts: readonly SuiteSummaryPart[]): string {
  const rows = parts.flatMap((p) => {
    const link = { html: `<a href="#${sectionId(p.name)}">${esc(p.name)}</a>${p.name === p.benchmark ? '' : ` (${esc(p.benchmark)})`}` };
    if (!p.summary || p.summary.groups.length === 0) return [[link, '-', '-', '-', '-', '-', '-', 'no samples yet']];
    return p.summary.groups.map((g) => {
      const group = p.analysis?.groups.find((a) => a.model === g.model && a.config === g.config);
      // The analysis' points (the numbers the benchmark's section shows) where there are any, else the summary's.
      const point = (k: number) => group?.points.find((x) => x.k === k);
      const at = (k: number) => {
        const x = point(k);
        return x ? { value: x.pass_at_k, ci_low: x.ci_low, ci_high: x.ci_high } : g.pass_at_k[String(k)];
      };
      // The summary's largest k (its ks), or without one above 1 the largest k every problem supports.
      const last = group?.points[group.points.length - 1];
      const summaryK = largestK(g);
      const k = summaryK !== null && summaryK > 1 ? summaryK : (last?.k ?? summaryK);
      const passAtK = k !== null && k > 1 ? `${withCi(at(k))} (k=${k})` : '-';
      const flops = group?.flops;
      const ns = Object.values(g.tasks).map((t) => t.n);
      return [
        link,
        `${g.model} · ${g.config}`,
        Object.keys(g.tasks).length,
        Math.min(...ns) === Math.max(...ns) ? ns[0]! : `${Math.min(...ns)}..${Math.max(...ns)}`,
        withCi(at(1)),
        passAtK,
        nAtK(g),
        flops && flops.reason === null ? sci(flops.per_sample_mean) : '-',
      ];
    });
  });
  return table(
    ['benchmark', 'model · config', 'problems', 'n', 'pass@1 % [CI]', 'pass@k % [CI]', 'n@k % ± SE', 'FLOPs per sample'],
    rows,
    'pass@k: the largest k every problem supports; n@k: stdin/stdout benchmarks (CodeContests), filtered by the public tests and clustered (— where not defined)',
  );
}
