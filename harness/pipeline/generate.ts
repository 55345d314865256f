/**
 * The producer side of `passk run`: plan the samples (tasks x models x configs x index,
 * minus those recorded), ask each model's sampler for them in requests of up to `n`
 * consecutive indices, and yield each completion as a RawSample as soon as its request
 * returns. Every model keeps its own requests in flight (its GPUs stay busy while another
 * model's are), and a bounded buffer stops generation from running far ahead of
 * execution: what is generated but not yet recorded is lost on a crash and sampled again.
 */
import { setMaxListeners } from 'node:events';
import type { Task } from '../../kernel/task.js';
import type { SamplingConfig } from '../samplers/grid.js';
import { answerRule, sentPrompt, TEMPLATE_PROMPTING, type Prompting } from '../samplers/prompt-style.js';
import type { Sampler } from '../samplers/sampler.js';
import { seedBase } from '../samplers/seeds.js';
import { sampleKey } from '../store/records.js';
import { answerFields } from './answer-fields.js';
import { CompletionBuffer } from './completion-buffer.js';
import type { OutputFormat } from '../rebuild/output-format.js';
import type { RawSample } from './raw-sample.js';

export interface GenerationModel {
  name: string;
  /** null: each completion says its own format (a sample file read line by line). */
  format: OutputFormat | null;
  template: string;
  /** Its prompt style and how its answers are read (default: the template alone, answers as they come). */
  prompting?: Prompting;
  sampler: Sampler;
}

export interface PlannedRequest {
  model: GenerationModel;
  config: SamplingConfig;
  task: Task;
  /** Consecutive indices. */
  indices: number[];
}

export interface PlanOptions {
  tasks: readonly Task[];
  models: readonly GenerationModel[];
  configs: readonly SamplingConfig[];
  /** 'all': every sample the back-end holds for a task (Sampler.available). */
  n: number | 'all';
  recorded: ReadonlySet<string>;
}

/** Splits sorted indices into runs of consecutive ones, each at most `max` long. */
export function consecutiveRuns(indices: readonly number[], max: number): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const i of indices) {
    if (run.length > 0 && (i !== run[run.length - 1]! + 1 || run.length >= max)) {
      runs.push(run);
      run = [];
    }
    run.push(i);
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * The requests each model still has to make, in order: tasks outer, configs inner (the same
 * prompt back to back, which a server's prefix cache likes). Pure.
 */
export function planRequests(options: PlanOptions): Map<string, PlannedRequest[]> {
  const plan = new Map<string, PlannedRequest[]>();
  for (const model of options.models) {
    const list: PlannedRequest[] = [];
    for (const task of options.tasks) {
      for (const config of options.configs) {
        const missing: number[] = [];
        const n = options.n === 'all' ? (model.sampler.available?.(task) ?? 0) : options.n;
        for (let i = 0; i < n; i++) {
          if (!options.recorded.has(sampleKey({ model: model.name, config: config.name, task_id: task.id, index: i }))) missing.push(i);
        }
        for (const indices of consecutiveRuns(missing, model.sampler.maxBatch)) list.push({ model, config, task, indices });
      }
    }
    plan.set(model.name, list);
  }
  return plan;
}

export function plannedSamples(plan: ReadonlyMap<string, readonly PlannedRequest[]>): number {
  let total = 0;
  for (const list of plan.values()) for (const r of list) total += r.indices.length;
  return total;
}

export interface GenerateOptions {
  plan: ReadonlyMap<string, readonly PlannedRequest[]>;
  seed: number;
  /** Completions held at most between generation and execution. */
  buffer: number;
  signal?: AbortSignal;
  /** Called with each batch of completions received (progress). */
  onGenerated?: (count: number) => void;
}

async function runRequest(r: PlannedRequest, seed: number, signal: AbortSignal): Promise<RawSample[]> {
  const base = seedBase(seed, r.model.name, r.config.name, r.task.id);
  const prompting = r.model.prompting ?? TEMPLATE_PROMPTING;
  const sent = sentPrompt(r.model.template, prompting, r.task);
  const completions = await r.model.sampler.sample({
    task: r.task,
    prompt: sent.text,
    ...(sent.messages ? { messages: sent.messages } : {}),
    config: r.config,
    indices: r.indices,
    seeds: r.indices.map((i) => base + i),
    signal,
  });
  // Offline back-ends are sent nothing: their records have no prompt.
  const offline = r.model.sampler.offline;
  return completions.map((c): RawSample => {
    const format = c.format ?? r.model.format ?? 'baseline';
    // The answer after a think block, the code in a fence (a whole program, a chat answer): rebuild/answer.ts.
    const read = c.program === undefined ? answerFields(c.text, answerRule(prompting, format), r.task.language, format) : {};
    const program = c.program ?? read.program;
    return {
      model: r.model.name,
      config: r.config.name,
      taskId: r.task.id,
      index: c.index,
      format,
      completion: c.text,
      ...(read.answer !== undefined ? { answer: read.answer } : {}),
      ...(read.noAnswer !== undefined ? { noAnswer: read.noAnswer } : {}),
      prompt: offline ? null : (sent.messages ?? sent.text),
      promptStyle: offline ? null : prompting.style,
      promptTokens: c.promptTokens,
      completionTokens: c.completionTokens,
      ...(c.reasoningTokens !== undefined ? { reasoningTokens: c.reasoningTokens } : {}),
      tokenSource: c.tokenSource,
      finishReason: c.finishReason,
      seed: c.seed,
      sampleMs: c.sampleMs,
      requestSamples: completions.length,
      ...(program !== undefined ? { program } : {}),
    };
  });
}

/**
 * Yields completions as they arrive. Stopping early (the consumer returns, or `signal`
 * aborts) cancels the requests in flight; a request that fails for good fails the stream.
 */
export async function* generateSamples(options: GenerateOptions): AsyncGenerator<RawSample> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Every request in flight listens to it (more than Node's default warning threshold).
  setMaxListeners(0, signal);
  const buffer = new CompletionBuffer<RawSample>(options.buffer);
  const workers: Promise<void>[] = [];
  for (const requests of options.plan.values()) {
    if (requests.length === 0) continue;
    let next = 0;
    const sampler = requests[0]!.model.sampler;
    const worker = async (): Promise<void> => {
      for (let r = requests[next++]; r !== undefined && !signal.aborted; r = requests[next++]) {
        await buffer.reserve(r.indices.length, signal);
        let samples: RawSample[];
        try {
          samples = await runRequest(r, options.seed, signal);
        } catch (err) {
          buffer.release(r.indices.length);
          throw err;
        }
        options.onGenerated?.(samples.length);
        buffer.push(samples, r.indices.length);
      }
    };
    for (let w = 0; w < Math.min(sampler.concurrency, requests.length); w++) {
      workers.push(
        worker().catch((err: unknown) => {
          if (!signal.aborted) buffer.fail(err);
          stop.abort();
        }),
      );
    }
  }
  void Promise.all(workers).then(() => buffer.finish());
  try {
    yield* buffer.drain();
  } finally {
    stop.abort();
    await Promise.allSettled(workers);
  }
}
