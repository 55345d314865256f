/**
 * Running a suite: each benchmark through the one run path (runner.ts executeRun), one
 * after another, each into its own run folder under the suite folder, with the suite
 * manifest (suite.json) saying which folders make the suite and how far each got. The
 * benchmarks share one executor pool (same sandbox settings, same warm workers) and the
 * same endpoints, used by one benchmark at a time. Resuming is the runs' own: each folder
 * resumes what it recorded; a finished one plans nothing. Prints nothing.
 */
import { mkdirSync } from 'node:fs';
import { PasskError } from '../../kernel/errors.js';
import { describeRun } from '../run-config/describe-run.js';
import type { RunEventListener } from '../run/events.js';
import { ExecutorPool } from '../run/executor-pool.js';
import { executeRun, type RunOutcome } from '../run/runner.js';
import {
  isSuiteFolder,
  readSuiteManifest,
  SUITE_SCHEMA,
  writeSuiteManifest,
  type SuiteBenchmarkStatus,
  type SuiteManifest,
} from '../store/suite-manifest.js';
import { PASSK_VERSION } from '../version.js';
import type { ExpandedSuite, SuiteBenchmark } from './expand-suite.js';

export interface SuiteRunOptions {
  signal?: AbortSignal;
  dryRun?: boolean;
  /** A benchmark's run begins: the listener for its events. */
  onBenchmark?: (benchmark: SuiteBenchmark, index: number, total: number) => RunEventListener | undefined;
  /** A benchmark's run ended (or was planned, for a dry run). */
  onBenchmarkDone?: (benchmark: SuiteBenchmark, outcome: RunOutcome) => void;
}

export interface SuiteOutcome {
  out: string;
  /** Null for a dry run (nothing written). */
  manifest: SuiteManifest | null;
  runs: Array<{ name: string; outcome: RunOutcome }>;
  interrupted: boolean;
  /** Executors started for the whole suite: one per distinct sandbox setting, not one per benchmark. */
  executors: number;
}

/** The folder's manifest when it is this suite's (same entries, same benchmarks), else an error naming the difference. */
async function resumedManifest(suite: ExpandedSuite): Promise<SuiteManifest | null> {
  if (!isSuiteFolder(suite.out)) return null;
  const m = await readSuiteManifest(suite.out);
  const had = m.benchmarks.map((b) => `${b.name} (${b.benchmark})`).join(', ');
  const has = suite.benchmarks.map((b) => `${b.name} (${b.config.benchmark})`).join(', ');
  if (had !== has)
    throw new PasskError(
      'E_RUN_MISMATCH',
      `this suite folder holds the benchmarks ${had}; the spec asks for ${has}. Use another out folder, or the spec that wrote it`,
      suite.out,
    );
  return m;
}

function freshManifest(suite: ExpandedSuite): SuiteManifest {
  return {
    schema: SUITE_SCHEMA,
    passk_version: PASSK_VERSION,
    name: suite.name,
    data_dir: suite.dataDir,
    benchmarks: suite.benchmarks.map((b) => ({
      name: b.name,
      benchmark: b.config.benchmark,
      folder: b.name,
      status: 'pending',
      samples: null,
    })),
    status: 'running',
    started_at: new Date().toISOString(),
    ended_at: null,
  };
}

function overall(statuses: readonly SuiteBenchmarkStatus[], interrupted: boolean): SuiteManifest['status'] {
  if (interrupted) return 'interrupted';
  return statuses.every((s) => s === 'complete') ? 'complete' : 'failed';
}

export async function executeSuite(suite: ExpandedSuite, options: SuiteRunOptions = {}): Promise<SuiteOutcome> {
  const previous = await resumedManifest(suite);
  const manifest: SuiteManifest | null = options.dryRun
    ? null
    : previous
      ? { ...previous, passk_version: PASSK_VERSION, data_dir: suite.dataDir, status: 'running', ended_at: null }
      : freshManifest(suite);
  const save = () => manifest && writeSuiteManifest(suite.out, manifest);
  if (manifest) mkdirSync(suite.out, { recursive: true });
  save();
  const pool = new ExecutorPool();
  const runs: SuiteOutcome['runs'] = [];
  let interrupted = false;
  let executors = 0;
  try {
    for (const [i, b] of suite.benchmarks.entries()) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const entry = manifest?.benchmarks[i];
      if (entry) entry.status = 'running';
      save();
      let outcome: RunOutcome;
      try {
        const onEvent = options.onBenchmark?.(b, i, suite.benchmarks.length);
        outcome = await executeRun(await describeRun(b.config, { command: 'run', label: b.name }), {
          ...(options.signal ? { signal: options.signal } : {}),
          dryRun: options.dryRun ?? false,
          ...(onEvent ? { onEvent } : {}),
          executors: pool,
        });
      } catch (err) {
        if (entry && manifest) {
          entry.status = 'failed';
          manifest.status = 'failed';
          manifest.ended_at = new Date().toISOString();
        }
        save();
        throw err instanceof PasskError ? new PasskError(err.code, `benchmarks "${b.name}": ${err.message}`) : err;
      }
      runs.push({ name: b.name, outcome });
      options.onBenchmarkDone?.(b, outcome);
      const result = outcome.result;
      if (entry && result) {
        entry.status = result.manifest.status;
        entry.samples = result.summary.groups.reduce((s, g) => s + g.samples, 0);
      }
      save();
      if (result?.interrupted) {
        interrupted = true;
        break;
      }
    }
  } finally {
    executors = pool.size;
    await pool.close();
  }
  if (manifest) {
    manifest.status = overall(
      manifest.benchmarks.map((b) => b.status),
      interrupted,
    );
    manifest.ended_at = new Date().toISOString();
  }
  save();
  return { out: suite.out, manifest, runs, interrupted, executors };
}
