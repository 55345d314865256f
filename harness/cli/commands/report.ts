/**
 * passk report RUN... --out report.html (or one suite folder: a section per benchmark under one summary): one self-contained page (charts inline as SVG,
 * tables, heatmap, verdicts, tokens, diversity, static errors, measured cost, the
 * compute-optimal frontier, problems, provenance) that renders offline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isSuiteFolder } from '../../store/suite-manifest.js';
import type { Argv, CommandModule } from 'yargs';
import { reportHtml } from '../../report/report-html.js';
import { reportViews } from '../../analysis/report-views.js';
import { analysisOptions, costOptions, loadAnalysis, type AnalysisArgs, type CostArgs } from '../analysis-options.js';
import { readSelections } from '../run-selections.js';
import { suiteReport } from '../suite-report.js';

interface ReportArgs extends AnalysisArgs, CostArgs {
  out: string;
  title?: string;
}

const command: CommandModule<object, ReportArgs> = {
  command: 'report <runs..>',
  describe:
    'Write a self-contained HTML report (plots, fits, heatmap, verdicts, tokens, provenance) for run folders, or for a suite folder (one page, a section per benchmark)',
  builder: (y: Argv) =>
    costOptions(analysisOptions(y))
      .option('out', { type: 'string', demandOption: true, describe: 'the HTML file to write' })
      .option('title', { type: 'string', describe: 'page title' }) as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    if (args.runs.length === 1 && isSuiteFolder(args.runs[0]!)) {
      mkdirSync(dirname(args.out), { recursive: true });
      writeFileSync(args.out, await suiteReport(args.runs[0]!, args));
      process.stdout.write(`${args.out}\n`);
      return;
    }
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
