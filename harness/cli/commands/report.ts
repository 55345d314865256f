/**
 * passk report RUN... --out report.html: one self-contained page (charts inline as SVG,
 * tables, heatmap, verdicts, tokens, diversity, static errors, measured cost, the
 * compute-optimal frontier, problems, provenance) that renders offline.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Selection } from '../../selection/select-run.js';
import { selectionOfSummary } from '../../selection/summary-selection.js';
import type { RunData } from '../../store/run-files.js';
import type { Argv, CommandModule } from 'yargs';
import { reportHtml } from '../../report/report-html.js';
import { reportViews } from '../../analysis/report-views.js';
import { analysisOptions, costOptions, loadAnalysis, type AnalysisArgs, type CostArgs } from '../analysis-options.js';

interface ReportArgs extends AnalysisArgs, CostArgs {
  out: string;
  title?: string;
}

/**
 * Each run's n@k: its selection.json where `passk select` wrote one (the latest clustering the
 * user asked for), else the n@k its summary.json holds (a stdin/stdout run's own, at its end).
 */
function readSelections(runs: readonly RunData[]): Array<{ run: string; selection: Selection }> {
  return runs.flatMap(({ dir, summary }) => {
    const file = join(dir, 'selection.json');
    const selection = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Selection) : summary && selectionOfSummary(summary);
    return selection ? [{ run: dir, selection }] : [];
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
