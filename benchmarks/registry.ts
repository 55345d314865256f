/**
 * Benchmark adapters by name. To add a suite, write an adapter (see types.ts) in its own
 * file and list it in ADAPTERS below; tests and plugins may also call registerBenchmark.
 */
import { PasskError } from '../kernel/errors.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { sha256, sha256File } from '../kernel/hash.js';
import { bigcodebench, bigcodebenchHard } from './bigcodebench.js';
import { builtin } from './builtin/index.js';
import { codecontests, codecontestsJs } from './codecontests/index.js';
import { ds1000 } from './ds1000.js';
import { humaneval } from './humaneval.js';
import { humanevalJs } from './humaneval-js.js';
import { humanevalplus } from './humanevalplus.js';
import { mbpp, mbppplus } from './mbpp.js';
import { multiplEHumanevalJs, multiplEHumanevalTs, multiplEMbppJs, multiplEMbppTs } from './multipl-e.js';
import type { BenchmarkAdapter, LoadedBenchmark, LoadOptions } from './types.js';

export type { BenchmarkAdapter, LoadedBenchmark, LoadOptions } from './types.js';

const ADAPTERS: BenchmarkAdapter[] = [
  builtin,
  humaneval,
  humanevalplus,
  mbpp,
  mbppplus,
  humanevalJs,
  multiplEHumanevalTs,
  multiplEMbppTs,
  multiplEHumanevalJs,
  multiplEMbppJs,
  codecontests,
  codecontestsJs,
  ds1000,
  bigcodebench,
  bigcodebenchHard,
];

const registry = new Map<string, BenchmarkAdapter>();

export function registerBenchmark(adapter: BenchmarkAdapter): void {
  if (registry.has(adapter.name)) throw new Error(`benchmark "${adapter.name}" is registered twice`);
  registry.set(adapter.name, adapter);
}

for (const adapter of ADAPTERS) registerBenchmark(adapter);

/** The names of the adapters shipped with passk. */
export const BENCHMARK_NAMES: readonly string[] = ADAPTERS.map((a) => a.name);

/** Every registered name, shipped or added at run time, sorted. */
export function benchmarkNames(): string[] {
  return [...registry.keys()].sort();
}

export function getBenchmark(name: string): BenchmarkAdapter {
  const adapter = registry.get(name);
  if (!adapter) {
    throw new PasskError('E_CONFIG', `unknown benchmark "${name}"; expected one of ${benchmarkNames().join(', ')}`, '--benchmark');
  }
  return adapter;
}

export async function loadBenchmark(name: string, opts: { data?: string; useOriginalAsserts?: boolean } = {}): Promise<LoadedBenchmark> {
  const adapter = getBenchmark(name);
  const options: LoadOptions = { useOriginalAsserts: opts.useOriginalAsserts ?? false };
  if (options.useOriginalAsserts && !adapter.supportsOriginalAsserts) {
    const which = [...registry.values()].filter((a) => a.supportsOriginalAsserts).map((a) => a.name);
    throw new PasskError('E_CONFIG', `original asserts exist only for ${which.join(', ')}; "${name}" has none`, '--original-asserts');
  }
  if (!adapter.requiresData) {
    if (opts.data !== undefined) throw new PasskError('E_CONFIG', `"${name}" is built in and reads no data file; drop --data`, '--data');
    const tasks = await adapter.load(null, options);
    return { name, tasks, dataPath: null, dataSha256: sha256(canonicalJson(tasks)) };
  }
  if (opts.data === undefined || opts.data === '') {
    const builtIn = [...registry.values()].filter((a) => !a.requiresData).map((a) => a.name);
    throw new PasskError(
      'E_CONFIG',
      `"${name}" needs its data file: pass --data PATH (.jsonl or .jsonl.gz; ${adapter.description}); suites that need no file: ${builtIn.join(', ')}`,
      '--data',
    );
  }
  const tasks = await adapter.load(opts.data, options);
  return {
    name,
    tasks,
    dataPath: opts.data,
    dataSha256: await sha256File(opts.data),
    ...(adapter.python ? { python: adapter.python } : {}),
  };
}
