/**
 * The self-contained HTML report: charts inline as SVG, tables, heatmap, verdicts,
 * tokens, provenance and method notes. No scripts, no external resources, so it renders
 * offline in any browser. Everything is computed before; this module only lays it out.
 */
import type { Analysis } from '../analysis/analyze-runs.js';
import { PASSK_VERSION } from '../version.js';
import { chartData } from './chart-data.js';
import { esc, PAGE_CSS } from './html-util.js';
import { specToSvg } from './render.js';
import { envelopeTable, fitsTable, provenanceTable, summaryTable, tokenTable, verdictTable } from './report-tables.js';
import type { TopLevelSpec } from 'vega-lite';
import type { ReportViews } from '../analysis/report-views.js';
import { costChartSpec, diversityChartSpec, diversityGainSpec, frontierChartSpec, solveRateHistogramSpec } from './sample-view-specs.js';
import { costTable, diversityTable, frontierTable, problemsTable, staticErrorsTable } from './sample-view-tables.js';
import { envelopeChartSpec, flopsChartSpec, heatmapSpec, kChartSpec, verdictSpec } from './chart-specs.js';
import type { Selection } from '../selection/select-run.js';
import { selectionChartSpec } from './selection-chart.js';

export interface ReportOptions {
  title?: string;
  generatedAt?: string;
  /** What the samples are and the compute-optimal choice (report-views.ts); absent: those sections are left out. */
  views?: ReportViews;
  /** n@k from run folders that have a selection.json (passk select), by run folder. */
  selections?: ReadonlyArray<{ run: string; selection: Selection }>;
}

/** Diversity, static errors, measured cost, the frontier and the problem views. */
async function sampleSections(analysis: Analysis, views: ReportViews, chart: (spec: TopLevelSpec) => Promise<string>): Promise<string> {
  const v = views.samples;
  const costCharts: string[] = [];
  const dollars = v.groups.some((g) => g.cost.dollars_per_sample !== null);
  for (const axis of dollars ? (['tokens', 'gpu-seconds', 'dollars'] as const) : (['tokens', 'gpu-seconds'] as const)) {
    const spec = costChartSpec(analysis, v, axis);
    if (spec) costCharts.push(await chart(spec));
  }
  const frontier = views.frontier
    ? `${await chart(
        frontierChartSpec(
          views.frontier,
          analysis.groups.some((g) => g.simulated),
        ),
      )}\n${frontierTable(views.frontier)}`
    : '<p class="reason">No frontier: no group has a cost per problem (FLOPs or token counts).</p>';
  return `<h2>Diversity</h2>
${await chart(
  diversityChartSpec(
    v,
    analysis.groups.some((g) => g.simulated),
  ),
)}
${diversityTable(v)}
${await chart(
  diversityGainSpec(
    v,
    analysis.groups.some((g) => g.simulated),
  ),
)}
<h2>Static errors</h2>
${staticErrorsTable(v)}
<h2>Measured cost</h2>
${costTable(v)}
${costCharts.join('\n')}
<h2>Compute-optimal choice</h2>
${frontier}
<h2>Problems</h2>
${await chart(solveRateHistogramSpec(v))}
${problemsTable(v)}`;
}

/** A self-contained page: no scripts, no external resources. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_CSS}</style>
</head>
<body>
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`;
}

/** Everything the report shows of an analysis, from the summary to the method notes (a suite report embeds one per benchmark). */
export async function reportSections(analysis: Analysis, options: ReportOptions = {}): Promise<string> {
  const data = chartData(analysis);
  const chart = async (spec: Parameters<typeof specToSvg>[0]) => `<div class="chart">${await specToSvg(spec)}</div>`;
  const flops = data.hasFlops
    ? await chart(flopsChartSpec(data))
    : `<p class="reason">No FLOPs figure: ${esc(analysis.groups.find((g) => g.flops.reason)?.flops.reason ?? 'unknown')}.</p>`;
  const simulated = data.simulated
    ? '<div class="banner"><b>Simulated models.</b> Groups marked "(simulated)" come from built-in simulated samplers with planted per-problem success rates (canonical solutions and their mutants, executed for real in the sandbox). They illustrate the pipeline; they are not measurements of any real model.</div>'
    : '';
  return `${simulated}
<h2>Summary</h2>
${summaryTable(analysis)}
<h2>pass@k against test-time FLOPs</h2>
${flops}
<p class="note">Points: pass@k at k = 1, 2, 5, 10, ... n with ${Math.round(analysis.bootstrap.level * 100)}% problem-bootstrap intervals, at F(k), the FLOPs of k samples per problem (${esc(analysis.flops_convention_text)}). Thick translucent line: fit A inside the sampled range. Thin line and band: fit C, dashed beyond the sampled n.</p>
<h2>pass@k against k</h2>
${await chart(kChartSpec(data))}
${await selectionSection(options.selections ?? [], chart)}
<h2>Fits</h2>
${fitsTable(analysis)}
<h2>Best-config envelope</h2>
${data.envelopePoints.some((p) => p.flops !== null) ? await chart(envelopeChartSpec(data)) : ''}
${envelopeTable(analysis)}
<h2>Per-problem solve rates</h2>
${await chart(heatmapSpec(data))}
<h2>Verdicts and timeouts</h2>
${await chart(verdictSpec(data))}
${verdictTable(analysis)}
${options.views ? await sampleSections(analysis, options.views, chart) : ''}
<h2>Tokens per sample</h2>
${tokenTable(analysis)}
<h2>Provenance</h2>
${provenanceTable(analysis)}
<h2>Method</h2>
<ul class="note">
<li>pass@k: the unbiased estimator 1 - C(n-c, k)/C(n, k) per problem (stable product form), averaged over problems; a k is shown only when every problem has n &gt;= k.</li>
<li>Intervals: problems resampled with replacement, each keeping all its samples; every statistic and every fit recomputed per replicate (B=${analysis.bootstrap.replicates}, seed ${analysis.bootstrap.seed}). Curve-fit covariances are not used: all points reuse the same samples.</li>
<li>Fit A: pass@k = a + b log10 F(k), least squares on k = 1, 2, 5, 10, ... n; b is points per 10x FLOPs. Fit B: pass@k = exp(-a k^-b) (Brown et al. 2024). Fit C: per-problem success rates ~ a beta with a point mass pi0 at zero, by maximum likelihood; pass@k = (1-pi0)(1 - B(alpha, beta+k)/B(alpha, beta)).</li>
<li>FLOPs: 2 N_mm per token plus 4 L d_attn t attention over a KV cache at position t; prefill shared by a problem's samples (kv-shared) unless stated.</li>
</ul>`;
}

export async function reportHtml(analysis: Analysis, options: ReportOptions = {}): Promise<string> {
  const benchmarks = [...new Set(analysis.groups.map((g) => g.benchmark))].join(', ');
  const title = options.title ?? `passk report: ${benchmarks}`;
  return htmlPage(
    title,
    `<div class="meta">generated ${esc(options.generatedAt ?? new Date().toISOString())} by passk ${esc(PASSK_VERSION)} · ${analysis.groups.length} model/config groups from ${analysis.runs.length} run folders · FLOPs convention <code>${esc(analysis.flops_convention)}</code></div>
${await reportSections(analysis, options)}`,
  );
}

async function selectionSection(
  selections: ReadonlyArray<{ run: string; selection: Selection }>,
  chart: (spec: Parameters<typeof specToSvg>[0]) => Promise<string>,
): Promise<string> {
  if (selections.length === 0) return '';
  const parts = ['<h2>n@k: selecting submissions (AlphaCode)</h2>'];
  for (const { run, selection } of selections) {
    parts.push(await chart(selectionChartSpec(selection, run)));
    const shares = selection.groups
      .map(
        (g) =>
          `${esc(g.model)} / ${esc(g.config)}: ${(100 * g.public_pass_share).toFixed(1)}% of samples pass the public tests; ` +
          `${(100 * g.false_public_pass_share).toFixed(1)}% pass them but fail a hidden test`,
      )
      .join('<br>');
    parts.push(`<p class="note">${shares}. Clustering: ${esc(selection.cluster_inputs.label)}.</p>`);
  }
  parts.push(
    '<p class="note">n@k: of k samples, those passing the public tests are clustered by their outputs on the clustering inputs; one sample per cluster is submitted, largest clusters first, up to n; solved when a submission passes every test (Li et al. 2022). Expectation over k-subsets: exact, or a seeded Monte-Carlo estimate (standard errors in selection.json).</p>',
  );
  return parts.join('\n');
}
