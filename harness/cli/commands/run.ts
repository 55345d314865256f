/**
 * passk run [SPEC] [overrides]: sample from served models over a sweep of sampling
 * settings, rebuild and execute each completion while generation goes on, record each
 * sample as soon as it is scored, and summarize per model and config. Without a spec file
 * the flags describe a single-model run. The same command resumes an interrupted run.
 */
import type { Argv, CommandModule, Options } from 'yargs';
import { FLAG_FIELDS } from '../../run-config/fields.js';
import { loadRunSpec, overridesFromFlags, parseSetOverride } from '../../run-config/index.js';
import { renderSpecReference } from '../../run-config/reference.js';
import { installInterruptHandler } from '../interrupt.js';
import { runFromSpec } from '../run-from-spec.js';
import { reportRunOutcome } from '../run-outcome.js';

interface RunArgs {
  spec?: string;
  set?: string[];
  json: boolean;
  progress?: 'bar' | 'lines' | 'off';
  'dry-run': boolean;
  'spec-reference': boolean;
  [flag: string]: unknown;
}

const GROUPS: Record<string, string> = { models: 'Model (sets it for each model of the spec):', sampling: 'Sampling grid (a value or several):', execution: 'Execution:', client: 'Servers:' };

/** One option per flagged spec field, without defaults: the schema's defaults apply after the file. */
function specOptions(y: Argv): Argv {
  for (const f of FLAG_FIELDS) {
    const o: Options = { describe: f.description, group: GROUPS[f.path[0]!] ?? 'Run:', type: f.type === 'boolean' ? 'boolean' : f.type === 'number' ? 'number' : 'string' };
    if (f.list) o.array = true;
    if (f.choices) o.choices = f.choices;
    y = y.option(f.flag!, o);
  }
  return y;
}

const command: CommandModule<object, RunArgs> = {
  command: 'run [spec]',
  describe: 'Sample from served models over a sampling sweep, execute every sample as it arrives, record and score (resumable)',
  builder: (y: Argv) =>
    specOptions(y)
      .positional('spec', { type: 'string', describe: 'the run spec (YAML or JSON); without one, flags describe a single-model run' })
      .option('set', { type: 'string', array: true, group: 'Run:', describe: 'set any spec field: PATH=VALUE (VALUE is YAML), e.g. models.0.stop=["\\n\\n"]' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('progress', { choices: ['bar', 'lines', 'off'] as const, describe: 'progress display (default: bars on a terminal, lines otherwise)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'check the spec and the servers, print the plan, sample nothing' })
      .option('spec-reference', { type: 'boolean', default: false, describe: 'print every spec field (from the schema) and an example spec' })
      .example('$0 run spec.yaml --n 50 --temperature 0.2 0.8', 'a sweep from a spec, with overrides')
      .example(
        '$0 run --benchmark humaneval --data HumanEval.jsonl.gz --endpoint http://localhost:8000/v1 --model M --format baseline --n 20 --temperature 0.8 --top-p 0.95 --max-tokens 512 --out results/m',
        'one model, no spec file',
      ) as unknown as Argv<RunArgs>,
  handler: async (args) => {
    if (args['spec-reference']) {
      process.stdout.write(renderSpecReference());
      return;
    }
    const overrides = [...overridesFromFlags(args), ...(args.set ?? []).map(parseSetOverride)];
    const { spec } = await loadRunSpec(args.spec, overrides);
    const interrupt = installInterruptHandler();
    try {
      const { out, plan, result, notes } = await runFromSpec(spec, { progress: args.progress, signal: interrupt.signal, dryRun: args['dry-run'] });
      if (!result) {
        process.stdout.write(`${plan}\n(dry run: nothing sampled)\n`);
        return;
      }
      reportRunOutcome(result, out, args.json, notes);
    } finally {
      interrupt.dispose();
    }
  },
};

export default command;
