/**
 * passk plan on a real HumanEval run: a sample file whose per-problem pass rates are drawn
 * from a U-shaped spread (each sample is the canonical solution or a body that raises) is
 * evaluated in the sandbox, `passk plan --drop 0.02` names the n a new run needs, and 100
 * simulated new runs with that n, each against a fresh base drawn from the same rates,
 * are decided as `passk compare` decides them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareCounts, DEFAULT_COMPARE } from '../../harness/analysis/compare-counts.js';
import type { Plan } from '../../harness/analysis/power-plan.js';
import { drawCounts, plantDrop } from '../../harness/analysis/planted-drop.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { EXIT } from '../../kernel/errors.js';
import { passk } from '../support/cli.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { writeHumanEvalSamples } from '../support/humaneval-samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('passk plan on a HumanEval run', () => {
  it('prints the n for a 2-point drop, and a run with that n detects the drop in at least 80 of 100 repetitions', async () => {
    const data = datasetPath('HumanEval.jsonl.gz');
    const rng = mulberry32(2024);
    const samples = join(tmp, 'samples.jsonl');
    const rates = await writeHumanEvalSamples(samples, rng, (p) => zeroInflatedBetaRates(rng, p, { pi0: 0, alpha: 0.3, beta: 0.9 }), 20);
    const run = join(tmp, 'base');
    const evaluated = await passk(['eval', '--benchmark', 'humaneval', '--data', data, '--samples', samples, '--out', run, '--json']);
    expect(evaluated.exitCode, evaluated.stderr).toBe(EXIT.ok);

    const text = await passk(['plan', run, '--drop', '0.02', '--repetitions', '1000']);
    expect(text.exitCode, text.stderr).toBe(EXIT.ok);
    console.log(text.stdout);
    expect(text.stdout).toMatch(/the new run needs n = \d+ samples per problem/);
    expect(text.stdout).toMatch(/Method: Monte Carlo/);
    const json = await passk(['plan', run, '--drop', '0.02', '--repetitions', '1000', '--json']);
    const plan = JSON.parse(json.stdout) as Plan;
    const n = plan.samples!.n;
    expect(text.stdout).toContain(`n = ${n} samples per problem`);

    let detected = 0;
    for (let r = 0; r < 100; r++) {
      const g = mulberry32(7000 + r);
      const base = drawCounts(g, rates, 20);
      const next = drawCounts(g, plantDrop(rates, 0.02), n);
      if (compareCounts(base, next, { ...DEFAULT_COMPARE, ks: [1, 10] }).decision.overall === 'regression') detected++;
    }
    const message = `plan n = ${n}: planted 2-point drop detected in ${detected} of 100 repetitions`;
    console.log(message);
    expect(detected, message).toBeGreaterThanOrEqual(80);
  });
});
