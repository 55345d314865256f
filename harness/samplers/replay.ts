/**
 * Replaying completions from a sample file (human-eval / evalplus format, read by
 * harness/sample-files): sample i of a task is the task's i-th line in the file, whatever the
 * sampling config. Lets a run re-score or re-execute saved outputs through the same
 * pipeline as served models. A file with fewer than n samples for a task is an error
 * before the run starts.
 */
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { loadSamples, type ImportedSample } from '../sample-files/sample-file.js';
import { offlineCompletion, type SampledCompletion, type Sampler, type SampleRequest } from './sampler.js';

export class ReplaySampler implements Sampler {
  readonly kind = 'replay';
  readonly maxBatch = Number.POSITIVE_INFINITY;
  readonly concurrency = 4;
  private byTask = new Map<string, ImportedSample[]>();

  constructor(
    private readonly path: string,
    /** The model's output format: editseq text is replayed raw; other formats use the file's (fence-extracted) program. */
    private readonly format: string,
  ) {}

  async preflight(tasks: readonly Task[], n: number): Promise<Record<string, unknown>> {
    const { samples, sha256 } = await loadSamples(this.path, tasks);
    this.byTask.clear();
    for (const s of samples) {
      let list = this.byTask.get(s.taskId);
      if (!list) this.byTask.set(s.taskId, (list = []));
      list[s.index] = s;
    }
    const short = tasks.find((t) => (this.byTask.get(t.id)?.length ?? 0) < n);
    if (short) {
      throw new PasskError('E_SAMPLES', `task ${short.id} has ${this.byTask.get(short.id)?.length ?? 0} samples in the file; the run asks for n=${n}`, this.path);
    }
    return { kind: this.kind, path: this.path, sha256, samples: samples.length };
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const list = this.byTask.get(req.task.id) ?? [];
    return req.indices.map((index): SampledCompletion => {
      const s = list[index];
      if (!s) throw new PasskError('E_SAMPLES', `no sample #${index} for task ${req.task.id}`, this.path);
      return offlineCompletion(index, s.raw, this.format === 'editseq' ? undefined : s.program);
    });
  }

  async close(): Promise<void> {}
}
