/**
 * The one interface every language sandbox implements, and the conformance suite
 * (test/integration/conformance-*.test.ts) checks.
 */
import type { Language, Task } from '../kernel/task.js';
import type { Verdict } from '../kernel/verdict.js';

/** One test's own outcome (BigCodeBench's unittest methods). */
export interface TestOutcome {
  name: string;
  outcome: 'passed' | 'failed' | 'error' | 'memory' | 'skipped';
  detail?: string;
}

export interface Limits {
  /** Wall-clock limit per program (the paper's default is 10 s). */
  timeoutMs: number;
  /** Address-space / heap limit. */
  memoryMb: number;
  /** stdout + stderr bytes kept before the program is stopped with `output_limit`. */
  outputBytes: number;
  /** Largest file the program may write in its private temp folder. */
  fileSizeBytes: number;
  /** Process/thread cap inside the sandbox. */
  maxProcesses: number;
  /**
   * The per-input rule (--time-limit-per-input): each input of a differential test gets its
   * own wall-clock limit, one entry per input, within `timeoutMs` for the whole program.
   * Absent: the whole-program limit alone. Stdin/stdout tests: each test's own limit, one entry
   * per test (the per-problem rule). Executors that run neither kind ignore it.
   */
  inputTimeoutsMs?: readonly number[];
  /** Stdin/stdout tests: run every test instead of stopping at the first failure (--all-tests, for analysis). */
  allTests?: boolean;
  /**
   * Stdin/stdout tests, for n@k's clustering: run every input, compare nothing, and answer
   * `passed` with the detail `outputs <digest> on <n> inputs` (what the program printed on each, or how it ended).
   */
  outputDigest?: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  timeoutMs: 10_000,
  memoryMb: 1024,
  outputBytes: 1 << 20,
  fileSizeBytes: 16 << 20,
  maxProcesses: 32,
};

export interface ExecutionRequest {
  /** The whole candidate program (prompt + completion, or a rebuilt program). */
  program: string;
  task: Task;
  limits: Limits;
  /**
   * Run it again even when an identical request was answered before: a second opinion on a
   * timeout (--confirm-timeouts). The execution cache runs each confirmation once.
   */
  confirm?: boolean;
  /**
   * Where the run's schedule puts this request (lower first: the evaluation loop's slowest-first
   * order). An executor that must queue programs starts them in this order, whatever the
   * requests waited on before reaching it (a reference loading). A hint: it never changes a verdict.
   */
  order?: number;
}

export interface Execution {
  verdict: Verdict;
  /** One short line: exception type and message, the failing input, the signal... */
  detail?: string;
  /** Wall time of the program, measured by the harness. */
  durationMs: number;
  /** Captured output, truncated to a few KiB for the record. */
  stdout?: string;
  stderr?: string;
  /** Each test's own outcome, when the test is a unittest suite (BigCodeBench). */
  tests?: TestOutcome[];
}

/** What isolation was actually in force, for the run manifest. */
export interface SandboxFacts {
  executor: string;
  language: Language;
  isolation: string; // e.g. "bubblewrap (net, pid, ipc, uts, user namespaces; read-only system)" or "rlimits only"
  runtime: string; // e.g. "Python 3.11.2 (/usr/bin/python3)"
  warnings: string[];
  /** Python with a library-heavy benchmark: the interpreter and its libraries' versions (null: not installed). */
  python_environment?: { executable: string; version: string; libraries: Record<string, string | null> };
}

/**
 * An executor runs every program under the limits its request carries: it never changes
 * them (time limits are decided by the TimeLimitPolicy, sandbox/time-limit-policy.ts).
 * It is created with the run's configured limits, under which it measures references.
 */
export interface Executor {
  readonly name: string;
  readonly language: Language;
  facts(): Promise<SandboxFacts>;
  /**
   * Runs one program. Resolves with the program's verdict; rejects with a HarnessFault
   * when the sandbox itself failed (never a model failure).
   */
  execute(request: ExecutionRequest): Promise<Execution>;
  /**
   * Wall time in ms of the task's reference in this sandbox under the configured limits,
   * measured once per task; null when the reference does not pass. For a differential test
   * it is the run that computes the expected outputs (no second run); otherwise the
   * canonical program run through execute(). Rejects with a HarnessFault when the sandbox
   * cannot run it (for a differential test: when the expected outputs cannot be computed).
   */
  referenceMs(task: Task): Promise<number | null>;
  /**
   * Wall time in ms of the reference's call on each input of a differential test (null for an
   * input the reference dropped), from the same run as referenceMs; null when the task has no
   * such inputs. Only executors that run differential tests implement it (the per-input rule).
   */
  referenceInputsMs?(task: Task): Promise<Array<number | null> | null>;
  close(): Promise<void>;
}
