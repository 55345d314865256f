/**
 * The oracle: each task's canonical solution as the samples a perfect model would emit,
 * so the whole pipeline (rebuild, execute, score) can be checked without a model.
 *
 * - `baseline`: the canonical solution as a completion of the prompt, n times;
 * - `editseq`: n LintSeq edit paths of the canonical program (prompt + solution), each
 *   written as an edit-sequence model writes it after a prompt ending in "\n<|diff|>": the
 *   diffs joined with "\n<|diff|>", two empty edits, then the end token. Sample i is path i
 *   of (seed, task id), so samples do not change with n or with the other tasks.
 */
import pLimit from 'p-limit';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import { editSequenceCompletion } from '../rebuild/edit-sequence-format.js';
import { lintseqPaths } from '../lintseq/generate.js';
import { PythonLinter } from '../lintseq/linters/python.js';
import type { Linter } from '../lintseq/linters/types.js';

export interface OracleOptions {
  format: 'baseline' | 'editseq';
  n: number;
  seed: number;
}

export interface OracleCompletion {
  taskId: string;
  index: number;
  completion: string;
}

async function editSequences(tasks: readonly Task[], n: number, seed: number): Promise<OracleCompletion[]> {
  const linters = new Map<string, Promise<Linter>>();
  const linterFor = (task: Task): Promise<Linter> => {
    let linter = linters.get(task.language);
    if (!linter) {
      // The TypeScript package is big: loaded only for JavaScript and TypeScript tasks.
      const language = task.language;
      linter =
        language === 'python'
          ? Promise.resolve(new PythonLinter())
          : import('../lintseq/linters/typescript.js').then((m) => new m.TypeScriptLinter(language));
      linters.set(task.language, linter);
    }
    return linter;
  };
  const limit = pLimit(32); // enough programs at once to batch the linter's round trips
  try {
    const perTask = await Promise.all(
      tasks.map((task) =>
        limit(async (): Promise<OracleCompletion[]> => {
          const paths = await lintseqPaths(canonicalProgram(task), {
            language: task.language,
            linter: await linterFor(task),
            seed,
            key: task.id,
            paths: n,
          });
          return paths.map((path, index) => ({ taskId: task.id, index, completion: editSequenceCompletion(path?.diffs ?? []) }));
        }),
      ),
    );
    return perTask.flat();
  } finally {
    await Promise.all([...linters.values()].map(async (l) => (await l).close()));
  }
}

export async function oracleCompletions(tasks: readonly Task[], options: OracleOptions): Promise<OracleCompletion[]> {
  if (options.format === 'baseline') {
    return tasks.flatMap((task) =>
      Array.from({ length: options.n }, (_, index) => ({ taskId: task.id, index, completion: task.canonicalSolution })),
    );
  }
  return editSequences(tasks, options.n, options.seed);
}
