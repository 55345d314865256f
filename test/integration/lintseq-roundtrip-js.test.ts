/**
 * Acceptance, HumanEval-X JavaScript: every prompt + canonical_solution, 5 LintSeq paths
 * each, rebuilds to normalizeProgram(program), and every intermediate state lints clean
 * under passk's TypeScript-based linter.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readJsonLines } from '../../kernel/jsonl.js';
import { TypeScriptLinter } from '../../harness/lintseq/linters/typescript.js';
import { runLintseqBatch } from '../../harness/lintseq/batch/run-batch.js';
import { reconstruct } from '../../harness/rebuild/reconstruct.js';
import { normalizeProgram } from '../../harness/lintseq/forward.js';
import { roundTrip } from '../fixtures/editseq/round-trip.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

it.skipIf(skipWithoutDatasets('humaneval_js.jsonl.gz'))(
  'HumanEval-X JS: 164 programs x 5 paths round-trip, all intermediate states clean',
  async () => {
    const rows = (await readJsonLines(datasetPath('humaneval_js.jsonl.gz'))).map((l) => l.value as Record<string, string>);
    const programs = rows.map((r) => ({ id: r.task_id!, code: r.prompt! + r.canonical_solution! }));
    expect(programs).toHaveLength(164);
    const report = await roundTrip(programs, 'javascript', new TypeScriptLinter('javascript'), 5);
    expect(report.failures).toEqual([]);
    expect(report.paths).toBe(164 * 5);
    expect(report.edits / report.paths).toBeGreaterThan(3);
  },
);

it.skipIf(skipWithoutDatasets('humaneval_js.jsonl.gz'))('passk lintseq --lang javascript makes rebuildable paths', async () => {
  const rows = (await readJsonLines(datasetPath('humaneval_js.jsonl.gz'))).slice(0, 4).map((l) => l.value as Record<string, string>);
  const dir = mkdtempSync(join(tmpdir(), 'passk-lintseq-js-'));
  const input = join(dir, 'js.jsonl');
  writeFileSync(input, rows.map((r) => JSON.stringify({ code: r.prompt! + r.canonical_solution! })).join('\n'));
  const out = join(dir, 'out.jsonl');
  await runLintseqBatch({ input, field: 'code', paths: 1, seed: 1, language: 'javascript', linter: 'passk', out, jobs: 1 });
  const lines = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { edit_path: string[] });
  const rebuilt = lines.map((l) => reconstruct(l.edit_path.join('\n<|diff|>'), { mode: 'strict', malformed: 'penalize' }));
  expect(rebuilt.map((r) => r.ok && r.program)).toEqual(rows.map((r) => normalizeProgram(r.prompt! + r.canonical_solution!)));
});

it('TypeScript programs (types, generics, enums, classes) round-trip with clean intermediate states', async () => {
  const programs = [
    'interface Item<T> {\n  key: string;\n  value: T;\n}\n\nexport function byKey<T>(items: Item<T>[]): Map<string, T> {\n  const out = new Map<string, T>();\n  for (const item of items) {\n    out.set(item.key, item.value);\n  }\n  return out;\n}\n',
    'enum Color {\n  Red,\n  Green = Red + 2,\n}\n\ntype Pair<A, B> = [A, B];\n\nclass Palette {\n  private readonly colors: Color[] = [];\n\n  add(c: Color): this {\n    this.colors.push(c);\n    return this;\n  }\n\n  pairs(): Pair<Color, number>[] {\n    return this.colors.map((c, i) => [c, i]);\n  }\n}\n\nconst p = new Palette().add(Color.Green);\nconsole.log(p.pairs());\n',
  ].map((code, i) => ({ id: `ts-${i}`, code }));
  const report = await roundTrip(programs, 'typescript', new TypeScriptLinter('typescript'), 5);
  expect(report.failures).toEqual([]);
  expect(report.paths).toBe(10);
  expect(report.edits / report.paths).toBeGreaterThan(2);
});
