/**
 * CodeContests through the real CLI: passk eval scores a sample file on two problems (a problem
 * named by its title), records each problem's judging rules and per-test limits, writes n@k into
 * summary.json (oracle-labelled; after a resume with --cluster-inputs, labelled by the file), and
 * passk select writes selection.json with the oracle-input label.
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
    // One command line for the first run and its resume (which adds the clustering inputs).
    const evalArgs = [
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
      '--ks',
      '1',
      '2',
      '--progress',
      'off',
      '--tasks',
      '1581_B. Diameter of Graph',
      '--tasks',
      'CodeContests/1',
    ];
    const evaluated = await passk(evalArgs);
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

    type SummaryJson = {
      ks: number[];
      groups: Array<{
        n_at_k: Record<string, Record<string, { value: number; standard_error: number; methods: string[] }>>;
        false_public_pass_share: number;
        public_pass_share: number;
      }>;
      cluster_inputs: { source: string; label: string; path: string | null; sha256: string | null };
    };
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as SummaryJson;
    // Each problem: one right and one wrong sample, the wrong one failing a public test: 1@1 = 0.5, 1@2 = 1.
    expect(summary.ks).toEqual([1, 2]);
    expect(summary.groups[0]!.n_at_k['1']).toEqual({
      '1': { value: 0.5, standard_error: 0, methods: ['exact'] },
      '2': { value: 1, standard_error: 0, methods: ['exact'] },
    });
    expect(summary.groups[0]!.n_at_k['10']!['2']!.value).toBeCloseTo(1, 12);
    expect(summary.groups[0]!.public_pass_share).toBe(0.5);
    expect(summary.groups[0]!.false_public_pass_share).toBe(0);
    expect(summary.cluster_inputs).toMatchObject({ source: 'oracle', path: null, sha256: null });
    expect(summary.cluster_inputs.label).toContain('oracle-input upper bound');

    // A resume (nothing left to run) recomputes the summary from every record, here on the user's inputs.
    const inputs = join(dir, 'inputs.jsonl');
    writeFileSync(
      inputs,
      [
        { task_id: 'CodeContests/27', inputs: ['1\n3 2 3\n1 2\n2 3\n'] },
        { task_id: 'CodeContests/1', inputs: ['1\n0 0 1\n'] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    );
    const resumed = await passk([...evalArgs, '--cluster-inputs', inputs]);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const again = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as SummaryJson;
    expect(again.cluster_inputs).toMatchObject({ source: 'file', path: inputs, label: `clustered on the inputs of ${inputs}` });
    expect(again.cluster_inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(again.groups[0]!.n_at_k['1']!['1']!.value).toBeCloseTo(0.5, 12);

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

  it('refuses cluster inputs for a task of the run that is not in it, naming the file and line', async () => {
    const inputs = join(dir, 'bad-inputs.jsonl');
    writeFileSync(inputs, `${JSON.stringify({ task_id: 'CodeContests/5', inputs: ['1\n'] })}\n`);
    const r = await passk([
      'eval',
      '--benchmark',
      'codecontests',
      '--data',
      datasetPath(DATA),
      '--samples',
      join(dir, 'samples.jsonl'),
      '--tasks',
      'CodeContests/1',
      '--out',
      join(dir, 'refused'),
      '--cluster-inputs',
      inputs,
    ]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(`${inputs}:1`);
    expect(r.stderr).toContain('"CodeContests/5" is not a task of this run');
  });
});
