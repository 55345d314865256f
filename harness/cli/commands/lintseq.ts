/**
 * passk lintseq: LintSeq edit sequences for a JSON Lines file of programs, in pylintseq's
 * output format (one line per edit path: `edit_path`, `index`, `source_file`,
 * `source_<field>` and, with --instruction-field, `source_<instruction field>`).
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { runLintseqBatch } from '../../lintseq/batch/run-batch.js';
import type { LinterName } from '../../lintseq/batch/job.js';
import type { LineLanguage } from '../../lintseq/lines.js';
import { createProgress } from '../progress.js';

interface LintseqArgs {
  input: string;
  field: string;
  'instruction-field'?: string;
  paths: number;
  seed: number;
  lang: LineLanguage;
  out: string;
  linter: LinterName;
  jobs: number;
  quiet: boolean;
}

function positiveInteger(value: number, flag: string): number {
  if (!Number.isInteger(value) || value < 1) throw new PasskError('E_CONFIG', `expected a positive integer, got ${value}`, flag);
  return value;
}

const command: CommandModule<object, LintseqArgs> = {
  command: 'lintseq',
  describe: 'Turn programs into LintSeq edit sequences (pylintseq-compatible JSON Lines)',
  builder: (y: Argv) =>
    y
      .option('input', { type: 'string', demandOption: true, describe: 'programs, one JSON object per line (.jsonl or .jsonl.gz)' })
      .option('field', {
        type: 'string',
        demandOption: true,
        describe: 'the field holding the program (markdown code blocks in it are extracted, as pylintseq does)',
      })
      .option('instruction-field', { type: 'string', describe: 'a field copied to the output as source_<name> (the instruction)' })
      .option('paths', { type: 'number', default: 1, describe: 'edit paths per program (the paper samples 5)' })
      .option('seed', { type: 'number', default: 1, describe: 'the same seed gives the same output, whatever --jobs' })
      .option('lang', {
        choices: ['python', 'javascript', 'typescript'] as const,
        default: 'python' as const,
        describe: "the programs' language",
      })
      .option('out', { type: 'string', demandOption: true, describe: 'output JSON Lines file' })
      .option('linter', {
        choices: ['passk', 'pylint'] as const,
        default: 'passk' as const,
        describe: "passk (fast, pylint's rules) or the real pylint (Python only; must be installed)",
      })
      .option('jobs', { type: 'number', default: availableParallelism(), describe: 'worker threads' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' }) as unknown as Argv<LintseqArgs>,
  handler: async (args) => {
    const paths = positiveInteger(args.paths, '--paths');
    const jobs = positiveInteger(args.jobs, '--jobs');
    if (!Number.isInteger(args.seed)) throw new PasskError('E_CONFIG', `expected an integer, got ${args.seed}`, '--seed');
    let progress: ReturnType<typeof createProgress> | null = null;
    let shown = 0;
    const summary = await runLintseqBatch({
      input: args.input,
      field: args.field,
      ...(args['instruction-field'] !== undefined ? { instructionField: args['instruction-field'] } : {}),
      out: args.out,
      paths,
      seed: args.seed,
      language: args.lang,
      linter: args.linter,
      jobs,
      onProgress: (done, total) => {
        if (args.quiet) return;
        progress ??= createProgress({ counters: ['lintseq'], total });
        progress.advance('lintseq', done - shown);
        shown = done;
      },
    });
    (progress as ReturnType<typeof createProgress> | null)?.stop();
    const rate = summary.programs / Math.max(summary.seconds, 1e-9);
    process.stderr.write(
      `lintseq: ${summary.written} edit paths for ${summary.programs - summary.skipped}/${summary.programs} programs ` +
        `(${summary.skipped} without a deletable line) in ${summary.seconds.toFixed(1)} s, ${rate.toFixed(1)} programs/s, ` +
        `${summary.lints} lints -> ${args.out}\n`,
    );
  },
};

export default command;
