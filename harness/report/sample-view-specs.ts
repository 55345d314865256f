/**
 * Vega-Lite specs of what the samples are: diversity against k, pass@k against measured
 * cost (tokens, GPU-seconds or dollars), the frontier (best pass@k per budget, extrapolated
 * choices marked) and the solve-rate histogram. Pure: data in, spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Analysis } from '../analysis/analyze-runs.js';
import type { SampleViews } from '../analysis/describe-samples.js';
import type { FrontierReport } from '../analysis/frontier-report.js';
import { budgetGrid, chooseAt } from '../analysis/frontier.js';
import { AXIS_TEXT, costAtK, type CostAxis } from '../analysis/measured-cost.js';
import { fitKs } from '../fits/fitted.js';
import { CHART_CONFIG } from './chart-specs.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const pctAxis = { axis: { format: '.0%' }, scale: { domain: [0, 1] } };
const legend = { orient: 'bottom' as const, columns: 1, labelLimit: 500, titleLimit: 400 };

function title(text: string, simulated: boolean) {
  return simulated ? { text, subtitle: 'simulated models: illustrative data, not a measurement of any real model' } : { text };
}

/** The best pass@k at each of 48 log-spaced budgets, coloured by the choice; triangles: extrapolated by fit C. */
export function frontierChartSpec(r: FrontierReport, simulated: boolean): TopLevelSpec {
  const rows = budgetGrid(r.options, 48)
    .map((b) => chooseAt(r.options, b))
    .filter((c) => c.best !== null)
    .map((c) => ({
      budget: c.budget,
      pass: c.best!.value,
      low: c.best!.low ?? c.best!.value,
      high: c.best!.high ?? c.best!.value,
      choice: `${c.best!.label}`,
      k: c.best!.k,
      source: c.best!.extrapolated ? 'extrapolated (fit C)' : 'measured',
    }));
  const x = {
    field: 'budget',
    type: 'quantitative' as const,
    title: `budget: ${r.axis_text} (log scale)`,
    scale: { type: 'log' as const, nice: false },
    axis: { format: '.1e', tickCount: 6 },
  };
  return {
    $schema: SCHEMA,
    title: title(`compute-optimal pass@k by budget (${r.axis})`, simulated),
    width: 600,
    height: 320,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'area', opacity: 0.12, color: '#888' },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: 'best pass@k', ...pctAxis }, y2: { field: 'high' } },
      },
      {
        mark: { type: 'line', color: '#888', strokeWidth: 1, interpolate: 'step-after' },
        encoding: { x, y: { field: 'pass', type: 'quantitative', ...pctAxis } },
      },
      {
        mark: { type: 'point', size: 50, opacity: 1, filled: true },
        encoding: {
          x,
          y: { field: 'pass', type: 'quantitative', ...pctAxis },
          color: { field: 'choice', type: 'nominal', title: 'best model · config', legend },
          shape: {
            field: 'source',
            type: 'nominal',
            title: null,
            scale: { domain: ['measured', 'extrapolated (fit C)'], range: ['circle', 'triangle-up'] },
            legend,
          },
          tooltip: [
            { field: 'choice' },
            { field: 'k' },
            { field: 'budget', format: '.3e' },
            { field: 'pass', format: '.1%' },
            { field: 'source' },
          ],
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Expected distinct programs, normalized programs and behaviours in k samples, per group. */
export function diversityChartSpec(v: SampleViews, simulated: boolean): TopLevelSpec {
  const measures = ['programs (exact text)', 'normalized programs', 'behaviours'] as const;
  const rows = v.groups.flatMap((g) =>
    g.diversity.ks.flatMap((k, i) => [
      { series: g.label, k, measure: measures[0], distinct: g.diversity.programs[i]! },
      { series: g.label, k, measure: measures[1], distinct: g.diversity.normalized[i]! },
      { series: g.label, k, measure: measures[2], distinct: g.diversity.behaviours[i]! },
    ]),
  );
  const x = {
    field: 'k',
    type: 'quantitative' as const,
    title: 'k (samples per problem, log scale)',
    scale: { type: 'log' as const, nice: false },
  };
  return {
    $schema: SCHEMA,
    title: title('diversity: expected distinct per problem in k samples', simulated),
    width: 600,
    height: 300,
    config: CHART_CONFIG,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x,
      y: { field: 'distinct', type: 'quantitative', title: 'expected distinct (mean over problems)', scale: { type: 'log', nice: false } },
      color: { field: 'series', type: 'nominal', title: 'model · config', legend },
      strokeDash: { field: 'measure', type: 'nominal', title: 'distinct', scale: { domain: [...measures] }, legend },
      tooltip: [{ field: 'series' }, { field: 'measure' }, { field: 'k' }, { field: 'distinct', format: '.2f' }],
    },
  } as unknown as TopLevelSpec;
}

/** Per problem: the share of distinct normalized programs among its n samples against its gain pass@k_max - pass@1. */
export function diversityGainSpec(v: SampleViews, simulated: boolean): TopLevelSpec {
  const rows = v.groups.flatMap((g) =>
    g.diversity.per_problem.map((p) => ({ series: g.label, task: p.task_id, share: p.normalized / p.n, gain: p.gain })),
  );
  return {
    $schema: SCHEMA,
    title: title('per problem: diversity against what extra samples gained', simulated),
    width: 600,
    height: 260,
    config: CHART_CONFIG,
    data: { values: rows },
    mark: { type: 'point', filled: true, opacity: 0.6, size: 40 },
    encoding: {
      x: { field: 'share', type: 'quantitative', title: 'distinct normalized programs / n', axis: { format: '.0%' } },
      y: { field: 'gain', type: 'quantitative', title: 'pass@k_max - pass@1', axis: { format: '.0%' } },
      color: { field: 'series', type: 'nominal', title: 'model · config', legend },
      tooltip: [{ field: 'series' }, { field: 'task' }, { field: 'share', format: '.0%' }, { field: 'gain', format: '.1%' }],
    },
  } as unknown as TopLevelSpec;
}

/** pass@k against its measured cost per problem, one chart per axis that has costs. */
export function costChartSpec(a: Analysis, v: SampleViews, axis: Exclude<CostAxis, 'flops'>): TopLevelSpec | null {
  const rows = a.groups.flatMap((g) => {
    const cost = v.groups.find((s) => s.run === g.run && s.model === g.model && s.config === g.config)?.cost;
    if (!cost) return [];
    const show = new Set(fitKs(g.n_min));
    return g.points
      .filter((p) => show.has(p.k))
      .map((p) => ({ series: g.label, k: p.k, cost: costAtK(cost, axis, p.k), pass: p.pass_at_k, low: p.ci_low, high: p.ci_high }))
      .filter((p) => p.cost !== null && p.cost > 0);
  });
  if (rows.length === 0) return null;
  const x = {
    field: 'cost',
    type: 'quantitative' as const,
    title: `${AXIS_TEXT[axis]} (log scale)`,
    scale: { type: 'log' as const, nice: false },
    axis: { format: '.2~s' },
  };
  const color = { field: 'series', type: 'nominal' as const, title: 'model · config', legend };
  return {
    $schema: SCHEMA,
    title: title(
      `pass@k against ${AXIS_TEXT[axis]}`,
      a.groups.some((g) => g.simulated),
    ),
    width: 600,
    height: 300,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: 'pass@k', ...pctAxis }, y2: { field: 'high' }, color },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'pass', type: 'quantitative', ...pctAxis },
          color,
          tooltip: [{ field: 'series' }, { field: 'k' }, { field: 'cost', format: '.3~s' }, { field: 'pass', format: '.1%' }],
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Problems per solve-rate bin, one bar per group. */
export function solveRateHistogramSpec(v: SampleViews): TopLevelSpec {
  const { bins, counts } = v.problems.histogram;
  const rows = v.problems.labels.flatMap((series, gi) => bins.map((bin, b) => ({ series, bin, problems: counts[gi]![b]! })));
  return {
    $schema: SCHEMA,
    title: { text: 'solve-rate distribution: problems per c/n bin' },
    width: 600,
    height: 240,
    config: CHART_CONFIG,
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bin', type: 'ordinal', title: 'solve rate c/n', sort: bins, axis: { labelAngle: -30 } },
      xOffset: { field: 'series', type: 'nominal' },
      y: { field: 'problems', type: 'quantitative', title: 'problems' },
      color: { field: 'series', type: 'nominal', title: 'model · config', legend },
      tooltip: [{ field: 'series' }, { field: 'bin' }, { field: 'problems' }],
    },
  } as unknown as TopLevelSpec;
}
