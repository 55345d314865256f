/**
 * A pool of child processes that host isolates (worker/isolate-worker.mjs), one program at a
 * time each. A V8 fatal error ends only its worker: the pool starts a fresh one and runs the
 * program once more; a second crash is a HarnessFault, except when both crashes were V8
 * aborting for lack of memory (isolated-vm's limit does not catch every allocation), which is
 * the program's `memory` verdict. A worker that outlives the time limit by `graceMs` is killed
 * and the program gets `timeout`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HarnessFault } from '../../harness/core/errors.js';
import type { Limits } from '../executor.js';
import { watchdogOutcome, workerOutOfMemoryOutcome, type RawOutcome } from './outcome.js';

const WORKER_PATH = fileURLToPath(new URL('./worker/isolate-worker.mjs', import.meta.url));
/** Printed by the worker just before it aborts (kept in step with isolate-worker.mjs). */
const CATASTROPHE_MARKER = 'passk-js-worker catastrophic error:';
const COMPONENT = 'javascript-executor';

export interface PoolJob {
  program: string;
  test: string;
  limits: Pick<Limits, 'timeoutMs' | 'memoryMb' | 'outputBytes'>;
}

export interface WorkerPoolOptions {
  size: number;
  /** Replace a worker after this many programs (bounds any slow leak in the native module). */
  recycleAfter: number;
  /** How long past the time limit a worker may stay silent before it is killed. */
  graceMs: number;
}

interface Crash {
  outOfMemory: boolean;
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
  ready: boolean;
  task?: Task;
  runs: number;
  stderrTail: string;
  killedByWatchdog: boolean;
  /** Done with its share of programs; takes no more and exits once disconnected. */
  retiring: boolean;
  closed: Promise<void>;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closing = false;

  constructor(private readonly options: WorkerPoolOptions) {}

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
      slot.child.ref(); // keep the host alive until every worker is gone
      slot.child.kill('SIGKILL');
    }
    await Promise.all(closed);
  }

  private pump(): void {
    while (!this.closing && this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === undefined && !s.retiring);
      if (slot === undefined) {
        if (this.slots.filter((s) => !s.retiring).length >= this.options.size) return;
        slot = this.spawn();
      }
      const task = this.queue.shift()!;
      task.attempts++;
      slot.task = task;
      slot.child.ref();
      slot.child.channel?.ref();
      if (slot.ready) this.send(slot, task);
    }
  }

  private spawn(): Slot {
    const child = fork(WORKER_PATH, [], {
      execArgv: ['--no-node-snapshot'],
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let onClosed!: () => void;
    const slot: Slot = {
      child,
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
    // The stderr pipe alone must not keep the host alive; the IPC channel does while busy.
    (child.stderr as { unref?: () => void } | null)?.unref?.();
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
    task.timer = setTimeout(() => {
      slot.killedByWatchdog = true;
      slot.child.kill('SIGKILL');
    }, task.job.limits.timeoutMs + this.options.graceMs);
    try {
      slot.child.send({ type: 'run', id: task.id, job: task.job });
    } catch {
      slot.child.kill('SIGKILL'); // a closed channel: the crash path takes over on 'close'
    }
  }

  private onMessage(slot: Slot, message: unknown): void {
    const msg = message as { type?: string; id?: number; outcome?: RawOutcome };
    if (msg.type === 'ready') {
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
    slot.child.unref();
    slot.child.channel?.unref();
    if (slot.runs >= this.options.recycleAfter) {
      slot.retiring = true;
      slot.child.disconnect(); // the worker exits on disconnect; a fresh one replaces it on demand
    }
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
    const marker = slot.stderrTail.lastIndexOf(CATASTROPHE_MARKER);
    const lastLine = slot.stderrTail.trim().split('\n').at(-1) ?? '';
    const crash: Crash = {
      outOfMemory: marker >= 0 && /out[- ]of[- ]memory/i.test(slot.stderrTail.slice(marker)),
      description:
        marker >= 0
          ? slot.stderrTail.slice(marker + CATASTROPHE_MARKER.length).split('\n')[0]!.trim()
          : `exit ${signal ?? code}${slot.ready ? '' : ' before it was ready'}${lastLine ? `: ${lastLine}` : ''}`,
    };
    task.crashes.push(crash);
    if (task.attempts < 2) {
      this.queue.unshift(task); // once more, on a fresh worker
    } else if (task.crashes.every((c) => c.outOfMemory)) {
      task.resolve(workerOutOfMemoryOutcome(`V8 aborted the worker: ${crash.description}`, elapsed));
    } else {
      const seen = task.crashes.map((c) => c.description).join('; then ');
      task.reject(new HarnessFault(COMPONENT, `a worker process died twice running one program (${seen})`));
    }
  }
}
