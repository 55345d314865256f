/**
 * One warm fork-server worker (py/passk_worker.py) in its own sandbox: the harness side
 * of its line protocol. Jobs go down stdin as JSON lines; outcomes come back on fd 3 as
 * JSON lines (the same RawOutcome the subprocess executor builds). A worker runs one job
 * at a time. If it dies or stops answering, the pending job rejects with WorkerLost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { ByteLines } from '../../kernel/byte-lines.js';
import type { RawOutcome } from './classify.js';
import type { Isolation, RunnerCommand } from './isolation.js';
import type { RunBounds, RunnerJob } from './job.js';

export class WorkerLost extends Error {
  override readonly name = 'WorkerLost';
}

/** Slack on top of the worker's own limits before the harness gives up on it. */
const UNRESPONSIVE_SLACK_MS = 15_000;
const READY_TIMEOUT_MS = 60_000;
const STDERR_TAIL = 4096;

type Pending = { resolve: (raw: RawOutcome) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

export class WarmWorker {
  readonly #child: ChildProcess;
  readonly #command: RunnerCommand;
  #pending: Pending | undefined;
  #ready: Pending | undefined;
  /** fd 3 as lines: a reference's report is one line of many megabytes. */
  readonly #lines = new ByteLines();
  #stderrTail = '';
  #nextId = 0;
  #dead: Error | undefined;

  private constructor(command: RunnerCommand) {
    this.#command = command;
    this.#child = spawn(command.argv[0]!, command.argv.slice(1), {
      cwd: command.cwd,
      env: command.env,
      detached: command.ownGroup,
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    });
    (this.#child.stdin as Writable).on('error', () => undefined);
    (this.#child.stderr as Readable).on('data', (chunk: Buffer) => {
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    (this.#child.stdio[3] as Readable).on('data', (chunk: Buffer) => this.#onData(chunk));
    this.#child.on('error', (err) => this.#die(new WorkerLost(`worker could not start: ${err.message}`)));
    this.#child.on('exit', (code, signal) =>
      this.#die(new WorkerLost(`worker exited (${signal ?? `code ${code}`}): ${this.#stderrTail.trim().slice(-600)}`)),
    );
  }

  /** `preload`: modules the worker imports before it forks (a benchmark's libraries). */
  static async start(isolation: Isolation, tmpfsBytes: number, preload: readonly string[] = []): Promise<WarmWorker> {
    const command = await isolation.command('passk_worker.py', tmpfsBytes, true, preload);
    const worker = new WarmWorker(command);
    await new Promise<RawOutcome>((resolve, reject) => {
      const timer = setTimeout(() => worker.#die(new WorkerLost('worker did not become ready')), READY_TIMEOUT_MS);
      worker.#ready = { resolve, reject, timer };
    });
    worker.#setRef(false);
    return worker;
  }

  get alive(): boolean {
    return !this.#dead;
  }

  run(job: RunnerJob, options: RunBounds): Promise<RawOutcome> {
    if (this.#dead) return Promise.reject(this.#dead);
    if (this.#pending) return Promise.reject(new Error('warm worker is busy'));
    const id = this.#nextId++;
    this.#setRef(true);
    return new Promise<RawOutcome>((resolve, reject) => {
      const limit = options.startupTimeoutMs + options.timeoutMs + UNRESPONSIVE_SLACK_MS;
      const timer = setTimeout(() => this.#die(new WorkerLost(`worker stopped answering (${limit} ms)`)), limit);
      this.#pending = {
        resolve: (raw) => {
          this.#setRef(false);
          resolve(raw);
        },
        reject,
        timer,
      };
      (this.#child.stdin as Writable).write(`${JSON.stringify({ id, job, ...options })}\n`);
    });
  }

  /** Ends the worker: closing stdin lets it exit; a kill follows if it does not. */
  async close(): Promise<void> {
    if (!this.#dead) {
      // Held while it ends: an idle worker is unref'd, and a harness awaiting only this close would otherwise exit mid-await.
      this.#setRef(true);
      (this.#child.stdin as Writable).end();
      const killer = setTimeout(() => this.#kill(), 1000);
      await new Promise((resolve) => this.#child.once('close', resolve));
      clearTimeout(killer);
    }
    await this.#command.cleanup();
  }

  #onData(chunk: Buffer): void {
    for (const line of this.#lines.push(chunk)) if (line.trim()) this.#onMessage(line);
  }

  #onMessage(line: string): void {
    let message: (RawOutcome & { id?: number; ready?: boolean }) | undefined;
    try {
      message = JSON.parse(line);
    } catch {
      return this.#die(new WorkerLost(`worker sent a malformed line: ${line.slice(0, 200)}`));
    }
    const waiting = message?.ready ? this.#ready : this.#pending;
    if (!waiting) return this.#die(new WorkerLost('worker sent an unexpected message'));
    clearTimeout(waiting.timer);
    if (message?.ready) this.#ready = undefined;
    else this.#pending = undefined;
    waiting.resolve(message!);
  }

  #die(err: Error): void {
    if (this.#dead) return;
    this.#dead = err;
    this.#kill();
    for (const waiting of [this.#ready, this.#pending]) {
      if (!waiting) continue;
      clearTimeout(waiting.timer);
      waiting.reject(err);
    }
    this.#ready = this.#pending = undefined;
    void this.#command.cleanup();
  }

  #kill(): void {
    try {
      if (this.#command.ownGroup && this.#child.pid) process.kill(-this.#child.pid, 'SIGKILL');
      else this.#child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  /** An idle worker must not keep the harness process alive. */
  #setRef(on: boolean): void {
    const handles = [this.#child, this.#child.stdin, this.#child.stderr, this.#child.stdio[3]] as unknown as Array<{
      ref?: () => void;
      unref?: () => void;
    } | null>;
    for (const h of handles) (on ? h?.ref : h?.unref)?.call(h);
  }
}
