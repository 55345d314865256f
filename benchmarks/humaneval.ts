/**
 * HumanEval (openai/human-eval, data/HumanEval.jsonl.gz): prompt, canonical_solution,
 * test (a `check(candidate)` function), entry_point. The program run is
 * `prompt + completion + "\n" + test + "\ncheck(entry_point)"`, as human-eval runs it.
 * The file has no natural-language instruction, so `instruction` stays undefined.
 */
import { z } from 'zod';
import { PasskError } from '../kernel/errors.js';
import type { Task } from '../kernel/task.js';
import { readJsonLines, validateLine } from '../kernel/jsonl.js';
import type { BenchmarkAdapter } from './types.js';
import { TaskIds } from './task-ids.js';

const humanEvalRow = z.object({
  task_id: z.string().min(1),
  prompt: z.string(),
  canonical_solution: z.string(),
  test: z.string().min(1),
  entry_point: z.string().regex(/^[A-Za-z_]\w*$/, 'expected a Python identifier'),
});

export const humaneval: BenchmarkAdapter = {
  name: 'humaneval',
  language: 'python',
  requiresData: true,
  description: "HumanEval's own file, e.g. HumanEval.jsonl.gz",
  async load(path) {
    if (path === null) throw new PasskError('E_CONFIG', 'humaneval needs its data file', '--data');
    const tasks: Task[] = [];
    const ids = new TaskIds();
    for (const item of await readJsonLines(path, 'E_DATASET')) {
      const row = validateLine(humanEvalRow, item, path, 'E_DATASET');
      ids.add(row.task_id, 'task_id', `"${row.task_id}"`, `${path}:${item.line}`);
      tasks.push({
        id: row.task_id,
        benchmark: 'humaneval',
        language: 'python',
        prompt: row.prompt,
        entryPoint: row.entry_point,
        canonicalSolution: row.canonical_solution,
        test: { kind: 'python-check', test: row.test, entryPoint: row.entry_point },
      });
    }
    if (tasks.length === 0) throw new PasskError('E_DATASET', 'the file holds no tasks', path);
    return tasks;
  },
};
