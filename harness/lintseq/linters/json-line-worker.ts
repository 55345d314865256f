/**
 * A long-lived helper process spoken to in JSON lines, with request batching: requests
 * made in the same turn of the event loop go out as one line and come back as one line,
 * so many concurrent LintSeq paths pay one round trip, not one each. The process is kept
 * referenced only while requests are in flight, so an idle worker never holds Node open.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ByteLines } from '../../../kernel/byte-lines.js';
import { HarnessFault } from '../../../kernel/errors.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class JsonLineWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private queue: unknown[][] = [];
  private nextId = 1;
  private scheduled = false;
  /** A batch's replies come back as one line, which can be long. */
  private readonly lines = new ByteLines();
  private failure: Error | null = null;
  private stderr = '';
  private readonly exited: Promise<void>;

  constructor(
    private readonly component: string,
    command: string,
    args: readonly string[],
  ) {
    this.child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      for (const line of this.lines.push(chunk)) this.onLine(line);
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.child.stdin.on('error', () => {}); // reported through 'exit'
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        this.fail(new HarnessFault(this.component, `cannot start ${command}: ${err.message}`));
        resolve();
      });
      this.child.on('exit', (code, signal) => {
        this.fail(new HarnessFault(this.component, `worker exited (${signal ?? code})${this.stderr ? `: ${this.stderr.trim()}` : ''}`));
        resolve();
      });
    });
    this.setRef(false);
  }

  /** Sends `[id, ...args]` in the next batch; resolves with the worker's reply for it. */
  request(args: readonly unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push([id, ...args]);
    this.setRef(true);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return promise;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0 || this.failure) return;
    const batch = this.queue;
    this.queue = [];
    this.child.stdin.write(`${JSON.stringify(batch)}\n`);
  }

  private onLine(line: string): void {
    let replies: Array<[number, unknown]>;
    try {
      replies = JSON.parse(line);
    } catch {
      this.fail(new HarnessFault(this.component, `unreadable reply: ${line.slice(0, 200)}`));
      this.child.kill();
      return;
    }
    for (const [id, value] of replies) {
      const p = this.pending.get(id);
      this.pending.delete(id);
      p?.resolve(value);
    }
    if (this.pending.size === 0) this.setRef(false);
  }

  private fail(error: Error): void {
    if (!this.failure) this.failure = error;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
    this.setRef(false);
  }

  private setRef(on: boolean): void {
    const streams = [this.child.stdout, this.child.stderr, this.child.stdin] as unknown as Array<{ ref?: () => void; unref?: () => void }>;
    if (on) {
      this.child.ref();
      for (const s of streams) s.ref?.();
    } else {
      this.child.unref();
      for (const s of streams) s.unref?.();
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.setRef(true); // wait for the exit, keeping Node alive meanwhile
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      timer.unref();
      await this.exited;
      clearTimeout(timer);
    }
  }
}
