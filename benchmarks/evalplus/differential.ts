/**
 * evalplus-style differential tests as a TestSpec: the reference program is
 * `prompt + canonical_solution` (what evalplus's get_groundtruth executes; the `contract`
 * field only guards input generation and is not used), the inputs are a Python list
 * literal of argument lists, and a few tasks get evalplus's special oracle.
 */
import type { DifferentialOracle, TestSpec } from '../../kernel/task.js';
import { toPython, type PyValue } from './python-literal.js';
import type { EvalplusRow } from './read-plus-file.js';

/** Keyed by entry point, as evalplus keys them (evalplus/eval/__init__.py, _special_oracle.py). */
const MBPP_ORACLES: Record<string, DifferentialOracle> = {
  check_str: 'not-none',
  text_match_three: 'not-none',
  text_starta_endb: 'not-none',
  are_equivalent: 'any-output',
  sum_div: 'zero-or-equal',
};
const HUMANEVAL_ORACLES: Record<string, DifferentialOracle> = { find_zero: 'poly-root' };

export function oracleFor(suite: 'mbpp' | 'humaneval', entryPoint: string): DifferentialOracle | undefined {
  const table = suite === 'mbpp' ? MBPP_ORACLES : HUMANEVAL_ORACLES;
  return Object.hasOwn(table, entryPoint) ? table[entryPoint] : undefined;
}

export function differentialSpec(row: EvalplusRow, inputs: PyValue[], oracle: DifferentialOracle | undefined): TestSpec {
  return {
    kind: 'python-differential',
    entryPoint: row.entry_point,
    inputs: toPython({ py: 'list', items: inputs }),
    reference: row.prompt + row.canonical_solution,
    atol: row.atol,
    ...(oracle ? { oracle } : {}),
  };
}
