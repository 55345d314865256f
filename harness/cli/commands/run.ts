/**
 * passk run [CONFIG] [overrides]: sample from served models over a sweep of sampling
 * settings, rebuild and execute each completion while generation goes on, record each
 * sample as soon as it is scored, and summarize per model and config. Without a config file
 * the flags describe a single-model run. The same command resumes an interrupted run.
 */
import type { Argv, CommandModule } from 'yargs';
import { describeRun } from '../../run-config/describe-run.js';
import { loadRunConfig } from '../../run-config/load-run-config.js';
import { overridesFromFlags, parseSetOverride } from '../../run-config/overrides.js';
import { renderConfigReference } from '../../run-config/reference.js';
import { configOptions } from '../config-options.js';
import { gateOptions, runGateCommand, type GateArgs } from '../gate-run.js';
import type { ProgressMode } from '../progress.js';
import { runAndReport } from '../run-command.js';

interface RunArgs extends GateArgs {
  config?: string;
  set?: string[];
  json: boolean;
  progress?: ProgressMode;
  'dry-run': boolean;
  'config-reference': boolean;
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
