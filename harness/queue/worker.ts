/**
 * `passk worker`: takes programs from the Redis queue and runs them in the usual sandboxes
 * (Python fork-server or subprocess under bubblewrap, isolated-vm), on any host
 * (docs/distributed.md, "Execution workers"). One executor per sandbox set-up a job asks
 * for, each behind the in-memory execution cache; `jobs` programs at once.
 *
 * A job names its task by content hash: the worker reads the task from Redis the first
 * time (checking the hash) and keeps it in memory. Every answer names this worker's
 * sandbox (the coordinator refuses another sandbox than its run's). A harness fault fails the job, so it is never a verdict. A
 * worker that dies holds its jobs' locks until they expire; then BullMQ's stalled-job check
 * (run by every worker) hands them to another worker, and the dead worker's late answer,
 * if any, is refused for want of the lock, so a program is answered once.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { HarnessFault } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
import type { Task } from '../../kernel/task.js';
import type { Executor, SandboxFacts } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import {
  QUEUE_NAME,
  connectionFrom,
  redisClient,
  sandboxLabel,
  taskRedisKey,
  type JobData,
  type WorkerAnswer,
  type WorkerSetup,
} from './protocol.js';

/** Tasks kept in memory (the most recently used). */
const TASKS_KEPT = 1024;

export interface WorkerOptions {
  redis: string;
  /** Programs run at once. */
  jobs: number;
  /** How long a job's lock lasts without renewal: a dead worker's jobs go to another after about this long (ms). */
  lockMs?: number;
  onNote?: (line: string) => void;
  /** Runs each job instead of the sandboxes (the queue-overhead benchmark's no-op executor). */
  executorFor?: (setup: WorkerSetup) => Executor;
}

export interface RunningWorker {
  id: string;
  /** Answers given so far. */
  readonly answered: number;
  close(): Promise<void>;
}

/** One sandbox set-up's executor, its facts and their label. */
interface Sandbox {
  executor: Executor;
  facts: Promise<SandboxFacts>;
  label: Promise<string>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const note = options.onNote ?? (() => undefined);
  const executors = new Map<string, Sandbox>();
  const executorFor = (setup: WorkerSetup): Sandbox => {
    const key = JSON.stringify(setup);
    let entry = executors.get(key);
    if (!entry) {
      const executor: Executor =
        options.executorFor?.(setup) ??
        createExecutor(setup.language, {
          kind: setup.kind,
          jobs: options.jobs,
          limits: setup.limits,
          ...(setup.typescript ? { typescript: setup.typescript } : {}),
          onNote: note,
        });
      const facts = executor.facts();
      entry = { executor, facts, label: facts.then(sandboxLabel) };
      executors.set(key, entry);
      // Announced once per set-up; a set-up that cannot start is tried again by the next job.
      facts.then(
        (f) => note(`passk worker ${id}: ${setup.language} sandbox: ${f.executor}, ${f.isolation}, ${f.runtime}`),
        () => executors.delete(key),
      );
    }
    return entry;
  };
  const client = redisClient(options.redis);
  const tasks = new Map<string, Task>();
  const taskFor = async (key: string): Promise<Task> => {
    const kept = tasks.get(key);
    if (kept) {
      tasks.delete(key);
      tasks.set(key, kept);
      return kept;
    }
    const text = await client.get(taskRedisKey(key));
    if (text === null)
      throw new HarnessFault('queue-worker', `task ${key} is not in Redis (expired or lost): run the coordinator again to send it`);
    if (sha256(text) !== key) throw new HarnessFault('queue-worker', `task ${key} in Redis does not match its hash`);
    const task = JSON.parse(text) as Task;
    tasks.set(key, task);
    if (tasks.size > TASKS_KEPT) tasks.delete(tasks.keys().next().value!);
    return task;
  };
  let answered = 0;
  const process_ = async (job: Job<JobData>): Promise<WorkerAnswer> => {
    const data = job.data;
    const { executor, facts, label } = executorFor(data.setup);
    const sandbox = await label;
    let answer: WorkerAnswer;
    if (data.kind === 'execute') {
      const task = await taskFor(data.request.task);
      answer = { worker: id, sandbox, execution: await executor.execute({ ...data.request, task }) };
    } else if (data.kind === 'reference') {
      const task = await taskFor(data.task);
      const [referenceMs, referenceInputsMs] = await Promise.all([
        executor.referenceMs(task),
        executor.referenceInputsMs?.(task) ?? Promise.resolve(null),
      ]);
      answer = { worker: id, sandbox, referenceMs, referenceInputsMs };
    } else if (data.kind === 'facts') answer = { worker: id, sandbox, facts: await facts };
    else throw new HarnessFault('queue-worker', `job ${job.id}: unknown kind ${(data as { kind: unknown }).kind as string}`);
    answered++;
    return answer;
  };
  const lockDuration = options.lockMs ?? 30_000;
  const worker = new Worker<JobData, WorkerAnswer>(QUEUE_NAME, process_, {
    connection: connectionFrom(options.redis),
    concurrency: options.jobs,
    lockDuration,
    stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    // A program whose worker died twice is a harness fault at the coordinator, not a third try.
    maxStalledCount: 2,
  });
  worker.on('error', (err) => note(`passk worker ${id}: ${err.message}`));
  await worker.waitUntilReady();
  return {
    id,
    get answered() {
      return answered;
    },
    async close() {
      await worker.close();
      await Promise.allSettled([...[...executors.values()].map((e) => e.executor.close()), client.quit()]);
    },
  };
}
