/**
 * passk frontier RUN...: with a budget per problem (FLOPs, tokens, GPU-seconds or dollars),
 * which model, config and k reach the highest pass@k, with bootstrap intervals; k beyond
 * the measured n from fit C, marked; fit C's backtest from n/10 samples per group. A table,
 * --json (passk.frontier/1, docs/records.md) and --chart FILE.svg|png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { groupMeasuredCosts } from '../../analysis/describe-samples.js';
import { frontierReport } from '../../analysis/frontier-report.js';
import { COST_AXES, type CostAxis } from '../../analysis/measured-cost.js';
import { frontierChartSpec } from '../../report/sample-view-specs.js';
import { frontierText } from '../../report/frontier-text.js';
import { fontStatus, specToSvg, svgToPng } from '../../report/render.js';
import { analysisOptions, costOptions, loadAnalysis, type AnalysisArgs, type CostArgs } from '../analysis-options.js';

interface FrontierArgs extends AnalysisArgs, CostArgs {
  axis: CostAxis;
  budget?: number[];
  budgets: number;
  json: boolean;
  chart?: string;
}

const command: CommandModule<object, FrontierArgs> = {
  command: 'frontier <runs..>',
  describe: 'The compute-optimal choice: per budget (FLOPs, tokens, GPU-seconds or dollars), the best model, config and k with intervals',
  builder: (y: Argv) =>
    costOptions(analysisOptions(y))
      .option('axis', { choices: COST_AXES, default: 'flops' as const, describe: 'what a budget counts, per problem' })
      .option('budget', { type: 'number', array: true, describe: 'budgets to answer for (default: --budgets of them, log-spaced)' })
      .option('budgets', { type: 'number', default: 6, describe: 'how many log-spaced budgets when --budget is not given' })
      .option('json', { type: 'boolean', default: false, describe: 'print passk.frontier/1 JSON' })
      .option('chart', { type: 'string', describe: 'also draw the frontier to FILE.svg or FILE.png' })
      .check((a) => {
        const args = a as unknown as FrontierArgs;
        if (!(Number.isInteger(args.budgets) && args.budgets >= 1))
          throw new PasskError('E_CONFIG', `--budgets must be an integer >= 1, got ${args.budgets}`);
        for (const b of args.budget ?? [])
          if (!(Number.isFinite(b) && b > 0)) throw new PasskError('E_CONFIG', `--budget must be positive numbers, got ${b}`, '--budget');
        if (args.chart !== undefined && !['.svg', '.png'].includes(extname(args.chart).toLowerCase()))
          throw new PasskError('E_CONFIG', `--chart must end in .svg or .png, got "${args.chart}"`, '--chart');
        if (args.axis === 'dollars' && args['gpu-hour-price'] === undefined)
          throw new PasskError('E_CONFIG', '--axis dollars needs --gpu-hour-price', '--axis');
        return true;
      }) as unknown as Argv<FrontierArgs>,
  handler: async (args) => {
    const { computations, runs } = await loadAnalysis(args);
    const costs = groupMeasuredCosts(runs, computations, { gpus: args.gpus, gpuHourPrice: args['gpu-hour-price'] ?? null });
    const report = frontierReport(computations, costs, args.axis, args.budget ?? null, args.budgets);
    if (report.options.length === 0)
      throw new PasskError(
        'E_INPUT',
        `no group has a cost on the ${args.axis} axis: ${report.groups.map((g) => `${g.label}: ${g.reason}`).join('; ')}`,
        args.runs.join(', '),
      );
    if (args.chart) {
      const svg = await specToSvg(
        frontierChartSpec(
          report,
          computations.some((c) => c.analysis.simulated),
        ),
      );
      mkdirSync(dirname(args.chart), { recursive: true });
      if (extname(args.chart).toLowerCase() === '.png') {
        const fonts = fontStatus();
        if (!fonts.available) process.stderr.write(`passk frontier: warning: ${fonts.detail}; the PNG will have no text (the SVG does)\n`);
        writeFileSync(args.chart, svgToPng(svg));
      } else writeFileSync(args.chart, svg);
    }
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${frontierText(report)}\n`);
  },
};

export default command;
