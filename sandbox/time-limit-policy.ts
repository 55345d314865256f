/**
 * The one place a task's time limit is decided. Executors never change a limit: a program
 * runs under the limit its request carries, and the runner asks this policy for it.
 *
 * - By default a task gets the configured limit (the run's --timeout).
 * - `--timeout-from-reference FACTOR` scales it to FACTOR x the reference's measured time
 *   (as evalplus scales its limits from the ground truth's runtime), at least the floor and
 *   at most the configured limit. A reference that does not pass keeps the configured limit.
 * - A differential (evalplus-style) test repeats the reference's calls, so its candidates
 *   always get at least 4 x the reference's time plus a second, even above the configured
 *   limit (upstream MBPP+ Mbpp/599 needs ~20 s unloaded).
 * - `--time-limit-per-input FACTOR` (differential tests only, instead of the rules above):
 *   each input gets max(floor, FACTOR x the reference's time on that input), as evalplus
 *   sets them, and the whole program the sum of those plus as much for the module code.
 *   The reference times come from the run that computed its outputs.
 *
 * - A stdin/stdout problem (CodeContests) gets its own stated limit per test, scaled by the
 *   language's factor (--time-factor; default 3 for Python, 1.5 for JavaScript:
 *   DEFAULT_STDIO_FACTORS), and the whole program the sum plus a second per test for the
 *   judge's own work. Reason `per-problem`; the configured limit does not apply.
 *
 * Decided once per task; limits decided by an earlier invocation of the same run (resume)
 * are reused as they are, never measured again.
 */
import { PasskError } from '../kernel/errors.js';
import type { Language, Task } from '../kernel/task.js';
import type { Executor } from './executor.js';
import { PerTaskMemo } from './per-task-memo.js';

export type TimeLimitReason = 'configured' | 'scaled-from-reference' | 'raised-for-slow-reference' | 'per-input' | 'per-problem';

export interface TaskTimeLimit {
  taskId: string;
  /** The whole program's limit (under the per-input rule too). */
  timeoutMs: number;
  reason: TimeLimitReason;
  /** the reference's measured wall time, when it was measured */
  referenceMs: number | null;
  /** Per-input rule: each input's own limit (0 for an input the reference dropped: never run). */
  inputTimeoutsMs?: number[];
}

export interface TimeLimitPolicyOptions {
  /** The configured per-program time limit (the run's --timeout). */
  configuredMs: number;
  /** --timeout-from-reference: limit = clamp(factor x reference time, floor, configured). */
  fromReference?: { factor: number; floorMs?: number };
  /** --time-limit-per-input: differential tests get max(floor, factor x reference time) per input. */
  perInput?: { factor: number; floorMs?: number };
  /** Stdin/stdout problems: each test's limit is the problem's times this (default: DEFAULT_STDIO_FACTORS by language). */
  stdioFactor?: number;
  /** Limits decided by an earlier invocation of the same run (resume): reused, never re-measured. */
  known?: Iterable<TaskTimeLimit>;
  /** Called once per task when its limit is decided (the runner records it). */
  onDecided?: (limit: TaskTimeLimit) => void;
}

/** Lower bound of a limit scaled from the reference (evalplus's min_time_limit). */
export const DEFAULT_REFERENCE_FLOOR_MS = 1000;
/** Differential candidates get at least this factor times the reference's time (evalplus scales by 4 too)... */
const REFERENCE_TIME_FACTOR = 4;
/** ...plus this much. */
const REFERENCE_TIME_SLACK_MS = 1000;

export interface TimeLimitInput {
  configuredMs: number;
  factor?: number;
  floorMs?: number;
  /** null: not measured, or the reference did not pass. */
  referenceMs: number | null;
  /** The task's test is differential (python-differential). */
  differential: boolean;
}

/** Pure: a task's time limit and why. */
export function decideTimeLimit(input: TimeLimitInput): { timeoutMs: number; reason: TimeLimitReason } {
  const { configuredMs, factor, referenceMs } = input;
  let timeoutMs = configuredMs;
  let reason: TimeLimitReason = 'configured';
  if (factor !== undefined && referenceMs !== null) {
    const floorMs = Math.min(input.floorMs ?? DEFAULT_REFERENCE_FLOOR_MS, configuredMs);
    timeoutMs = Math.min(configuredMs, Math.max(floorMs, Math.ceil(factor * referenceMs)));
    reason = 'scaled-from-reference';
  }
  if (input.differential && referenceMs !== null) {
    const leastMs = Math.ceil(REFERENCE_TIME_FACTOR * referenceMs) + REFERENCE_TIME_SLACK_MS;
    if (leastMs > timeoutMs) {
      timeoutMs = leastMs;
      reason = 'raised-for-slow-reference';
    }
  }
  return { timeoutMs, reason };
}

export interface InputTimeLimitInput {
  factor: number;
  floorMs?: number;
  /** The reference's whole measured time (module code and kept calls). */
  referenceMs: number;
  /** The reference's time on each input; null where it dropped the input. */
  inputsMs: ReadonlyArray<number | null>;
}

/** Pure: the per-input rule's limits, each max(floor, ceil(factor x time)), and the whole program's. */
export function decideInputTimeLimits(input: InputTimeLimitInput): { timeoutMs: number; inputTimeoutsMs: number[] } {
  const floorMs = input.floorMs ?? DEFAULT_REFERENCE_FLOOR_MS;
  const limit = (ms: number) => Math.max(floorMs, Math.ceil(input.factor * ms), 1);
  const inputTimeoutsMs = input.inputsMs.map((ms) => (ms === null ? 0 : limit(ms)));
  const callsMs = input.inputsMs.reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
  // The module code runs before the first input: it gets a limit of its own in the sum.
  const timeoutMs = inputTimeoutsMs.reduce((sum, ms) => sum + ms, 0) + limit(Math.max(0, input.referenceMs - callsMs));
  return { timeoutMs, inputTimeoutsMs };
}

/**
 * Interpreted Python gets 3x the stated limit: the limits are set for the judge's compiled
 * languages and fast machines, CPython is the slowest common language, and this harness
 * shares a loaded machine; 3x still stops the asymptotically slow programs the limit is
 * there to catch (an O(n^2) solution to an n = 2e5 problem is 1e3x over). V8's JIT is
 * nearer C++: 1.5x.
 */
export const DEFAULT_STDIO_FACTORS: Readonly<Record<Language, number>> = { python: 3, javascript: 1.5, typescript: 1.5 };
/** The judge's own work per test (a fork, pipes, the comparison), added to the whole program's limit. */
const STDIO_SLACK_PER_TEST_MS = 1000;

/** Pure: a stdin/stdout problem's limit per test and the whole program's. */
export function decideStdioTimeLimits(input: { problemMs: number; tests: number; factor: number }): {
  timeoutMs: number;
  inputTimeoutsMs: number[];
} {
  const perTest = Math.max(1, Math.ceil(input.problemMs * input.factor));
  const inputTimeoutsMs = Array.from({ length: input.tests }, () => perTest);
  return { timeoutMs: input.tests * (perTest + STDIO_SLACK_PER_TEST_MS), inputTimeoutsMs };
}

/** Checks a policy's factors; the same rules name the flags at the command line. */
function checkFactors(options: TimeLimitPolicyOptions): void {
  for (const [factor, flag] of [
    [options.fromReference?.factor, '--timeout-from-reference'],
    [options.perInput?.factor, '--time-limit-per-input'],
    [options.stdioFactor, '--time-factor'],
  ] as const) {
    if (factor !== undefined && !(factor > 0 && Number.isFinite(factor))) {
      throw new PasskError('E_CONFIG', `must be a positive factor, got ${factor}`, flag);
    }
  }
  if (options.fromReference && options.perInput)
    throw new PasskError('E_CONFIG', 'is one time-limit rule and --timeout-from-reference another: choose one', '--time-limit-per-input');
}

export class TimeLimitPolicy {
  readonly #executor: Executor;
  readonly #options: TimeLimitPolicyOptions;
  readonly #known: Map<string, TaskTimeLimit>;
  readonly #decided = new PerTaskMemo<TaskTimeLimit>();

  constructor(executor: Executor, options: TimeLimitPolicyOptions) {
    checkFactors(options);
    if (!(options.configuredMs > 0))
      throw new PasskError('E_CONFIG', `must be a positive time, got ${options.configuredMs} ms`, '--timeout');
    this.#executor = executor;
    this.#options = options;
    this.#known = new Map([...(options.known ?? [])].map((limit) => [limit.taskId, limit]));
  }

  limitFor(task: Task): Promise<TaskTimeLimit> {
    const known = this.#known.get(task.id);
    if (known) return Promise.resolve(known);
    return this.#decided.get(task.id, () => this.#decide(task));
  }

  async #decide(task: Task): Promise<TaskTimeLimit> {
    if (task.test.kind === 'stdio') {
      const factor = this.#options.stdioFactor ?? DEFAULT_STDIO_FACTORS[task.language];
      const decided = decideStdioTimeLimits({ problemMs: task.test.timeLimitMs, tests: task.test.tests.length, factor });
      const limit: TaskTimeLimit = { taskId: task.id, ...decided, reason: 'per-problem', referenceMs: null };
      this.#options.onDecided?.(limit);
      return limit;
    }
    const differential = task.test.kind === 'python-differential';
    const perInput = this.#options.perInput;
    if (perInput && differential) {
      const limit = await this.#perInput(task, perInput);
      if (limit) {
        this.#options.onDecided?.(limit);
        return limit;
      }
    }
    const fromReference = this.#options.fromReference;
    // Only a limit that depends on the reference pays for measuring it.
    const referenceMs = fromReference || differential ? await this.#executor.referenceMs(task) : null;
    const decided = decideTimeLimit({
      configuredMs: this.#options.configuredMs,
      factor: fromReference?.factor,
      floorMs: fromReference?.floorMs,
      referenceMs,
      differential,
    });
    const limit: TaskTimeLimit = { taskId: task.id, ...decided, referenceMs };
    this.#options.onDecided?.(limit);
    return limit;
  }

  /** Null when the executor cannot give per-input times: the whole-program rules then apply. */
  async #perInput(task: Task, rule: { factor: number; floorMs?: number }): Promise<TaskTimeLimit | null> {
    const inputsMs = (await this.#executor.referenceInputsMs?.(task)) ?? null;
    const referenceMs = inputsMs ? await this.#executor.referenceMs(task) : null;
    if (!inputsMs || referenceMs === null) return null;
    const decided = decideInputTimeLimits({ ...rule, referenceMs, inputsMs });
    return { taskId: task.id, timeoutMs: decided.timeoutMs, reason: 'per-input', referenceMs, inputTimeoutsMs: decided.inputTimeoutsMs };
  }
}
