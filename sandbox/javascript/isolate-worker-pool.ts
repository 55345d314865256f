/**
 * A pool of child processes that host isolates (worker/isolate-worker.mjs), one program at a
 * time each, every one under an OS memory cap sized from its programs' memoryMb
 * (worker-process.ts); a worker is checked to really run under it before it gets a program.
 *
 * A V8 fatal error ends only its worker: the pool starts a fresh one and runs the program once
 * more. After a second crash the program gets `memory` if both crashes were the process running
 * out of memory (V8 or isolated-vm giving up on the heap, an allocation refused by the cap, an
 * allocation too large for V8), `timeout` if isolated-vm could not stop it at the time limit,
 * and any other double crash is a HarnessFault. A worker that outlives the time limit by
 * `graceMs` is killed and the program gets `timeout`; a TypeScript program's compile budget comes
 * on top of its time limit (it is compiled before its clock starts).
 */
import type { ChildProcess } from 'node:child_process';
import { HarnessFault } from '../../kernel/errors.js';
import type { Limits } from '../executor.js';
import type { TypeScriptMode } from './typescript-mode.js';
import { watchdogOutcome, workerCrashOutcome, type RawOutcome } from './outcome.js';
import { dataLimitFromProcLimits, spawnCappedWorker, workerDataCapBytes } from './worker-process.js';

/**
 * What a process that ran out of memory prints: isolated-vm's catastrophic-error hook (the
 * worker prints it), V8's "Fatal process out of memory" / "Allocation failed - process out of
 * memory" (also when the OS cap refuses V8 a page), a C++ allocation refused by the cap, or an
 * allocation too large to represent ("invalid size error", e.g. splitting a 256 MiB string
 * into an array).
 */
const MEMORY_CRASH = /out[- ]of[- ]memory|std::bad_alloc|Fatal JavaScript invalid (size|table size|array length) error/i;
/** isolated-vm's catastrophe when a program (say, a huge regexp compiling) ignores termination. */
const TIMEOUT_CRASH = /Script failed to terminate/i;
const COMPONENT = 'javascript-executor';

export interface PoolJob {
  program: string;
  test: string;
  limits: Pick<Limits, 'timeoutMs' | 'memoryMb' | 'outputBytes'>;
  /** A stdin/stdout job: the input, as the global string `stdin`; the whole stdout comes back (up to the cap). */
  stdin?: string;
  /** TypeScript: compiled (in typecheck mode, checked) first, within `budgetMs`. */
  typescript?: { mode: TypeScriptMode; budgetMs: number };
}

export interface IsolateWorkerPoolOptions {
  size: number;
  /** Replace a worker after this many programs (bounds any slow leak in the native module). */
  recycleAfter: number;
  /** How long past the time limit a worker may stay silent before it is killed. */
  graceMs: number;
  /** Workers load the TypeScript compiler before they take a program (TypeScript runs). */
  typescript?: boolean;
}

export interface Crash {
  /** What the program did to its worker, when the worker's last words say so. */
  cause: 'memory' | 'timeout' | 'unknown';
  description: string;
}

interface Task {
  id: number;
  job: PoolJob;
  attempts: number;
  crashes: Crash[];
  startedAt: number;
  timer?: NodeJS.Timeout;
  resolve(outcome: RawOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  child: ChildProcess;
  /** The isolate heap limit of the programs it runs; its memory cap is sized from it. */
  memoryMb: number;
  ready: boolean;
  task?: Task;
  runs: number;
  stderrTail: string;
  killedByWatchdog: boolean;
  /** Why the pool itself killed it before it ran anything (no memory cap in force). */
  refused?: string;
  /** Done with its share of programs; takes no more and exits once disconnected. */
  retiring: boolean;
  closed: Promise<void>;
}

/**
 * The line that best says why a worker died, and whether the program caused it. Reads the
 * worker's own stderr, which a program cannot write to (its console output goes to the host as
 * copied strings), so a program cannot pass off another crash as its own.
 */
export function diagnose(stderr: string, exit: string): Crash {
  const lines = stderr
    .split('\n')
    .map((line) =>
      line
        .replace(/^#\s*/, '')
        .replace(/^passk-js-worker catastrophic error:\s*/, '')
        .trim(),
    )
    .filter((line) => line !== '');
  const known = (pattern: RegExp) => lines.find((line) => pattern.test(line));
  const memory = known(MEMORY_CRASH);
  const timeout = known(TIMEOUT_CRASH);
  const telling = memory ?? timeout ?? known(/fatal|error/i) ?? lines.at(-1);
  const description = telling ? `${exit}: ${telling.slice(0, 200)}` : exit;
  return { cause: memory ? 'memory' : timeout ? 'timeout' : 'unknown', description };
}

export class IsolateWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closing = false;

  constructor(private readonly options: IsolateWorkerPoolOptions) {}

  run(job: PoolJob): Promise<RawOutcome> {
    if (this.closing) return Promise.reject(new HarnessFault(COMPONENT, 'the executor is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, attempts: 0, crashes: [], startedAt: 0, resolve, reject });
      this.pump();
    });
  }

  /** Process ids of the live workers (for tests that check nothing is left behind). */
  pids(): number[] {
    return this.slots.flatMap((slot) => (slot.child.pid === undefined ? [] : [slot.child.pid]));
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const task of this.queue.splice(0)) task.reject(new HarnessFault(COMPONENT, 'the executor was closed'));
    const closed = this.slots.map((slot) => slot.closed);
    for (const slot of this.slots) {
      holdHost(slot, true); // keep the host alive until every worker is gone, stderr drained
      slot.child.kill('SIGKILL');
    }
    await Promise.all(closed);
  }

  private pump(): void {
    while (!this.closing && this.queue.length > 0) {
      const memoryMb = this.queue[0]!.job.limits.memoryMb;
      let slot = this.slots.find((s) => s.task === undefined && !s.retiring && s.memoryMb === memoryMb);
      if (slot === undefined) {
        if (this.slots.filter((s) => !s.retiring).length >= this.options.size) {
          // Full: an idle worker capped for another memory limit makes room, if there is one.
          const other = this.slots.find((s) => s.task === undefined && !s.retiring);
          if (other === undefined) return;
          this.retire(other);
        }
        slot = this.spawn(memoryMb);
      }
      const task = this.queue.shift()!;
      task.attempts++;
      slot.task = task;
      holdHost(slot, true);
      if (slot.ready) this.send(slot, task);
    }
  }

  /** No more programs for this worker; it exits once disconnected. */
  private retire(slot: Slot): void {
    slot.retiring = true;
    if (slot.child.connected) slot.child.disconnect();
  }

  private spawn(memoryMb: number): Slot {
    const child = spawnCappedWorker(memoryMb, this.options.typescript);
    let onClosed!: () => void;
    const slot: Slot = {
      child,
      memoryMb,
      ready: false,
      runs: 0,
      stderrTail: '',
      killedByWatchdog: false,
      retiring: false,
      closed: new Promise((resolve) => (onClosed = resolve)),
    };
    this.slots.push(slot);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderrTail = (slot.stderrTail + chunk).slice(-8192);
    });
    // An idle worker must not keep the host alive; a busy one does (holdHost).
    holdHost(slot, false);
    child.on('message', (message: unknown) => this.onMessage(slot, message));
    // Done when the process has exited and its stderr is drained (the crash diagnosis reads
    // it). Not 'close': after disconnect() Node 20 may never emit it.
    let exited: [number | null, NodeJS.Signals | null] | undefined;
    let drained = child.stderr === null;
    let settled = false;
    const settle = () => {
      if (settled || exited === undefined || !drained) return;
      settled = true;
      this.onClose(slot, ...exited);
      onClosed();
    };
    child.stderr?.on('close', () => {
      drained = true;
      settle();
    });
    child.on('error', (error) => {
      slot.stderrTail += `\n${error.message}`;
      if (child.pid === undefined && exited === undefined) {
        // It never started: no 'exit' will come.
        exited = [null, null];
        drained = true;
        settle();
      }
    });
    child.on('exit', (code, signal) => {
      exited = [code, signal];
      settle();
    });
    return slot;
  }

  private send(slot: Slot, task: Task): void {
    task.startedAt = performance.now();
    slot.stderrTail = ''; // a crash is diagnosed from what this program's run printed
    task.timer = setTimeout(
      () => {
        slot.killedByWatchdog = true;
        slot.child.kill('SIGKILL');
      },
      task.job.limits.timeoutMs + this.options.graceMs + (task.job.typescript?.budgetMs ?? 0),
    );
    try {
      slot.child.send({ type: 'run', id: task.id, job: task.job });
    } catch {
      slot.child.kill('SIGKILL'); // a closed channel: the crash path takes over on 'close'
    }
  }

  private onMessage(slot: Slot, message: unknown): void {
    const msg = message as { type?: string; id?: number; outcome?: RawOutcome; procLimits?: string | null };
    if (msg.type === 'ready') {
      // Fail closed: a worker whose memory cap is not verifiably in force runs nothing.
      const cap = workerDataCapBytes(slot.memoryMb, this.options.typescript);
      const limit = typeof msg.procLimits === 'string' ? dataLimitFromProcLimits(msg.procLimits) : undefined;
      if (limit === undefined || limit > cap) {
        slot.refused = `the worker started without its memory cap (RLIMIT_DATA ${limit ?? 'unreadable'}, wanted at most ${cap})`;
        slot.child.kill('SIGKILL');
        return;
      }
      slot.ready = true;
      if (slot.task) this.send(slot, slot.task);
      return;
    }
    const task = slot.task;
    if (msg.type !== 'result' || task === undefined || msg.id !== task.id || msg.outcome === undefined) return;
    clearTimeout(task.timer);
    slot.task = undefined;
    slot.runs++;
    task.resolve(msg.outcome);
    holdHost(slot, false);
    // A fresh worker replaces it on demand.
    if (slot.runs >= this.options.recycleAfter) this.retire(slot);
    this.pump();
  }

  private onClose(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const task = slot.task;
    slot.task = undefined;
    if (task !== undefined) {
      clearTimeout(task.timer);
      const elapsed = task.startedAt ? performance.now() - task.startedAt : 0;
      if (this.closing) task.reject(new HarnessFault(COMPONENT, 'the executor was closed while the program ran'));
      else if (slot.killedByWatchdog) task.resolve(watchdogOutcome(elapsed));
      else this.onCrash(task, slot, code, signal, elapsed);
    }
    this.pump();
  }

  private onCrash(task: Task, slot: Slot, code: number | null, signal: NodeJS.Signals | null, elapsed: number): void {
    const exit = `exit ${signal ?? code}${slot.ready ? '' : ' before it was ready'}`;
    const crash: Crash = slot.refused ? { cause: 'unknown', description: slot.refused } : diagnose(slot.stderrTail, exit);
    task.crashes.push(crash);
    if (task.attempts < 2) {
      this.queue.unshift(task); // once more, on a fresh worker
    } else if (crash.cause !== 'unknown' && task.crashes.every((c) => c.cause === crash.cause)) {
      task.resolve(workerCrashOutcome(crash.cause, crash.description, elapsed));
    } else {
      const seen = task.crashes.map((c) => c.description).join('; then ');
      task.reject(new HarnessFault(COMPONENT, `a worker process died twice running one program (${seen})`));
    }
  }
}

/**
 * Whether a worker keeps the host's event loop alive: yes while it runs a program or is
 * being closed, no while idle. The stderr pipe counts too: once the process has exited its
 * handle is gone, and the slot settles only when stderr is drained; an unreferenced pipe
 * would let the host exit first with the program's promise never settled.
 */
function holdHost(slot: Slot, hold: boolean): void {
  const stderr = slot.child.stderr as { ref?: () => void; unref?: () => void } | null;
  if (hold) {
    slot.child.ref();
    slot.child.channel?.ref();
    stderr?.ref?.();
  } else {
    slot.child.unref();
    slot.child.channel?.unref();
    stderr?.unref?.();
  }
}
