/**
 * passk fit RUN...: pass@k against FLOPs per model and sampling config, fits A, B and C
 * with problem-level bootstrap intervals, backtests, envelopes. A text report, or --json.
 */
import type { Argv, CommandModule } from 'yargs';
import { fitText } from '../../report/fit-text.js';
import { analysisOptions, loadAnalysis, type AnalysisArgs } from '../analysis-options.js';

const command: CommandModule<object, AnalysisArgs & { json: boolean }> = {
  command: 'fit <runs..>',
  describe: 'Fit pass@k against FLOPs (fits A, B, C with bootstrap intervals, backtests) for each model and sampling config',
  builder: (y: Argv) =>
    analysisOptions(y).option('json', { type: 'boolean', default: false, describe: 'print the analysis as JSON' }) as unknown as Argv<
      AnalysisArgs & { json: boolean }
    >,
  handler: async (args) => {
    const { analysis } = await loadAnalysis(args);
    process.stdout.write(args.json ? `${JSON.stringify(analysis, null, 2)}\n` : `${fitText(analysis)}\n`);
  },
};

export default command;
