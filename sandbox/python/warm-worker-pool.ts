/**
 * A bounded pool of warm workers, started on demand. A worker lost while running a job is
 * dropped and replaced by a fresh one, and that job rejects with a HarnessFault at once
 * (never a verdict). The pool does not retry: the executor does, in one place.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { RawOutcome } from './classify.js';
import type { RunBounds, RunnerJob } from './job.js';
import { WorkerLost, type WarmWorker } from './warm-worker.js';

export class WarmWorkerPool {
  readonly #size: number;
  readonly #start: () => Promise<WarmWorker>;
  readonly #idle: WarmWorker[] = [];
  readonly #waiting: Array<{ resolve: (worker: WarmWorker) => void; reject: (err: Error) => void }> = [];
  #live = 0;
  #closed = false;
  /** Workers lost while running a job (for tests and diagnostics). */
  lost = 0;

  constructor(size: number, start: () => Promise<WarmWorker>) {
    this.#size = Math.max(1, size);
    this.#start = start;
  }

  async run(job: RunnerJob, options: RunBounds): Promise<RawOutcome> {
    const worker = await this.#acquire();
    try {
      const raw = await worker.run(job, options);
      this.#release(worker);
      return raw;
    } catch (err) {
      if (!(err instanceof WorkerLost)) {
        this.#release(worker);
        throw err;
      }
      this.lost++;
      this.#drop(worker);
      throw new HarnessFault('python-forkserver', `a worker died running the program: ${err.message}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new HarnessFault('python-forkserver', 'the executor is closed'));
    const idle = this.#idle.splice(0);
    this.#live -= idle.length;
    await Promise.all(idle.map((w) => w.close()));
  }

  async #acquire(): Promise<WarmWorker> {
    if (this.#closed) throw new HarnessFault('python-forkserver', 'the executor is closed');
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#live < this.#size) return this.#startOne();
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async #startOne(): Promise<WarmWorker> {
    this.#live++;
    try {
      return await this.#start();
    } catch (err) {
      this.#live--;
      if (err instanceof HarnessFault) throw err;
      throw new HarnessFault('python-forkserver', `cannot start a warm worker: ${(err as Error).message}`, { cause: err });
    }
  }

  #release(worker: WarmWorker): void {
    if (!worker.alive) return this.#drop(worker);
    if (this.#closed) {
      this.#live--;
      void worker.close();
      return;
    }
    const next = this.#waiting.shift();
    if (next) next.resolve(worker);
    else this.#idle.push(worker);
  }

  /** A dead worker's slot goes to a waiting job, with a freshly started worker. */
  #drop(worker: WarmWorker): void {
    this.#live--;
    void worker.close();
    const next = this.#waiting.shift();
    if (next) this.#startOne().then(next.resolve, next.reject);
  }
}
