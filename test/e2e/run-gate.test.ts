/**
 * passk run --gate on real HumanEval runs (replayed sample files with planted rates,
 * executed in the sandbox): a clear drop stops at the first look with exit 1; a new model
 * like the base samples round after round until decided or at the spec's n, exit 0; both
 * leave gate.json saying why they stopped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateRecord } from '../../harness/gate/gate-record.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { EXIT } from '../../kernel/errors.js';
import { passk } from '../support/cli.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { writeHumanEvalSamples } from '../support/humaneval-samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-gate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('passk run --gate', () => {
  const data = () => datasetPath('HumanEval.jsonl.gz');
  let base: string;
  let rates: number[];

  beforeAll(async () => {
    const rng = mulberry32(31);
    const file = join(tmp, 'base.jsonl');
    rates = await writeHumanEvalSamples(file, rng, (p) => zeroInflatedBetaRates(rng, p, { pi0: 0, alpha: 0.3, beta: 0.9 }), 20);
    base = join(tmp, 'base');
    const r = await passk(['eval', '--benchmark', 'humaneval', '--data', data(), '--samples', file, '--out', base, '--json']);
    expect(r.exitCode, r.stderr).toBe(EXIT.ok);
  });

  async function gate(name: string, scale: number, extra: string[]) {
    const rng = mulberry32(name.length * 97);
    const file = join(tmp, `${name}.jsonl`);
    await writeHumanEvalSamples(file, rng, () => rates.map((p) => p * scale), 20);
    const config = join(tmp, `${name}.json`);
    const out = join(tmp, name);
    writeFileSync(
      config,
      JSON.stringify({
        benchmark: 'humaneval',
        data: data(),
        n: 20,
        models: [{ name, sampler: 'replay', samples: file, format: 'baseline' }],
        out,
      }),
    );
    const r = await passk(['run', config, '--gate', base, ...extra]);
    const record = JSON.parse(readFileSync(join(out, 'gate.json'), 'utf8')) as GateRecord;
    const samples = readFileSync(join(out, 'samples.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    return { r, record, samples };
  }

  it('a 60% drop in every rate stops at the first look: exit 1, gate.json says regression, 2 samples per problem drawn', async () => {
    const { r, record, samples } = await gate('worse', 0.4, []);
    expect(r.exitCode, r.stdout + r.stderr).toBe(EXIT.regression);
    expect(record.stop).toMatchObject({ reason: 'regression', n: 2, fixed_n: 20 });
    expect(record.looks).toHaveLength(1);
    expect(record.rule.method).toMatch(/confidence sequence/);
    expect(samples).toBe(164 * 2);
    expect(r.stdout.split('\n').find((l) => l.startsWith('## '))).toMatch(/Regression/);
    expect(r.stdout).toMatch(/Gate: stopped at n = 2 of 20 samples per problem \(10% of the fixed-n design\): regression/);
  });

  it('a model like the base is never called a regression: it samples in rounds of 10 and stops undecided at n = 20 or non-inferior, exit 0', async () => {
    const { r, record, samples } = await gate('same', 1, ['--gate-round', '10']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(EXIT.ok);
    expect(['reached-n', 'non-inferior']).toContain(record.stop!.reason);
    expect(record.looks.map((l) => l.n)).toEqual([10, 20].slice(0, record.looks.length));
    expect(record.looks.every((l) => l.overall !== 'regression')).toBe(true);
    expect(samples).toBe(164 * record.stop!.n);
  });
});
