/**
 * The extra inputs n@k clusters samples on (--cluster-inputs FILE): JSON lines
 * `{"task_id": "CodeContests/3", "inputs": ["1 2\n", ...]}`, for instance inputs written by a
 * test-generation model. Without a file, the inputs of the problem's own tests are used with
 * their outputs withheld, and every figure says so: an oracle-input upper bound.
 */
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import { sha256File } from '../../kernel/hash.js';
import { readJsonLines, validateLine } from '../../kernel/jsonl.js';
import type { Task } from '../../kernel/task.js';

export interface ClusterInputs {
  /** 'file': the user's; 'oracle': the hidden tests' inputs (an upper bound). */
  source: 'file' | 'oracle';
  label: string;
  path: string | null;
  sha256: string | null;
  /** Inputs by task id. */
  byTask: Map<string, string[]>;
}

export const ORACLE_LABEL = "oracle-input upper bound (clustered on the hidden tests' inputs)";

const row = z.object({ task_id: z.string().min(1), inputs: z.array(z.string()).min(1, 'expected at least one input') });

export function oracleClusterInputs(tasks: readonly Task[]): ClusterInputs {
  const byTask = new Map<string, string[]>();
  for (const task of tasks)
    if (task.test.kind === 'stdio')
      byTask.set(
        task.id,
        task.test.tests.map((t) => t.input),
      );
  return { source: 'oracle', label: ORACLE_LABEL, path: null, sha256: null, byTask };
}

export async function readClusterInputs(path: string, tasks: readonly Task[]): Promise<ClusterInputs> {
  const known = new Set(tasks.map((t) => t.id));
  const byTask = new Map<string, string[]>();
  for (const item of await readJsonLines(path, 'E_INPUT')) {
    const r = validateLine(row, item, path, 'E_INPUT');
    const where = `${path}:${item.line}`;
    if (!known.has(r.task_id)) throw new PasskError('E_INPUT', `field "task_id": "${r.task_id}" is not a task of this run`, where);
    if (byTask.has(r.task_id))
      throw new PasskError('E_INPUT', `field "task_id": "${r.task_id}" appears twice; expected one line per task`, where);
    byTask.set(r.task_id, r.inputs);
  }
  return { source: 'file', label: `clustered on the inputs of ${path}`, path, sha256: await sha256File(path), byTask };
}
