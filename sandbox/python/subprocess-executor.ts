/**
 * The subprocess executor: one fresh sandboxed interpreter per program (bubblewrap when
 * available). Slow (interpreter start-up per program) but simple; the forkserver
 * executor is the fast path and must agree with it. Everything but the launch step is
 * shared with it (python-executor.ts).
 *
 * This executor is the only retry layer: a launch that fails with a HarnessFault (the
 * sandbox could not be started, or ended before it started the program) is tried once
 * more by the shared base, then the fault propagates.
 */
import pLimit from 'p-limit';
import { HarnessFault } from '../../kernel/errors.js';
import type { Limits } from '../executor.js';
import type { RawOutcome } from './classify.js';
import type { Isolation } from './isolation.js';
import { newNonce, ONE_SHOT_PROCESSES, type RunnerJob, type RunBounds } from './job.js';
import { launch as launchRunner } from './launch.js';
import { PythonExecutor, type PythonSandboxOptions } from './python-executor.js';
import { tmpfsBytes, type SandboxSetup } from './sandbox-setup.js';

export class SubprocessPythonExecutor extends PythonExecutor {
  readonly name = 'python-subprocess';
  protected readonly ownProcesses = ONE_SHOT_PROCESSES;
  protected readonly factsSuffix = '';
  readonly #slots: ReturnType<typeof pLimit>;

  constructor(options: PythonSandboxOptions = {}) {
    super(options);
    this.#slots = pLimit(Math.max(1, options.jobs ?? 2));
  }

  /** bubblewrap reports a killed program as exit code 128 + signal; without it the exit code is the program's. */
  protected exitCodeCarriesSignal(isolation: Isolation): boolean {
    return isolation.exitCodeCarriesSignal;
  }

  protected nonce(): string {
    return newNonce();
  }

  protected launch(setup: SandboxSetup, job: RunnerJob, limits: Limits, bounds: RunBounds): Promise<RawOutcome> {
    return this.#slots(async () => {
      const cmd = await setup.isolation.command('passk_driver.py', tmpfsBytes(limits));
      try {
        const raw = await launchRunner({ ...cmd, ...bounds, input: JSON.stringify(job), nonce: job.nonce });
        if (raw.spawnError)
          throw new HarnessFault('python-sandbox', `cannot start the sandbox: ${raw.spawnError.message}`, { cause: raw.spawnError });
        return raw;
      } finally {
        await cmd.cleanup();
      }
    });
  }

  protected async stopLaunching(): Promise<void> {
    // Nothing stays running between programs.
  }
}
