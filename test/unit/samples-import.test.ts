import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { sha256File } from '../../kernel/hash.js';
import { loadSamples, programOf } from '../../harness/sample-files/sample-file.js';
import { makeTaskIdResolver } from '../../harness/sample-files/task-ids.js';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { passkRejection, writeLines } from '../support/files.js';

const MBPP_PLUS = datasetPath('MbppPlus.jsonl.gz');
const CHATGPT = datasetPath('mbppplus_chatgpt_t0.jsonl.gz');

describe('task id matching', () => {
  const resolve = makeTaskIdResolver(['Mbpp/2', 'Mbpp/11', 'HumanEval/0']);
  it('accepts the id, a bare number (string or number) and another case', () => {
    expect(resolve('Mbpp/2')).toBe('Mbpp/2');
    expect(resolve(11)).toBe('Mbpp/11');
    expect(resolve('11')).toBe('Mbpp/11');
    expect(resolve('mbpp/2')).toBe('Mbpp/2');
    expect(resolve(0)).toBe('HumanEval/0');
  });
  it('refuses what matches nothing or more than one task', () => {
    expect(resolve('Mbpp/3')).toBeUndefined();
    expect(resolve(3)).toBeUndefined();
    expect(makeTaskIdResolver(['A/1', 'B/1'])(1)).toBeUndefined();
  });
  it('maps every id to itself and every bare number back to its unique id (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 50 }), (nums) => {
        const ids = nums.map((n) => `Mbpp/${n}`);
        const r = makeTaskIdResolver(ids);
        for (const [i, n] of nums.entries()) {
          expect(r(ids[i]!)).toBe(ids[i]);
          expect(r(n)).toBe(ids[i]);
        }
      }),
    );
  });
});

describe.skipIf(skipWithoutDatasets('MbppPlus.jsonl.gz'))('sample files', () => {
  let mbpp: Task[];
  beforeAll(async () => {
    mbpp = (await loadBenchmark('mbpp', { data: MBPP_PLUS })).tasks;
  });
  const task = (id: string) => mbpp.find((t) => t.id === id)!;

  it.skipIf(skipWithoutDatasets('mbppplus_chatgpt_t0.jsonl.gz'))(
    'reads the real ChatGPT file: bare ids become Mbpp/N, one sample each, prompt + completion',
    async () => {
      const { samples, sha256 } = await loadSamples(CHATGPT, mbpp);
      expect(samples).toHaveLength(399);
      expect(sha256).toBe(await sha256File(CHATGPT));
      expect(new Set(samples.map((s) => s.taskId))).toEqual(new Set(mbpp.map((t) => t.id)));
      expect(samples.every((s) => s.index === 0 && s.format === 'completion' && !s.extracted)).toBe(true);
      const s2 = samples.find((s) => s.taskId === 'Mbpp/2')!;
      expect(s2.program).toBe(task('Mbpp/2').prompt + s2.raw);
      expect(s2.source).toBe(`${CHATGPT}:1`);
      expect(new Set(samples.map((s) => s.taskId)).size).toBe(samples.length);
    },
  );

  it('gives each line its position among its task lines as the sample index, in .jsonl.gz too', async () => {
    const lines = [
      { task_id: 'Mbpp/2', completion: 'A' },
      { task_id: 3, completion: 'B' },
      { task_id: '2', solution: 'def similar_elements(a, b):\n    return ()\n' },
      { task_id: 'Mbpp/2', completion: 'C', solution: 'whole' },
    ];
    for (const gz of [false, true]) {
      const { samples } = await loadSamples(writeLines(gz ? 's.jsonl.gz' : 's.jsonl', lines, { gzip: gz }), mbpp);
      expect(samples.map((s) => [s.taskId, s.index, s.format, s.raw])).toEqual([
        ['Mbpp/2', 0, 'completion', 'A'],
        ['Mbpp/3', 0, 'completion', 'B'],
        ['Mbpp/2', 1, 'solution', 'def similar_elements(a, b):\n    return ()\n'],
        ['Mbpp/2', 2, 'solution', 'whole'], // both fields: the solution wins, as in evalplus
      ]);
      expect(samples[2]!.program).toBe(samples[2]!.raw);
      expect(samples.filter((s) => s.taskId === 'Mbpp/2').map((s) => s.index)).toEqual([0, 1, 2]);
    }
  });

  it('extracts fenced code: a completion after the prompt (on a new line), a solution alone', async () => {
    const fenced = 'Here you go:\n```python\ndef similar_elements(a, b):\n    return tuple(set(a) & set(b))\n```\nHope it helps.';
    const { samples } = await loadSamples(
      writeLines('f.jsonl', [
        { task_id: 2, completion: fenced },
        { task_id: 2, solution: fenced },
      ]),
      mbpp,
    );
    const code = 'def similar_elements(a, b):\n    return tuple(set(a) & set(b))\n';
    expect(samples[0]!.program).toBe(`${task('Mbpp/2').prompt}\n${code}`);
    expect(samples[0]!.raw).toBe(fenced);
    expect(samples[1]!.program).toBe(code);
    expect(samples.every((s) => s.extracted)).toBe(true);
    // Without fences, a completion is appended byte for byte, even a whole redefinition.
    expect(programOf(task('Mbpp/2'), 'completion', 'def similar_elements(): pass').program).toBe(
      task('Mbpp/2').prompt + 'def similar_elements(): pass',
    );
    expect(programOf(task('Mbpp/2'), 'completion', fenced, false).program).toBe(task('Mbpp/2').prompt + fenced);
  });

  it('names file:line for an unknown task id', async () => {
    const path = writeLines('bad-id.jsonl', [
      { task_id: 2, completion: 'x' },
      { task_id: 'HumanEval/0', completion: 'y' },
    ]);
    const err = await passkRejection(loadSamples(path, mbpp));
    expect(err.code).toBe('E_SAMPLES');
    expect(err.message).toContain(`${path}:2`);
    expect(err.message).toContain('task_id');
    expect(err.message).toContain('"Mbpp/2"');
  });

  it('names file:line and the field for a line without completion or solution, a bad type, or bad JSON', async () => {
    let path = writeLines('no-field.jsonl', [
      { task_id: 2, completion: 'x' },
      { task_id: 2, answer: 'y' },
    ]);
    let err = await passkRejection(loadSamples(path, mbpp));
    expect(err.message).toContain(`${path}:2`);
    expect(err.message).toContain('completion');
    path = writeLines('type.jsonl', [{ task_id: 2, completion: 7 }]);
    err = await passkRejection(loadSamples(path, mbpp));
    expect(err.message).toMatch(new RegExp(`${path}:1.*completion`));
    path = writeLines('json.jsonl', [{ task_id: 2, completion: 'x' }, '', '{"task_id": 2, "completion": ']);
    err = await passkRejection(loadSamples(path, mbpp));
    expect(err.message).toContain(`${path}:3`);
    err = await passkRejection(loadSamples(join(tmpdir(), 'passk-no-such-file.jsonl'), mbpp));
    expect(err.code).toBe('E_SAMPLES');
  });
});
