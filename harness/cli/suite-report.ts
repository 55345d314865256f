/**
 * `passk report SUITE_FOLDER --out report.html`: each benchmark's run folder analysed and
 * viewed as `passk report RUN` does (the same options), laid out as one suite page
 * (report/suite-report-html.ts).
 */
import { join } from 'node:path';
import { reportViews } from '../analysis/report-views.js';
import { suiteReportHtml, type SuiteReportPart } from '../report/suite-report-html.js';
import { readRun } from '../store/run-files.js';
import { readSuiteManifest } from '../store/suite-manifest.js';
import { loadAnalysis, type AnalysisArgs, type CostArgs } from './analysis-options.js';
import { readSelections } from './run-selections.js';

export async function suiteReport(dir: string, args: AnalysisArgs & CostArgs & { title?: string }): Promise<string> {
  const manifest = await readSuiteManifest(dir);
  const parts: SuiteReportPart[] = [];
  for (const b of manifest.benchmarks) {
    const folder = join(dir, b.folder);
    const run = await readRun(folder);
    const base = { name: b.name, benchmark: b.benchmark, summary: run.summary };
    if (run.samples.length === 0) {
      parts.push({ ...base, analysis: null, options: {} });
      continue;
    }
    const { analysis, computations, runs } = await loadAnalysis({ ...args, runs: [folder] });
    const views = await reportViews(runs, computations, { gpus: args.gpus, gpuHourPrice: args['gpu-hour-price'] ?? null });
    parts.push({ ...base, analysis, options: { views, selections: readSelections(runs) } });
  }
  return suiteReportHtml(manifest, dir, parts, args.title !== undefined ? { title: args.title } : {});
}
