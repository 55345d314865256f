/** The human summary of a run: pass@k with intervals and verdict counts, per group. */
import type { Summary } from '../store/records.js';
import { formatTable, pct } from '../report/format-table.js';

export function renderSummary(summary: Summary, dir: string): string {
  const out: string[] = [];
  for (const g of summary.groups) {
    const taskCount = Object.keys(g.tasks).length;
    const ns = Object.values(g.tasks).map((t) => t.n);
    const nText = Math.min(...ns) === Math.max(...ns) ? `n=${ns[0]}` : `n=${Math.min(...ns)}..${Math.max(...ns)}`;
    out.push(
      `${summary.benchmark} · model ${g.model} · config ${g.config} · ${taskCount} tasks · ${g.samples} samples (${nText} per task)`,
    );
    const rows = summary.ks.map((k) => {
      const v = g.pass_at_k[String(k)];
      const ci = v && v.value !== null ? `[${pct(v.ci_low)}, ${pct(v.ci_high)}]` : (v?.reason ?? '');
      return [`pass@${k}`, pct(v?.value), ci];
    });
    // Stdin/stdout runs: n@k beside pass@k (a Monte-Carlo estimate shows its standard error).
    for (const [n, byK] of Object.entries(g.n_at_k ?? {}))
      for (const [k, e] of Object.entries(byK))
        rows.push([`${n}@${k}`, pct(e.value), e.standard_error > 0 ? `Monte-Carlo, s.e. ${pct(e.standard_error, 2)}` : 'exact']);
    out.push(formatTable(['metric', '%', `${Math.round(summary.bootstrap.level * 100)}% CI (problem bootstrap)`], rows));
    if (g.public_pass_share !== undefined && summary.cluster_inputs)
      out.push(
        `n@k clustered on: ${summary.cluster_inputs.label}; public tests passed by ${pct(g.public_pass_share)}% of samples, ` +
          `${pct(g.false_public_pass_share)}% passed them but failed a hidden test`,
      );
    const verdicts = Object.entries(g.verdicts)
      .sort((a, b) => b[1] - a[1])
      .map(([v, c]) => `${v} ${c}`)
      .join(', ');
    out.push(`verdicts: ${verdicts}`, '');
  }
  if (summary.judgeable) {
    const { file, judged, excluded } = summary.judgeable;
    const shown = excluded.slice(0, 10).map((x) => `${x.task_id} (${x.status})`);
    const more = excluded.length > shown.length ? `, and ${excluded.length - shown.length} more (see manifest.json)` : '';
    out.push(
      `scored over the ${judged} judgeable tasks of ${file}; ${excluded.length} excluded, their reference does not pass here${excluded.length ? `: ${shown.join(', ')}${more}` : ''}`,
    );
  }
  if (summary.harness_faults > 0)
    out.push(`harness faults: ${summary.harness_faults} samples not evaluated (not scored; run the same command again to retry them)`);
  if (!summary.complete) out.push('the run is incomplete: run the same command again to finish it');
  out.push(`run folder: ${dir}`);
  return out.join('\n');
}
