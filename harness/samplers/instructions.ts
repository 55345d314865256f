/**
 * The instruction each task is given under the `instruct` and `chat` prompt styles
 * (prompt-style.ts), as the LintSeq evaluation builds it (docs/architecture.md, "Prompt
 * styles and answers"):
 * - HumanEval, HumanEval+ and HumanEval-X JavaScript: the `instruction` of the same task in
 *   a HumanEvalPack file (instruction-file.ts). HumanEvalPack's Python ids say `Python/N`
 *   where HumanEval's say `HumanEval/N`; its JavaScript ids are HumanEval-X's.
 * - MBPP(+): the task's text with the word "function" replaced by "function `<signature>`"
 *   (every occurrence, as Python's str.replace does), the signature taken from the `def`
 *   line of the canonical solution's entry point.
 * - Other suites: the task's own instruction (the built-in suite has one per task).
 * An instruction file, when given, is the source for every task. Pure.
 */
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';

/** A HumanEvalPack id as the task id it stands for: `Python/N` is `HumanEval/N`; others are themselves. */
export function instructionTaskId(fileId: string): string {
  const m = /^Python\/(\d+)$/.exec(fileId);
  return m ? `HumanEval/${m[1]}` : fileId;
}

/** An MBPP+ prompt's text: what is inside its docstring quotes. */
function docstringText(prompt: string): string {
  return prompt
    .trim()
    .replace(/^(?:'''|""")/, '')
    .replace(/(?:'''|""")$/, '')
    .trim();
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The signature on the `def` line of a function (without `def` and the colon): the entry
 * point's, else the first top-level function's; null when there is none. The LintSeq script
 * takes the first line containing "def" instead, which for 12 MBPP+ tasks is a helper or an
 * import (`from collections import defaultdict`).
 */
export function defSignature(code: string, entryPoint: string | undefined): string | null {
  const lines = code.split('\n');
  const own = entryPoint ? new RegExp(`^(?:async\\s+)?def\\s+${escapeRegExp(entryPoint)}\\s*\\(`) : null;
  const line = (own ? lines.find((l) => own.test(l)) : undefined) ?? lines.find((l) => /^(?:async\s+)?def\s/.test(l));
  if (line === undefined) return null;
  return line
    .replace(/^(?:async\s+)?def\s+/, '')
    .trimEnd()
    .replace(/:$/, '')
    .trimEnd();
}

/** MBPP(+)'s instruction (see above); null when the canonical solution has no `def` line. */
export function mbppInstruction(task: Pick<Task, 'prompt' | 'canonicalSolution' | 'entryPoint'>): string | null {
  const signature = defSignature(task.canonicalSolution, task.entryPoint);
  if (signature === null) return null;
  return docstringText(task.prompt).replaceAll('function', `function \`${signature}\``);
}

const MBPP_SUITES = new Set(['mbpp', 'mbppplus']);

/** A task's instruction without a file: MBPP's rule, else the task's own; null when it has none. */
function ownInstruction(task: Task): string | null {
  if (MBPP_SUITES.has(task.benchmark)) return mbppInstruction(task);
  return task.instruction ?? null;
}

function missingError(missing: readonly string[], total: number, why: string, where: string): PasskError {
  const shown = missing.slice(0, 8).join(', ');
  const more = missing.length > 8 ? ` and ${missing.length - 8} more` : '';
  return new PasskError('E_CONFIG', `${missing.length} of ${total} tasks have no instruction (${shown}${more}); ${why}`, where);
}

export interface InstructionFileEntries {
  path: string;
  /** By task id (instructionTaskId applied). */
  byTask: ReadonlyMap<string, string>;
}

/**
 * The instruction of every task, or null when nothing needs one (no file, and no model whose
 * style needs one). Throws, naming the tasks, when the file lacks one of them or a style
 * needs one that the benchmark does not give.
 */
export function resolveInstructions(
  tasks: readonly Task[],
  file: InstructionFileEntries | null,
  needed: boolean,
): ReadonlyMap<string, string> | null {
  if (file !== null) {
    const missing = tasks.filter((t) => !file.byTask.has(t.id)).map((t) => t.id);
    if (missing.length) {
      const example = [...file.byTask.keys()].slice(0, 2).join(', ');
      throw missingError(
        missing,
        tasks.length,
        `the instruction file must hold every task of the run (its ids: ${example}, ...)`,
        file.path,
      );
    }
    return new Map(tasks.map((t) => [t.id, file.byTask.get(t.id)!]));
  }
  if (!needed) return null;
  const out = new Map<string, string>();
  const missing: string[] = [];
  for (const t of tasks) {
    const own = ownInstruction(t);
    if (own === null) missing.push(t.id);
    else out.set(t.id, own);
  }
  if (missing.length)
    throw missingError(
      missing,
      tasks.length,
      `the instruct and chat prompt styles need one: give --instructions FILE ({task_id, instruction} per line; for HumanEval, HumanEvalPack's humanevalpack_python.jsonl.gz or humanevalpack_js.jsonl.gz)`,
      'instructions',
    );
  return out;
}
