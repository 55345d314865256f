/**
 * `passk lintseq`: pylintseq-compatible output (edit_path, index, source_file,
 * source_<field>, source_<instruction field>), markdown code blocks extracted as pylintseq
 * does, rebuildable paths, the same bytes for any --jobs, errors naming file:line and field.
 * (Exit codes for such errors are the CLI shell's, tested with it.) The JavaScript and
 * --linter pylint routes are tested beside the other tests that load those linters.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from '../../kernel/jsonl.js';
import { runLintseqBatch } from '../../harness/lintseq/batch/run-batch.js';
import { reconstruct } from '../../harness/rebuild/reconstruct.js';
import { normalizeProgram } from '../../harness/lintseq/forward.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'passk-lintseq-'));

async function humanEval(count: number): Promise<Array<Record<string, string>>> {
  return (await readJsonLines(datasetPath('HumanEval.jsonl.gz'))).slice(0, count).map((l) => l.value as Record<string, string>);
}

function writeInput(name: string, rows: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

const rebuild = (diffs: string[]) => {
  const r = reconstruct(diffs.join('\n<|diff|>'), { mode: 'strict', malformed: 'penalize' });
  return r.ok ? r.program : `not rebuilt: ${r.reason}`;
};

describe('passk lintseq', () => {
  it.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))(
    'writes rebuildable pylintseq-style lines, identical for 1 and 2 jobs and through the CLI',
    async () => {
      const rows = (await humanEval(10)).map((r) => ({
        instruction: `Complete ${r.entry_point}.`,
        response: r.prompt! + r.canonical_solution!,
      }));
      rows.push({ instruction: 'Add one.', response: 'Sure, here it is:\n```python\ndef add_one(x):\n    return x + 1\n```\nDone.' });
      const input = writeInput('in.jsonl', rows);
      const common = {
        input,
        field: 'response',
        instructionField: 'instruction',
        paths: 2,
        seed: 5,
        language: 'python' as const,
        linter: 'passk' as const,
      };
      const one = join(dir, 'one.jsonl');
      const two = join(dir, 'two.jsonl');
      const summary = await runLintseqBatch({ ...common, out: one, jobs: 1 });
      await runLintseqBatch({ ...common, out: two, jobs: 2 });
      expect(summary).toMatchObject({ programs: 11, written: 22, skipped: 0 });
      expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));

      const lines = readFileSync(one, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(22);
      lines.forEach((line, k) => {
        const row = rows[Math.floor(k / 2)]!;
        expect(Object.keys(line).sort()).toEqual(['edit_path', 'index', 'source_file', 'source_instruction', 'source_response']);
        expect(line).toMatchObject({
          index: Math.floor(k / 2),
          source_file: input,
          source_response: row.response,
          source_instruction: row.instruction,
        });
        const program = row.response.startsWith('Sure') ? 'def add_one(x):\n    return x + 1' : normalizeProgram(row.response);
        expect(rebuild(line.edit_path)).toBe(program);
      });
      expect(lines[0].edit_path).not.toEqual(lines[1].edit_path); // two different paths

      const cli = join(dir, 'cli.jsonl');
      const { stderr } = await run(
        'node',
        [
          'bin/passk.js',
          'lintseq',
          '--input',
          input,
          '--field',
          'response',
          '--instruction-field',
          'instruction',
          '--paths',
          '2',
          '--seed',
          '5',
          '--out',
          cli,
          '--jobs',
          '2',
        ],
        { timeout: 120_000 },
      );
      expect(readFileSync(cli, 'utf8')).toBe(readFileSync(one, 'utf8'));
      expect(stderr).toMatch(/lintseq: 22 edit paths for 11\/11 programs/);
    },
  );

  it('rejects a row without the field, naming file:line and the field', async () => {
    const input = writeInput('bad.jsonl', [{ response: 'x = 1' }, { response: 'y = 2' }, { answer: 'z = 3' }]);
    const options = {
      input,
      field: 'response',
      paths: 1,
      seed: 1,
      language: 'python' as const,
      linter: 'passk' as const,
      out: join(dir, 'bad-out.jsonl'),
      jobs: 1,
    };
    await expect(runLintseqBatch(options)).rejects.toThrow(`${input}:3: field "response" is missing; expected a string`);
    await expect(runLintseqBatch({ ...options, linter: 'pylint', language: 'javascript' })).rejects.toThrow(
      /--linter pylint lints Python only/,
    );
  });
});
