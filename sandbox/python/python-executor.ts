/**
 * What both Python executors share: the sandbox set-up and facts, differential references
 * (computed once per test under the configured limits), reference times (once per task),
 * building candidate and reference jobs, classifying what a run did, and closing. A
 * subclass supplies only its launch step: how one job runs in a sandbox.
 *
 * The executor is the only retry layer: a launch that fails with a HarnessFault (the
 * sandbox did not start, a warm worker died) is tried once more, then the fault propagates;
 * nothing above the executor retries a program.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { canonicalRunMs } from '../canonical-run-time.js';
import { DEFAULT_LIMITS, type Execution, type ExecutionRequest, type Executor, type Limits, type SandboxFacts } from '../executor.js';
import { PerTaskMemo } from '../per-task-memo.js';
import { classify, startFailure, type RawOutcome } from './classify.js';
import type { Isolation } from './isolation.js';
import { candidateJob, referenceJob, runnerLimits, stdioJob, type RunBounds, type RunnerJob } from './job.js';
import { referenceCacheKey, type ReferenceCache, type ReferenceScope } from './reference-cache.js';
import { ReferenceOutputs, referencePayload, type DifferentialSpec, type Reference } from './reference-outputs.js';
import { runnerVersion } from './runner-files.js';
import { sandboxFacts, sandboxScope, setUpSandbox, type SandboxSetup, type SandboxSetupOptions } from './sandbox-setup.js';

export interface PythonSandboxOptions extends SandboxSetupOptions {
  /** Programs running at once (default 2). */
  jobs?: number;
  /** The run's configured limits: references run under them (default DEFAULT_LIMITS). */
  limits?: Limits;
  /** One-line notes (inputs a reference dropped, a fallback to rlimits); dropped by default. */
  onNote?: (line: string) => void;
  /** Differential references read from and written to this on-disk cache (reference-cache.ts). */
  referenceCache?: ReferenceCache;
}

const KEEP_OUTPUT_BYTES = 4096;
const STARTUP_TIMEOUT_MS = 60_000;
const CANDIDATE_REPORT_BYTES = 1 << 20;
const REFERENCE_REPORT_BYTES = 512 << 20;

export abstract class PythonExecutor implements Executor {
  abstract readonly name: string;
  readonly language = 'python' as const;
  /** Processes in a sandbox besides the program's own. */
  protected abstract readonly ownProcesses: number;
  /** Added to the isolation in the facts. */
  protected abstract readonly factsSuffix: string;
  protected readonly options: PythonSandboxOptions;
  readonly #configured: Limits;
  readonly #note: (line: string) => void;
  readonly #references: ReferenceOutputs;
  readonly #referenceTimes = new PerTaskMemo<number | null>();
  #setup: Promise<SandboxSetup> | undefined;
  #scope: Promise<ReferenceScope> | undefined;
  #closed = false;
  #referencesComputed = 0;

  constructor(options: PythonSandboxOptions = {}) {
    this.options = options;
    this.#configured = options.limits ?? DEFAULT_LIMITS;
    this.#note = options.onNote ?? (() => undefined);
    this.#references = new ReferenceOutputs(
      (test, limits, budgetMs) => this.#reference(test, limits, budgetMs),
      this.#configured,
      this.#note,
    );
  }

  /** Whether an exit code above 128 means the program was killed by a signal. */
  protected abstract exitCodeCarriesSignal(isolation: Isolation): boolean;
  /** The nonce a job carries (a fresh one per launch, or '' where the runner draws it). */
  protected abstract nonce(): string;
  /** Runs one job in a sandbox; rejects with a HarnessFault when the sandbox could not run it. */
  protected abstract launch(setup: SandboxSetup, job: RunnerJob, limits: Limits, bounds: RunBounds): Promise<RawOutcome>;
  /** Starts what launching will need (warm workers), where there is such a thing. */
  protected prepareLaunching(_setup: SandboxSetup): void {}
  /** Stops what launching keeps running (warm workers). */
  protected abstract stopLaunching(): Promise<void>;

  /** Expected outputs of differential tests computed since the executor started (for tests and diagnostics). */
  get referencesComputed(): number {
    return this.#referencesComputed;
  }

  /** Asked right before a run's programs (by the runner, check-references, a queue worker). */
  async facts(): Promise<SandboxFacts> {
    const setup = await this.#ready();
    // What the first programs need starts now, beside the run's own start-up (its folder, its
    // references): the warm workers, and the environment probe that keys the reference cache.
    this.prepareLaunching(setup);
    if (this.options.referenceCache) this.#cacheScope(setup).catch(() => undefined);
    const facts = await sandboxFacts(this.name, setup, this.options.libraries);
    facts.isolation += this.factsSuffix;
    return facts;
  }

  async execute(request: ExecutionRequest): Promise<Execution> {
    const setup = await this.#ready();
    const test = request.task.test;
    const reference = test.kind === 'python-differential' ? await this.#references.get(request.task.id, test) : undefined;
    const limits = request.limits;
    const runner = runnerLimits(limits, setup.isolation.countsProcesses, this.ownProcesses);
    const job = (): RunnerJob =>
      test.kind === 'stdio'
        ? stdioJob(request.program, test, this.nonce(), limits, setup.isolation.countsProcesses, this.ownProcesses)
        : // Library jobs may start processes only where bubblewrap confines them (passk_guard).
          candidateJob(request.program, test, this.nonce(), runner, reference, limits.inputTimeoutsMs, {
            allowProcesses: setup.isolation.mode === 'bwrap',
          });
    const raw = await this.#run(setup, job, limits, CANDIDATE_REPORT_BYTES, request.order);
    const outcome = classify(raw, this.exitCodeCarriesSignal(setup.isolation));
    if (outcome.kind === 'fault') throw new HarnessFault('python-runner', outcome.message);
    return outcome.execution;
  }

  referenceMs(task: Task): Promise<number | null> {
    return this.#referenceTimes.get(task.id, async () => {
      const test = task.test;
      // A differential reference's own run measures it: no second run of the canonical program.
      if (test.kind === 'stdio') return null; // CodeContests has no reference program
      if (test.kind === 'python-differential') return (await this.#references.get(task.id, test)).seconds * 1000;
      return canonicalRunMs((request) => this.execute(request), task, this.#configured);
    });
  }

  async referenceInputsMs(task: Task): Promise<Array<number | null> | null> {
    const test = task.test;
    if (test.kind !== 'python-differential') return null;
    const reference = await this.#references.get(task.id, test);
    return reference.inputSeconds.map((seconds) => (seconds === null ? null : seconds * 1000));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.options.referenceCache?.settled();
    await this.stopLaunching();
  }

  #ready(): Promise<SandboxSetup> {
    if (this.#closed) return Promise.reject(new HarnessFault('python-executor', 'the executor is closed'));
    this.#setup ??= setUpSandbox(this.options, this.#note);
    return this.#setup;
  }

  /** From the on-disk cache when it holds this very job in this environment; else computed (and stored). */
  async #reference(test: DifferentialSpec, limits: Limits, inputBudgetMs: number): Promise<Reference> {
    const setup = await this.#ready();
    const runner = runnerLimits(limits, setup.isolation.countsProcesses, this.ownProcesses);
    const cache = this.options.referenceCache;
    const key = cache ? referenceCacheKey(referenceJob(test, '', runner, inputBudgetMs), await this.#cacheScope(setup)) : '';
    const cached = cache ? await cache.load(key) : undefined;
    if (cached) return cached;
    this.#referencesComputed++;
    const raw = await this.#run(setup, () => referenceJob(test, this.nonce(), runner, inputBudgetMs), limits, REFERENCE_REPORT_BYTES);
    const reference = referencePayload(raw, test);
    cache?.keep(key, reference, (failed) => this.#note(`passk: ${failed}; references are computed but not kept`));
    return reference;
  }

  #cacheScope(setup: SandboxSetup): Promise<ReferenceScope> {
    this.#scope ??= sandboxScope(setup).then((scope) => ({ runnerVersion: runnerVersion(), ...scope }));
    return this.#scope;
  }

  /** One launch, and once more when it fails with a HarnessFault (each try with a fresh job: a fresh nonce). */
  async #run(setup: SandboxSetup, job: () => RunnerJob, limits: Limits, maxReportBytes: number, order?: number): Promise<RawOutcome> {
    const bounds: RunBounds = {
      ...(order === undefined ? {} : { order }),
      timeoutMs: limits.timeoutMs,
      startupTimeoutMs: Math.max(STARTUP_TIMEOUT_MS, limits.timeoutMs),
      outputBytes: limits.outputBytes,
      keepBytes: KEEP_OUTPUT_BYTES,
      maxReportBytes,
    };
    try {
      return await this.#launchOnce(setup, job(), limits, bounds);
    } catch (err) {
      if (!(err instanceof HarnessFault) || this.#closed) throw err;
      return this.#launchOnce(setup, job(), limits, bounds);
    }
  }

  /** A runner that ended before it started, with no report and no limit hit, is a launch failure. */
  async #launchOnce(setup: SandboxSetup, job: RunnerJob, limits: Limits, bounds: RunBounds): Promise<RawOutcome> {
    const raw = await this.launch(setup, job, limits, bounds);
    const failure = startFailure(raw, this.exitCodeCarriesSignal(setup.isolation));
    if (failure) throw new HarnessFault('python-sandbox', failure);
    return raw;
  }
}
