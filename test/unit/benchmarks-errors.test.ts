import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { passkRejection, writeLines } from '../support/files.js';

describe('dataset files with errors', () => {
  it('name file:line and the field', async () => {
    const good = {
      task_id: 'Mbpp/1',
      prompt: '',
      entry_point: 'f',
      canonical_solution: 'def f(x):\n    return x\n',
      base_input: [[1]],
      plus_input: [],
      atol: 0,
      contract: '',
      assertion: 'assert f(1) == 1',
    };
    let path = writeLines('MbppPlus.jsonl', [good, { ...good, task_id: 'Mbpp/2', base_input: 'oops' }]);
    const err = await passkRejection(loadBenchmark('mbppplus', { data: path }));
    expect(err.code).toBe('E_DATASET');
    expect(err.message).toContain(`${path}:2`);
    expect(err.message).toContain('base_input');
    path = writeLines('MbppPlus.jsonl', [good, { ...good, task_id: 'Mbpp/2', entry_point: undefined }]);
    expect((await passkRejection(loadBenchmark('mbpp', { data: path }))).message).toMatch(new RegExp(`${path}:2.*entry_point`));
    path = writeLines('MbppPlus.jsonl', [good, good]);
    expect((await passkRejection(loadBenchmark('mbpp', { data: path }))).message).toMatch(new RegExp(`${path}:2.*appears twice`));
    path = writeLines('MbppPlus.jsonl', ['{"task_id": "Mbpp/1", "base_input": [1,]}']);
    expect((await passkRejection(loadBenchmark('mbpp', { data: path }))).message).toContain(`${path}:1`);
    // An input shape evalplus's deserialization cannot take (Mbpp/250 wants [list, value]).
    path = writeLines('MbppPlus.jsonl', [{ ...good, task_id: 'Mbpp/250', base_input: [[]] }]);
    expect((await passkRejection(loadBenchmark('mbpp', { data: path }))).message).toMatch(new RegExp(`${path}:1.*base_input`));
    path = writeLines('MbppPlus.jsonl', [{ ...good, assertion: undefined }]);
    expect((await passkRejection(loadBenchmark('mbpp', { data: path, useOriginalAsserts: true }))).message).toMatch(
      new RegExp(`${path}:1.*assertion`),
    );
    path = writeLines('HumanEval.jsonl', [{ task_id: 'HumanEval/0', prompt: 'def f():\n', canonical_solution: '', entry_point: 'f' }]);
    expect((await passkRejection(loadBenchmark('humaneval', { data: path }))).message).toMatch(new RegExp(`${path}:1.*test`));
  });
});
