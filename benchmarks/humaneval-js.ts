/**
 * HumanEval-X JavaScript (THUDM/CodeGeeX, humaneval_js.jsonl.gz): prompt (a doc comment and
 * the function's first line), declaration (the prompt without the comment), canonical_solution,
 * test (calls console.assert), example_test (the docstring examples, unused here). The program
 * run is `prompt + completion`, then the test, which the JavaScript executor runs so that a
 * failed console.assert fails (in Node it only logs). The file has no entry point; it is the
 * last top-level name the declaration binds. No natural-language instruction, so
 * `instruction` stays undefined.
 *
 * Two canonical solutions in the public file fail their own tests, which HumanEval-X never
 * noticed because Node's console.assert only logs: JavaScript/112 returns `(z, false)` (the
 * comma operator) instead of `[t, false]`, and JavaScript/155 counts no digits in 0 (the
 * Python original counts one even digit). The adapter corrects both with exact text
 * replacements (CANONICAL_FIXES), applied only where the known-bad text is present; the
 * data file and its sha256 are unchanged.
 */
import { z } from 'zod';
import { PasskError } from '../kernel/errors.js';
import type { Task } from '../kernel/task.js';
import { readJsonLines, validateLine } from '../kernel/jsonl.js';
import type { BenchmarkAdapter } from './types.js';
import { TaskIds } from './task-ids.js';

const humanEvalJsRow = z.object({
  task_id: z.string().min(1),
  prompt: z.string().min(1),
  declaration: z.string().min(1),
  canonical_solution: z.string(),
  test: z.string().includes('console.assert', { message: 'expected a test that calls console.assert' }),
  example_test: z.string().optional(),
});

export const CANONICAL_FIXES: Readonly<Record<string, ReadonlyArray<readonly [bad: string, fixed: string]>>> = {
  'JavaScript/112': [
    ['return (z, false)', 'return [t, false]'],
    ['return (z, true)', 'return [t, true]'],
  ],
  'JavaScript/155': [['  if (num < 0) { num = -num }\n', '  if (num < 0) { num = -num }\n  if (num == 0) { return [1, 0] }\n']],
};

/** The canonical solution with its known fix applied (all replacements, or none when any is missing). */
export function fixedCanonical(taskId: string, solution: string): string {
  const fixes = CANONICAL_FIXES[taskId];
  if (fixes === undefined || !fixes.every(([bad]) => solution.includes(bad))) return solution;
  return fixes.reduce((text, [bad, fixed]) => text.replace(bad, fixed), solution);
}

/** The function a declaration defines: the last `const|let|var NAME =` or `function NAME`. */
export function entryPointOf(declaration: string): string | undefined {
  const pattern = /^(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=|(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*))/gm;
  let name: string | undefined;
  for (const match of declaration.matchAll(pattern)) name = match[1] ?? match[2];
  return name;
}

export const humanevalJs: BenchmarkAdapter = {
  name: 'humaneval-js',
  language: 'javascript',
  requiresData: true,
  description: "HumanEval-X JavaScript's file, e.g. humaneval_js.jsonl.gz",
  async load(path) {
    if (path === null) throw new PasskError('E_CONFIG', 'humaneval-js needs its data file', '--data');
    const tasks: Task[] = [];
    const ids = new TaskIds();
    for (const item of await readJsonLines(path, 'E_DATASET')) {
      const row = validateLine(humanEvalJsRow, item, path, 'E_DATASET');
      const where = `${path}:${item.line}`;
      ids.add(row.task_id, 'task_id', `"${row.task_id}"`, where);
      const entryPoint = entryPointOf(row.declaration);
      if (entryPoint === undefined) {
        throw new PasskError('E_DATASET', 'field "declaration": expected a top-level `const NAME =` or `function NAME`', where);
      }
      tasks.push({
        id: row.task_id,
        benchmark: 'humaneval-js',
        language: 'javascript',
        prompt: row.prompt,
        entryPoint,
        canonicalSolution: fixedCanonical(row.task_id, row.canonical_solution),
        test: { kind: 'js-asserts', test: row.test },
      });
    }
    if (tasks.length === 0) throw new PasskError('E_DATASET', 'the file holds no tasks', path);
    return tasks;
  },
};
