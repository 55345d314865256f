/**
 * From an edit-sequence completion to the program an executor runs, as the reference
 * evaluation builds it. HumanEval (`python-check` tests): rebuild, strip markdown fences
 * from the rebuilt program, and run `prompt + rebuilt` (the executor appends
 * `"\n" + test + "\ncheck(entry_point)"`); the prompt supplies imports a partial rebuild
 * lacks, and a full rebuilt program simply redefines the function. Other tasks (MBPP+,
 * HumanEval-X JavaScript) run the rebuilt program alone: the reference MBPP evaluation
 * does not prepend the prompt for edit sequences, and a JavaScript prompt ends inside an
 * open function body.
 */
import type { Task } from '../../kernel/task.js';
import { stripMarkdownFence } from './markdown.js';
import { reconstruct } from './reconstruct.js';
import type { ReconstructOptions, SkippedHunk } from './types.js';

export type RebuildOutcome =
  { program: string; rebuilt: string; edits: number; skipped: SkippedHunk[] } | { verdict: 'malformed_edit' | 'empty'; reason: string };

export function rebuildForTask(task: Task, completion: string, options: ReconstructOptions): RebuildOutcome {
  const result = reconstruct(completion, options);
  if (!result.ok) return { verdict: 'malformed_edit', reason: `edit ${result.edit}: ${result.reason}` };
  const rebuilt = stripMarkdownFence(result.program, task.language);
  if (rebuilt.trim() === '') {
    const why = result.skipped.length > 0 ? `; ${result.skipped.length} malformed hunks skipped` : '';
    return { verdict: 'empty', reason: `the edits rebuild an empty program${why}` };
  }
  const program = task.test.kind === 'python-check' ? task.prompt + rebuilt : rebuilt;
  return { program, rebuilt, edits: result.edits, skipped: result.skipped };
}
