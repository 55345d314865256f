/**
 * Acceptance, HumanEval-X JavaScript: every prompt + canonical_solution, 5 LintSeq paths
 * each, rebuilds to normalizeProgram(program), and every intermediate state lints clean
 * under passk's TypeScript-based linter.
 */
import { expect, it } from 'vitest';
import { readJsonLines } from '../../harness/io/jsonl.js';
import { TypeScriptLinter } from '../../harness/editseq/linters/typescript.js';
import { roundTrip } from '../fixtures/editseq/round-trip.js';

it('HumanEval-X JS: 164 programs x 5 paths round-trip, all intermediate states clean', async () => {
  const rows = (await readJsonLines('../shared/datasets/humaneval_js.jsonl.gz')).map((l) => l.value as Record<string, string>);
  const programs = rows.map((r) => ({ id: r.task_id!, code: r.prompt! + r.canonical_solution! }));
  expect(programs).toHaveLength(164);
  const report = await roundTrip(programs, 'javascript', new TypeScriptLinter('javascript'), 5);
  expect(report.failures).toEqual([]);
  expect(report.paths).toBe(164 * 5);
  expect(report.edits / report.paths).toBeGreaterThan(3);
});
