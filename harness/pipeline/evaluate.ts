/**
 * The evaluation loop: plan (the given samples minus those already recorded), run each
 * sample (build, execute) with bounded concurrency, record each as soon as it is scored,
 * then summarize. Scheduling lives here; running one sample is execute-sample.ts; records
 * are the store's.
 */
import type { Task } from '../../kernel/task.js';
import { PasskError } from '../../kernel/errors.js';
import type { Executor, Limits } from '../../sandbox/executor.js';
import { createProgress } from '../cli/progress.js';
import type { BootstrapOptions } from '../metrics/bootstrap.js';
import { sampleKey, type Manifest, type SampleRecord, type Summary } from '../store/records.js';
import { readSamples } from '../store/run-files.js';
import type { EditseqOptions } from '../rebuild/build-program.js';
import { executeSample } from './execute-sample.js';
import { openRun, type RunIdentity } from '../store/open-run.js';
import type { SampleInput } from './raw-sample.js';
import { summarizeRun } from './summarize.js';

export type SampleStream = Iterable<SampleInput> | AsyncIterable<SampleInput>;

export interface RunEvaluationOptions {
  dir: string;
  identity: RunIdentity;
  tasks: readonly Task[];
  /**
   * The samples to evaluate, or a function that makes them given the keys already recorded
   * (so a sampler does not generate again what a resumed run already has).
   */
  samples: SampleStream | ((recorded: ReadonlySet<string>) => SampleStream);
  /** For the progress total when `samples` is a stream. */
  expectedSamples?: number;
  executor: Executor;
  limits: Limits;
  /** Per-task limits (e.g. time limits scaled from the reference solution). */
  limitsFor?: (task: Task) => Limits;
  /** Samples in flight at once (the executor bounds its own sandboxes). */
  concurrency: number;
  editseq?: EditseqOptions;
  confirmTimeouts?: boolean;
  ks?: readonly number[];
  bootstrap?: BootstrapOptions;
  progress?: 'bar' | 'lines' | 'off';
  signal?: AbortSignal;
  onRecord?: (record: SampleRecord) => void;
}

export interface RunEvaluationResult {
  dir: string;
  summary: Summary;
  manifest: Manifest;
  resumed: boolean;
  /** Samples recorded by earlier invocations and skipped now. */
  skipped: number;
  recordedNow: number;
  faults: string[];
  interrupted: boolean;
}

export async function runEvaluation(options: RunEvaluationOptions): Promise<RunEvaluationResult> {
  const taskById = new Map(options.tasks.map((t) => [t.id, t]));
  const sandbox = { ...(await options.executor.facts()) } as Record<string, unknown>;
  const run = await openRun(options.dir, options.identity, sandbox);
  const { writer, recorded } = run;
  const faults: string[] = [];
  let recordedNow = 0;
  let skipped = 0;
  let interrupted = false;
  const progress = createProgress({ label: 'executing', total: options.expectedSamples ?? 0, mode: options.progress });
  const editseq = options.editseq ?? { mode: 'lintseq', malformed: 'skip' };
  const inFlight = new Set<Promise<void>>();

  const runOne = async (task: Task, sample: SampleInput): Promise<void> => {
    const outcome = await executeSample(task, sample, {
      executor: options.executor,
      limits: options.limitsFor ? options.limitsFor(task) : options.limits,
      editseq,
      confirmTimeouts: options.confirmTimeouts ?? false,
    });
    if (outcome.kind === 'fault') faults.push(outcome.message);
    else {
      const record = writer.append(outcome.record);
      recordedNow++;
      options.onRecord?.(record);
    }
    progress.tick(1);
  };

  try {
    const seen = new Set<string>();
    const stream = typeof options.samples === 'function' ? options.samples(recorded) : options.samples;
    for await (const sample of stream) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const key = sampleKey({ model: sample.model, config: sample.config, task_id: sample.taskId, index: sample.index });
      if (seen.has(key)) throw new PasskError('E_SAMPLES', `sample ${sample.taskId}#${sample.index} (model ${sample.model}, config ${sample.config}) appears twice`);
      seen.add(key);
      if (recorded.has(key)) {
        skipped++;
        progress.grow(-1);
        continue;
      }
      const task = taskById.get(sample.taskId);
      if (!task) throw new PasskError('E_SAMPLES', `sample for unknown task "${sample.taskId}"`);
      const p = runOne(task, sample).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    // A producer that stops on the same signal ends its stream instead of yielding again.
    if (options.signal?.aborted) interrupted = true;
  } catch (err) {
    await Promise.allSettled(inFlight);
    writer.writeManifest({ ...run.manifest, status: 'failed', ended_at: new Date().toISOString(), harness_faults: { count: faults.length, examples: faults.slice(-5) } });
    writer.close();
    progress.stop();
    throw err;
  }
  progress.stop();

  const all = (await readSamples(options.dir)).samples;
  const complete = !interrupted && faults.length === 0;
  const summary = summarizeRun(all, {
    benchmark: options.identity.benchmark.name,
    taskIds: options.tasks.map((t) => t.id),
    ks: options.ks,
    bootstrap: options.bootstrap,
    harnessFaults: faults.length,
    complete,
  });
  writer.writeSummary(summary);
  const manifest: Manifest = {
    ...run.manifest,
    status: interrupted ? 'interrupted' : faults.length ? 'failed' : 'complete',
    ended_at: new Date().toISOString(),
    harness_faults: { count: faults.length, examples: faults.slice(-5) },
  };
  writer.writeManifest(manifest);
  writer.close();
  return { dir: options.dir, summary, manifest, resumed: run.resumed, skipped, recordedNow, faults, interrupted };
}
