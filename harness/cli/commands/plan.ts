/**
 * passk plan BASE_RUN --drop 0.02: how many samples per problem a new run needs so that
 * `passk compare` calls a drop of that size a regression with the asked-for power, found
 * by simulation from the base run's per-problem success rates (docs/formulas.md section 5,
 * "Planning"). Text, or JSON with --json.
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_COMPARE } from '../../analysis/compare-counts.js';
import { groupsOfRun } from '../../analysis/group-data.js';
import { planSamples } from '../../analysis/power-plan.js';
import { PasskError } from '../../../kernel/errors.js';
import { readRun } from '../../store/run-files.js';
import { parseKs } from './compare.js';

interface PlanArgs {
  base: string;
  drop: number;
  power: number;
  k: string[];
  margin: number;
  alpha: number;
  repetitions: number;
  seed: number;
  cap: number;
  json: boolean;
  model?: string;
  config?: string;
}

const pct = (x: number): string => (100 * x).toFixed(1);

const command: CommandModule<object, PlanArgs> = {
  command: 'plan <base>',
  describe: 'How many samples per problem a new run needs to detect a given drop against a base run (simulated from its rates)',
  builder: (y: Argv) =>
    y
      .positional('base', { type: 'string', demandOption: true, describe: 'the base run folder' })
      .option('drop', { type: 'number', demandOption: true, describe: 'the drop in mean pass@1 to detect (0.02 = 2 points)' })
      .option('power', { type: 'number', default: 0.8, describe: 'the chance of calling that drop a regression' })
      .option('k', { type: 'array', string: true, default: ['1', '10'], describe: 'ks the comparison will check: --k 1 10 or --k 1,10' })
      .option('margin', { type: 'number', default: DEFAULT_COMPARE.margin, describe: 'the non-inferiority margin compare will use' })
      .option('alpha', { type: 'number', default: DEFAULT_COMPARE.alpha, describe: 'family-wise error rate across the ks (Holm)' })
      .option('repetitions', { type: 'number', default: 2000, describe: 'simulated pairs of runs per candidate n' })
      .option('seed', { type: 'number', default: 0, describe: 'seed of the simulation' })
      .option('cap', { type: 'number', default: 1000, describe: 'the largest n searched' })
      .option('json', { type: 'boolean', default: false, describe: 'print the plan as JSON' })
      .option('model', { type: 'string', describe: "the base run's model, when it holds several" })
      .option('config', { type: 'string', describe: "the base run's sampling config, when it holds several" })
      .check((a) => {
        const args = a as unknown as PlanArgs;
        if (!(args.drop > 0 && args.drop < 1)) throw new PasskError('E_CONFIG', `--drop must be in (0, 1), got ${args.drop}`);
        if (!(args.power > 0 && args.power < 1)) throw new PasskError('E_CONFIG', `--power must be in (0, 1), got ${args.power}`);
        if (!(Number.isInteger(args.repetitions) && args.repetitions >= 100))
          throw new PasskError('E_CONFIG', `--repetitions must be an integer >= 100, got ${args.repetitions}`);
        if (!(Number.isInteger(args.cap) && args.cap >= 1))
          throw new PasskError('E_CONFIG', `--cap must be a positive integer, got ${args.cap}`);
        parseKs(args.k.join(','));
        return true;
      }) as unknown as Argv<PlanArgs>,
  handler: async (args) => {
    const run = await readRun(args.base);
    const groups = groupsOfRun(run).filter(
      (g) => (args.model === undefined || g.model === args.model) && (args.config === undefined || g.config === args.config),
    );
    if (groups.length !== 1)
      throw new PasskError(
        'E_COMPARE',
        `the base run holds ${groups.length} matching (model / config) groups; choose one with --model and --config`,
        run.dir,
      );
    const group = groups[0]!;
    const empty = group.taskIds.find((_, i) => group.counts[i]!.n === 0);
    if (empty !== undefined)
      throw new PasskError('E_COMPARE', `task ${empty} has no samples in the base run; finish the run first`, run.dir);
    const meanRate = group.counts.reduce((s, c) => s + c.c / c.n, 0) / group.counts.length;
    if (args.drop >= meanRate)
      throw new PasskError('E_CONFIG', `--drop ${args.drop} is not below the base run's mean pass@1 ${meanRate.toFixed(4)}`, '--drop');
    const plan = planSamples(group.counts, {
      ...DEFAULT_COMPARE,
      margin: args.margin,
      alpha: args.alpha,
      ks: parseKs(args.k.join(',')),
      drop: args.drop,
      power: args.power,
      repetitions: args.repetitions,
      seed: args.seed,
      cap: args.cap,
    });
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ base: run.dir, model: group.model, config: group.config, ...plan }, null, 2)}\n`);
      return;
    }
    const lines = [
      `To detect a drop of ${pct(args.drop)} points in mean pass@1 (base: ${pct(plan.meanPassAt1)}%, ${plan.problems} problems, n = ${plan.baseN}) with ${pct(args.power)}% power:`,
      plan.samples
        ? `  the new run needs n = ${plan.samples.n} samples per problem (simulated power ${pct(plan.samples.power)}%)`
        : `  no n up to ${args.cap} samples per problem reaches it against this base run (its own n = ${plan.baseN} limits it)`,
      plan.problemsNeeded
        ? `  or, with both runs at n = ${plan.baseN}, about ${plan.problemsNeeded.problems} problems like these (simulated power ${pct(plan.problemsNeeded.power)}%)${plan.problemsNeeded.problems > plan.problems ? `: more than this run's ${plan.problems}` : ''}`
        : `  more than ${8 * plan.problems} problems like these would be needed at n = ${plan.baseN}`,
      `Method: ${plan.method}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};

export default command;
