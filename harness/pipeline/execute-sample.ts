/**
 * Running one sample: build its program, execute it, and retry the harness (never the
 * model): a HarnessFault is retried once, then reported as a fault and left unrecorded so
 * that a later resume tries it again. A timeout can be re-run once to confirm it.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import type { Execution, Executor, Limits } from '../../sandbox/executor.js';
import { sha256 } from '../../kernel/hash.js';
import { SAMPLE_SCHEMA, type SampleRecordInput } from '../store/records.js';
import { buildProgram, type EditseqOptions } from '../rebuild/build-program.js';
import type { SampleInput } from './raw-sample.js';

export interface ExecuteSampleOptions {
  executor: Executor;
  limits: Limits;
  editseq: EditseqOptions;
  confirmTimeouts: boolean;
}

export type SampleOutcome = { kind: 'record'; record: SampleRecordInput } | { kind: 'fault'; message: string };

async function executeWithRetry(executor: Executor, program: string, task: Task, limits: Limits): Promise<Execution> {
  try {
    return await executor.execute({ program, task, limits });
  } catch (err) {
    if (!(err instanceof HarnessFault)) throw err;
    return executor.execute({ program, task, limits });
  }
}

export async function executeSample(task: Task, sample: SampleInput, options: ExecuteSampleOptions): Promise<SampleOutcome> {
  const built = buildProgram(task, sample, { editseq: options.editseq });
  let execution: Execution & { cached?: boolean };
  if (built.kind === 'verdict') {
    execution = { verdict: built.verdict, detail: built.detail, durationMs: 0 };
  } else {
    try {
      execution = await executeWithRetry(options.executor, built.program, task, options.limits);
      if (execution.verdict === 'timeout' && options.confirmTimeouts) {
        execution = await executeWithRetry(options.executor, built.program, task, options.limits);
      }
    } catch (err) {
      if (err instanceof HarnessFault) return { kind: 'fault', message: `${task.id}#${sample.index}: ${err.message}` };
      throw err;
    }
  }
  const record: SampleRecordInput = {
    schema: SAMPLE_SCHEMA,
    model: sample.model,
    config: sample.config,
    task_id: task.id,
    index: sample.index,
    format: sample.format,
    completion: sample.completion,
    program: built.program,
    program_sha256: sha256(built.program),
    prompt_tokens: sample.promptTokens ?? null,
    completion_tokens: sample.completionTokens ?? null,
    token_source: sample.tokenSource ?? null,
    finish_reason: sample.finishReason ?? null,
    seed: sample.seed ?? null,
    verdict: execution.verdict,
    detail: execution.detail ?? null,
    timings: { sample_ms: sample.sampleMs ?? null, rebuild_ms: built.rebuildMs, execute_ms: execution.durationMs },
    timeout_ms: execution.timeoutMs ?? options.limits.timeoutMs,
    cached: execution.cached ?? false,
    recorded_at: new Date().toISOString(),
  };
  return { kind: 'record', record };
}
