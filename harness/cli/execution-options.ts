/**
 * Flags shared by every command that executes programs (eval, run, demo), and turning them
 * into limits and an executor.
 */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Executor, type Limits } from '../../sandbox/executor.js';
import { createExecutor, type ExecutorKind } from '../../sandbox/registry.js';

export interface ExecutionArgs {
  jobs: number;
  timeout: number;
  memory: number;
  executor: ExecutorKind;
  'timeout-from-reference'?: number;
  'confirm-timeouts': boolean;
  'cache-dir'?: string;
  progress?: 'bar' | 'lines' | 'off';
}

export function executionOptions<T>(y: Argv<T>): Argv<T & ExecutionArgs> {
  return y
    .option('jobs', { type: 'number', default: availableParallelism(), describe: 'programs executed at once' })
    .option('timeout', { type: 'number', default: DEFAULT_LIMITS.timeoutMs / 1000, describe: 'seconds per program (the paper uses 10)' })
    .option('memory', { type: 'number', default: DEFAULT_LIMITS.memoryMb, describe: 'memory limit per program, MiB' })
    .option('executor', { choices: ['forkserver', 'subprocess'] as const, default: 'forkserver' as const, describe: 'Python: warm sandboxed workers that fork per program, or one sandboxed process per program' })
    .option('timeout-from-reference', { type: 'number', describe: 'scale each task\'s time limit to FACTOR x its canonical solution\'s runtime (at most --timeout)' })
    .option('confirm-timeouts', { type: 'boolean', default: false, describe: 're-run a program that timed out once to confirm' })
    .option('cache-dir', { type: 'string', describe: 'an on-disk execution cache shared across runs (safe to delete)' })
    .option('progress', { choices: ['bar', 'lines', 'off'] as const, describe: 'progress display (default: a bar on a terminal, lines otherwise)' })
    .check((a) => {
      const args = a as unknown as ExecutionArgs;
      if (!(args.jobs >= 1) || !Number.isInteger(args.jobs)) throw new PasskError('E_CONFIG', `--jobs must be a positive integer, got ${args.jobs}`);
      if (!(args.timeout > 0)) throw new PasskError('E_CONFIG', `--timeout must be a positive number of seconds, got ${args.timeout}`);
      if (!(args.memory >= 16)) throw new PasskError('E_CONFIG', `--memory must be at least 16 MiB, got ${args.memory}`);
      const f = args['timeout-from-reference'];
      if (f !== undefined && !(f > 0)) throw new PasskError('E_CONFIG', `--timeout-from-reference must be a positive factor, got ${f}`);
      return true;
    }) as unknown as Argv<T & ExecutionArgs>;
}

export function limitsFromArgs(args: ExecutionArgs): Limits {
  return { ...DEFAULT_LIMITS, timeoutMs: Math.round(args.timeout * 1000), memoryMb: args.memory };
}

export interface OpenedExecutor {
  executor: Executor;
  limitsFor?: (task: Task) => Limits;
}

export async function openExecutor(args: ExecutionArgs, tasks: readonly Task[], limits: Limits): Promise<OpenedExecutor> {
  const languages = new Set(tasks.map((t) => t.language));
  if (languages.size !== 1) throw new PasskError('E_DATASET', `a benchmark must have one language, found ${[...languages].join(', ')}`);
  const language = [...languages][0]!;
  return createExecutor(language, {
    kind: args.executor,
    jobs: args.jobs,
    cacheDir: args['cache-dir'],
    timeoutFromReference: args['timeout-from-reference'],
    tasks,
    limits,
  });
}
