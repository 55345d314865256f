/**
 * passk fit RUN...: pass@k against FLOPs per model and sampling config, fits A, B and C
 * with problem-level bootstrap intervals, backtests, envelopes; for a run with n@k (a
 * stdin/stdout run), 1@k and 10@k against the same FLOPs with fits A and B beside them
 * (harness/analysis/n-at-k-fits.ts). A text report, or --json (`n_at_k_fits` added).
 */
import type { Argv, CommandModule } from 'yargs';
import { nAtKFits } from '../../analysis/n-at-k-fits.js';
import { fitText } from '../../report/fit-text.js';
import { nAtKFitText } from '../../report/n-at-k-fit-text.js';
import { runSelection } from '../../selection/run-selection.js';
import type { Selection } from '../../selection/select-run.js';
import { analysisOptions, loadAnalysis, type AnalysisArgs } from '../analysis-options.js';

const command: CommandModule<object, AnalysisArgs & { json: boolean }> = {
  command: 'fit <runs..>',
  describe: 'Fit pass@k against FLOPs (fits A, B, C with bootstrap intervals, backtests) for each model and sampling config',
  builder: (y: Argv) =>
    analysisOptions(y).option('json', { type: 'boolean', default: false, describe: 'print the analysis as JSON' }) as unknown as Argv<
      AnalysisArgs & { json: boolean }
    >,
  handler: async (args) => {
    const { analysis, computations, runs } = await loadAnalysis(args);
    const selections = new Map<string, Selection>();
    for (const run of runs) {
      const selection = runSelection(run);
      if (selection) selections.set(run.dir, selection);
    }
    const fits = nAtKFits(computations, selections);
    if (args.json) process.stdout.write(`${JSON.stringify(fits.length ? { ...analysis, n_at_k_fits: fits } : analysis, null, 2)}\n`);
    else process.stdout.write(`${fitText(analysis)}\n${fits.length ? `\n${nAtKFitText(fits)}` : ''}`);
  },
};

export default command;
