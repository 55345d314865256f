/**
 * passk eval on MultiPL-E HumanEval-TS, as a user runs it: with the solutions written for the
 * tests added to the data file as canonical solutions, the LintSeq oracle's edit sequences
 * (`--samples oracle --format editseq --n 5`) pass every task a solution covers, type-checked;
 * the canonical solutions pass when stripped too; the TypeScript mode is part of the run's
 * identity, so a resume under the other mode is refused.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passk } from '../support/cli.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { readFixtureSolutions, writeWithCanonicalSolutions } from '../support/multipl-e-fixtures.js';

const FILE = 'multiple_humaneval_ts.jsonl.gz';
const noData = skipWithoutDatasets(FILE);

interface Summary {
  tasks: Record<string, { n: number; c: number }>;
  verdicts: Record<string, number>;
}
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe.skipIf(noData)('passk eval on multipl-e-humaneval-ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passk-e2e-multipl-e-'));
  const data = join(dir, 'humaneval-ts-with-solutions.jsonl');
  const correct = readFixtureSolutions('humaneval').filter((s) => s.kind === 'correct');
  const covered = correct.map((s) => s.taskId).sort();
  writeWithCanonicalSolutions(datasetPath(FILE), data, correct);

  it('the oracle edit sequences pass every task a fixture solution covers, type-checked', async () => {
    const out = join(dir, 'oracle');
    const args = ['eval', '--benchmark', 'multipl-e-humaneval-ts', '--data', data, '--samples', 'oracle', '--format', 'editseq'];
    const r = await passk([...args, '--n', '5', '--jobs', '2', '--out', out, '--json', '--progress', 'off'], { timeoutMs: 600_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary;
    const tasks = Object.entries(summary.tasks);
    expect(tasks).toHaveLength(159);
    expect(covered.length).toBeGreaterThanOrEqual(30);
    expect(covered.map((id) => [id, summary.tasks[id]])).toEqual(covered.map((id) => [id, { n: 5, c: 5 }]));
    // The tasks without a solution have nothing to rebuild: none passes.
    expect(tasks.filter(([id, t]) => !covered.includes(id) && t.c > 0)).toEqual([]);
    const manifest = readJson<{ identity: { execution: { typescript?: string } }; sandbox: { language: string; runtime: string } }>(
      join(out, 'manifest.json'),
    );
    expect(manifest.identity.execution.typescript).toBe('typecheck');
    expect(manifest.sandbox.language).toBe('typescript');
    expect(manifest.sandbox.runtime).toMatch(/TypeScript \d+\.\d+\.\d+ \(typecheck\)/);
  });

  it('the canonical solutions pass when stripped, and a resume under the other mode is refused', async () => {
    const out = join(dir, 'canonical');
    const args = ['eval', '--benchmark', 'multipl-e-humaneval-ts', '--data', data, '--samples', 'canonical', '--tasks', ...covered];
    const stripped = await passk([...args, '--typescript', 'strip', '--jobs', '2', '--out', out, '--json', '--progress', 'off']);
    expect(stripped.exitCode, stripped.stderr).toBe(0);
    const summary = JSON.parse(stripped.stdout) as Summary;
    expect(summary.verdicts).toEqual({ passed: covered.length });
    expect(readJson<{ identity: { execution: { typescript?: string } } }>(join(out, 'manifest.json')).identity.execution.typescript).toBe(
      'strip',
    );

    const checked = await passk([...args, '--typescript', 'typecheck', '--out', out, '--progress', 'off']);
    expect(checked.exitCode).toBe(3);
    expect(checked.stderr).toMatch(/cannot resume.*execution\.typescript/);
  });
});
