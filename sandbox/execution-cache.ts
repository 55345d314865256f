/**
 * A content-addressed execution cache: an Executor wrapper keyed by the sha256 of
 * (program, test spec, limits, executor name and version). Identical programs, common at
 * low temperature, run once per run; identical requests in flight share one execution.
 * Results served from the cache are marked `cached: true`.
 *
 * In memory by default (one run). An on-disk folder shared across runs is opt-in: one
 * small JSON file per key, written atomically; deleting the folder is always safe.
 * Harness faults are never cached; timeouts are cached in memory only (a timeout on a
 * loaded machine should get another chance in a later run). A request marked `confirm`
 * runs again once per key, and its answer replaces the cached one for later requests.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task } from '../kernel/task.js';
import { isVerdict } from '../kernel/verdict.js';
import { sha256 } from '../kernel/hash.js';
import type { Execution, ExecutionRequest, Executor, SandboxFacts } from './executor.js';

export interface CachedExecution extends Execution {
  /** Served from the cache (or from an identical execution in flight), not run for this request. */
  cached?: true;
}

export interface ExecutionCacheOptions {
  /** On-disk cache folder (opt-in). */
  dir?: string;
  /** Changes whenever the executor's behaviour does (e.g. a hash of its runner files). */
  version: string;
}

export interface CacheStats {
  /** Requests that ran the inner executor. */
  executed: number;
  /** Requests answered from memory, disk, or an identical execution in flight. */
  hits: number;
}

const DISK_FORMAT = 1;

export function executionKey(request: ExecutionRequest, executor: string, version: string): string {
  const { program, task, limits } = request;
  return sha256(JSON.stringify({ program, test: task.test, limits, executor, version }));
}

function isExecution(value: unknown): value is Execution {
  const v = value as Execution | null;
  return typeof v === 'object' && v !== null && isVerdict(v.verdict) && typeof v.durationMs === 'number';
}

export class CachingExecutor implements Executor {
  readonly name: string;
  readonly language: Executor['language'];
  readonly #inner: Executor;
  readonly #options: ExecutionCacheOptions;
  readonly #memo = new Map<string, Promise<Execution>>();
  /** Keys whose confirmation has run (or is running): later confirmations share it. */
  readonly #confirmed = new Set<string>();
  readonly stats: CacheStats = { executed: 0, hits: 0 };

  constructor(inner: Executor, options: ExecutionCacheOptions) {
    this.#inner = inner;
    this.#options = options;
    this.name = inner.name;
    this.language = inner.language;
  }

  facts(): Promise<SandboxFacts> {
    return this.#inner.facts();
  }

  /** Not cached here: the inner executor measures each task's reference once. */
  referenceMs(task: Task): Promise<number | null> {
    return this.#inner.referenceMs(task);
  }

  referenceInputsMs(task: Task): Promise<Array<number | null> | null> {
    return this.#inner.referenceInputsMs?.(task) ?? Promise.resolve(null);
  }

  async execute(request: ExecutionRequest): Promise<CachedExecution> {
    const key = executionKey(request, this.#inner.name, this.#options.version);
    if (request.confirm && !this.#confirmed.has(key)) return this.#confirm(key, request);
    const known = this.#memo.get(key);
    if (known) {
      this.stats.hits++;
      return { ...(await known), cached: true };
    }
    const pending = this.#produce(key, request);
    const shared = pending.then((r) => r.execution);
    shared.catch(() => this.#memo.delete(key)); // faults are not cached
    this.#memo.set(key, shared);
    const { execution, fromDisk } = await pending;
    return fromDisk ? { ...execution, cached: true } : execution;
  }

  async #confirm(key: string, request: ExecutionRequest): Promise<Execution> {
    this.#confirmed.add(key);
    this.stats.executed++;
    const fresh = this.#inner.execute(request);
    this.#memo.set(key, fresh);
    fresh.catch(() => {
      this.#memo.delete(key);
      this.#confirmed.delete(key);
    });
    const execution = await fresh;
    if (execution.verdict !== 'timeout') await this.#writeDisk(key, execution);
    return execution;
  }

  async #produce(key: string, request: ExecutionRequest): Promise<{ execution: Execution; fromDisk: boolean }> {
    const stored = await this.#readDisk(key);
    if (stored) {
      this.stats.hits++;
      return { execution: stored, fromDisk: true };
    }
    this.stats.executed++;
    const execution = await this.#inner.execute(request);
    if (execution.verdict !== 'timeout') await this.#writeDisk(key, execution);
    return { execution, fromDisk: false };
  }

  #path(key: string): string | undefined {
    return this.#options.dir ? join(this.#options.dir, key.slice(0, 2), `${key}.json`) : undefined;
  }

  async #readDisk(key: string): Promise<Execution | undefined> {
    const path = this.#path(key);
    if (!path) return undefined;
    try {
      const record = JSON.parse(await readFile(path, 'utf8')) as { format?: number; key?: string; execution?: unknown };
      if (record.format === DISK_FORMAT && record.key === key && isExecution(record.execution)) return record.execution;
    } catch {
      // missing or unreadable: a miss
    }
    return undefined;
  }

  async #writeDisk(key: string, execution: Execution): Promise<void> {
    const path = this.#path(key);
    if (!path) return;
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(join(this.#options.dir!, key.slice(0, 2)), { recursive: true });
      await writeFile(temp, JSON.stringify({ format: DISK_FORMAT, key, execution }));
      await rename(temp, path);
    } catch {
      // The disk cache is an optimisation: a write that fails is a miss next time.
    }
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
