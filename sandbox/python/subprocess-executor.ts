/**
 * The subprocess executor: one fresh sandboxed interpreter per program (bubblewrap when
 * available). Slow (interpreter start-up per program) but simple; the forkserver
 * executor is the fast path and must agree with it.
 */
import pLimit from 'p-limit';
import { HarnessFault } from '../../kernel/errors.js';
import type { Execution, ExecutionRequest, Executor, Limits, SandboxFacts } from '../executor.js';
import { classify } from './classify.js';
import { chooseIsolation, type Isolation, type IsolationPreference } from './isolation.js';
import { probePython, type PythonInfo } from './interpreter.js';
import { candidateJob, newNonce, referenceJob, runnerLimits, type RunnerJob } from './job.js';
import { launch, type LaunchResult } from './launch.js';
import { candidateLimits, parseReference, ReferenceOutputs, type DifferentialSpec, type Reference } from './reference-outputs.js';

export interface SandboxSetupOptions {
  python?: string;
  isolation?: IsolationPreference;
}

export interface SubprocessExecutorOptions extends SandboxSetupOptions {
  jobs?: number;
}

export interface SandboxSetup {
  python: PythonInfo;
  isolation: Isolation;
}

/** Bytes of stdout and stderr kept in an Execution. */
export const KEEP_OUTPUT_BYTES = 4096;
const STARTUP_TIMEOUT_MS = 60_000;
const CANDIDATE_REPORT_BYTES = 1 << 20;
const REFERENCE_REPORT_BYTES = 512 << 20;

export function tmpfsBytes(limits: Limits): number {
  return Math.max(64 << 20, 2 * limits.fileSizeBytes);
}

export async function setUpSandbox(options: SandboxSetupOptions): Promise<SandboxSetup> {
  const python = await probePython(options.python);
  const isolation = await chooseIsolation(python, options.isolation ?? 'auto');
  return { python, isolation };
}

export function sandboxFacts(executor: string, setup: SandboxSetup): SandboxFacts {
  const { python, isolation } = setup;
  return {
    executor,
    language: 'python',
    isolation: isolation.description,
    runtime: `Python ${python.version} (${python.command})`,
    warnings: [...isolation.warnings],
  };
}

/** Turns a reference run into its outputs, or a HarnessFault naming the task's function. */
export function referencePayload(raw: LaunchResult, test: DifferentialSpec): Reference {
  if (raw.final?.token === 'reference') return parseReference(raw.final.detail, test);
  const what = raw.spawnError?.message ?? raw.final?.detail ?? (raw.timedOut ? `timed out after ${raw.timeoutMs} ms` : `exit ${raw.exitCode ?? raw.signal}: ${raw.stderrTail.trim().slice(-400)}`);
  throw new HarnessFault('python-reference', `reference outputs of ${test.entryPoint}() could not be computed: ${what}`);
}

export class SubprocessPythonExecutor implements Executor {
  readonly name = 'python-subprocess';
  readonly language = 'python' as const;
  readonly #options: SubprocessExecutorOptions;
  readonly #slots: ReturnType<typeof pLimit>;
  readonly #references = new ReferenceOutputs((test, limits, budgetMs) => this.#reference(test, limits, budgetMs));
  #setup: Promise<SandboxSetup> | undefined;
  #closed = false;

  constructor(options: SubprocessExecutorOptions = {}) {
    this.#options = options;
    this.#slots = pLimit(Math.max(1, options.jobs ?? 2));
  }

  #ready(): Promise<SandboxSetup> {
    this.#setup ??= setUpSandbox(this.#options);
    return this.#setup;
  }

  async facts(): Promise<SandboxFacts> {
    return sandboxFacts(this.name, await this.#ready());
  }

  async execute(request: ExecutionRequest): Promise<Execution> {
    if (this.#closed) throw new HarnessFault('python-executor', 'the executor is closed');
    const { isolation } = await this.#ready();
    const test = request.task.test;
    // Outside the slot: the reference run takes a slot of its own.
    const reference = test.kind === 'python-differential' ? await this.#references.get(request.task.id, test, request.limits) : undefined;
    const limits = reference ? candidateLimits(request.limits, reference) : request.limits;
    const nonce = newNonce();
    const job = candidateJob(request.program, test, nonce, runnerLimits(limits, isolation.countsProcesses), reference?.expected);
    const raw = await this.#slots(() => this.#run(job, limits, CANDIDATE_REPORT_BYTES));
    if (raw.spawnError) throw new HarnessFault('python-sandbox', `cannot start the sandbox: ${raw.spawnError.message}`);
    const outcome = classify(raw, isolation.exitCodeCarriesSignal);
    if (outcome.kind === 'fault') throw new HarnessFault('python-runner', outcome.message);
    if (limits.timeoutMs !== request.limits.timeoutMs) outcome.execution.timeoutMs = limits.timeoutMs;
    return outcome.execution;
  }

  async #reference(test: DifferentialSpec, limits: Limits, inputBudgetMs: number): Promise<Reference> {
    const { isolation } = await this.#ready();
    const job = referenceJob(test, newNonce(), runnerLimits(limits, isolation.countsProcesses), inputBudgetMs);
    const raw = await this.#slots(() => this.#run(job, limits, REFERENCE_REPORT_BYTES));
    return referencePayload(raw, test);
  }

  async #run(job: RunnerJob, limits: Limits, maxReportBytes: number): Promise<LaunchResult> {
    const { isolation } = await this.#ready();
    const cmd = await isolation.command('passk_driver.py', tmpfsBytes(limits));
    try {
      return await launch({
        ...cmd,
        input: JSON.stringify(job),
        nonce: job.nonce,
        timeoutMs: limits.timeoutMs,
        startupTimeoutMs: Math.max(STARTUP_TIMEOUT_MS, limits.timeoutMs),
        outputBytes: limits.outputBytes,
        keepBytes: KEEP_OUTPUT_BYTES,
        maxReportBytes,
      });
    } finally {
      await cmd.cleanup();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
