/**
 * The library-heavy Python adapters (ds1000, bigcodebench, bigcodebench-hard): the real
 * files, task ids, tests, how a completion becomes a program in each prompt style, their
 * library profiles; bad rows named by file:line and field.
 */
import { describe, expect, it } from 'vitest';
import { bigcodebench, bigcodebenchHard } from '../../benchmarks/bigcodebench.js';
import { ds1000 } from '../../benchmarks/ds1000.js';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { canonicalProgram, programFromCompletion } from '../../kernel/task.js';
import { buildProgram } from '../../harness/rebuild/build-program.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { passkRejection, writeLines } from '../support/files.js';

const DS = 'ds1000.jsonl.gz';
const BCB = 'bigcodebench_v0.1.4.jsonl.gz';
const HARD = 'bigcodebench_hard_v0.1.4.jsonl.gz';

describe('DS-1000 adapter', () => {
  it.skipIf(skipWithoutDatasets(DS))('loads 1000 tasks whose program is the solution alone, cut where DS-1000 cuts it', async () => {
    const tasks = await ds1000.load(datasetPath(DS), {});
    expect(tasks).toHaveLength(1000);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(1000);
    const first = tasks[0]!;
    expect(first.id).toBe('DS1000/0');
    expect(first.test.kind).toBe('python-code-context');
    expect(first.prompt).toContain('BEGIN SOLUTION');
    // The program is the completion itself (not prompt + completion), cut at </code>.
    expect(programFromCompletion(first, 'result = df.iloc[List]\n</code>\nEND SOLUTION')).toBe('result = df.iloc[List]\n');
    expect(canonicalProgram(first)).toBe(first.canonicalSolution);
  });

  it('names the file, line and field of a bad row', async () => {
    const file = writeLines('ds1000-bad.jsonl', [
      { prompt: 'p', reference_code: 'x = 1', metadata: { problem_id: 0, library: 'Numpy' }, code_context: 'def nothing(): pass' },
    ]);
    const err = await passkRejection(ds1000.load(file, {}));
    expect(err.code).toBe('E_DATASET');
    expect(err.message).toContain(`${file}:1`);
    expect(err.message).toContain('code_context');
    expect(err.message).toContain('test_execution');
  });
});

describe('BigCodeBench adapters', () => {
  it.skipIf(skipWithoutDatasets(BCB, HARD))('load 1140 and 148 tasks with unittest tests, in both prompt styles', async () => {
    const full = await bigcodebench.load(datasetPath(BCB), {});
    const hard = await bigcodebenchHard.load(datasetPath(HARD), {});
    expect(full).toHaveLength(1140);
    expect(hard).toHaveLength(148);
    const fullIds = new Set(full.map((t) => t.id));
    for (const t of hard) expect(fullIds.has(t.id)).toBe(true);
    const task = hard[0]!;
    expect(task.benchmark).toBe('bigcodebench-hard');
    expect(task.test.kind).toBe('python-unittest');
    expect(task.instruction).toBeTruthy();
    // complete: the completion continues complete_prompt (format baseline).
    const editseq = { editseq: { mode: 'lintseq', malformed: 'skip' } } as const;
    const complete = buildProgram(task, { format: 'baseline', completion: '    return 1\n' }, editseq);
    expect(complete).toMatchObject({ kind: 'program', program: `${task.prompt}    return 1\n` });
    // instruct: the model writes the whole program (format full).
    const whole = buildProgram(task, { format: 'full', completion: 'def task_func():\n    return 1\n' }, editseq);
    expect(whole).toMatchObject({ kind: 'program', program: 'def task_func():\n    return 1\n' });
    expect(canonicalProgram(task)).toBe(task.prompt + task.canonicalSolution);
  });

  it('carry the library profile into the loaded benchmark: preloaded libraries, recorded versions, limits', async () => {
    const file = writeLines('bcb-one.jsonl', [
      {
        task_id: 'BigCodeBench/0',
        complete_prompt: 'def task_func():\n',
        instruct_prompt: 'Return 1.',
        code_prompt: 'def task_func():\n',
        canonical_solution: '    return 1\n',
        test: 'import unittest\nclass TestCases(unittest.TestCase):\n    def test_one(self):\n        self.assertEqual(task_func(), 1)\n',
        entry_point: 'task_func',
        libs: "['numpy']",
      },
    ]);
    const loaded = await loadBenchmark('bigcodebench', { data: file });
    expect(loaded.python?.preload).toContain('pandas');
    expect(loaded.python?.libraries).toContain('seaborn');
    expect(loaded.python?.memoryMb).toBeGreaterThan(1024);
    const err = await passkRejection(bigcodebench.load(writeLines('bcb-bad.jsonl', [{ task_id: 'x' }]), {}));
    expect(err.message).toContain('bcb-bad.jsonl:1');
  });
});
