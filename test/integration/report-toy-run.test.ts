/**
 * A toy run worked by hand: pass@k, FLOPs and fit A's slope from `passk fit --json` must
 * match the arithmetic written out below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../harness/analysis/analyze-runs.js';
import { passk } from '../support/cli.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-toy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('toy run, computed by hand', () => {
  it('pass@k, F(k) and the fit A slope', async () => {
    const dir = join(tmp, 'toy');
    // Problem A: 4 samples, 2 pass. Problem B: 4 samples, 1 passes.
    // Prompt 10 tokens everywhere; completions A: 4, 6, 4, 6 tokens; B: 5 each.
    writeSyntheticRun({
      dir,
      groups: [
        {
          model: 'toy',
          config: 'default',
          outcomes: [
            [true, false, false, true],
            [false, false, false, true],
          ],
          promptTokens: 10,
          completionTokens: (t, i) => (t === 0 ? (i % 2 === 0 ? 4 : 6) : 5),
        },
      ],
      models: [{ name: 'toy', format: 'completion', architecture: { layers: 2, d_attn: 8, matmul_params: 1000 } }],
    });
    const res = await passk(['fit', dir, '--json', '--bootstrap', '200']);
    expect(res.exitCode, res.stderr).toBe(0);
    const analysis = JSON.parse(res.stdout) as Analysis;
    const g = analysis.groups[0]!;

    // pass@1 = mean(c/n) = (2/4 + 1/4) / 2
    // pass@2: A 1 - C(2,2)/C(4,2) = 5/6, B 1 - C(3,2)/C(4,2) = 1/2
    // pass@3: A 1 (n-c = 2 < 3), B 1 - C(3,3)/C(4,3) = 3/4;  pass@4 = 1
    const hand = [0.375, (5 / 6 + 1 / 2) / 2, (1 + 3 / 4) / 2, 1];
    g.points.forEach((p, i) => expect(p.pass_at_k).toBeCloseTo(hand[i]!, 12));

    // N_mm = 1000, L = 2, d_attn = 8, so 4*L*d_attn = 64.
    // F_pre(10)   = 2*1000*10 + 64 * (10*11/2)        = 20000 + 3520  = 23520
    // F_dec(10,4) = 2*1000*4  + 64 * (4*10 + 4*5/2)   = 8000  + 3200  = 11200
    // F_dec(10,6) = 2*1000*6  + 64 * (6*10 + 6*7/2)   = 12000 + 5184  = 17184
    // F_dec(10,5) = 2*1000*5  + 64 * (5*10 + 5*6/2)   = 10000 + 4160  = 14160
    // F(k) = 2 * 23520 + k * ((11200 + 17184) / 2 + 14160) = 47040 + 28352 k
    const F = (k: number) => 47040 + 28352 * k;
    g.points.forEach((p) => expect(p.flops).toBe(F(p.k)));
    expect(g.flops.run_total).toBe(F(4));

    // Fit A on k = 1, 2, 4 (the 1-2-5 series up to n = 4): least squares of pass@k on log10 F(k).
    const xs = [1, 2, 4].map((k) => Math.log10(F(k)));
    const ys = [hand[0]!, hand[1]!, hand[3]!];
    const mx = (xs[0]! + xs[1]! + xs[2]!) / 3;
    const my = (ys[0]! + ys[1]! + ys[2]!) / 3;
    const slope =
      ((xs[0]! - mx) * (ys[0]! - my) + (xs[1]! - mx) * (ys[1]! - my) + (xs[2]! - mx) * (ys[2]! - my)) /
      ((xs[0]! - mx) ** 2 + (xs[1]! - mx) ** 2 + (xs[2]! - mx) ** 2);
    if (g.fit_a.reason !== null) throw new Error(g.fit_a.reason);
    expect(g.fit_a.slope_per_decade).toBeCloseTo(slope, 10);
    expect(analysis.flops_convention).toBe('kv-shared');
  });

  it('says why there are no FLOPs when the run lacks token counts or an architecture', async () => {
    const dir = join(tmp, 'no-tokens');
    writeSyntheticRun({
      dir,
      groups: [
        {
          model: 'm',
          config: 'c',
          outcomes: [
            [true, false],
            [false, false],
          ],
        },
      ],
    });
    const res = await passk(['fit', dir, '--bootstrap', '200']);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/FLOPs: not available \(no architecture recorded for model "m"/);
    expect(res.stdout).toMatch(/fit A {2}not fitted/);
  });
});
