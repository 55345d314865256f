/**
 * The oracle behind the Sampler interface (harness/samplers/oracle.ts makes the outputs):
 * sample i of a task is the canonical solution (baseline) or LintSeq edit path i of it
 * (editseq). A model-free run that checks rebuilding and execution end to end; sampling
 * settings do not apply. All outputs are made once, on the first request, with one linter.
 */
import type { Task } from '../../kernel/task.js';
import { oracleCompletions } from './oracle.js';
import { offlineCompletion, type SampledCompletion, type Sampler, type SamplerFacts, type SampleRequest } from './sampler.js';

export class OracleSampler implements Sampler {
  readonly kind = 'oracle';
  readonly offline = true;
  readonly maxBatch = Number.POSITIVE_INFINITY;
  readonly concurrency = 4;
  private tasks: readonly Task[] = [];
  private n = 0;
  private outputs: Promise<Map<string, string>> | null = null;

  constructor(
    private readonly seed: number,
    private readonly format: 'baseline' | 'editseq',
  ) {}

  async preflight(tasks: readonly Task[], n: number | 'all'): Promise<SamplerFacts> {
    this.tasks = tasks;
    this.n = n === 'all' ? 1 : n;
    return { kind: this.kind, format: this.format, seed: this.seed };
  }

  private all(): Promise<Map<string, string>> {
    this.outputs ??= oracleCompletions(this.tasks, { format: this.format, n: this.n, seed: this.seed }).then(
      (list) => new Map(list.map((c) => [`${c.taskId}\u0000${c.index}`, c.completion])),
    );
    return this.outputs;
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const outputs = await this.all();
    return req.indices.map((index) => offlineCompletion(index, outputs.get(`${req.task.id}\u0000${index}`) ?? ''));
  }

  async close(): Promise<void> {}
}
