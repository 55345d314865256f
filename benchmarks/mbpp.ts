/**
 * MBPP and MBPP+ from an evalplus MBPP+ file, tested the way evalplus tests them:
 * differential testing against `prompt + canonical_solution` on `base_input` ("mbpp",
 * evalplus's base tests) or on `base_input + plus_input` ("mbppplus", base + extra),
 * with the inputs deserialized as evalplus does (evalplus/mbpp-deserialize.ts) and
 * evalplus's special oracles. `useOriginalAsserts` tests with the original MBPP asserts
 * (the `assertion` field) instead; `import math` is put before them when they use
 * `math.` without importing it, as MBPP's own test_imports do (Mbpp/120, 442, 574).
 */
import { PasskError } from '../kernel/errors.js';
import type { Task, TestSpec } from '../kernel/task.js';
import { differentialSpec, oracleFor } from './evalplus/differential.js';
import { DeserializeError, deserializeMbppInputs } from './evalplus/mbpp-deserialize.js';
import { json, type PyValue } from './evalplus/python-literal.js';
import { readPlusFile, type PlusFileRow } from './evalplus/read-plus-file.js';
import type { BenchmarkAdapter, LoadOptions } from './types.js';

/** The task text inside the prompt's docstring quotes. */
function docstringText(prompt: string): string {
  return prompt
    .trim()
    .replace(/^(?:'''|""")/, '')
    .replace(/(?:'''|""")$/, '')
    .trim();
}

/** Instruction for instruction-tuned models: the task text and one original assert (it names the function). */
function instructionOf(row: PlusFileRow['row']): string {
  const example = (row.assertion ?? '').split('\n').find((l) => l.trim().startsWith('assert'));
  const text = docstringText(row.prompt);
  return example ? `${text}\n${example.trim()}` : text;
}

function assertsOf(rowInfo: PlusFileRow, path: string): string {
  const { row, line } = rowInfo;
  if (row.assertion === undefined || row.assertion.trim() === '') {
    throw new PasskError(
      'E_DATASET',
      'field "assertion": missing; original asserts need an MBPP+ file with the assertion field',
      `${path}:${line}`,
    );
  }
  const needsMath = /\bmath\./.test(row.assertion) && !/^\s*import math\b/m.test(row.assertion);
  return (needsMath ? 'import math\n' : '') + row.assertion;
}

function deserialize(rowInfo: PlusFileRow, which: 'base_input' | 'plus_input', path: string): PyValue[] {
  const nodes = which === 'base_input' ? rowInfo.baseInputs : rowInfo.plusInputs;
  try {
    return deserializeMbppInputs(rowInfo.row.task_id, nodes.map(json));
  } catch (err) {
    if (!(err instanceof DeserializeError)) throw err;
    throw new PasskError(
      'E_DATASET',
      `field "${which}": ${err.message} (evalplus's deserialization for ${rowInfo.row.task_id})`,
      `${path}:${rowInfo.line}`,
    );
  }
}

function mbppAdapter(name: 'mbpp' | 'mbppplus'): BenchmarkAdapter {
  return {
    name,
    language: 'python',
    requiresData: true,
    supportsOriginalAsserts: true,
    description: `an evalplus MBPP+ file, e.g. MbppPlus.jsonl.gz (${name === 'mbpp' ? 'base tests' : 'base + extra tests'})`,
    async load(path: string | null, options: LoadOptions): Promise<Task[]> {
      if (path === null) throw new PasskError('E_CONFIG', `${name} needs its data file`, '--data');
      const rows = await readPlusFile(path);
      return rows.map((info): Task => {
        const { row } = info;
        let test: TestSpec;
        if (options.useOriginalAsserts) {
          test = { kind: 'python-asserts', asserts: assertsOf(info, path) };
        } else {
          const inputs = deserialize(info, 'base_input', path);
          if (name === 'mbppplus') inputs.push(...deserialize(info, 'plus_input', path));
          test = differentialSpec(row, inputs, oracleFor('mbpp', row.entry_point));
        }
        return {
          id: row.task_id,
          benchmark: name,
          language: 'python',
          prompt: row.prompt,
          instruction: instructionOf(row),
          entryPoint: row.entry_point,
          canonicalSolution: row.canonical_solution,
          test,
        };
      });
    },
  };
}

export const mbpp = mbppAdapter('mbpp');
export const mbppplus = mbppAdapter('mbppplus');
