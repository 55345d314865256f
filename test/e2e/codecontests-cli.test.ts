/**
 * CodeContests through the real CLI: passk eval scores a sample file on two problems (a problem
 * named by its title), records each problem's judging rules and per-test limits, and passk select
 * writes selection.json with the oracle-input label.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { solutions } from '../fixtures/codecontests/judge-cases.js';
import { passk } from '../support/cli.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = 'codecontests_test.jsonl.gz';

describe.skipIf(skipWithoutDatasets(DATA))('passk eval and passk select on CodeContests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passk-cc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores, records the judging rules and limits, and selects', async () => {
    const python = solutions('python');
    const samples = join(dir, 'samples.jsonl');
    const lines = [
      { task_id: 'CodeContests/27', solution: python.get(27)! },
      { task_id: 'CodeContests/27', solution: 'print("NO")\n' },
      { task_id: 'CodeContests/1', solution: python.get(1)! },
      { task_id: 'CodeContests/1', solution: 'print(0)\n' },
    ];
    writeFileSync(samples, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const run = join(dir, 'run');
    const data = datasetPath(DATA);
    const evaluated = await passk([
      'eval',
      '--benchmark',
      'codecontests',
      '--data',
      data,
      '--samples',
      samples,
      '--format',
      'full',
      '-n',
      'all',
      '--out',
      run,
      '--jobs',
      '2',
      '--progress',
      'off',
      '--tasks',
      '1581_B. Diameter of Graph',
      '--tasks',
      'CodeContests/1',
    ]);
    expect(evaluated.exitCode, evaluated.stderr).toBe(0);
    const records = readFileSync(join(run, 'samples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { task_id: string; verdict: string; detail: string | null });
    expect(records.map((r) => [r.task_id, r.verdict]).sort()).toEqual([
      ['CodeContests/1', 'failed'],
      ['CodeContests/1', 'passed'],
      ['CodeContests/27', 'failed'],
      ['CodeContests/27', 'passed'],
    ]);
    const limits = readFileSync(join(run, 'time-limits.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const byTask = Object.fromEntries(limits.map((l) => [l.task_id as string, l]));
    expect(byTask['CodeContests/27']).toMatchObject({
      reason: 'per-problem',
      input_timeouts_ms: Array.from({ length: 9 }, () => 3000),
      judge: { case_insensitive: true, float_tolerance: null, tests: 9, problem_time_limit_ms: 1000, memory_limit_mb: 256 },
    });
    expect(byTask['CodeContests/1']).toMatchObject({
      reason: 'per-problem',
      judge: { case_insensitive: false, float_tolerance: 1e-4, public_tests: 2 },
    });

    const selected = await passk(['select', run, '--k', '1', '2']);
    expect(selected.exitCode, selected.stderr).toBe(0);
    expect(selected.stdout).toContain('oracle-input upper bound');
    const selection = JSON.parse(readFileSync(join(run, 'selection.json'), 'utf8')) as {
      groups: Array<{ n_at_k: Record<string, Record<string, { value: number }>> }>;
    };
    // Each problem: one right and one wrong sample, the wrong one failing a public test: 1@1 = 0.5, 1@2 = 1.
    expect(selection.groups[0]!.n_at_k['1']!['1']!.value).toBeCloseTo(0.5, 12);
    expect(selection.groups[0]!.n_at_k['1']!['2']!.value).toBeCloseTo(1, 12);
  });
});
