/**
 * Acceptance, HumanEval: every canonical program (prompt + canonical_solution), 5 LintSeq
 * paths each, rebuilds to normalizeProgram(program) ("\n" line ends, no leading or
 * trailing blank lines; nothing else is left out), and every intermediate state lints
 * clean under passk's linter.
 */
import { afterAll, expect, it } from 'vitest';
import { readJsonLines } from '../../kernel/jsonl.js';
import { PythonLinter } from '../../harness/lintseq/linters/python.js';
import { roundTrip } from '../fixtures/editseq/round-trip.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = 'HumanEval.jsonl.gz';
const linter = new PythonLinter();
afterAll(() => linter.close());

it.skipIf(skipWithoutDatasets(DATA))('HumanEval: 164 programs x 5 paths round-trip, all intermediate states clean', async () => {
  const rows = (await readJsonLines(datasetPath(DATA))).map((l) => l.value as Record<string, string>);
  const programs = rows.map((r) => ({ id: r.task_id!, code: r.prompt! + r.canonical_solution! }));
  expect(programs).toHaveLength(164);
  const report = await roundTrip(programs, 'python', linter, 5);
  expect(report.failures).toEqual([]);
  expect(report.paths).toBe(164 * 5);
  expect(report.edits / report.paths).toBeGreaterThan(3);
  expect(report.states).toBeGreaterThan(report.paths * 2);
});
