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
 *   while it was gone: BullMQ says "duplicated" and the job is looked up).
 * - A job names its task by content hash; the task is written to Redis once per run
 *   before the first job that needs it (protocol.ts), so a job is the program and little else.
 * - Jobs asked for in the same turn of the event loop are added in one round trip (addBulk).
 * - Answers come from the queue's event stream, read by one blocking XREAD that takes
 *   whatever has gathered (up to 40 ms' worth), so the coordinator wakes once per
 *   batch of answers, not once per event.
 * - A harness fault on the worker fails the job: the coordinator gets a HarnessFault (never
 *   a verdict) and removes the failed job, so that a resume runs the program again.
 * - A job waiting longer than a sweep period is looked up directly (one pipelined look-up
 *   per sweep), so an event lost while Redis restarted is not waited for forever, and a
 *   job Redis lost is added again (its task written again).
 * - The first answer fixes the run's sandbox (executor, isolation, runtime); an answer
 *   from a worker under another sandbox is refused (a HarnessFault naming the worker, the
 *   job removed) unless `allowMixed`.
 */
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { HarnessFault } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
import type { Task } from '../../kernel/task.js';
import { executionKey } from '../../sandbox/execution-cache.js';
import type { Execution, ExecutionRequest, Executor, SandboxFacts } from '../../sandbox/executor.js';
import { PASSK_VERSION } from '../version.js';
import {
  QUEUE_NAME,
  connectionFrom,
  redisClient,
  taskHash,
  taskRedisKey,
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
  /** A job unanswered this long is looked up directly (ms). */
  sweepMs?: number;
  /** How long completed jobs (and the run's tasks) stay in Redis, answering duplicates and resumes (s). */
  keepSeconds?: number;
  /** How long answers gather between two reads of the event stream (ms). */
  gatherMs?: number;
}

interface Pending {
  data: JobData;
  name: string;
  /** The task the job names, written to Redis before the job is added. */
  task: Task | null;
  /** When the job was added or last looked up (ms since the epoch). */
  checked: number;
  resolve: (answer: WorkerAnswer) => void;
  reject: (err: Error) => void;
}

const DAY_SECONDS = 24 * 3600;
/** Events taken by one read of the stream at most. */
const READ_COUNT = 1000;
/**
 * How long answers gather before the next read (ms): a read per batch of answers instead of
 * one per event (a job is added, waits, becomes active and completes: four events) costs
 * the coordinator and Redis less (measured: 20 ms to 50 ms took a HumanEval program's
 * coordinator and Redis time from 3.6 to 3.0 ms). An answer waits at most this long while
 * the workers take the run's other programs in flight.
 */
const GATHER_MS = 40;
/** A read with at least this many answers is not followed by a wait (answers come fast enough to gather by themselves). */
const GATHER_BELOW = 16;

export class QueueExecutor implements Executor {
  readonly name: string;
  readonly language: Task['language'];
  readonly #options: QueueExecutorOptions;
  readonly #queue: Queue;
  /** Tasks and look-ups. */
  readonly #client: Redis;
  /** The blocking read of the event stream (a connection of its own). */
  readonly #reader: Redis;
  readonly #pending = new Map<string, Pending>();
  readonly #taskKeys = new WeakMap<Task, string>();
  /** Tasks this coordinator wrote to Redis, and when (ms since the epoch). */
  readonly #written = new Map<string, number>();
  /** Jobs to add at the end of this turn of the event loop. */
  #batch: string[] = [];
  /** Changes with passk's version and the set-up: part of every job id. */
  readonly version: string;
  readonly #keepSeconds: number;
  readonly #sweepMs: number;
  #sweeper: NodeJS.Timeout | undefined;
  readonly #reading: Promise<void>;
  /** The run's sandbox (sandboxLabel), fixed by the first answer. */
  #run: string | undefined;
  #closed = false;
  #sweeping = false;

  private constructor(options: QueueExecutorOptions, queue: Queue, client: Redis, reader: Redis, lastEvent: string) {
    this.#options = options;
    this.#queue = queue;
    this.#client = client;
    this.#reader = reader;
    this.#keepSeconds = options.keepSeconds ?? 7 * DAY_SECONDS;
    this.#sweepMs = options.sweepMs ?? 1000;
    this.language = options.setup.language;
    this.name = `queue-${options.setup.language}-${options.setup.kind}`;
    this.version = sha256(JSON.stringify({ passk: PASSK_VERSION, setup: options.setup })).slice(0, 16);
    // Connection errors (Redis restarting) are retried by the client; pending jobs wait for it.
    queue.on('error', () => undefined);
    this.#reading = this.#read(lastEvent);
    this.#sweeper = setInterval(() => void this.#sweep(), Math.max(50, Math.floor(this.#sweepMs / 2)));
  }

  static async open(options: QueueExecutorOptions): Promise<QueueExecutor> {
    const connection = connectionFrom(options.redis);
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      await queue.waitUntilReady();
    } catch (err) {
      await queue.close().catch(() => undefined);
      throw new HarnessFault('queue', `cannot reach Redis at ${options.redis}: ${(err as Error).message}`);
    }
    const [client, reader] = [redisClient(options.redis), redisClient(options.redis)];
    // Events from now on: those after the stream's last entry (from the start when it has none).
    const last = await client.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1);
    return new QueueExecutor(options, queue, client, reader, last[0]?.[0] ?? '0-0');
  }

  /** The sandbox of the first worker to answer: the run's. */
  async facts(): Promise<SandboxFacts> {
    const id = `f-${sha256(`${hostname()}:${process.pid}:${Date.now()}:${Math.random()}`).slice(0, 24)}`;
    const answer = await this.#ask(id, 'facts', { kind: 'facts', setup: this.#options.setup }, null);
    if (!answer.facts) throw new HarnessFault('queue', `worker ${answer.worker} answered job ${id} without its sandbox facts`);
    return answer.facts;
  }

  async execute(request: ExecutionRequest): Promise<Execution> {
    const key = executionKey(request, this.name, this.version);
    const id = request.confirm ? `c-${key}` : `x-${key}`;
    const data: JobData = { kind: 'execute', setup: this.#options.setup, request: { ...request, task: this.#taskKey(request.task) } };
    const answer = await this.#ask(id, `execute ${request.task.id}`, data, request.task);
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
    return this.#ask(id, `reference ${task.id}`, { kind: 'reference', setup: this.#options.setup, task: this.#taskKey(task) }, task);
  }

  #taskKey(task: Task): string {
    let key = this.#taskKeys.get(task);
    if (key === undefined) {
      key = taskHash(task);
      this.#taskKeys.set(task, key);
    }
    return key;
  }

  /** Adds the job (a no-op when its id exists) and waits for its answer. */
  #ask(id: string, name: string, data: JobData, task: Task | null): Promise<WorkerAnswer> {
    if (this.#closed) return Promise.reject(new HarnessFault('queue', 'the queue executor is closed'));
    const existing = this.#pending.get(id);
    if (existing) return new Promise((resolve, reject) => this.#chain(existing, resolve, reject));
    const answer = new Promise<WorkerAnswer>((resolve, reject) =>
      this.#pending.set(id, { data, name, task, checked: Date.now(), resolve, reject }),
    );
    this.#enqueue(id);
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

  #enqueue(id: string): void {
    this.#batch.push(id);
    if (this.#batch.length === 1) setImmediate(() => void this.#flush());
  }

  /** Adds the jobs asked for this turn, in one round trip, after the tasks they name. */
  async #flush(): Promise<void> {
    const ids = this.#batch.filter((id) => this.#pending.has(id));
    this.#batch = [];
    if (ids.length === 0 || this.#closed) return;
    try {
      await this.#writeTasks(ids);
      const jobs = ids.map((id) => {
        const p = this.#pending.get(id)!;
        const opts = { jobId: id, removeOnComplete: { age: this.#keepSeconds }, removeOnFail: { age: DAY_SECONDS } };
        return { name: p.name, data: p.data, opts };
      });
      // One job alone is one script call; several go in one pipeline.
      if (jobs.length === 1) await this.#queue.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
      else await this.#queue.addBulk(jobs);
    } catch (err) {
      for (const id of ids) this.#fail(id, new HarnessFault('queue', `cannot add job ${id}: ${(err as Error).message}`));
    }
  }

  /** Writes the tasks these jobs name that this coordinator has not written (or wrote long ago: written again before they expire). */
  async #writeTasks(ids: string[]): Promise<void> {
    const now = Date.now();
    const due = new Map<string, Task>();
    for (const id of ids) {
      const task = this.#pending.get(id)?.task;
      if (!task) continue;
      const key = this.#taskKey(task);
      const at = this.#written.get(key);
      if (at === undefined || now - at > (this.#keepSeconds * 1000) / 2) due.set(key, task);
    }
    if (due.size === 0) return;
    const pipe = this.#client.pipeline();
    for (const [key, task] of due) pipe.set(taskRedisKey(key), JSON.stringify(task), 'EX', this.#keepSeconds);
    for (const [err] of (await pipe.exec()) ?? []) if (err) throw err;
    for (const key of due.keys()) this.#written.set(key, now);
  }

  /** Reads the queue's event stream until closed: answers, failures, and ids that already existed. */
  async #read(from: string): Promise<void> {
    const stream = this.#queue.keys.events!;
    let last = from;
    while (!this.#closed) {
      let reply: Array<[string, Array<[string, string[]]>]> | null;
      try {
        reply = (await this.#reader.xread('COUNT', READ_COUNT, 'BLOCK', 5000, 'STREAMS', stream, last)) as typeof reply;
      } catch {
        if (this.#closed) return;
        await delay(100); // Redis away: the client reconnects
        continue;
      }
      const entries = reply?.[0]?.[1] ?? [];
      let answers = 0;
      for (const [id, fields] of entries) {
        last = id;
        if (this.#onEvent(fields)) answers++;
      }
      // Few answers came: let the next ones gather, for one wake-up per batch of answers
      // rather than per event. Many came: they gather by themselves. A single awaited job
      // (the facts, a reference) is not kept waiting.
      if (entries.length > 0 && answers < GATHER_BELOW && this.#pending.size > 1) await delay(this.#options.gatherMs ?? GATHER_MS);
    }
  }

  /** One event: `event NAME jobId ID ...` (a completed one also carries `returnvalue JSON`); true when it answers one of ours. */
  #onEvent(fields: string[]): boolean {
    let event: string | undefined;
    let jobId: string | undefined;
    let value: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'event') event = fields[i + 1];
      else if (fields[i] === 'jobId') jobId = fields[i + 1];
      else if (fields[i] === 'returnvalue') value = fields[i + 1];
    }
    if (jobId === undefined || !this.#pending.has(jobId)) return false;
    if (event === 'completed') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value ?? '');
      } catch {
        parsed = undefined;
      }
      void this.#accept(jobId, parsed);
      return true;
    }
    if (event === 'failed' || event === 'duplicated') void this.#settle(jobId);
    return event === 'failed';
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
      this.#lost(id);
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

  /** Redis lost the job (a restart without persistence): its task is written again, and the job added again. */
  #lost(id: string): void {
    const task = this.#pending.get(id)?.task;
    if (task) this.#written.delete(this.#taskKey(task));
    this.#enqueue(id);
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
      this.#run = answer.sandbox;
      return null;
    }
    if (answer.sandbox === this.#run || this.#options.allowMixed) return null;
    return `worker ${answer.worker} runs ${answer.sandbox}, not the run's ${this.#run}; stop that worker, or allow mixed sandboxes (--allow-mixed)`;
  }

  #fail(id: string, err: Error): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    p.reject(err);
  }

  /** Looks up, in one round trip, the jobs unanswered for a sweep period; settles those that ended, adds again those Redis lost. */
  async #sweep(): Promise<void> {
    if (this.#sweeping || this.#closed) return;
    const now = Date.now();
    const stale = [...this.#pending].filter(([, p]) => now - p.checked >= this.#sweepMs).map(([id]) => id);
    if (stale.length === 0) return;
    this.#sweeping = true;
    try {
      const pipe = this.#client.pipeline();
      for (const id of stale) pipe.hmget(this.#queue.toKey(id), 'timestamp', 'finishedOn');
      const rows = (await pipe.exec()) ?? [];
      for (const [i, id] of stale.entries()) {
        const p = this.#pending.get(id);
        const [err, fields] = rows[i] ?? [null, null];
        if (!p || err || !fields) continue;
        p.checked = Date.now();
        const [timestamp, finishedOn] = fields as Array<string | null>;
        if (timestamp === null) this.#lost(id);
        else if (finishedOn !== null) await this.#settle(id);
      }
    } catch {
      // Redis away: the next sweep tries again.
    } finally {
      this.#sweeping = false;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    for (const id of [...this.#pending.keys()]) this.#fail(id, new HarnessFault('queue', 'the run stopped before the worker answered'));
    this.#reader.disconnect();
    await this.#reading;
    await Promise.allSettled([this.#queue.close(), this.#client.quit()]);
  }
}
