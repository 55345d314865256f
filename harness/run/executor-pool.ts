/**
 * Executors kept open across the runs of a suite: runs whose programs need the same
 * sandbox (language, kind, jobs, limits, interpreter, preloaded libraries, caches) get the
 * same warm executor instead of starting their own; the pool closes them all at the end.
 * The reference cache of a folder is shared the same way, and each run records only what
 * it loaded and stored itself (runner.ts takes the difference). Notes from a shared
 * executor go to the run now using it.
 */
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { Language } from '../../kernel/task.js';
import type { Executor } from '../../sandbox/executor.js';
import { ReferenceCache } from '../../sandbox/python/reference-cache.js';
import { createExecutor, type CreateExecutorOptions } from '../../sandbox/registry.js';

export class ExecutorPool {
  private readonly executors = new Map<string, Executor>();
  private readonly caches = new Map<string, ReferenceCache>();
  private noteListener: ((line: string) => void) | null = null;

  /** The executor for these settings: the open one, or a new one kept for the next run. */
  open(language: Language, options: CreateExecutorOptions): Executor {
    const { onNote, referenceCache, ...settings } = options;
    this.noteListener = onNote ?? null;
    const key = canonicalJson({ language, ...settings, referenceCache: referenceCache?.dir ?? null });
    let executor = this.executors.get(key);
    if (!executor) {
      executor = createExecutor(language, {
        ...settings,
        ...(referenceCache ? { referenceCache } : {}),
        onNote: (line) => this.noteListener?.(line),
      });
      this.executors.set(key, executor);
    }
    return executor;
  }

  referenceCache(dir: string): ReferenceCache {
    let cache = this.caches.get(dir);
    if (!cache) this.caches.set(dir, (cache = new ReferenceCache(dir)));
    return cache;
  }

  /** How many executors were started (one per distinct sandbox setting). */
  get size(): number {
    return this.executors.size;
  }

  async close(): Promise<void> {
    const all = [...this.executors.values()];
    this.executors.clear();
    await Promise.all(all.map((e) => e.close()));
  }
}
