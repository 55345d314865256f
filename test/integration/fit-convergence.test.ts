/**
 * Fits B and C say whether their optimizer converged, and why it stopped, in analysis.json,
 * the text report and the fit table; a fit that did not converge is drawn as such (its own
 * sparsely dotted part, no band), not as a normal curve. Also the optimizers' own reasons.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRuns } from '../../harness/analysis/analyze-runs.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { nelderMead } from '../../harness/fits/nelder-mead.js';
import { newtonMaximize } from '../../harness/fits/newton.js';
import { DEFAULT_FLOPS_CONVENTION } from '../../harness/metrics/flops.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { chartData } from '../../harness/report/chart-data.js';
import { fitText } from '../../harness/report/fit-text.js';
import { fitsTable } from '../../harness/report/report-tables.js';
import { readRun } from '../../harness/store/run-files.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-converge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('optimizer reasons', () => {
  const bowl = (x: readonly number[]) => ({
    value: -((x[0]! - 1) ** 2) - 3 * (x[1]! + 2) ** 2,
    grad: [-2 * (x[0]! - 1), -6 * (x[1]! + 2)],
    hess: [-2, 0, 0, -6],
  });
  const bounds = { lower: [-10, -10], upper: [10, 10] };

  it('Newton: converged by its gradient test, or stopped at the iteration limit', () => {
    const done = newtonMaximize(bowl, [5, 5], bounds, { maxIterations: 50, gradientTolerance: 1e-9 });
    expect(done.converged).toBe(true);
    expect(done.reason).toMatch(/^Newton: (gradient below 1e-9|step below .*) after \d+ iterations$/);
    expect(done.x[0]).toBeCloseTo(1, 8);
    expect(done.x[1]).toBeCloseTo(-2, 8);
    const cut = newtonMaximize((x) => ({ ...bowl(x), hess: [-200, 0, 0, -600] }), [5, 5], bounds, { maxIterations: 2 });
    expect(cut).toMatchObject({ converged: false, reason: 'Newton: iteration limit 2 reached' });
  });

  it('Nelder-Mead: the simplex within tolerance, or the iteration limit', () => {
    const f = (x: number[]) => (x[0]! - 1) ** 2 + 3 * (x[1]! + 2) ** 2;
    expect(nelderMead(f, [5, 5]).reason).toMatch(/^Nelder-Mead: simplex within tolerance after \d+ iterations$/);
    const cut = nelderMead(f, [5, 5], { maxIterations: 3, restarts: 0 });
    expect(cut).toMatchObject({ converged: false, reason: 'Nelder-Mead: iteration limit 3 reached' });
  });
});

describe('convergence in the analysis, the report and the charts', () => {
  it('flags each fit, and draws a fit that did not converge apart', async () => {
    const rates = zeroInflatedBetaRates(mulberry32(3), 60, { pi0: 0.2, alpha: 0.6, beta: 1.4 });
    const rng = mulberry32(4);
    const dir = join(tmp, 'run');
    writeSyntheticRun({
      dir,
      groups: [
        {
          model: 'm',
          config: 'c',
          outcomes: rates.map((p) => Array.from({ length: 20 }, () => rng() < p)),
          promptTokens: 40,
          completionTokens: 60,
        },
      ],
      models: [{ name: 'm', format: 'completion', architecture: { layers: 4, d_attn: 256, matmul_params: 10_000_000 } }],
    });
    const { analysis } = analyzeRuns([await readRun(dir)], {
      convention: DEFAULT_FLOPS_CONVENTION,
      bootstrap: { replicates: 50, seed: 0, level: 0.95 },
      extrapolate: 2,
    });
    const g = analysis.groups[0]!;
    if (g.fit_b.reason !== null || g.fit_c.reason !== null) throw new Error('fits B and C should fit these counts');
    for (const f of [g.fit_b, g.fit_c]) {
      expect(f.converged).toBe(true);
      expect(f.convergence).toMatch(/^Newton: /);
    }
    expect(fitText(analysis)).toMatch(/fit B .*; converged \(Newton: /);
    expect(fitsTable(analysis)).toMatch(/converged \(Newton: /);
    expect(chartData(analysis).fitC.every((r) => r.part !== 'not converged')).toBe(true);

    // The same analysis with fit C's optimizer reported as stopped short.
    const stuck = structuredClone(analysis);
    Object.assign(stuck.groups[0]!.fit_c, { converged: false, convergence: 'Newton: iteration limit 60 reached' });
    expect(fitText(stuck)).toMatch(/fit C .*NOT CONVERGED \(Newton: iteration limit 60 reached\)/);
    const rows = chartData(stuck).fitC;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.part === 'not converged')).toBe(true);
  });
});
