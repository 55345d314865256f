/**
 * The fork-server executor: a pool of warm workers, each in its own sandbox (the same
 * bubblewrap set-up as the subprocess executor), forking a fresh child per program. All
 * but the launch step is shared with the subprocess executor (python-executor.ts: same
 * runner, same classify), so the two agree program for program; this one skips
 * interpreter start-up per program.
 *
 * This executor is the only retry layer: the pool does not retry, and a job whose worker
 * died (a HarnessFault) is tried once more on a fresh worker by the shared base; a second
 * death is a HarnessFault, never a verdict.
 */
import { DEFAULT_LIMITS, type Limits } from '../executor.js';
import type { RawOutcome } from './classify.js';
import { FORKSERVER_PROCESSES, type RunnerJob, type RunBounds } from './job.js';
import { PythonExecutor } from './python-executor.js';
import { tmpfsBytes, type SandboxSetup } from './sandbox-setup.js';
import { WarmWorker } from './warm-worker.js';
import { WarmWorkerPool } from './warm-worker-pool.js';

/** The worker draws a fresh nonce for each forked child. */
const WORKER_MAKES_NONCE = '';

export class ForkserverPythonExecutor extends PythonExecutor {
  readonly name = 'python-forkserver';
  protected readonly ownProcesses = FORKSERVER_PROCESSES;
  protected readonly factsSuffix = '; warm fork-server workers, one sandbox each, a fresh fork per program';
  #pool: WarmWorkerPool | undefined;

  /** Workers lost while running a program since the executor started. */
  get lostWorkers(): number {
    return this.#pool?.lost ?? 0;
  }

  /** The worker waits on its child directly: exit codes and signals are real ones. */
  protected exitCodeCarriesSignal(): boolean {
    return false;
  }

  protected nonce(): string {
    return WORKER_MAKES_NONCE;
  }

  protected launch(setup: SandboxSetup, job: RunnerJob, _limits: Limits, bounds: RunBounds): Promise<RawOutcome> {
    return this.#poolFor(setup).run(job, bounds);
  }

  /** All the workers start before the first program needs one. */
  protected override prepareLaunching(setup: SandboxSetup): void {
    this.#poolFor(setup).prestart();
  }

  #poolFor(setup: SandboxSetup): WarmWorkerPool {
    // Workers get the default tmpfs cap; the per-program file size limit is an rlimit.
    const preload = this.options.preload ?? [];
    this.#pool ??= new WarmWorkerPool(this.options.jobs ?? 2, () => WarmWorker.start(setup.isolation, tmpfsBytes(DEFAULT_LIMITS), preload));
    return this.#pool;
  }

  protected async stopLaunching(): Promise<void> {
    await this.#pool?.close();
  }
}
