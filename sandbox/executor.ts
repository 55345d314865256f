/**
 * The one interface every language sandbox implements, and the conformance suite
 * (test/integration/conformance-*.test.ts) checks.
 */
import type { Language, Task } from '../kernel/task.js';
import type { Verdict } from '../kernel/verdict.js';

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
}

export interface Execution {
  verdict: Verdict;
  /** One short line: exception type and message, the failing input, the signal... */
  detail?: string;
  /** Wall time of the program, measured by the harness. */
  durationMs: number;
  /** The time limit this program ran under, when the executor changed it. */
  timeoutMs?: number;
  /** Captured output, truncated to a few KiB for the record. */
  stdout?: string;
  stderr?: string;
}

/** What isolation was actually in force, for the run manifest. */
export interface SandboxFacts {
  executor: string;
  language: Language;
  isolation: string; // e.g. "bubblewrap (net, pid, ipc, uts, user namespaces; read-only system)" or "rlimits only"
  runtime: string; // e.g. "Python 3.11.2 (/usr/bin/python3)"
  warnings: string[];
}

export interface Executor {
  readonly name: string;
  readonly language: Language;
  facts(): Promise<SandboxFacts>;
  /**
   * Runs one program. Resolves with the program's verdict; rejects with a HarnessFault
   * when the sandbox itself failed (never a model failure).
   */
  execute(request: ExecutionRequest): Promise<Execution>;
  close(): Promise<void>;
}
