/**
 * passk report RUN... --out report.html: one self-contained page (charts inline as SVG,
 * tables, heatmap, verdicts, tokens, provenance) that renders offline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { reportHtml } from '../../report/report-html.js';
import { analysisOptions, loadAnalysis, type AnalysisArgs } from '../analysis-options.js';

interface ReportArgs extends AnalysisArgs {
  out: string;
  title?: string;
}

const command: CommandModule<object, ReportArgs> = {
  command: 'report <runs..>',
  describe: 'Write a self-contained HTML report (plots, fits, heatmap, verdicts, tokens, provenance) for run folders',
  builder: (y: Argv) =>
    analysisOptions(y)
      .option('out', { type: 'string', demandOption: true, describe: 'the HTML file to write' })
      .option('title', { type: 'string', describe: 'page title' }) as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    const { analysis } = await loadAnalysis(args);
    const html = await reportHtml(analysis, { title: args.title });
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, html);
    process.stdout.write(`${args.out}\n`);
  },
};

export default command;
