/**
 * A bounded pool of warm workers, started on demand. Jobs that must wait start in the run's
 * order (RunBounds.order), not in the order they arrived. A worker lost while running a job is
 * dropped and replaced by a fresh one, and that job rejects with a HarnessFault at once
 * (never a verdict). The pool does not retry: the executor does, in one place.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { RawOutcome } from './classify.js';
import type { RunBounds, RunnerJob } from './job.js';
import { WorkerLost, type WarmWorker } from './warm-worker.js';

const UNRANKED = Number.NEGATIVE_INFINITY;

export class WarmWorkerPool {
  readonly #size: number;
  readonly #start: () => Promise<WarmWorker>;
  readonly #idle: WarmWorker[] = [];
  /**
   * Jobs waiting for a worker, lowest `order` first, then first come. A job without one (a
   * reference, a canonical run: what ranked programs wait on) comes before every ranked job.
   */
  readonly #waiting: Array<{ order: number; resolve: (worker: WarmWorker) => void; reject: (err: Error) => void }> = [];
  #live = 0;
  #closed = false;
  /** Workers lost while running a job (for tests and diagnostics). */
  lost = 0;

  constructor(size: number, start: () => Promise<WarmWorker>) {
    this.#size = Math.max(1, size);
    this.#start = start;
  }

  async run(job: RunnerJob, options: RunBounds): Promise<RawOutcome> {
    const worker = await this.#acquire(options.order ?? UNRANKED);
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

  /** Starts every worker not started yet, for jobs to come (one that cannot start is dropped; a job's own start reports the fault). */
  prestart(): void {
    while (!this.#closed && this.#live < this.#size) this.#startOne();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new HarnessFault('python-forkserver', 'the executor is closed'));
    const idle = this.#idle.splice(0);
    this.#live -= idle.length;
    await Promise.all(idle.map((w) => w.close()));
  }

  async #acquire(order: number): Promise<WarmWorker> {
    if (this.#closed) throw new HarnessFault('python-forkserver', 'the executor is closed');
    // An idle worker means nobody waits (a released worker goes to the first waiting job).
    const idle = this.#idle.pop();
    if (idle) return idle;
    const waiting = new Promise<WarmWorker>((resolve, reject) => {
      const at = this.#waiting.findIndex((w) => w.order > order);
      this.#waiting.splice(at === -1 ? this.#waiting.length : at, 0, { order, resolve, reject });
    });
    // A worker that starts goes to the first job waiting when it is ready, not to the job
    // that started it: jobs that arrive while it starts are ranked too.
    if (this.#live < this.#size) this.#startOne();
    return waiting;
  }

  /** Starts a worker for the waiting jobs; a worker that cannot start fails the first one. */
  #startOne(): void {
    this.#live++;
    this.#start().then(
      (worker) => this.#release(worker),
      (err: unknown) => {
        this.#live--;
        const fault =
          err instanceof HarnessFault
            ? err
            : new HarnessFault('python-forkserver', `cannot start a warm worker: ${(err as Error).message}`, { cause: err });
        this.#waiting.shift()?.reject(fault);
      },
    );
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

  /** A dead worker's slot goes to the waiting jobs, with a freshly started worker. */
  #drop(worker: WarmWorker): void {
    this.#live--;
    void worker.close();
    if (this.#waiting.length > 0 && !this.#closed) this.#startOne();
  }
}
