/**
 * passk run [CONFIG] [overrides]: sample from served models over a sweep of sampling
 * settings, rebuild and execute each completion while generation goes on, record each
 * sample as soon as it is scored, and summarize per model and config. Without a config file
 * the flags describe a single-model run. The same command resumes an interrupted run.
 */
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { readConfigFile } from '../../run-config/config-file.js';
import { describeRun } from '../../run-config/describe-run.js';
import { loadRunConfig } from '../../run-config/load-run-config.js';
import { overridesFromFlags, parseSetOverride } from '../../run-config/overrides.js';
import { renderConfigReference } from '../../run-config/reference.js';
import { configOptions } from '../config-options.js';
import { gateOptions, runGateCommand, type GateArgs } from '../gate-run.js';
import type { ProgressMode } from '../progress.js';
import { isSuiteSpec, loadSuite } from '../../suite/load-suite.js';
import { runAndReport } from '../run-command.js';
import { runSuiteAndReport } from '../run-suite-command.js';

interface RunArgs extends GateArgs {
  config?: string;
  set?: string[];
  json: boolean;
  progress?: ProgressMode;
  'dry-run': boolean;
  'config-reference': boolean;
  suite?: string;
  'data-dir'?: string;
  [flag: string]: unknown;
}

const command: CommandModule<object, RunArgs> = {
  command: 'run [config]',
  describe: 'Sample from served models over a sampling sweep, execute every sample as it arrives, record and score (resumable)',
  builder: (y: Argv) =>
    gateOptions(configOptions(y))
      .positional('config', { type: 'string', describe: 'the run config (YAML or JSON); without one, flags describe a single-model run' })
      .option('set', {
        type: 'string',
        array: true,
        group: 'Run:',
        describe: 'set any config field: PATH=VALUE (VALUE is YAML), e.g. models.0.stop=["\\n\\n"]',
      })
      .option('suite', {
        type: 'string',
        group: 'Suite:',
        describe: 'run a preset suite (passk suites lists them), e.g. lintseq-paper or quick',
      })
      .option('data-dir', {
        type: 'string',
        group: 'Suite:',
        describe: "a suite's data folder: each benchmark's file by its standard name (README, Suites)",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('progress', {
        choices: ['bar', 'lines', 'off'] as const,
        describe: 'progress display (default: bars on a terminal, lines otherwise)',
      })
      .option('dry-run', { type: 'boolean', default: false, describe: 'check the config and the servers, print the plan, sample nothing' })
      .option('config-reference', {
        type: 'boolean',
        default: false,
        alias: 'spec-reference',
        describe: 'print every config field (from the schema) and an example config',
      })
      .example('$0 run run.yaml --n 50 --temperature 0.2 0.8', 'a sweep from a config file, with overrides')
      .example('$0 run suite.yaml --data-dir ../shared/datasets', 'a suite: several benchmarks, one folder, one report, one gate')
      .example(
        '$0 run --suite lintseq-paper --data-dir data --endpoint http://localhost:8000/v1 --model M --format editseq',
        "the paper's grid",
      )
      .example(
        '$0 run --benchmark humaneval --data HumanEval.jsonl.gz --endpoint http://localhost:8000/v1 --model M --format baseline --n 20 --temperature 0.8 --top-p 0.95 --max-tokens 512 --out results/m',
        'one model, no config file',
      ) as unknown as Argv<RunArgs>,
  handler: async (args) => {
    if (args['config-reference']) {
      process.stdout.write(renderConfigReference());
      return;
    }
    const overrides = [...overridesFromFlags(args), ...(args.set ?? []).map(parseSetOverride)];
    const doc = args.config !== undefined && args.suite === undefined ? await readConfigFile(args.config) : null;
    if (args.suite !== undefined || (doc && isSuiteSpec(doc.raw))) {
      if (args.suite !== undefined && args.config !== undefined)
        throw new PasskError('E_CONFIG', `give a suite spec file or --suite ${args.suite}, not both`, '--suite');
      if (args.gate !== undefined)
        throw new PasskError('E_CONFIG', 'the sequential gate runs one benchmark; compare suites with passk compare', '--gate');
      const suite = loadSuite(doc ? { doc } : { preset: args.suite! }, overrides, args['data-dir']);
      await runSuiteAndReport(suite, { json: args.json, progress: args.progress, dryRun: args['dry-run'] });
      return;
    }
    if (args['data-dir'] !== undefined)
      throw new PasskError('E_CONFIG', 'is for suites (a spec with benchmarks, or --suite); a single run takes --data PATH', '--data-dir');
    const config = await loadRunConfig(args.config, overrides);
    if (args.gate !== undefined) {
      await runGateCommand(config, args, { json: args.json, progress: args.progress });
      return;
    }
    await runAndReport(await describeRun(config, { command: 'run', label: 'run' }), {
      json: args.json,
      progress: args.progress,
      dryRun: args['dry-run'],
    });
  },
};

export default command;
