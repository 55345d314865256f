/**
 * A pool of worker threads running LintSeq chunks. Threads load TypeScript through tsx's
 * loader (registered inside each thread, since loader hooks are per thread here). Results
 * are keyed by record index, so the output does not depend on the number of threads.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HarnessFault } from '../../../kernel/errors.js';
import type { JobConfig, ProgramJob, ProgramResult } from './job.js';

/** tsx's ESM API entry (import.meta.resolve where the runtime has it, else from its package folder). */
function tsxLoaderUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    const folder = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    return pathToFileURL(join(folder, 'dist/esm/api/index.mjs')).href;
  }
}

type Waiter = { resolve: (r: ProgramResult[]) => void; reject: (e: Error) => void };

class PoolThread {
  readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(config: JobConfig) {
    const tsx = tsxLoaderUrl();
    const entry = new URL('./thread.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    this.worker = new Worker(boot, { eval: true, workerData: config });
    this.worker.on('message', (m: { id: number; results?: ProgramResult[]; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) w?.reject(new HarnessFault('lintseq-thread', m.error));
      else w?.resolve(m.results!);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const w of this.waiting.values()) w.reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', (e) => fail(new HarnessFault('lintseq-thread', e.message)));
    this.worker.on('exit', (code) => fail(new HarnessFault('lintseq-thread', `thread exited (${code})`)));
  }

  get load(): number {
    return this.waiting.size;
  }

  run(jobs: ProgramJob[]): Promise<ProgramResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, jobs });
    });
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export class LintSeqPool {
  private readonly threads: PoolThread[];

  constructor(config: JobConfig, size: number) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => new PoolThread(config));
  }

  /** Runs a chunk on the least busy thread. */
  run(jobs: ProgramJob[]): Promise<ProgramResult[]> {
    const thread = this.threads.reduce((a, b) => (b.load < a.load ? b : a));
    return thread.run(jobs);
  }

  close(): Promise<void[]> {
    return Promise.all(this.threads.map((t) => t.close()));
  }
}
