/**
 * The LintSeq oracle behind the Sampler interface: sample i of a task is an edit sequence
 * of its canonical solution (harness/samplers/oracle.ts makes them). A model-free run that
 * checks rebuilding and execution end to end; sampling settings do not apply.
 */
import type { Task } from '../core/task.js';
import { oracleCompletions } from './oracle.js';
import type { SampledCompletion, Sampler, SampleRequest } from './sampler.js';

export class OracleSampler implements Sampler {
  readonly kind = 'oracle';
  readonly maxBatch = Number.POSITIVE_INFINITY;
  readonly concurrency = 2;

  constructor(private readonly seed: number) {}

  async preflight(tasks: readonly Task[], n: number): Promise<Record<string, unknown>> {
    return { kind: this.kind, seed: this.seed, tasks: tasks.length, n };
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const last = req.indices[req.indices.length - 1]!;
    const all: Array<{ index: number; completion: string }> = await oracleCompletions([req.task], { format: 'editseq', n: last + 1, seed: this.seed });
    const byIndex = new Map(all.map((c) => [c.index, c.completion]));
    return req.indices.map((index) => ({
      index,
      text: byIndex.get(index) ?? '',
      promptTokens: null,
      completionTokens: null,
      tokenSource: 'none',
      finishReason: null,
      seed: null,
      sampleMs: 0,
    }));
  }

  async close(): Promise<void> {}
}
