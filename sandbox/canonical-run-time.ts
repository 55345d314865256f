/**
 * The reference time of a task whose test is not differential: its canonical program,
 * run like any candidate under the configured limits. Its wall time counts only when it
 * passes (the runtime of a broken reference says nothing about the task).
 */
import { canonicalProgram, type Task } from '../kernel/task.js';
import type { Execution, ExecutionRequest, Limits } from './executor.js';

export async function canonicalRunMs(
  execute: (request: ExecutionRequest) => Promise<Execution>,
  task: Task,
  limits: Limits,
): Promise<number | null> {
  const execution = await execute({ program: canonicalProgram(task), task, limits });
  return execution.verdict === 'passed' ? execution.durationMs : null;
}
