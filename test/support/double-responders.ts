/**
 * What the vLLM double answers for benchmark prompts: realistic outputs that are cheap to
 * execute. A baseline continues the HumanEval prompt with the canonical body or a wrong
 * one; an edit-sequence model writes the canonical program (or a wrong one) as LintSeq
 * diffs ending in the end token. Which one depends only on the choice's seeded random
 * draw, so a seed always gives the same output; higher temperatures pass less often.
 */
import type { Task } from '../../harness/core/task.js';
import { EDIT_SEPARATOR, editSequenceCompletion } from '../../harness/editseq/format.js';
import type { RespondContext } from './vllm-double.js';

function insertHunk(program: string): string {
  const lines = program.replace(/\n+$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

export function benchmarkResponder(tasks: readonly Task[]): (ctx: RespondContext) => string {
  const byPrompt = new Map(tasks.map((t) => [t.prompt, t]));
  return (ctx) => {
    const editseq = ctx.prompt.endsWith(EDIT_SEPARATOR);
    const task = byPrompt.get(editseq ? ctx.prompt.slice(0, -EDIT_SEPARATOR.length) : ctx.prompt);
    if (!task) return 'I do not know this task.';
    const temperature = typeof ctx.body.temperature === 'number' ? ctx.body.temperature : 1;
    const good = ctx.rng() < 0.9 - temperature / 2;
    if (!editseq) return good ? task.canonicalSolution : '    return None\n';
    const program = good ? task.prompt + task.canonicalSolution : `def ${task.entryPoint ?? 'f'}(*args):\n    return None\n`;
    return editSequenceCompletion([insertHunk(program)]);
  };
}
