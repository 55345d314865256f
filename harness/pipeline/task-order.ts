/**
 * The order a run takes its tasks in: slowest first, so that the long programs start at
 * once and the last ones to finish are short (longest-processing-time-first scheduling:
 * the wall time then approaches total work / jobs). A task whose cost is not known yet
 * goes first: it may be slow, and a differential one must compute its reference too.
 * Ties keep the benchmark's order. Pure.
 */
import type { Task } from '../../kernel/task.js';

export function slowestFirst(tasks: readonly Task[], expectedMs: (task: Task) => number | undefined): Task[] {
  const cost = (task: Task) => expectedMs(task) ?? Number.POSITIVE_INFINITY;
  return tasks
    .map((task, position) => ({ task, position, cost: cost(task) }))
    .sort((a, b) => (a.cost === b.cost ? a.position - b.position : b.cost - a.cost))
    .map((entry) => entry.task);
}
