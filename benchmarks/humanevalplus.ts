/**
 * HumanEval+ from an evalplus HumanEvalPlus file (same row format as MBPP+, without
 * `assertion`): differential testing against `prompt + canonical_solution` on
 * `base_input + plus_input`. evalplus converts no HumanEval+ inputs after reading them;
 * HumanEval/32 (find_zero) gets evalplus's root-checking oracle.
 */
import { PasskError } from '../kernel/errors.js';
import type { Task } from '../kernel/task.js';
import { differentialSpec, oracleFor } from './evalplus/differential.js';
import { json } from './evalplus/python-literal.js';
import { readPlusFile } from './evalplus/read-plus-file.js';
import type { BenchmarkAdapter } from './types.js';

export const humanevalplus: BenchmarkAdapter = {
  name: 'humanevalplus',
  language: 'python',
  requiresData: true,
  description: 'an evalplus HumanEval+ file, e.g. HumanEvalPlus.jsonl.gz (base + extra tests)',
  async load(path) {
    if (path === null) throw new PasskError('E_CONFIG', 'humanevalplus needs its data file', '--data');
    const rows = await readPlusFile(path);
    return rows.map(({ row, baseInputs, plusInputs }): Task => ({
      id: row.task_id,
      benchmark: 'humanevalplus',
      language: 'python',
      prompt: row.prompt,
      entryPoint: row.entry_point,
      canonicalSolution: row.canonical_solution,
      test: differentialSpec(row, [...baseInputs, ...plusInputs].map(json), oracleFor('humaneval', row.entry_point)),
    }));
  },
};
