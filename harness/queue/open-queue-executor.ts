/**
 * The executor a run with `--redis URL` uses: the queue (queue-executor.ts) behind the same
 * content-addressed execution cache as a local executor, so duplicate programs of the run
 * are sent once, and an on-disk cache (`--cache-dir`) answers before the queue.
 */
import type { Language } from '../../kernel/task.js';
import { CachingExecutor } from '../../sandbox/execution-cache.js';
import type { Executor } from '../../sandbox/executor.js';
import { DEFAULT_TYPESCRIPT_MODE } from '../../sandbox/javascript/typescript-mode.js';
import type { RunDescription } from '../run/run-description.js';
import { QueueExecutor } from './queue-executor.js';

export async function openQueueExecutor(language: Language, e: RunDescription['execution'], allowMixed: boolean): Promise<Executor> {
  const inner = await QueueExecutor.open({
    redis: e.redis!,
    setup: {
      language,
      kind: e.executor,
      typescript: language === 'typescript' ? (e.typescript ?? DEFAULT_TYPESCRIPT_MODE) : null,
      limits: e.limits,
    },
    allowMixed,
  });
  return new CachingExecutor(inner, { version: inner.version, ...(e.cacheDir ? { dir: e.cacheDir } : {}) });
}
