/**
 * Vega-Lite specs of the report's charts: pass@k against FLOPs (log axis; points with
 * bootstrap intervals, fit A solid inside the sampled range, fit C with its band, dashed
 * beyond n), pass@k against k (fit B dotted), the per-problem solve-rate heatmap, and
 * verdict shares. Pure: data in, spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChartData } from './chart-data.js';

const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

export const CHART_CONFIG = {
  font: FONT,
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 360 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** Line styles by part; a fit whose optimizer did not converge is drawn sparsely dotted, without a band, and says so in the legend. */
const DASH = {
  domain: ['sampled range', 'extrapolated', 'not converged'],
  range: [
    [1, 0],
    [6, 4],
    [1, 6],
  ],
};
const CONVERGED_ONLY = [{ filter: "datum.part !== 'not converged'" }];

function colour(series: string[], legendTitle = 'model · sampling config') {
  return {
    field: 'series',
    type: 'nominal' as const,
    title: legendTitle,
    scale: { domain: series },
    legend: { orient: 'bottom' as const, columns: 1, symbolType: 'circle', symbolOpacity: 1, titleLimit: 400, labelLimit: 500 },
  };
}

const pctAxis = { title: 'pass@k', axis: { format: '.0%' }, scale: { domain: [0, 1] } };

function title(text: string, simulated: boolean) {
  return simulated ? { text, subtitle: 'simulated models: illustrative data, not a measurement of any real model' } : { text };
}

/** The FLOPs axis of both FLOPs charts (log scale: a budget grows by factors). */
const FLOPS_AXIS = {
  field: 'flops',
  type: 'quantitative' as const,
  title: 'total test-time FLOPs F(k) (log scale)',
  scale: { type: 'log' as const, nice: false },
  axis: { format: '.0e', tickCount: 6 },
};

/** Rows a log axis can show. */
const withFlops = <T extends { flops: number | null }>(rows: T[]) => rows.filter((r) => r.flops !== null && r.flops > 0);

export function flopsChartSpec(d: ChartData): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: title('pass@k against test-time FLOPs', d.simulated),
    width: 600,
    height: 360,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: withFlops(d.fitC) },
        transform: CONVERGED_ONLY,
        mark: { type: 'area', opacity: 0.1 },
        encoding: {
          x: FLOPS_AXIS,
          y: { field: 'low', type: 'quantitative', ...pctAxis },
          y2: { field: 'high' },
          color: colour(d.series),
          detail: { field: 'part' },
        },
      },
      {
        data: { values: withFlops(d.fitC) },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: FLOPS_AXIS,
          y: { field: 'value', type: 'quantitative', ...pctAxis },
          color: colour(d.series),
          strokeDash: {
            field: 'part',
            type: 'nominal',
            title: 'fit C (beta-binomial)',
            scale: DASH,
            legend: { orient: 'bottom', titleLimit: 300 },
          },
          detail: { field: 'part' },
        },
      },
      {
        data: { values: withFlops(d.fitA) },
        mark: { type: 'line', strokeWidth: 3, opacity: 0.45 },
        encoding: { x: FLOPS_AXIS, y: { field: 'value', type: 'quantitative', ...pctAxis }, color: colour(d.series) },
      },
      {
        data: { values: withFlops(d.points) },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { x: FLOPS_AXIS, y: { field: 'low', type: 'quantitative', ...pctAxis }, y2: { field: 'high' }, color: colour(d.series) },
      },
      {
        data: { values: withFlops(d.points) },
        mark: { type: 'point', filled: true, size: 45, opacity: 1 },
        encoding: {
          x: FLOPS_AXIS,
          y: { field: 'pass', type: 'quantitative', ...pctAxis },
          color: colour(d.series),
          tooltip: [
            { field: 'series' },
            { field: 'k' },
            { field: 'pass', format: '.1%' },
            { field: 'low', format: '.1%' },
            { field: 'high', format: '.1%' },
            { field: 'flops', format: '.3e' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/** The best-config envelopes: best pass@k over configs at each k (chosen on the test set), with fit A. */
export function envelopeChartSpec(d: ChartData): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: title('best-config envelope: pass@k against FLOPs (best config per k, chosen on the test set)', d.simulated),
    width: 600,
    height: 300,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: withFlops(d.envelopeFitA) },
        mark: { type: 'line', strokeWidth: 3, opacity: 0.45 },
        encoding: { x: FLOPS_AXIS, y: { field: 'value', type: 'quantitative', ...pctAxis }, color: colour(d.envelopeSeries, 'envelope') },
      },
      {
        data: { values: withFlops(d.envelopePoints) },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          x: FLOPS_AXIS,
          y: { field: 'low', type: 'quantitative', ...pctAxis },
          y2: { field: 'high' },
          color: colour(d.envelopeSeries, 'envelope'),
        },
      },
      {
        data: { values: withFlops(d.envelopePoints) },
        mark: { type: 'point', filled: true, size: 50, shape: 'diamond', opacity: 1 },
        encoding: { x: FLOPS_AXIS, y: { field: 'pass', type: 'quantitative', ...pctAxis }, color: colour(d.envelopeSeries, 'envelope') },
      },
    ],
  } as TopLevelSpec;
}

export function kChartSpec(d: ChartData): TopLevelSpec {
  const x = { field: 'k', type: 'quantitative' as const, title: 'k (samples per problem, log scale)', scale: { type: 'log' as const } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: title('pass@k against k (fit C solid/dashed, fit B dotted)', d.simulated),
    width: 600,
    height: 300,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: d.fitC },
        transform: CONVERGED_ONLY,
        mark: { type: 'area', opacity: 0.1 },
        encoding: {
          x,
          y: { field: 'low', type: 'quantitative', ...pctAxis },
          y2: { field: 'high' },
          color: colour(d.series),
          detail: { field: 'part' },
        },
      },
      {
        data: { values: d.fitC },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', ...pctAxis },
          color: colour(d.series),
          strokeDash: {
            field: 'part',
            type: 'nominal',
            title: 'fit C (beta-binomial)',
            scale: DASH,
            legend: { orient: 'bottom', titleLimit: 300 },
          },
          detail: { field: 'part' },
        },
      },
      {
        data: { values: d.fitB },
        transform: CONVERGED_ONLY,
        mark: { type: 'line', strokeWidth: 1, strokeDash: [2, 3], opacity: 0.8 },
        encoding: { x, y: { field: 'value', type: 'quantitative', ...pctAxis }, color: colour(d.series), detail: { field: 'part' } },
      },
      {
        data: { values: d.fitB },
        transform: [{ filter: "datum.part === 'not converged'" }],
        mark: { type: 'line', strokeWidth: 1, strokeDash: [1, 6], opacity: 0.5 },
        encoding: { x, y: { field: 'value', type: 'quantitative', ...pctAxis }, color: colour(d.series), detail: { field: 'part' } },
      },
      {
        data: { values: d.points },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'low', type: 'quantitative', ...pctAxis }, y2: { field: 'high' }, color: colour(d.series) },
      },
      {
        data: { values: d.points },
        mark: { type: 'point', filled: true, size: 45, opacity: 1 },
        encoding: { x, y: { field: 'pass', type: 'quantitative', ...pctAxis }, color: colour(d.series) },
      },
    ],
  } as TopLevelSpec;
}

export function heatmapSpec(d: ChartData): TopLevelSpec {
  const series = [...new Set(d.heatmap.map((h) => h.series))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'per-problem solve rate c/n' },
    data: { values: d.heatmap },
    width: Math.max(160, 110 * series.length),
    height: Math.max(160, 11 * d.tasks.length),
    config: CHART_CONFIG,
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'series', type: 'nominal', title: null, sort: series, axis: { labelAngle: -20, labelLimit: 220 } },
      y: { field: 'task', type: 'nominal', title: null, sort: d.tasks, axis: { labelFontSize: 9 } },
      color: { field: 'rate', type: 'quantitative', title: 'c/n', scale: { domain: [0, 1], scheme: 'viridis' }, legend: { format: '.0%' } },
      tooltip: [{ field: 'task' }, { field: 'series' }, { field: 'c' }, { field: 'n' }, { field: 'rate', format: '.0%' }],
    },
  } as TopLevelSpec;
}

const VERDICT_ORDER = ['passed', 'failed', 'error', 'syntax_error', 'timeout', 'memory', 'output_limit', 'malformed_edit', 'empty'];

export function verdictSpec(d: ChartData): TopLevelSpec {
  const series = [...new Set(d.verdicts.map((v) => v.series))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'verdicts (share of samples)' },
    data: { values: d.verdicts.map((v) => ({ ...v, order: VERDICT_ORDER.indexOf(v.verdict) })) },
    width: 600,
    height: Math.max(40, 28 * series.length),
    config: CHART_CONFIG,
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'series', type: 'nominal', title: null, sort: series, axis: { labelLimit: 260 } },
      x: { field: 'share', type: 'quantitative', stack: 'normalize', title: null, axis: { format: '.0%' } },
      color: {
        field: 'verdict',
        type: 'nominal',
        scale: { domain: VERDICT_ORDER, scheme: 'tableau10' },
        legend: { orient: 'bottom', columns: 5 },
      },
      order: { field: 'order' },
      tooltip: [{ field: 'series' }, { field: 'verdict' }, { field: 'count' }, { field: 'share', format: '.1%' }],
    },
  } as TopLevelSpec;
}

/** Stacks charts vertically into one figure (config hoisted to the top level). */
export function stackSpecs(specs: TopLevelSpec[]): TopLevelSpec {
  const strip = (s: TopLevelSpec) => {
    const { $schema: _schema, config: _config, ...rest } = s as unknown as Record<string, unknown>;
    return rest;
  };
  if (specs.length === 1) return specs[0]!;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    vconcat: specs.map(strip),
    spacing: 30,
  } as unknown as TopLevelSpec;
}
