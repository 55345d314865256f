/**
 * passk eval: evaluate a sample file (human-eval / evalplus format), the canonical
 * solutions, or the LintSeq oracle on a benchmark, in the sandbox; record and score. It is
 * a run with one offline model (replay or oracle), so it shares `passk run`'s flags, config
 * checks, runner and run folders.
 */
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { folderLabel } from '../../run/identity.js';
import { validateRunConfig, makeLocate } from '../../run-config/validate.js';
import { describeRun } from '../../run-config/describe-run.js';
import { FLAG_FIELDS } from '../../run-config/fields.js';
import { applyOverrides, overridesFromFlags, type Override } from '../../run-config/overrides.js';
import { configOptions } from '../config-options.js';
import type { ProgressMode } from '../progress.js';
import { runAndReport } from '../run-command.js';

interface EvalArgs {
  samples: string;
  model: string;
  format?: string;
  n?: string | number;
  json: boolean;
  progress?: ProgressMode;
  [flag: string]: unknown;
}

/** The name records use for the model of a sample file. */
const DEFAULT_MODEL = 'samples';

/** The run config fields eval takes as flags: all but the served model's, the sampling grid's and the prompts' (nothing is sent). */
const EVAL_FIELDS = FLAG_FIELDS.filter(
  (f) => !['sampling', 'client', 'instructions'].includes(f.path[0]!) && (f.path[0] !== 'models' || f.path[2] === 'format'),
);

function modelOverrides(args: EvalArgs): { overrides: Override[]; label: string } {
  const at = (field: string, value: unknown, source: string): Override => ({ path: ['models', '*', field], value, source });
  const name = at('name', args.model, '--model');
  if (args.samples === 'canonical') {
    if (args.format !== undefined && !['baseline', 'completion'].includes(args.format)) {
      throw new PasskError(
        'E_CONFIG',
        `--samples canonical runs the canonical solutions as completions of the prompt (baseline); drop --format ${args.format}, or use --samples oracle for edit sequences`,
        '--format',
      );
    }
    return {
      overrides: [name, at('sampler', 'oracle', '--samples canonical'), at('format', 'baseline', '--samples canonical')],
      label: 'canonical',
    };
  }
  if (args.samples === 'oracle') {
    const format = args.format ?? 'editseq';
    return {
      overrides: [
        name,
        at('sampler', 'oracle', '--samples oracle'),
        ...(args.format === undefined ? [at('format', format, '--samples oracle')] : []),
      ],
      label: `oracle-${format}`,
    };
  }
  return {
    overrides: [name, at('sampler', 'replay', '--samples'), at('samples', args.samples, '--samples')],
    label: folderLabel(args.samples),
  };
}

const command: CommandModule<object, EvalArgs> = {
  command: 'eval',
  describe: 'Evaluate a sample file (or the canonical solutions / LintSeq oracle) on a benchmark in the sandbox',
  builder: (y: Argv) =>
    configOptions(y, EVAL_FIELDS)
      .option('samples', {
        type: 'string',
        demandOption: true,
        describe:
          'a sample file ({task_id, completion} or {task_id, solution} per line), or "canonical", or "oracle" (LintSeq edit sequences of the canonical solutions)',
      })
      .option('model', { type: 'string', default: DEFAULT_MODEL, describe: 'the model name recorded with each sample' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('progress', {
        choices: ['bar', 'lines', 'off'] as const,
        describe: 'progress display (default: a bar on a terminal, lines otherwise)',
      })
      .example(
        '$0 eval --benchmark humaneval --data HumanEval.jsonl.gz --samples samples.jsonl',
        'score a sample file (every line is a sample)',
      )
      .example(
        '$0 eval --benchmark humaneval --data HumanEval.jsonl.gz --samples canonical',
        'check the benchmark and the sandbox: 164/164',
      ) as unknown as Argv<EvalArgs>,
  handler: async (args) => {
    const { overrides, label } = modelOverrides(args);
    const fromFile = args.samples !== 'canonical' && args.samples !== 'oracle';
    // Every line of a file is a sample unless --n asks for the first n of each task.
    const n: Override[] = args.n === undefined ? [{ path: ['n'], value: fromFile ? 'all' : 1, source: '--samples' }] : [];
    const { raw, provenance } = applyOverrides({}, [
      ...overrides,
      ...overridesFromFlags(Object.fromEntries(EVAL_FIELDS.map((f) => [f.flag!, args[f.flag!]]))),
      ...n,
    ]);
    const config = validateRunConfig(raw, makeLocate(provenance, null));
    await runAndReport(await describeRun(config, { command: 'eval', label }), { json: args.json, progress: args.progress });
  },
};

export default command;
