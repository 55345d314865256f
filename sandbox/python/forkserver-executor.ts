/**
 * The fork-server executor: a pool of warm workers, each in its own sandbox (the same
 * bubblewrap set-up as the subprocess executor), forking a fresh child per program. The
 * verdict logic is shared with the subprocess executor (same runner, same classify), so
 * the two agree program for program; this one skips interpreter start-up per program.
 */
import { HarnessFault } from '../../kernel/errors.js';
import { DEFAULT_LIMITS, type Execution, type ExecutionRequest, type Executor, type Limits, type SandboxFacts } from '../executor.js';
import { classify, type RawOutcome } from './classify.js';
import { candidateJob, FORKSERVER_PROCESSES, referenceJob, runnerLimits, type RunnerJob } from './job.js';
import { candidateLimits, ReferenceOutputs, type DifferentialSpec, type Reference } from './reference-outputs.js';
import {
  KEEP_OUTPUT_BYTES,
  referencePayload,
  sandboxFacts,
  setUpSandbox,
  tmpfsBytes,
  type SandboxSetup,
  type SubprocessExecutorOptions,
} from './subprocess-executor.js';
import { WarmWorker } from './warm-worker.js';
import { WorkerPool } from './warm-worker-pool.js';

const STARTUP_TIMEOUT_MS = 60_000;
const CANDIDATE_REPORT_BYTES = 1 << 20;
const REFERENCE_REPORT_BYTES = 512 << 20;
/** The worker draws a fresh nonce for each forked child. */
const WORKER_MAKES_NONCE = '';

export class ForkserverPythonExecutor implements Executor {
  readonly name = 'python-forkserver';
  readonly language = 'python' as const;
  readonly #options: SubprocessExecutorOptions;
  readonly #references = new ReferenceOutputs((test, limits, budgetMs) => this.#reference(test, limits, budgetMs));
  #setup: Promise<SandboxSetup> | undefined;
  #pool: WorkerPool | undefined;

  constructor(options: SubprocessExecutorOptions = {}) {
    this.#options = options;
  }

  async #ready(): Promise<{ setup: SandboxSetup; pool: WorkerPool }> {
    this.#setup ??= setUpSandbox(this.#options);
    const setup = await this.#setup;
    // Workers get the default tmpfs cap; the per-program file size limit is an rlimit.
    this.#pool ??= new WorkerPool(this.#options.jobs ?? 2, () => WarmWorker.start(setup.isolation, tmpfsBytes(DEFAULT_LIMITS)));
    return { setup, pool: this.#pool };
  }

  /** Workers lost while running a program since the executor started. */
  get lostWorkers(): number {
    return this.#pool?.lost ?? 0;
  }

  async facts(): Promise<SandboxFacts> {
    const { setup } = await this.#ready();
    const facts = sandboxFacts(this.name, setup);
    facts.isolation += '; warm fork-server workers, one sandbox each, a fresh fork per program';
    return facts;
  }

  async execute(request: ExecutionRequest): Promise<Execution> {
    const { setup } = await this.#ready();
    const test = request.task.test;
    const reference = test.kind === 'python-differential' ? await this.#references.get(request.task.id, test, request.limits) : undefined;
    const limits = reference ? candidateLimits(request.limits, reference) : request.limits;
    const runner = runnerLimits(limits, setup.isolation.countsProcesses, FORKSERVER_PROCESSES);
    const job = candidateJob(request.program, test, WORKER_MAKES_NONCE, runner, reference?.expected);
    const raw = await this.#run(job, limits, CANDIDATE_REPORT_BYTES);
    // The worker waits on its child directly: exit codes and signals are real ones.
    const outcome = classify(raw, false);
    if (outcome.kind === 'fault') throw new HarnessFault('python-runner', outcome.message);
    if (limits.timeoutMs !== request.limits.timeoutMs) outcome.execution.timeoutMs = limits.timeoutMs;
    return outcome.execution;
  }

  async #reference(test: DifferentialSpec, limits: Limits, inputBudgetMs: number): Promise<Reference> {
    const { setup } = await this.#ready();
    const runner = runnerLimits(limits, setup.isolation.countsProcesses, FORKSERVER_PROCESSES);
    const job = referenceJob(test, WORKER_MAKES_NONCE, runner, inputBudgetMs);
    return referencePayload(await this.#run(job, limits, REFERENCE_REPORT_BYTES), test);
  }

  async #run(job: RunnerJob, limits: Limits, maxReportBytes: number): Promise<RawOutcome> {
    const { pool } = await this.#ready();
    return pool.run(job, {
      timeoutMs: limits.timeoutMs,
      startupTimeoutMs: Math.max(STARTUP_TIMEOUT_MS, limits.timeoutMs),
      outputBytes: limits.outputBytes,
      keepBytes: KEEP_OUTPUT_BYTES,
      maxReportBytes,
    });
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }
}
