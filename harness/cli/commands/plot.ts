/**
 * passk plot RUN... --out FILE.svg|FILE.png: pass@k against FLOPs (log axis, one colour
 * per model and config, bootstrap intervals, fit A inside the sampled range, fit C dashed
 * beyond it) above pass@k against k. SVG from Vega; PNG through resvg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { chartData } from '../../report/chart-data.js';
import { fontStatus, specToSvg, svgToPng } from '../../report/render.js';
import { envelopeChartSpec, flopsChartSpec, kChartSpec, stackSpecs } from '../../report/chart-specs.js';
import { analysisOptions, loadAnalysis, type AnalysisArgs } from '../analysis-options.js';

interface PlotArgs extends AnalysisArgs {
  out: string;
  chart: 'both' | 'flops' | 'k' | 'envelope';
}

const command: CommandModule<object, PlotArgs> = {
  command: 'plot <runs..>',
  describe: 'Plot pass@k against FLOPs and against k, with bootstrap intervals and fits, to an SVG or PNG file',
  builder: (y: Argv) =>
    analysisOptions(y)
      .option('out', { type: 'string', demandOption: true, describe: 'output file: .svg or .png' })
      .option('chart', {
        choices: ['both', 'flops', 'k', 'envelope'] as const,
        default: 'both' as const,
        describe: 'both (FLOPs and k), flops, k, or envelope (best config per k, for sweeps)',
      })
      .check((a) => {
        const ext = extname(String(a.out)).toLowerCase();
        if (ext !== '.svg' && ext !== '.png')
          throw new PasskError('E_CONFIG', `--out must end in .svg or .png, got "${String(a.out)}"`, '--out');
        return true;
      }) as unknown as Argv<PlotArgs>,
  handler: async (args) => {
    const { analysis } = await loadAnalysis(args);
    const data = chartData(analysis);
    const specs = [];
    if (args.chart === 'envelope') {
      if (!data.envelopePoints.some((p) => p.flops !== null))
        throw new PasskError(
          'E_INPUT',
          'no best-config envelope: it needs a model with two or more configs over the same problems, and FLOPs',
          args.runs.join(', '),
        );
      specs.push(envelopeChartSpec(data));
    } else if (args.chart !== 'k') {
      if (data.hasFlops) specs.push(flopsChartSpec(data));
      else
        process.stderr.write(`passk plot: no FLOPs for any group (${analysis.groups[0]?.flops.reason}); drawing pass@k against k only\n`);
    }
    if (args.chart === 'both' || args.chart === 'k' || specs.length === 0) specs.push(kChartSpec(data));
    const svg = await specToSvg(stackSpecs(specs));
    mkdirSync(dirname(args.out), { recursive: true });
    if (extname(args.out).toLowerCase() === '.png') {
      const fonts = fontStatus();
      if (!fonts.available) process.stderr.write(`passk plot: warning: ${fonts.detail}; the PNG will have no text (the SVG does)\n`);
      writeFileSync(args.out, svgToPng(svg));
    } else writeFileSync(args.out, svg);
    process.stdout.write(`${args.out}\n`);
  },
};

export default command;
