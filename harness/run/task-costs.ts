/**
 * What earlier runs learned about each task's cost, kept in the reference cache's folder
 * (sandbox/python/reference-cache.ts) beside the references: the reference's measured time
 * and, per task, how long its candidates ran and how many timed out. The runner orders its
 * tasks by it (slowest first, pipeline/task-order.ts). These are hints for scheduling only:
 * nothing here changes a verdict or a limit, and a missing, stale or unreadable file only
 * costs the order. One file per benchmark (name, data file sha256, asserts), replaced
 * atomically when a run ends; tasks the run did not execute keep their earlier entries.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { sha256 } from '../../kernel/hash.js';
import type { SampleRecord } from '../store/records.js';

const FOLDER = 'task-costs';
const FORMAT = 'passk.task-costs/1';

export interface TaskCost {
  /** The reference's measured wall time, when the run measured it. */
  reference_ms: number | null;
  /** Samples recorded. */
  samples: number;
  /** Total execution time of the samples that did not time out, ms. */
  finished_ms: number;
  /** Samples that timed out (each costs the limit it runs under). */
  timeouts: number;
}

export type TaskCosts = Record<string, TaskCost>;

/** Pure: the expected execution time of one sample of the task, or undefined when nothing is known. */
export function expectedSampleMs(cost: TaskCost | undefined, timeoutMs: number): number | undefined {
  if (!cost) return undefined;
  if (cost.samples > 0) return (cost.finished_ms + cost.timeouts * timeoutMs) / cost.samples;
  return cost.reference_ms ?? undefined;
}

/** The costs observed in one invocation. */
export class TaskCostLog {
  readonly #observed = new Map<string, TaskCost>();

  #entry(taskId: string): TaskCost {
    let cost = this.#observed.get(taskId);
    if (!cost) this.#observed.set(taskId, (cost = { reference_ms: null, samples: 0, finished_ms: 0, timeouts: 0 }));
    return cost;
  }

  sample(record: Pick<SampleRecord, 'task_id' | 'verdict' | 'timings'>): void {
    const cost = this.#entry(record.task_id);
    cost.samples++;
    if (record.verdict === 'timeout') cost.timeouts++;
    else cost.finished_ms += record.timings.execute_ms ?? 0;
  }

  reference(taskId: string, referenceMs: number | null): void {
    if (referenceMs !== null) this.#entry(taskId).reference_ms = referenceMs;
  }

  /** Pure: the earlier costs with this invocation's tasks replaced (a reference time is kept when not measured again). */
  merge(earlier: TaskCosts): TaskCosts {
    const merged: TaskCosts = { ...earlier };
    for (const [taskId, cost] of this.#observed) {
      const before = earlier[taskId];
      merged[taskId] = {
        ...(cost.samples > 0 || !before ? cost : { ...before }),
        reference_ms: cost.reference_ms ?? before?.reference_ms ?? null,
      };
    }
    return merged;
  }

  get size(): number {
    return this.#observed.size;
  }
}

/** Which file holds a benchmark's costs. */
export function taskCostsFile(dir: string, benchmark: { name: string; dataSha256: string | null; originalAsserts: boolean }): string {
  return join(dir, FOLDER, `${sha256(canonicalJson(benchmark)).slice(0, 24)}.json`);
}

function isCost(value: unknown): value is TaskCost {
  const c = value as TaskCost | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    (c.reference_ms === null || typeof c.reference_ms === 'number') &&
    Number.isInteger(c.samples) &&
    typeof c.finished_ms === 'number' &&
    Number.isInteger(c.timeouts)
  );
}

/** The costs in a file; none when it is missing, unreadable or malformed (entries that are not costs are left out). */
export async function readTaskCosts(file: string): Promise<TaskCosts> {
  try {
    const content = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; tasks?: Record<string, unknown> };
    if (content.format !== FORMAT || typeof content.tasks !== 'object' || content.tasks === null) return {};
    return Object.fromEntries(Object.entries(content.tasks).filter(([, cost]) => isCost(cost))) as TaskCosts;
  } catch {
    return {};
  }
}

/** Replaces the file atomically; a failure to write is ignored (the next run orders with less knowledge). */
export async function writeTaskCosts(file: string, costs: TaskCosts): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temp, JSON.stringify({ format: FORMAT, tasks: costs }));
    await rename(temp, file);
  } catch {
    // hints only
  }
}
