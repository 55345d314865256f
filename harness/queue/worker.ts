/**
 * `passk worker`: takes programs from the Redis queue and runs them in the usual sandboxes
 * (Python fork-server or subprocess under bubblewrap, isolated-vm), on any host
 * (docs/distributed.md, "Execution workers"). One executor per sandbox set-up a job asks
 * for, each behind the in-memory execution cache; `jobs` programs at once.
 *
 * Every answer carries this worker's sandbox facts (the coordinator refuses another
 * sandbox than its run's). A harness fault fails the job, so it is never a verdict. A
 * worker that dies holds its jobs' locks until they expire; then BullMQ's stalled-job check
 * (run by every worker) hands them to another worker, and the dead worker's late answer,
 * if any, is refused for want of the lock, so a program is answered once.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { HarnessFault } from '../../kernel/errors.js';
import type { Executor, SandboxFacts } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import { QUEUE_NAME, connectionFrom, type JobData, type WorkerAnswer, type WorkerSetup } from './protocol.js';

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

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const note = options.onNote ?? (() => undefined);
  const executors = new Map<string, { executor: Executor; facts: Promise<SandboxFacts> }>();
  const executorFor = (setup: WorkerSetup): { executor: Executor; facts: Promise<SandboxFacts> } => {
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
      entry = { executor, facts };
      executors.set(key, entry);
      // Announced once per set-up; a set-up that cannot start is tried again by the next job.
      facts.then(
        (f) => note(`passk worker ${id}: ${setup.language} sandbox: ${f.executor}, ${f.isolation}, ${f.runtime}`),
        () => executors.delete(key),
      );
    }
    return entry;
  };
  let answered = 0;
  const process_ = async (job: Job<JobData>): Promise<WorkerAnswer> => {
    const data = job.data;
    const { executor, facts: known } = executorFor(data.setup);
    const facts = await known;
    let answer: WorkerAnswer;
    if (data.kind === 'execute') answer = { worker: id, facts, execution: await executor.execute(data.request) };
    else if (data.kind === 'reference') {
      const [referenceMs, referenceInputsMs] = await Promise.all([
        executor.referenceMs(data.task),
        executor.referenceInputsMs?.(data.task) ?? Promise.resolve(null),
      ]);
      answer = { worker: id, facts, referenceMs, referenceInputsMs };
    } else if (data.kind === 'facts') answer = { worker: id, facts };
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
      await Promise.allSettled([...executors.values()].map((e) => e.executor.close()));
    },
  };
}
