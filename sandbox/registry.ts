/**
 * Executors by language and kind: the one place the CLI and the pipelines get an executor.
 * Every executor sits behind the content-addressed execution cache (identical programs run
 * once per run; an on-disk cache across runs is opt-in), and Python time limits can be
 * scaled from each task's reference solution.
 */
import { PasskError } from '../kernel/errors.js';
import type { Language, Task } from '../kernel/task.js';
import { CachingExecutor } from './execution-cache.js';
import type { Executor, Limits } from './executor.js';
import { createJavaScriptExecutor } from './javascript/executor.js';
import { createCachedPythonExecutor } from './python/index.js';
import { timeoutsFromReference } from './reference-timing.js';

export type ExecutorKind = 'forkserver' | 'subprocess';

export interface CreateExecutorOptions {
  kind: ExecutorKind;
  jobs: number;
  cacheDir?: string;
  timeoutFromReference?: number;
  tasks: readonly Task[];
  limits: Limits;
}

export interface CreatedExecutor {
  executor: Executor;
  /** Per-task limits when they differ from the defaults (time limits scaled from the reference). */
  limitsFor?: (task: Task) => Limits;
}

/** Bump when the JavaScript executor's verdicts could change for the same program. */
const JAVASCRIPT_EXECUTOR_VERSION = 'javascript-isolated-vm-1';

export async function createExecutor(language: Language, options: CreateExecutorOptions): Promise<CreatedExecutor> {
  if (language === 'javascript') {
    if (options.timeoutFromReference !== undefined) {
      throw new PasskError('E_CONFIG', '--timeout-from-reference is only available for Python benchmarks', '--timeout-from-reference');
    }
    const inner = createJavaScriptExecutor({ jobs: options.jobs });
    return { executor: new CachingExecutor(inner, { version: JAVASCRIPT_EXECUTOR_VERSION, ...(options.cacheDir ? { dir: options.cacheDir } : {}) }) };
  }
  const executor = createCachedPythonExecutor({ kind: options.kind, jobs: options.jobs, cacheDir: options.cacheDir });
  if (options.timeoutFromReference === undefined) return { executor };
  const limitMs = await timeoutsFromReference(executor, [...options.tasks], { factor: options.timeoutFromReference, limits: options.limits });
  return {
    executor,
    limitsFor: (task) => ({ ...options.limits, timeoutMs: limitMs.get(task.id) ?? options.limits.timeoutMs }),
  };
}
