/**
 * Prompt templates: what is sent to a model for a task. `{prompt}` `{instruction}`
 * `{entry_point}` `{task_id}` are replaced; `{{` and `}}` stand for literal braces. The
 * defaults (prompt style `template`, prompt-style.ts) follow the LintSeq evaluation: a
 * baseline continues the task prompt, an edit-sequence model gets the instruction followed
 * by "\n<|diff|>". `{instruction}` is the instruction source's (instructions.ts) when the
 * run has one, else the task's own, else its prompt. Pure.
 */
import type { Task } from '../../kernel/task.js';

const PLACEHOLDERS = ['prompt', 'instruction', 'entry_point', 'task_id'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export const DEFAULT_TEMPLATES: Record<string, string> = {
  baseline: '{prompt}',
  editseq: '{instruction}\n<|diff|>',
  full: '{instruction}\n',
};

const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;

/** Problems with a template (unknown placeholders, stray braces); empty when it is fine. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const rest = template.replace(TOKEN, (_whole: string, name: string | undefined) => {
    if (name !== undefined && !(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(
        `unknown placeholder {${name}}; expected one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')} (write {{ and }} for literal braces)`,
      );
    }
    return '';
  });
  if (/[{}]/.test(rest)) problems.push('a lone "{" or "}"; write {{ and }} for literal braces');
  return problems;
}

function valueOf(task: Task, name: Placeholder, instruction: string | undefined): string {
  switch (name) {
    case 'prompt':
      return task.prompt;
    // Benchmarks without a separate instruction (plain HumanEval) give their prompt (signature + docstring).
    case 'instruction':
      return instruction ?? task.instruction ?? task.prompt;
    case 'entry_point':
      return task.entryPoint ?? '';
    case 'task_id':
      return task.id;
  }
}

/** The template filled for a task; `instruction`, when given, is what {instruction} stands for. */
export function renderPrompt(template: string, task: Task, instruction?: string): string {
  return template.replace(TOKEN, (whole: string, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    return valueOf(task, name as Placeholder, instruction);
  });
}
