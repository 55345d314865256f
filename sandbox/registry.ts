/**
 * Executors by language and kind: the one place the CLI and the pipelines get an executor.
 */
import { PasskError } from '../harness/core/errors.js';
import type { Language, Task } from '../harness/core/task.js';
import type { Executor, Limits } from './executor.js';
import { createJavaScriptExecutor } from './javascript/executor.js';
import { createPythonExecutor } from './python/index.js';

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

export async function createExecutor(language: Language, options: CreateExecutorOptions): Promise<CreatedExecutor> {
  if (language === 'javascript') {
    if (options.timeoutFromReference !== undefined) {
      throw new PasskError('E_CONFIG', '--timeout-from-reference is only available for Python benchmarks', '--timeout-from-reference');
    }
    return { executor: createJavaScriptExecutor({ jobs: options.jobs }) };
  }
  const executor = createPythonExecutor({ kind: options.kind, jobs: options.jobs });
  return { executor };
}
