/**
 * The `quick` preset end to end through the real CLI against the vLLM double:
 * `passk run --suite quick --data-dir DIR --endpoint URL --model M --format baseline`, then
 * `passk report` on the suite folder and `passk compare` of the suite with a copy of itself
 * (exit 0), as the README's suite commands run them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { readSuiteManifest } from '../../harness/store/suite-manifest.js';
import { EXIT } from '../../kernel/errors.js';
import { passk } from '../support/cli.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const FILES = ['HumanEval.jsonl.gz', 'MbppPlus.jsonl.gz', 'humanevalpack_python.jsonl.gz'];
const DATA_DIR = dirname(datasetPath(FILES[0]!));
const tmp = mkdtempSync(join(tmpdir(), 'passk-suite-quick-'));
let double: VllmDouble | undefined;

beforeAll(async () => {
  if (skipWithoutDatasets(...FILES)) return;
  const tasks = [
    ...(await loadBenchmark('builtin')).tasks,
    ...(await loadBenchmark('humaneval', { data: join(DATA_DIR, FILES[0]!) })).tasks,
    ...(await loadBenchmark('mbppplus', { data: join(DATA_DIR, FILES[1]!) })).tasks,
  ];
  double = await startVllmDouble({ models: ['org/m'], respond: benchmarkResponder(tasks) });
});
afterAll(async () => {
  await double?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(skipWithoutDatasets(...FILES))('passk run --suite quick', () => {
  it('runs the three benchmarks into one suite folder, reports it on one page, and gates it against itself', async () => {
    const out = join(tmp, 'quick');
    const model = ['--endpoint', double!.url, '--model', 'org/m', '--format', 'baseline'];
    const run = await passk(['run', '--suite', 'quick', '--data-dir', DATA_DIR, ...model, '--out', out, '--progress', 'off']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(`suite quick: ${out} (complete)`);
    const manifest = await readSuiteManifest(out);
    const builtin = (await loadBenchmark('builtin')).tasks.length;
    expect(manifest.benchmarks.map((b) => [b.name, b.status, b.samples])).toEqual([
      ['builtin', 'complete', builtin * 4],
      ['humaneval', 'complete', 10 * 4],
      ['mbppplus', 'complete', 10 * 4],
    ]);
    expect(manifest.data_dir).toBe(DATA_DIR);

    const html = join(out, 'report.html');
    const report = await passk(['report', out, '--out', html, '--bootstrap', '200']);
    expect(report.exitCode, report.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('passk suite report: quick');

    const copy = join(tmp, 'copy');
    cpSync(out, copy, { recursive: true });
    const gate = await passk(['compare', out, copy, '--k', '1,4']);
    expect(gate.exitCode, gate.stderr).toBe(EXIT.ok);
    expect(gate.stdout).toMatch(/^## :white_check_mark: Non-inferior|^## :grey_question: Inconclusive/);
  }, 300_000);
});
