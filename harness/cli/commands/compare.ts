/**
 * passk compare BASE_RUN NEW_RUN: did the new checkpoint regress? Paired by problem;
 * markdown (or JSON) on stdout; exit 0 non-inferior or inconclusive, 1 regression,
 * 2 inconclusive (only with --strict). The rule: docs/formulas.md section 5.
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_COMPARE } from '../../analysis/compare-counts.js';
import { compareRuns } from '../../analysis/compare-runs.js';
import { compareSuites } from '../../analysis/compare-suites.js';
import { compareSuiteMarkdown } from '../../report/compare-suite-markdown.js';
import { isSuiteFolder } from '../../store/suite-manifest.js';
import { PasskError } from '../../../kernel/errors.js';
import { DEFAULT_FLOPS_CONVENTION, FLOPS_CONVENTIONS, type FlopsConvention } from '../../metrics/flops.js';
import { runSelection } from '../../selection/run-selection.js';
import { compareMarkdown } from '../../report/compare-markdown.js';
import { readRun } from '../../store/run-files.js';

interface CompareArgs {
  base: string;
  new: string;
  k: string[];
  margin: number;
  alpha: number;
  'ignore-below': number;
  strict: boolean;
  json: boolean;
  format: 'markdown' | 'json';
  bootstrap: number;
  seed: number;
  'flops-convention': FlopsConvention;
  'base-model'?: string;
  'base-config'?: string;
  'new-model'?: string;
  'new-config'?: string;
}

export function parseKs(text: string, flag = '--k'): number[] {
  const ks = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out = ks.map((s) => Number(s));
  if (out.length === 0 || out.some((k) => !Number.isInteger(k) || k < 1))
    throw new PasskError('E_CONFIG', `expected a comma-separated list of positive integers such as 1,10, got "${text}"`, flag);
  return [...new Set(out)].sort((a, b) => a - b);
}

const command: CommandModule<object, CompareArgs> = {
  command: 'compare <base> <new>',
  describe:
    'Compare two runs (or two suite folders, benchmark by benchmark) paired by problem: did the new checkpoint regress? (exit 1 regression, 2 inconclusive with --strict, else 0)',
  builder: (y: Argv) =>
    y
      .positional('base', { type: 'string', demandOption: true, describe: 'the base run folder (or suite folder)' })
      .positional('new', { type: 'string', demandOption: true, describe: 'the new run folder (or suite folder)' })
      .option('k', { type: 'array', string: true, default: ['1', '10'], describe: 'ks to check: --k 1 10 or --k 1,10' })
      .option('margin', {
        type: 'number',
        default: DEFAULT_COMPARE.margin,
        describe: 'non-inferiority margin in pass@k units (0.02 = 2 points): "non-inferior" means at most this much worse',
      })
      .option('ignore-below', {
        type: 'number',
        default: DEFAULT_COMPARE.ignoreBelow,
        describe: 'a significant drop smaller than this (pass@k units) is not called a regression',
      })
      .option('alpha', { type: 'number', default: DEFAULT_COMPARE.alpha, describe: 'family-wise error rate across the ks (Holm)' })
      .option('strict', { type: 'boolean', default: false, describe: 'exit 2 when the result is inconclusive' })
      .option('format', {
        choices: ['markdown', 'json'] as const,
        default: 'markdown' as const,
        describe: 'markdown (outcome first, for a pull-request comment or CI job summary) or JSON',
      })
      .option('json', { type: 'boolean', default: false, describe: 'the same as --format json' })
      .option('bootstrap', {
        type: 'number',
        default: DEFAULT_COMPARE.replicates,
        describe: 'bootstrap replicates for the fit A slope difference',
      })
      .option('seed', { type: 'number', default: DEFAULT_COMPARE.seed, describe: 'seed for the bootstrap' })
      .option('flops-convention', {
        choices: FLOPS_CONVENTIONS,
        default: DEFAULT_FLOPS_CONVENTION,
        describe: 'FLOPs convention for the fit A slope difference',
      })
      .option('base-model', { type: 'string', describe: "the base run's model, when it holds several" })
      .option('base-config', { type: 'string', describe: "the base run's sampling config, when it holds several" })
      .option('new-model', { type: 'string', describe: "the new run's model, when it holds several" })
      .option('new-config', { type: 'string', describe: "the new run's sampling config, when it holds several" })
      .check((a) => {
        const args = a as unknown as CompareArgs;
        if (!(args.margin >= 0 && args.margin < 1)) throw new PasskError('E_CONFIG', `--margin must be in [0, 1), got ${args.margin}`);
        if (!(args.alpha > 0 && args.alpha < 0.5)) throw new PasskError('E_CONFIG', `--alpha must be in (0, 0.5), got ${args.alpha}`);
        if (!(args['ignore-below'] >= 0 && args['ignore-below'] < 1))
          throw new PasskError('E_CONFIG', `--ignore-below must be in [0, 1), got ${args['ignore-below']}`);
        if (!(Number.isInteger(args.bootstrap) && args.bootstrap >= 100))
          throw new PasskError('E_CONFIG', `--bootstrap must be an integer >= 100, got ${args.bootstrap}`);
        parseKs(args.k.join(','));
        return true;
      }) as unknown as Argv<CompareArgs>,
  handler: async (args) => {
    const suites = [isSuiteFolder(args.base), isSuiteFolder(args.new)];
    if (suites[0] !== suites[1])
      throw new PasskError(
        'E_COMPARE',
        `${suites[0] ? args.base : args.new} is a suite folder and ${suites[0] ? args.new : args.base} is not; compare two suites, or two runs (a suite's run folders are SUITE/<name>)`,
      );
    if (suites[0]) {
      await compareSuiteFolders(args);
      return;
    }
    const [base, next] = await Promise.all([readRun(args.base), readRun(args.new)]);
    const comparison = compareRuns(
      base,
      next,
      selectorsOf(args),
      {
        ks: parseKs(args.k.join(',')),
        margin: args.margin,
        alpha: args.alpha,
        ignoreBelow: args['ignore-below'],
        strict: args.strict,
        replicates: args.bootstrap,
        seed: args.seed,
      },
      args['flops-convention'],
      { base: runSelection(base), new: runSelection(next) },
    );
    if (comparison.results.length === 0) {
      throw new PasskError(
        'E_COMPARE',
        `none of the ks ${args.k.join(', ')} can be reported: ${comparison.skipped.map((s) => s.reason).join('; ')}`,
        '--k',
      );
    }
    const json = args.json || args.format === 'json';
    process.stdout.write(json ? `${JSON.stringify(comparison, null, 2)}\n` : `${compareMarkdown(comparison)}\n`);
    process.exitCode = comparison.decision.exitCode;
  },
};

const selectorsOf = (args: CompareArgs) => ({
  base: { model: args['base-model'], config: args['base-config'] },
  new: { model: args['new-model'], config: args['new-config'] },
});

/** Two suite folders: one decision over every benchmark and k (docs/formulas.md, "Suites: one gate"). */
async function compareSuiteFolders(args: CompareArgs): Promise<void> {
  const comparison = await compareSuites(args.base, args.new, selectorsOf(args), {
    ks: parseKs(args.k.join(',')),
    margin: args.margin,
    alpha: args.alpha,
    ignoreBelow: args['ignore-below'],
    strict: args.strict,
  });
  if (comparison.decision.family === 0) {
    const reasons = comparison.benchmarks.flatMap((b) => b.skipped.map((s) => `${b.name}: ${s.reason}`));
    throw new PasskError('E_COMPARE', `none of the ks ${args.k.join(', ')} can be reported: ${reasons.join('; ')}`, '--k');
  }
  const json = args.json || args.format === 'json';
  process.stdout.write(json ? `${JSON.stringify(comparison, null, 2)}\n` : `${compareSuiteMarkdown(comparison)}\n`);
  process.exitCode = comparison.decision.exitCode;
}

export default command;
