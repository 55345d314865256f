/**
 * MultiPL-E's TypeScript and JavaScript translations of HumanEval and MBPP (nuprl/MultiPL-E,
 * the "reworded" prompts): one row per problem with `name` (the task id, e.g.
 * HumanEval_23_strlen), `language` ('ts' or 'js'), `prompt` (the docstring as comments, then
 * the signature and an open body), `tests` (a Node script: `require('node:assert')`, a `test()`
 * that calls `assert.deepEqual`, then `test();`) and `stop_tokens`.
 *
 * The program run is `prompt + completion` with the completion cut at its first stop token, as
 * MultiPL-E cuts completions (Task.stopTokens, programFromCompletion), then the tests, run by
 * the JavaScript executor (`js-asserts`: its isolate's `require('node:assert')` is a shim of
 * Node's). TypeScript is type-checked or type-stripped first, by the run's TypeScript mode.
 *
 * MultiPL-E has no reference solutions, so `canonicalSolution` is empty, unless a row carries a
 * `canonical_solution` (a completion of its prompt) in a file that adds them: the canonical and
 * oracle samples and `--timeout-from-reference` need one. No natural-language instruction apart
 * from the prompt's comments, so `instruction` stays undefined.
 */
import { z } from 'zod';
import { PasskError } from '../kernel/errors.js';
import type { Language, Task } from '../kernel/task.js';
import { readJsonLines, validateLine } from '../kernel/jsonl.js';
import type { BenchmarkAdapter } from './types.js';
import { TaskIds } from './task-ids.js';

type Suite = 'humaneval' | 'mbpp';
type Dialect = 'ts' | 'js';

const LANGUAGE: Record<Dialect, Language> = { ts: 'typescript', js: 'javascript' };
const LANGUAGE_NAME: Record<Dialect, string> = { ts: 'TypeScript', js: 'JavaScript' };
const SUITE_NAME: Record<Suite, string> = { humaneval: 'HumanEval', mbpp: 'MBPP' };
/** How a task id of the suite starts (MultiPL-E names each problem after its original). */
const ID_PREFIX: Record<Suite, string> = { humaneval: 'HumanEval_', mbpp: 'mbpp_' };

const multiplERow = z.object({
  name: z.string().min(1),
  language: z.string(),
  prompt: z.string().min(1),
  tests: z.string().includes('assert', { message: 'expected a test script that asserts' }),
  stop_tokens: z.array(z.string().min(1)),
  canonical_solution: z.string().optional(),
});

/** The function a prompt declares: the last top-level `function NAME(`. */
export function entryPointOfPrompt(prompt: string): string | undefined {
  let name: string | undefined;
  for (const match of prompt.matchAll(/^function\s+([A-Za-z_$][\w$]*)\s*[<(]/gm)) name = match[1];
  return name;
}

function multiplE(suite: Suite, dialect: Dialect): BenchmarkAdapter {
  const name = `multipl-e-${suite}-${dialect}`;
  const what = `MultiPL-E ${SUITE_NAME[suite]} ${LANGUAGE_NAME[dialect]}`;
  return {
    name,
    language: LANGUAGE[dialect],
    requiresData: true,
    description: `${what}'s file, e.g. multiple_${suite}_${dialect}.jsonl.gz`,
    async load(path) {
      if (path === null) throw new PasskError('E_CONFIG', `${name} needs its data file`, '--data');
      const tasks: Task[] = [];
      const ids = new TaskIds();
      for (const item of await readJsonLines(path, 'E_DATASET')) {
        const row = validateLine(multiplERow, item, path, 'E_DATASET');
        const where = `${path}:${item.line}`;
        const bad = (field: string, expected: string) => new PasskError('E_DATASET', `field "${field}": ${expected}`, where);
        if (row.language !== dialect) {
          throw bad('language', `expected "${dialect}" (${name} reads ${what}), got "${row.language}"`);
        }
        if (!row.name.startsWith(ID_PREFIX[suite])) {
          throw bad('name', `expected a ${SUITE_NAME[suite]} problem (a name starting "${ID_PREFIX[suite]}"), got "${row.name}"`);
        }
        ids.add(row.name, 'name', `"${row.name}"`, where);
        const entryPoint = entryPointOfPrompt(row.prompt);
        if (entryPoint === undefined) throw bad('prompt', 'expected a top-level `function NAME(`');
        tasks.push({
          id: row.name,
          benchmark: name,
          language: LANGUAGE[dialect],
          prompt: row.prompt,
          entryPoint,
          canonicalSolution: row.canonical_solution ?? '',
          test: { kind: 'js-asserts', test: row.tests },
          stopTokens: row.stop_tokens,
        });
      }
      if (tasks.length === 0) throw new PasskError('E_DATASET', 'the file holds no tasks', path);
      return tasks;
    },
  };
}

export const multiplEHumanevalTs = multiplE('humaneval', 'ts');
export const multiplEMbppTs = multiplE('mbpp', 'ts');
export const multiplEHumanevalJs = multiplE('humaneval', 'js');
export const multiplEMbppJs = multiplE('mbpp', 'js');
