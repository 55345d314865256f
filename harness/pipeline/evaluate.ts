/**
 * The evaluation loop: run each sample of a stream (build, execute) with bounded
 * concurrency and record each as soon as it is scored. Scheduling lives here; running one
 * sample is execute-sample.ts; what to sample is the plan's (generate.ts); the records are
 * the store's. It reports through callbacks and prints nothing.
 */
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { sampleKey, type SampleRecord, type SampleRecordInput } from '../store/records.js';
import { executeSample, type ExecuteSampleOptions } from './execute-sample.js';
import type { RawSample } from './raw-sample.js';

export interface EvaluateOptions extends ExecuteSampleOptions {
  tasks: readonly Task[];
  samples: AsyncIterable<RawSample>;
  /** Samples in flight at once (the executor bounds its own sandboxes). */
  concurrency: number;
  /** Appends a record to the run folder and returns it as stored. */
  record: (input: SampleRecordInput) => SampleRecord;
  signal?: AbortSignal;
  onRecorded?: (record: SampleRecord) => void;
  /** A sample the harness could not score (it stays unrecorded). */
  onFault: (message: string) => void;
}

export interface EvaluateResult {
  recorded: number;
  interrupted: boolean;
}

export async function evaluateSamples(options: EvaluateOptions): Promise<EvaluateResult> {
  const taskById = new Map(options.tasks.map((t) => [t.id, t]));
  const inFlight = new Set<Promise<void>>();
  const seen = new Set<string>();
  let recorded = 0;
  let interrupted = false;

  // The samples' own order (slowest task first) goes with each request: what a sample awaits
  // before it reaches the executor (its task's time limit, a reference) must not reorder them.
  let taken = 0;
  const runOne = async (task: Task, sample: RawSample, order: number): Promise<void> => {
    const outcome = await executeSample(task, sample, options, order);
    if (outcome.kind === 'fault') return options.onFault(outcome.message);
    const record = options.record(outcome.record);
    recorded++;
    options.onRecorded?.(record);
  };

  try {
    for await (const sample of options.samples) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const key = sampleKey({ model: sample.model, config: sample.config, task_id: sample.taskId, index: sample.index });
      if (seen.has(key))
        throw new PasskError(
          'E_SAMPLES',
          `sample ${sample.taskId}#${sample.index} (model ${sample.model}, config ${sample.config}) appears twice`,
        );
      seen.add(key);
      const task = taskById.get(sample.taskId);
      if (!task) throw new PasskError('E_SAMPLES', `sample for unknown task "${sample.taskId}"`);
      const p = runOne(task, sample, taken++).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    // Whatever ended the loop, the samples in flight finish and are recorded.
    await Promise.allSettled(inFlight);
  }
  // A producer that stops on the same signal ends its stream instead of yielding again.
  if (options.signal?.aborted) interrupted = true;
  return { recorded, interrupted };
}
