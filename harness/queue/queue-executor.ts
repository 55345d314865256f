/**
 * The coordinator's side of distributed execution (docs/distributed.md, "Execution
 * workers"): an Executor that sends each program to the Redis queue and takes back the
 * verdict a `passk worker` computed. The run folder, resume and records stay with the
 * coordinator; the execution cache sits in front of it as in front of any executor.
 *
 * - A job's id is the program's content hash as the execution cache computes it (program,
 *   test, limits, set-up, passk version), so a program runs once across all workers and
 *   coordinators: adding an id that exists adds nothing, and a job already completed
 *   answers at once (a resumed coordinator gets the verdicts of programs that finished
 *   while it was gone).
 * - A harness fault on the worker fails the job: the coordinator gets a HarnessFault (never
 *   a verdict) and removes the failed job, so that a resume runs the program again.
 * - Answers come from the queue's events; pending jobs are also looked up directly every
 *   second, so an event lost while Redis restarted is not waited for forever, and a job
 *   Redis lost is added again.
 * - The first answer fixes the run's sandbox (executor, isolation, runtime); an answer
 *   from a worker under another sandbox is refused (a HarnessFault naming the worker, the
 *   job removed) unless `allowMixed`.
 */
import { hostname } from 'node:os';
import { Job, Queue, QueueEvents } from 'bullmq';
import { HarnessFault } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
import type { Task } from '../../kernel/task.js';
import { executionKey } from '../../sandbox/execution-cache.js';
import type { Execution, ExecutionRequest, Executor, SandboxFacts } from '../../sandbox/executor.js';
import { PASSK_VERSION } from '../version.js';
import {
  QUEUE_NAME,
  connectionFrom,
  sandboxLabel,
  workerAnswerSchema,
  type JobData,
  type WorkerAnswer,
  type WorkerSetup,
} from './protocol.js';

export interface QueueExecutorOptions {
  redis: string;
  setup: WorkerSetup;
  /** Accept answers from workers under another sandbox than the run's. */
  allowMixed: boolean;
  /** How often pending jobs are looked up directly (ms). */
  sweepMs?: number;
  /** How long completed jobs stay in Redis, answering duplicates and resumes (s). */
  keepSeconds?: number;
}

interface Pending {
  data: JobData;
  name: string;
  resolve: (answer: WorkerAnswer) => void;
  reject: (err: Error) => void;
}

const DAY_SECONDS = 24 * 3600;

export class QueueExecutor implements Executor {
  readonly name: string;
  readonly language: Task['language'];
  readonly #options: QueueExecutorOptions;
  readonly #queue: Queue;
  readonly #events: QueueEvents;
  readonly #pending = new Map<string, Pending>();
  /** Changes with passk's version and the set-up: part of every job id. */
  readonly version: string;
  #sweeper: NodeJS.Timeout | undefined;
  #run: SandboxFacts | undefined;
  #closed = false;
  #sweeping = false;

  private constructor(options: QueueExecutorOptions, queue: Queue, events: QueueEvents) {
    this.#options = options;
    this.#queue = queue;
    this.#events = events;
    this.language = options.setup.language;
    this.name = `queue-${options.setup.language}-${options.setup.kind}`;
    this.version = sha256(JSON.stringify({ passk: PASSK_VERSION, setup: options.setup })).slice(0, 16);
    // Connection errors (Redis restarting) are retried by the client; pending jobs wait for it.
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
    // A completed event carries the answer: no look-up needed (the sweep covers lost events).
    events.on('completed', ({ jobId, returnvalue }) => void this.#accept(jobId, returnvalue));
    events.on('failed', ({ jobId }) => void this.#settle(jobId));
    this.#sweeper = setInterval(() => void this.#sweep(), options.sweepMs ?? 1000);
  }

  static async open(options: QueueExecutorOptions): Promise<QueueExecutor> {
    const connection = connectionFrom(options.redis);
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (err) {
      await Promise.allSettled([queue.close(), events.close()]);
      throw new HarnessFault('queue', `cannot reach Redis at ${options.redis}: ${(err as Error).message}`);
    }
    return new QueueExecutor(options, queue, events);
  }

  /** The sandbox of the first worker to answer: the run's. */
  async facts(): Promise<SandboxFacts> {
    const answer = await this.#ask(`f-${sha256(`${hostname()}:${process.pid}:${Date.now()}:${Math.random()}`).slice(0, 24)}`, 'facts', {
      kind: 'facts',
      setup: this.#options.setup,
    });
    return answer.facts;
  }

  async execute(request: ExecutionRequest): Promise<Execution> {
    const key = executionKey(request, this.name, this.version);
    const id = request.confirm ? `c-${key}` : `x-${key}`;
    const answer = await this.#ask(id, `execute ${request.task.id}`, { kind: 'execute', setup: this.#options.setup, request });
    if (!answer.execution) throw new HarnessFault('queue', `worker ${answer.worker} answered job ${id} without a verdict`);
    return answer.execution;
  }

  referenceMs(task: Task): Promise<number | null> {
    return this.#reference(task).then((a) => a.referenceMs ?? null);
  }

  referenceInputsMs(task: Task): Promise<Array<number | null> | null> {
    return this.#reference(task).then((a) => a.referenceInputsMs ?? null);
  }

  #reference(task: Task): Promise<WorkerAnswer> {
    const id = `r-${sha256(JSON.stringify({ v: this.version, id: task.id, test: task.test, canonical: task.canonicalSolution, prompt: task.prompt }))}`;
    return this.#ask(id, `reference ${task.id}`, { kind: 'reference', setup: this.#options.setup, task });
  }

  /** Adds the job (a no-op when its id exists) and waits for its answer. */
  #ask(id: string, name: string, data: JobData): Promise<WorkerAnswer> {
    if (this.#closed) return Promise.reject(new HarnessFault('queue', 'the queue executor is closed'));
    const existing = this.#pending.get(id);
    if (existing) return new Promise((resolve, reject) => this.#chain(existing, resolve, reject));
    const answer = new Promise<WorkerAnswer>((resolve, reject) => this.#pending.set(id, { data, name, resolve, reject }));
    void this.#add(id).then(() => this.#settle(id));
    return answer;
  }

  #chain(first: Pending, resolve: (a: WorkerAnswer) => void, reject: (e: Error) => void): void {
    const [r0, j0] = [first.resolve, first.reject];
    first.resolve = (a) => {
      r0(a);
      resolve(a);
    };
    first.reject = (e) => {
      j0(e);
      reject(e);
    };
  }

  #add(id: string): Promise<unknown> {
    const p = this.#pending.get(id);
    if (!p) return Promise.resolve();
    return this.#queue
      .add(p.name, p.data, {
        jobId: id,
        removeOnComplete: { age: this.#options.keepSeconds ?? 7 * DAY_SECONDS },
        removeOnFail: { age: DAY_SECONDS },
      })
      .catch((err: unknown) => this.#fail(id, new HarnessFault('queue', `cannot add job ${id}: ${(err as Error).message}`)));
  }

  /** Looks the job up; resolves or rejects its waiter when it has ended. */
  async #settle(id: string): Promise<void> {
    const p = this.#pending.get(id);
    if (!p || this.#closed) return;
    let job: Job | undefined;
    try {
      job = await Job.fromId(this.#queue, id);
    } catch {
      return; // Redis away: the sweep tries again
    }
    if (!this.#pending.has(id)) return;
    if (!job) {
      // Gone: Redis lost it (a restart without persistence). Add it again.
      await this.#add(id);
      return;
    }
    if (job.finishedOn === undefined) return;
    if (job.failedReason !== undefined && job.returnvalue === null) {
      await job.remove().catch(() => undefined);
      this.#fail(id, new HarnessFault('queue', `${p.name}: the worker failed: ${job.failedReason}`));
      return;
    }
    await this.#accept(id, job.returnvalue);
  }

  /** A completed job's answer: checked (shape, sandbox) and handed to its waiter. */
  async #accept(id: string, value: unknown): Promise<void> {
    const p = this.#pending.get(id);
    if (!p) return;
    const parsed = workerAnswerSchema.safeParse(value);
    const refused = parsed.success ? this.#refuse(parsed.data as WorkerAnswer) : `job ${id} came back without a worker's answer`;
    if (refused) {
      this.#fail(id, new HarnessFault('queue', `${p.name}: ${refused}`));
      // Removed, so that a resume runs the program again on an accepted worker.
      await this.#queue.remove(id).catch(() => undefined);
      return;
    }
    this.#pending.delete(id);
    p.resolve(parsed.data as WorkerAnswer);
  }

  /** Why an answer's sandbox is not accepted; null when it is. */
  #refuse(answer: WorkerAnswer): string | null {
    if (!this.#run) {
      this.#run = answer.facts;
      return null;
    }
    if (sandboxLabel(answer.facts) === sandboxLabel(this.#run) || this.#options.allowMixed) return null;
    return `worker ${answer.worker} runs ${sandboxLabel(answer.facts)}, not the run's ${sandboxLabel(this.#run)}; stop that worker, or allow mixed sandboxes (--allow-mixed)`;
  }

  #fail(id: string, err: Error): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    p.reject(err);
  }

  async #sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      for (const id of [...this.#pending.keys()]) await this.#settle(id);
    } finally {
      this.#sweeping = false;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    for (const id of [...this.#pending.keys()]) this.#fail(id, new HarnessFault('queue', 'the run stopped before the worker answered'));
    await Promise.allSettled([this.#events.close(), this.#queue.close()]);
  }
}
