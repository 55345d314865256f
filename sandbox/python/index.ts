/**
 * Python executors. `createPythonExecutor` is the one entry point the rest of passk uses.
 */
import { sha256 } from '../../kernel/hash.js';
import { CachingExecutor, type ExecutionCacheOptions } from '../execution-cache.js';
import { DEFAULT_LIMITS, type Executor } from '../executor.js';
import { ForkserverPythonExecutor } from './forkserver-executor.js';
import type { PythonSandboxOptions } from './python-executor.js';
import { runnerVersion } from './runner-files.js';
import { SubprocessPythonExecutor } from './subprocess-executor.js';

export interface PythonExecutorOptions extends PythonSandboxOptions {
  /**
   * 'forkserver' (default): warm sandboxed workers forking a child per program; 'subprocess':
   * a fresh sandboxed interpreter per program. Both pass the same conformance suite.
   */
  kind?: 'subprocess' | 'forkserver';
}

export function createPythonExecutor(options: PythonExecutorOptions = {}): Executor {
  const { kind = 'forkserver', ...rest } = options;
  return kind === 'forkserver' ? new ForkserverPythonExecutor(rest) : new SubprocessPythonExecutor(rest);
}

/**
 * The executor behind a content-addressed cache (sandbox/execution-cache.ts) whose key includes the
 * runner's version and the configured limits (differential references run under them, and they
 * decide which inputs are dropped): identical programs run once; `cacheDir` adds an opt-in
 * on-disk cache.
 */
export function createCachedPythonExecutor(options: PythonExecutorOptions & { cacheDir?: string } = {}): CachingExecutor {
  const { cacheDir, ...rest } = options;
  const configured = sha256(JSON.stringify(options.limits ?? DEFAULT_LIMITS)).slice(0, 12);
  const cache: ExecutionCacheOptions = {
    version: `python-runner-${runnerVersion()}-references-${configured}`,
    ...(cacheDir ? { dir: cacheDir } : {}),
  };
  return new CachingExecutor(createPythonExecutor(rest), cache);
}
