/**
 * What the report shows beside the fits: the sample views (diversity, static errors,
 * measured cost, problems) and the compute-optimal frontier on FLOPs (or, without FLOPs,
 * on tokens). Shared by `passk report` and `passk demo`.
 */
import type { RunData } from '../store/run-files.js';
import { describeSamples, groupMeasuredCosts, type SampleViews } from './describe-samples.js';
import { DEFAULT_DIVERSITY } from './diversity-view.js';
import { frontierReport, type FrontierReport } from './frontier-report.js';
import type { GroupComputation } from './group-analysis.js';
import type { CostOptions } from './measured-cost.js';

export interface ReportViews {
  samples: SampleViews;
  frontier: FrontierReport | null;
}

export async function reportViews(
  runs: readonly RunData[],
  computations: readonly GroupComputation[],
  costs: CostOptions,
): Promise<ReportViews> {
  const samples = await describeSamples(runs, { costs, diversity: DEFAULT_DIVERSITY });
  const measured = groupMeasuredCosts(runs, computations, costs);
  const axis = computations.some((c) => c.analysis.flops.reason === null) ? 'flops' : 'tokens';
  const frontier = frontierReport(computations, measured, axis, null);
  return { samples, frontier: frontier.options.length ? frontier : null };
}
