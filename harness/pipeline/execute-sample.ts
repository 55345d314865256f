/**
 * Running one sample: build its program, execute it under its task's time limit, and turn
 * the outcome into a record. A HarnessFault (the sandbox, or a reference it could not
 * measure) is reported as a fault and the sample stays unrecorded, so that a resume tries
 * it again; it is never a verdict. The executor is the only layer that retries (once); a
 * timeout can be re-run once to confirm it when asked.
 */
import { HarnessFault } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
import type { Task } from '../../kernel/task.js';
import type { Execution, Executor, Limits } from '../../sandbox/executor.js';
import type { TimeLimitPolicy } from '../../sandbox/time-limit-policy.js';
import { buildProgram, type EditseqOptions } from '../rebuild/build-program.js';
import { SAMPLE_SCHEMA, type SampleRecordInput } from '../store/records.js';
import type { RawSample } from './raw-sample.js';

export interface ExecuteSampleOptions {
  executor: Executor;
  /** The configured limits; the time limit comes from the policy, per task. */
  limits: Limits;
  timeLimits: TimeLimitPolicy;
  editseq: EditseqOptions;
  confirmTimeouts: boolean;
}

export type SampleOutcome = { kind: 'record'; record: SampleRecordInput } | { kind: 'fault'; message: string };

async function execute(
  task: Task,
  program: string,
  options: ExecuteSampleOptions,
  order?: number,
): Promise<Execution & { cached?: boolean }> {
  const { timeoutMs, inputTimeoutsMs } = await options.timeLimits.limitFor(task);
  const request = {
    program,
    task,
    limits: { ...options.limits, timeoutMs, ...(inputTimeoutsMs ? { inputTimeoutsMs } : {}) },
    ...(order === undefined ? {} : { order }),
  };
  const execution = await options.executor.execute(request);
  return execution.verdict === 'timeout' && options.confirmTimeouts ? options.executor.execute({ ...request, confirm: true }) : execution;
}

/** `order`: the sample's place in the run's schedule (ExecutionRequest.order). */
export async function executeSample(task: Task, sample: RawSample, options: ExecuteSampleOptions, order?: number): Promise<SampleOutcome> {
  const built = buildProgram(task, sample, { editseq: options.editseq });
  let execution: Execution & { cached?: boolean };
  if (built.kind === 'verdict') {
    execution = { verdict: built.verdict, detail: built.detail, durationMs: 0 };
  } else {
    try {
      execution = await execute(task, built.program, options, order);
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
    prompt_style: sample.promptStyle ?? null,
    prompt: sample.prompt ?? null,
    answer: sample.answer ?? null,
    program: built.program,
    program_sha256: sha256(built.program),
    prompt_tokens: sample.promptTokens ?? null,
    completion_tokens: sample.completionTokens ?? null,
    reasoning_tokens: sample.reasoningTokens ?? null,
    token_source: sample.tokenSource ?? null,
    finish_reason: sample.finishReason ?? null,
    seed: sample.seed ?? null,
    verdict: execution.verdict,
    detail: execution.detail ?? null,
    tests: execution.tests ?? null,
    timings: {
      sample_ms: sample.sampleMs ?? null,
      request_samples: sample.requestSamples ?? null,
      rebuild_ms: built.rebuildMs,
      execute_ms: execution.durationMs,
    },
    cached: execution.cached ?? false,
    recorded_at: new Date().toISOString(),
  };
  return { kind: 'record', record };
}
