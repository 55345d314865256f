/**
 * Executors by language and kind: the one place the CLI and the pipelines get an executor.
 * Every executor sits behind the content-addressed execution cache (identical programs run
 * once per run; an on-disk cache across runs is opt-in). Time limits are not decided here:
 * the TimeLimitPolicy (time-limit-policy.ts) decides them, for any executor.
 */
import type { Language } from '../kernel/task.js';
import { CachingExecutor } from './execution-cache.js';
import type { Executor, Limits } from './executor.js';
import { createJavaScriptExecutor } from './javascript/executor.js';
import { createCachedPythonExecutor } from './python/index.js';
import { DEFAULT_TYPESCRIPT_MODE, type TypeScriptMode } from './javascript/typescript-mode.js';
import type { ReferenceCache } from './python/reference-cache.js';

export type ExecutorKind = 'forkserver' | 'subprocess';

export interface CreateExecutorOptions {
  /** Python: warm fork-server workers or one sandboxed process per program (JavaScript ignores it). */
  kind: ExecutorKind;
  jobs: number;
  cacheDir?: string;
  /** The run's configured limits: references are measured under them. */
  limits: Limits;
  /** One-line notes from the sandbox (e.g. the inputs a reference dropped); dropped when absent. The sandbox never writes to stderr. */
  onNote?: (line: string) => void;
  /** TypeScript: type-check or only strip the types (default typecheck; the other languages ignore it). */
  typescript?: TypeScriptMode;
  /** Python: differential references kept on disk across runs (JavaScript has none). */
  referenceCache?: ReferenceCache;
  /** Python: the interpreter (--python; default the system's). */
  python?: string;
  /** Python, fork-server: modules each warm worker imports before it forks (a library-heavy benchmark's). */
  preload?: readonly string[];
  /** Python: libraries whose versions the facts record. */
  libraries?: readonly string[];
}

/** Bump when the JavaScript executor's verdicts could change for the same program. */
const JAVASCRIPT_EXECUTOR_VERSION = 'javascript-isolated-vm-2';

export function createExecutor(language: Language, options: CreateExecutorOptions): Executor {
  const { kind, jobs, cacheDir, limits, onNote, referenceCache, python, preload, libraries } = options;
  if (language === 'javascript' || language === 'typescript') {
    const typescript = language === 'typescript' ? (options.typescript ?? DEFAULT_TYPESCRIPT_MODE) : undefined;
    const inner = createJavaScriptExecutor({ jobs, limits, ...(typescript ? { typescript } : {}) });
    // A TypeScript mode gives the same program another verdict: it is part of the cache key.
    const version = typescript ? `${JAVASCRIPT_EXECUTOR_VERSION}+typescript-${typescript}` : JAVASCRIPT_EXECUTOR_VERSION;
    return new CachingExecutor(inner, { version, ...(cacheDir ? { dir: cacheDir } : {}) });
  }
  return createCachedPythonExecutor({
    kind,
    jobs,
    limits,
    ...(cacheDir ? { cacheDir } : {}),
    ...(onNote ? { onNote } : {}),
    ...(referenceCache ? { referenceCache } : {}),
    ...(python ? { python } : {}),
    ...(preload ? { preload } : {}),
    ...(libraries ? { libraries } : {}),
  });
}
