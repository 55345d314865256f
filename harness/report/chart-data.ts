/**
 * Turns an analysis into the flat rows the charts plot. Series labels are made unique
 * (a run folder name is added where two runs hold the same model and config). Pure.
 */
import { basename } from 'node:path';
import type { Analysis } from '../analysis/analyze-runs.js';
import type { GroupAnalysis } from '../analysis/group-analysis.js';
import { fitKs } from '../fits/fitted.js';

interface PointRow {
  series: string;
  k: number;
  flops: number | null;
  pass: number;
  low: number | null;
  high: number | null;
}

interface CurveRow {
  series: string;
  k: number;
  flops: number | null;
  value: number;
  low: number | null;
  high: number | null;
  /** A fit whose optimizer did not converge is one part of its own, drawn apart. */
  part: 'sampled range' | 'extrapolated' | 'not converged';
}

export interface ChartData {
  series: string[];
  points: PointRow[];
  fitA: CurveRow[];
  fitB: CurveRow[];
  fitC: CurveRow[];
  heatmap: Array<{ series: string; task: string; rate: number; n: number; c: number }>;
  tasks: string[];
  verdicts: Array<{ series: string; verdict: string; share: number; count: number }>;
  /** Best-config envelopes: their points and fit A lines, drawn in a chart of their own. */
  envelopeSeries: string[];
  envelopePoints: PointRow[];
  envelopeFitA: CurveRow[];
  hasFlops: boolean;
  simulated: boolean;
}

export function seriesLabels(groups: readonly GroupAnalysis[]): string[] {
  const labels = groups.map((g) => g.label);
  return labels.map((l, i) => (labels.indexOf(l) !== labels.lastIndexOf(l) ? `${l} (${basename(groups[i]!.run)})` : l));
}

function curveRows(
  series: string,
  curve: ReadonlyArray<{ k: number; flops: number | null; value: number; low: number | null; high: number | null; extrapolated: boolean }>,
  n: number,
  converged = true,
): CurveRow[] {
  const rows: CurveRow[] = [];
  for (const c of curve) {
    const row = { series, k: c.k, flops: c.flops, value: c.value, low: c.low, high: c.high };
    if (!converged) {
      rows.push({ ...row, part: 'not converged' });
      continue;
    }
    if (c.k <= n) rows.push({ ...row, part: 'sampled range' });
    // The k = n point starts the dashed part too, so the two parts join.
    if (c.k >= n) rows.push({ ...row, part: 'extrapolated' });
  }
  return rows;
}

export function chartData(analysis: Analysis): ChartData {
  const labels = seriesLabels(analysis.groups);
  const data: ChartData = {
    series: [...labels],
    points: [],
    fitA: [],
    fitB: [],
    fitC: [],
    heatmap: [],
    tasks: [],
    verdicts: [],
    envelopeSeries: [],
    envelopePoints: [],
    envelopeFitA: [],
    hasFlops: false,
    simulated: false,
  };
  const taskOrder = new Map<string, number>();
  analysis.groups.forEach((g, gi) => {
    const series = labels[gi]!;
    data.simulated ||= g.simulated;
    const show = new Set(fitKs(g.n_min));
    for (const p of g.points)
      if (show.has(p.k)) data.points.push({ series, k: p.k, flops: p.flops, pass: p.pass_at_k, low: p.ci_low, high: p.ci_high });
    if (g.fit_a.reason === null)
      for (const l of g.fit_a.line)
        if (show.has(l.k))
          data.fitA.push({ series, k: l.k, flops: l.flops, value: l.value, low: l.low, high: l.high, part: 'sampled range' });
    if (g.fit_b.reason === null) data.fitB.push(...curveRows(series, g.fit_b.curve, g.n_min, g.fit_b.converged));
    if (g.fit_c.reason === null) data.fitC.push(...curveRows(series, g.fit_c.curve, g.n_min, g.fit_c.converged));
    data.hasFlops ||= g.flops.reason === null;
    for (const p of g.per_problem) {
      if (!taskOrder.has(p.task_id)) taskOrder.set(p.task_id, taskOrder.size);
      data.heatmap.push({ series, task: p.task_id, rate: p.n ? p.c / p.n : 0, n: p.n, c: p.c });
    }
    const total = Object.values(g.verdicts).reduce((s, v) => s + v, 0);
    for (const [verdict, count] of Object.entries(g.verdicts))
      data.verdicts.push({ series, verdict, share: total ? count / total : 0, count });
  });
  for (const e of analysis.envelopes) {
    const series = `${e.model}: best config per k`;
    data.envelopeSeries.push(series);
    const show = new Set(fitKs(e.points.length));
    for (const p of e.points)
      if (show.has(p.k)) data.envelopePoints.push({ series, k: p.k, flops: p.flops, pass: p.pass_at_k, low: p.ci_low, high: p.ci_high });
    const fa = e.fit_a;
    if (fa.reason === null) {
      for (const p of e.points) {
        if (show.has(p.k) && p.flops !== null)
          data.envelopeFitA.push({
            series,
            k: p.k,
            flops: p.flops,
            value: fa.intercept + fa.slope_per_decade * Math.log10(p.flops),
            low: null,
            high: null,
            part: 'sampled range',
          });
      }
    }
  }
  data.tasks = [...taskOrder.keys()];
  return data;
}
