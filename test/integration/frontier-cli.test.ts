/**
 * passk frontier on two real run folders: a cheap, weaker model and a dear, stronger one,
 * so the choice changes with the budget; measured latencies give the GPU-second and dollar
 * axes. The table, the JSON (passk.frontier/1) and the chart, and clear errors.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontierReport } from '../../harness/analysis/frontier-report.js';
import { passk } from '../support/cli.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-frontier-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const small = { layers: 12, d_model: 768, n_heads: 12, d_ff: 3072, mlp: 'plain', vocab_size: 50257, tied_embeddings: true };
const large = { ...small, layers: 24, d_model: 2048, n_heads: 16, d_ff: 8192 };

/** Problem t passes with rate (t mod 10) / 10 + shift, deterministically spread over the n samples. */
function outcomes(problems: number, n: number, shift: number): boolean[][] {
  return Array.from({ length: problems }, (_, t) =>
    Array.from({ length: n }, (_, i) => ((i * 37 + t * 11) % n) / n < Math.min(1, Math.max(0, (t % 10) / 10 + shift))),
  );
}

describe('passk frontier', () => {
  let cheap: string;
  let dear: string;
  beforeAll(() => {
    cheap = join(tmp, 'cheap');
    dear = join(tmp, 'dear');
    writeSyntheticRun({
      dir: cheap,
      groups: [
        {
          model: 'small',
          config: 't0.8',
          outcomes: outcomes(30, 40, -0.25),
          promptTokens: 80,
          completionTokens: 100,
          sampleMs: 2000,
          requestSamples: 40,
        },
      ],
      models: [{ name: 'small', format: 'completion', architecture: small }],
    });
    writeSyntheticRun({
      dir: dear,
      groups: [
        {
          model: 'large',
          config: 't0.2',
          outcomes: outcomes(30, 40, 0.15),
          promptTokens: 80,
          completionTokens: 100,
          sampleMs: 8000,
          requestSamples: 40,
        },
      ],
      models: [{ name: 'large', format: 'completion', architecture: large }],
    });
  });

  it('prints the best model, config and k with intervals for each budget', async () => {
    const res = await passk(['frontier', cheap, dear, '--bootstrap', '200', '--budgets', '5']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toContain('Compute-optimal choice by budget: test-time FLOPs per problem');
    const rows = res.stdout.split('\n').filter((l) => /^\d\.\d\de[+-]\d+\s/.test(l));
    expect(rows.length).toBe(5);
    for (const row of rows) expect(row).toMatch(/(small · t0\.8|large · t0\.2), k=\d+( \*)?\s+\d+\.\d \[\d+\.\d, \d+\.\d\]/);
    expect(res.stdout).toMatch(/backtest: fit C on the first 4 samples per problem predicted pass@k at k=5,10,20,40 within RMSE/);
  });

  it('answers in JSON on the GPU-second axis: the cheap model at small budgets, the strong one at large', async () => {
    const res = await passk([
      'frontier',
      cheap,
      dear,
      '--bootstrap',
      '200',
      '--axis',
      'gpu-seconds',
      '--budget',
      '0.06',
      '1',
      '4',
      '--json',
    ]);
    expect(res.exitCode, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as FrontierReport;
    expect(r.schema).toBe('passk.frontier/1');
    expect(r.axis).toBe('gpu-seconds');
    // 2 s per request of 40 samples: 0.05 GPU-s per small sample; 0.2 per large one.
    expect(r.groups.map((g) => g.model)).toEqual(['small', 'large']);
    expect(r.groups[0]!.cost.gpu_seconds_per_sample).toBeCloseTo(0.05, 12);
    expect(r.groups[1]!.cost.gpu_seconds_per_sample).toBeCloseTo(0.2, 12);
    expect(r.budgets.map((b) => b.budget)).toEqual([0.06, 1, 4]);
    // 0.06 GPU-s buys one small sample and no large one.
    expect([r.budgets[0]!.best?.model, r.budgets[0]!.best?.k, r.budgets[0]!.runner_up]).toEqual(['small', 1, null]);
    for (const b of r.budgets) {
      expect(b.best!.cost).toBeLessThanOrEqual(b.budget);
      expect(b.best!.low!).toBeLessThanOrEqual(b.best!.value);
      expect(b.best!.high!).toBeGreaterThanOrEqual(b.best!.value);
      // Nothing within the budget does better.
      for (const o of r.options) if (o.cost <= b.budget) expect(o.value).toBeLessThanOrEqual(b.best!.value);
    }
    expect(r.budgets[2]!.best?.model).toBe('large');
    // k beyond the measured 40 comes from fit C and is marked.
    expect(r.options.some((o) => o.extrapolated && o.k > 40)).toBe(true);
    expect(r.options.filter((o) => o.extrapolated).every((o) => o.k > 40)).toBe(true);
  });

  it('draws the chart, prices dollars, and refuses what it cannot answer', async () => {
    const svg = join(tmp, 'frontier.svg');
    const res = await passk([
      'frontier',
      cheap,
      dear,
      '--bootstrap',
      '200',
      '--axis',
      'dollars',
      '--gpu-hour-price',
      '3.6',
      '--chart',
      svg,
    ]);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toContain('dollars per problem');
    expect(res.stdout).toContain('$0.0000500/sample'); // 0.05 GPU-s x $3.6 / 3600
    expect(existsSync(svg)).toBe(true);
    expect(readFileSync(svg, 'utf8')).toContain('compute-optimal pass@k by budget (dollars)');
    const noPrice = await passk(['frontier', cheap, '--axis', 'dollars']);
    expect(noPrice.exitCode).toBe(3);
    expect(noPrice.stderr).toMatch(/--axis dollars needs --gpu-hour-price/);
    const noLatency = join(tmp, 'no-latency');
    writeSyntheticRun({ dir: noLatency, groups: [{ model: 'm', config: 'c', outcomes: outcomes(5, 4, 0) }] });
    const bad = await passk(['frontier', noLatency, '--axis', 'gpu-seconds', '--bootstrap', '200']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toMatch(/no group has a cost on the gpu-seconds axis: m · c: 20 of 20 samples have no request latency/);
  });
});
