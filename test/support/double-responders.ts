/**
 * What the vLLM double answers for benchmark prompts: realistic outputs that are cheap to
 * execute. A baseline continues the HumanEval prompt with the canonical body or a wrong
 * one; an edit-sequence model writes the canonical program (or a wrong one) as LintSeq
 * diffs (signature and docstring first, then the body) ending in the end token. Which one
 * depends only on the choice's seeded random draw, so a seed always gives the same output;
 * higher temperatures pass less often.
 *
 * `wrong: 'mixed'` answers most wrong samples with an empty output (as models sometimes
 * do; it becomes an `empty` verdict without running anything) and a wrong program only
 * for every eighth task, which keeps big sweeps cheap to execute.
 */
import type { Task } from '../../kernel/task.js';
import { EDIT_SEPARATOR, editSequenceCompletion } from '../../harness/rebuild/edit-sequence-format.js';
import type { RespondContext } from './vllm-double.js';

/** Zero-context insertion hunks for a program, in two edits: its first `head` lines, then the rest. */
function insertHunks(program: string, head: number): string[] {
  const lines = program.replace(/\n+$/, '').split('\n');
  const cut = Math.min(head, lines.length);
  const hunk = (from: number, part: string[]) => `@@ -${from},0 +${from + 1},${part.length} @@\n${part.map((l) => `+${l}`).join('\n')}`;
  return cut < lines.length ? [hunk(0, lines.slice(0, cut)), hunk(cut, lines.slice(cut))] : [hunk(0, lines)];
}

export interface ResponderOptions {
  wrong?: 'program' | 'mixed';
}

export function benchmarkResponder(tasks: readonly Task[], options: ResponderOptions = {}): (ctx: RespondContext) => string {
  const byPrompt = new Map(tasks.map((t, i) => [t.prompt, { task: t, position: i }]));
  return (ctx) => {
    const editseq = ctx.prompt.endsWith(EDIT_SEPARATOR);
    const found = byPrompt.get(editseq ? ctx.prompt.slice(0, -EDIT_SEPARATOR.length) : ctx.prompt);
    if (!found) return 'I do not know this task.';
    const { task, position } = found;
    const temperature = typeof ctx.body.temperature === 'number' ? ctx.body.temperature : 1;
    const good = ctx.rng() < 0.9 - temperature / 2;
    const empty = !good && options.wrong === 'mixed' && position % 8 !== 0;
    if (!editseq) return good ? task.canonicalSolution : empty ? '' : '    return None\n';
    if (empty) return editSequenceCompletion([]);
    const program = good ? task.prompt + task.canonicalSolution : `def ${task.entryPoint ?? 'f'}(*args):\n    return None\n`;
    return editSequenceCompletion(insertHunks(program, task.prompt.split('\n').length - 1));
  };
}
