/**
 * A benchmark problem, as every stage sees it. Benchmark adapters (benchmarks/) turn a
 * suite's public file format into Tasks; executors (sandbox/) run a candidate program
 * against `test`.
 */
export type Language = 'python' | 'javascript' | 'typescript';

/**
 * How a program is tested. The candidate `program` given to an executor is the whole
 * candidate source (for HumanEval: prompt + completion); the executor appends the test
 * as described per kind. Test text comes from the dataset and is trusted.
 */
export type TestSpec =
  /** HumanEval style: run `program + "\n" + test + "\ncheck(" + entryPoint + ")"`. */
  | { kind: 'python-check'; test: string; entryPoint: string }
  /** MBPP's original asserts (and the built-in suite): run `program + "\n" + asserts`. */
  | { kind: 'python-asserts'; asserts: string }
  /**
   * evalplus style differential testing. `inputs` is Python source for an expression that
   * evaluates to a list of argument lists (already deserialized the way evalplus does it);
   * expected outputs are what `reference` (the canonical program) returns for each, called
   * on a deep copy; a candidate passes when `entryPoint` returns equal outputs (floats
   * within `atol` when it is non-zero, as evalplus compares them). Both run with the same
   * fixed PYTHONHASHSEED.
   */
  | {
      kind: 'python-differential';
      entryPoint: string;
      inputs: string;
      reference: string;
      atol: number;
      /** evalplus's special comparison for this task, when it has one (absent: plain equality). */
      oracle?: DifferentialOracle;
    }
  /**
   * JavaScript or TypeScript (the task's language says which): run `program + "\n" + test`; a
   * failed console.assert (HumanEval-X) or node:assert assertion (MultiPL-E) fails. A TypeScript
   * program and test are type-checked or type-stripped first (sandbox/javascript/executor.ts).
   */
  | { kind: 'js-asserts'; test: string }
  /**
   * A stdin/stdout problem (CodeContests): the program reads each test's input on stdin and
   * passes when its stdout matches the expected output, under `checker`, on every test. The
   * public tests (the statement's examples) come first, `publicTests` of them; the time limit
   * per test is the problem's scaled by the language's factor (sandbox/time-limit-policy.ts).
   */
  | {
      kind: 'stdio';
      tests: readonly StdioTest[];
      publicTests: number;
      checker: StdioChecker;
      /** The problem's own limit per test, as stated (before the language's factor). */
      timeLimitMs: number;
      memoryLimitMb: number;
    }
  /**
   * BigCodeBench: run `program + "\n" + test` as one module, then every test method of its
   * unittest.TestCase class `TestCases` (as BigCodeBench's harness loads it); the program
   * passes when every test passes, and each test's own outcome is recorded.
   */
  | { kind: 'python-unittest'; test: string }
  /**
   * DS-1000: `codeContext` (the task's own harness) defines `test_execution(code)` and maybe
   * `test_string(code)`; the program is the solution text they are called with, as DS-1000
   * runs `code_context + "code = <solution>" + "test_execution(code)"`.
   */
  | { kind: 'python-code-context'; codeContext: string };

export interface StdioTest {
  input: string;
  output: string;
}

/** How output is compared (benchmarks/codecontests/checker-rules.ts detects it from the statement). */
export interface StdioChecker {
  caseInsensitive: boolean;
  /** Absolute-or-relative tolerance for tokens that parse as numbers; null: compared as text. */
  floatTolerance: number | null;
}

/**
 * evalplus's special oracles (evalplus/eval/__init__.py, late 2023), for the few tasks where
 * plain output equality is not the test. `exp` is the reference's output, `out` the candidate's:
 * - 'not-none' (Mbpp check_str, text_match_three, text_starta_endb): the expected output is
 *   `exp is not None`; the candidate passes when `(out if isinstance(out, bool) else out is not None)`
 *   equals it.
 * - 'any-output' (Mbpp are_equivalent): any returned value passes (upstream's reference is wrong).
 * - 'zero-or-equal' (Mbpp sum_div): `out == exp or out == 0`.
 * - 'poly-root' (HumanEval find_zero): passes when `abs(poly(xs, out)) <= atol`, with `xs` the
 *   single argument and `poly(xs, x) = sum(c * math.pow(x, i) for i, c in enumerate(xs))`.
 */
export type DifferentialOracle = 'not-none' | 'any-output' | 'zero-or-equal' | 'poly-root';

export interface Task {
  /** The benchmark's own id, e.g. "HumanEval/0", "Mbpp/2". */
  id: string;
  benchmark: string;
  language: Language;
  /** The problem's own name, where the suite has one (CodeContests: "1575_A. Another Sorting Problem"); --tasks accepts it. */
  title?: string;
  /** The prompt a completion model continues (HumanEval: signature + docstring). */
  prompt: string;
  /** A natural-language instruction for instruction-tuned / edit-sequence models, when known. */
  instruction?: string;
  entryPoint?: string;
  /**
   * What a completion continues as a program, when it is not the prompt: DS-1000's prompt is
   * a question whose completion is the whole solution (''), so the program is the completion alone.
   */
  programPrefix?: string;
  /** The reference solution as a completion of `prompt` (of `programPrefix` when set). */
  canonicalSolution: string;
  test: TestSpec;
  /**
   * MultiPL-E: a completion is cut at the first of these (the earliest occurrence of any), as
   * MultiPL-E cuts its completions, before it is appended to the prompt.
   */
  stopTokens?: readonly string[];
}

/** A completion cut at its first stop token (the whole completion when none occurs). */
export function cutAtStopTokens(completion: string, stopTokens: readonly string[] = []): string {
  let end = completion.length;
  for (const token of stopTokens) {
    const at = token === '' ? -1 : completion.indexOf(token);
    if (at >= 0 && at < end) end = at;
  }
  return completion.slice(0, end);
}

/** The whole candidate program for a completion that continues the prompt. */
export function programFromCompletion(task: Task, completion: string): string {
  return (task.programPrefix ?? task.prompt) + cutAtStopTokens(completion, task.stopTokens);
}

/** The canonical program (prompt + canonical solution). */
export function canonicalProgram(task: Task): string {
  return programFromCompletion(task, task.canonicalSolution);
}
