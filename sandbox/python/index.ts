/**
 * Python executors. `createPythonExecutor` is the one entry point the rest of passk uses.
 */
import type { Executor } from '../executor.js';
import type { IsolationPreference } from './isolation.js';
import { ForkserverPythonExecutor } from './forkserver-executor.js';
import { SubprocessPythonExecutor } from './subprocess-executor.js';

export interface PythonExecutorOptions {
  /** 'forkserver': warm sandboxed workers forking a child per program; 'subprocess': a fresh sandboxed interpreter per program. */
  kind?: 'subprocess' | 'forkserver';
  /** Programs running at once. */
  jobs?: number;
  /** Interpreter (default /usr/bin/python3 when it exists, else python3 on PATH). */
  python?: string;
  /** 'auto' (default): bubblewrap when it works, else rlimits with a warning; 'bwrap': required; 'none': rlimits only. */
  isolation?: IsolationPreference;
}

export function createPythonExecutor(options: PythonExecutorOptions = {}): Executor {
  const { kind = 'subprocess', ...rest } = options;
  return kind === 'forkserver' ? new ForkserverPythonExecutor(rest) : new SubprocessPythonExecutor(rest);
}

export type { IsolationPreference } from './isolation.js';
