/**
 * passk report RUN... --out report.html: one self-contained page (charts inline as SVG,
 * tables, heatmap, verdicts, tokens, diversity, static errors, measured cost, the
 * compute-optimal frontier, problems, provenance) that renders offline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Selection } from '../../selection/select-run.js';
import { runSelection } from '../../selection/run-selection.js';
import type { RunData } from '../../store/run-files.js';
import type { Argv, CommandModule } from 'yargs';
import { reportHtml } from '../../report/report-html.js';
import { reportViews } from '../../analysis/report-views.js';
import { analysisOptions, costOptions, loadAnalysis, type AnalysisArgs, type CostArgs } from '../analysis-options.js';

interface ReportArgs extends AnalysisArgs, CostArgs {
  out: string;
  title?: string;
}

/** Each run's n@k (selection.json, else its summary's), for the report's figure. */
function readSelections(runs: readonly RunData[]): Array<{ run: string; selection: Selection }> {
  return runs.flatMap((run) => {
    const selection = runSelection(run);
    return selection ? [{ run: run.dir, selection }] : [];
  });
}

const command: CommandModule<object, ReportArgs> = {
  command: 'report <runs..>',
  describe: 'Write a self-contained HTML report (plots, fits, heatmap, verdicts, tokens, provenance) for run folders',
  builder: (y: Argv) =>
    costOptions(analysisOptions(y))
      .option('out', { type: 'string', demandOption: true, describe: 'the HTML file to write' })
      .option('title', { type: 'string', describe: 'page title' }) as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    const { analysis, computations, runs } = await loadAnalysis(args);
    const views = await reportViews(runs, computations, { gpus: args.gpus, gpuHourPrice: args['gpu-hour-price'] ?? null });
    const html = await reportHtml(analysis, {
      title: args.title,
      views,
      selections: readSelections(runs),
    });
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, html);
    process.stdout.write(`${args.out}\n`);
  },
};

export default command;
