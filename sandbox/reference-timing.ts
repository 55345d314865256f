/**
 * Time limits scaled from the reference (`--timeout-from-reference FACTOR`), as evalplus
 * scales its limits from the ground truth's runtime: each task's canonical program runs
 * once, and the task's limit becomes max(floor, FACTOR x its runtime), capped at the
 * configured timeout. A canonical program that does not pass keeps the configured
 * timeout (its runtime says nothing). The caller records the limit used per task.
 */
import { canonicalProgram, type Task } from '../kernel/task.js';
import type { Executor, Limits } from './executor.js';

export interface ReferenceTimingOptions {
  factor: number;
  /** The configured limits: their timeout is the cap, and the reference runs under it. */
  limits: Limits;
  /** Lower bound of a scaled limit (evalplus's min_time_limit). */
  floorMs?: number;
  /** Called once per task with what was measured. */
  onMeasured?: (taskId: string, measured: ReferenceMeasurement) => void;
}

export interface ReferenceMeasurement {
  referenceMs: number;
  limitMs: number;
  /** The canonical program's verdict: anything but `passed` keeps the configured timeout. */
  verdict: string;
}

export const DEFAULT_REFERENCE_FLOOR_MS = 1000;

/** Pure: the limit for one task. */
export function scaledLimit(referenceMs: number, factor: number, floorMs: number, capMs: number): number {
  return Math.min(capMs, Math.max(floorMs, Math.ceil(factor * referenceMs)));
}

/** Task id -> time limit in ms. Runs every canonical program once (the executor bounds concurrency). */
export async function timeoutsFromReference(executor: Executor, tasks: Task[], options: ReferenceTimingOptions): Promise<Map<string, number>> {
  if (!(options.factor > 0)) throw new RangeError(`--timeout-from-reference needs a positive factor, got ${options.factor}`);
  const floorMs = options.floorMs ?? DEFAULT_REFERENCE_FLOOR_MS;
  const capMs = options.limits.timeoutMs;
  const limits = new Map<string, number>();
  await Promise.all(
    tasks.map(async (task) => {
      const execution = await executor.execute({ program: canonicalProgram(task), task, limits: options.limits });
      const limitMs = execution.verdict === 'passed' ? scaledLimit(execution.durationMs, options.factor, Math.min(floorMs, capMs), capMs) : capMs;
      limits.set(task.id, limitMs);
      options.onMeasured?.(task.id, { referenceMs: execution.durationMs, limitMs, verdict: execution.verdict });
    }),
  );
  return limits;
}
