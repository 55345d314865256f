/**
 * The built-in offline suite: small Python problems written for passk, shipped in the
 * repository so a first run needs no download. HumanEval-style: the prompt is a
 * signature and docstring, the canonical solution its body, the test a
 * `check(candidate)` function. Ids are "builtin/0" ... in a fixed order: append new
 * problems at the end so recorded runs keep their ids.
 */
import type { Task } from '../../kernel/task.js';
import type { BenchmarkAdapter } from '../types.js';
import { LIST_PROBLEMS } from './problems-lists.js';
import { MATH_PROBLEMS } from './problems-math.js';
import type { BuiltinProblem } from './problem.js';
import { STRING_PROBLEMS } from './problems-strings.js';

const BUILTIN_PROBLEMS: readonly BuiltinProblem[] = [...STRING_PROBLEMS, ...LIST_PROBLEMS, ...MATH_PROBLEMS];

function builtinTasks(): Task[] {
  return BUILTIN_PROBLEMS.map((p, i) => ({
    id: `builtin/${i}`,
    benchmark: 'builtin',
    language: 'python',
    prompt: p.prompt,
    instruction: p.instruction,
    entryPoint: p.entryPoint,
    canonicalSolution: p.solution,
    test: { kind: 'python-check', test: p.check, entryPoint: p.entryPoint },
  }));
}

export const builtin: BenchmarkAdapter = {
  name: 'builtin',
  language: 'python',
  requiresData: false,
  description: `${BUILTIN_PROBLEMS.length} small Python problems shipped with passk`,
  load: async () => builtinTasks(),
};
