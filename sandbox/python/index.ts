/**
 * Python executors. `createPythonExecutor` is the one entry point the rest of passk uses.
 */
import { CachingExecutor, type ExecutionCacheOptions } from '../execution-cache.js';
import type { Executor } from '../executor.js';
import type { IsolationPreference } from './isolation.js';
import { ForkserverPythonExecutor } from './forkserver-executor.js';
import { runnerVersion } from './runner-files.js';
import { SubprocessPythonExecutor } from './subprocess-executor.js';

export interface PythonExecutorOptions {
  /**
   * 'forkserver' (default): warm sandboxed workers forking a child per program; 'subprocess':
   * a fresh sandboxed interpreter per program. Both pass the same conformance suite.
   */
  kind?: 'subprocess' | 'forkserver';
  /** Programs running at once. */
  jobs?: number;
  /** Interpreter (default /usr/bin/python3 when it exists, else python3 on PATH). */
  python?: string;
  /** 'auto' (default): bubblewrap when it works, else rlimits with a warning; 'bwrap': required; 'none': rlimits only. */
  isolation?: IsolationPreference;
}

export function createPythonExecutor(options: PythonExecutorOptions = {}): Executor {
  const { kind = 'forkserver', ...rest } = options;
  return kind === 'forkserver' ? new ForkserverPythonExecutor(rest) : new SubprocessPythonExecutor(rest);
}

export type { IsolationPreference } from './isolation.js';

/**
 * The executor behind a content-addressed cache (sandbox/execution-cache.ts) whose key includes the
 * runner's version: identical programs run once; `dir` adds an opt-in on-disk cache.
 */
export function createCachedPythonExecutor(options: PythonExecutorOptions & { cacheDir?: string } = {}): CachingExecutor {
  const { cacheDir, ...rest } = options;
  const cache: ExecutionCacheOptions = { version: `python-runner-${runnerVersion()}`, ...(cacheDir ? { dir: cacheDir } : {}) };
  return new CachingExecutor(createPythonExecutor(rest), cache);
}
