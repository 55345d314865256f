/**
 * Acceptance, MBPP+: every canonical_solution, 5 LintSeq paths each, rebuilds to
 * normalizeProgram(program), and every intermediate state lints clean under passk's linter
 * (whose bad-indentation rule uses each program's own indent unit: MBPP mixes 1, 2 and 4
 * spaces and tabs).
 */
import { afterAll, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { PythonLinter } from '../../harness/lintseq/linters/python.js';
import { roundTrip } from '../fixtures/editseq/round-trip.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const linter = new PythonLinter();
afterAll(() => linter.close());

it.skipIf(skipWithoutDatasets('MbppPlus.jsonl.gz'))('MBPP+: 399 programs x 5 paths round-trip, all intermediate states clean', async () => {
  // The file holds NaN/Infinity inputs, which JSON.parse rejects: read it through the adapter.
  const { tasks } = await loadBenchmark('mbppplus', { data: datasetPath('MbppPlus.jsonl.gz') });
  const programs = tasks.map((t) => ({ id: t.id, code: t.canonicalSolution }));
  expect(programs).toHaveLength(399);
  const report = await roundTrip(programs, 'python', linter, 5);
  expect(report.failures).toEqual([]);
  expect(report.paths).toBe(399 * 5);
});
