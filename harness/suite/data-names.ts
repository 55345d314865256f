/**
 * The standard data file names (docs/records.md, "Suites"): the name each benchmark's
 * file has where its maintainers publish it, so that a suite spec names no path and
 * `--data-dir DIR` finds every file. A bare file name given for `data` or `instructions`
 * is looked up in the same folder. Pure.
 */
import { join } from 'node:path';

/** Benchmark -> its data file's standard name (builtin reads none). */
export const STANDARD_DATA_NAMES: Readonly<Record<string, string>> = {
  humaneval: 'HumanEval.jsonl.gz',
  humanevalplus: 'HumanEvalPlus.jsonl.gz',
  mbpp: 'mbpp.jsonl',
  mbppplus: 'MbppPlus.jsonl.gz',
  'humaneval-js': 'humaneval_js.jsonl.gz',
  'multipl-e-humaneval-ts': 'multiple_humaneval_ts.jsonl.gz',
  'multipl-e-mbpp-ts': 'multiple_mbpp_ts.jsonl.gz',
  'multipl-e-humaneval-js': 'multiple_humaneval_js.jsonl.gz',
  'multipl-e-mbpp-js': 'multiple_mbpp_js.jsonl.gz',
  codecontests: 'codecontests_test.jsonl.gz',
  'codecontests-js': 'codecontests_test.jsonl.gz',
  ds1000: 'ds1000.jsonl.gz',
  bigcodebench: 'bigcodebench_v0.1.4.jsonl.gz',
  'bigcodebench-hard': 'bigcodebench_hard_v0.1.4.jsonl.gz',
};

const isBareName = (file: string): boolean => !file.includes('/') && !file.includes('\\');

/**
 * One benchmark entry's data fields with the data folder applied: a bare name is a file in
 * `dataDir`; an absent `data` is the benchmark's standard name there. Paths are kept.
 */
export function resolveDataFields(entry: Record<string, unknown>, dataDir: string | null): Record<string, unknown> {
  if (dataDir === null) return entry;
  const out = { ...entry };
  const benchmark = typeof entry.benchmark === 'string' ? entry.benchmark : '';
  if (out.data === undefined && STANDARD_DATA_NAMES[benchmark]) out.data = STANDARD_DATA_NAMES[benchmark];
  for (const field of ['data', 'instructions'] as const) {
    const v = out[field];
    if (typeof v === 'string' && isBareName(v)) out[field] = join(dataDir, v);
  }
  return out;
}
