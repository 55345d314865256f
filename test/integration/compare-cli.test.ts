/**
 * passk compare through the real CLI on real run folders: identical runs, a run where half
 * the passing samples of 10% of the problems were made to fail, a 10-point drop, an
 * inconclusive pair under --strict, and runs over different problems or data.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunComparison } from '../../harness/analysis/compare-runs.js';
import { EXIT } from '../../kernel/errors.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { passk } from '../support/cli.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PROBLEMS = 120;
const N = 10;
const arch = { layers: 4, d_attn: 256, matmul_params: 10_000_000 };

function outcomes(seed: number, shift: number): boolean[][] {
  const rates = zeroInflatedBetaRates(mulberry32(7), PROBLEMS, { pi0: 0.2, alpha: 0.8, beta: 1.2 });
  const rng = mulberry32(seed);
  return rates.map((p) => Array.from({ length: N }, () => rng() < p + shift));
}

function run(name: string, o: boolean[][], extra: Partial<Parameters<typeof writeSyntheticRun>[0]> = {}): string {
  const dir = join(tmp, name);
  writeSyntheticRun({
    dir,
    groups: [{ model: name, config: 'default', outcomes: o, promptTokens: 50, completionTokens: (t, i) => 80 + ((t + i) % 20) }],
    models: [{ name, format: 'completion', architecture: arch }],
    ...extra,
  });
  return dir;
}

describe('passk compare', () => {
  let base: string;
  beforeAll(() => {
    base = run('base', outcomes(1, 0));
  });

  it('identical runs: exit 0, non-inferior, a difference of 0 and bounds at 0', async () => {
    const copy = join(tmp, 'copy');
    cpSync(base, copy, { recursive: true });
    const res = await passk(['compare', base, copy, '--k', '1,10', '--json']);
    expect(res.exitCode, res.stderr).toBe(EXIT.ok);
    const c = JSON.parse(res.stdout) as RunComparison;
    expect(c.decision.overall).toBe('non-inferior');
    for (const r of c.results) expect(r.meanDifference).toBe(0);
    for (const d of c.decision.perK) expect(d.regression.upperBound).toBe(0);
    expect(c.slopeA.reason).toBeNull();
  });

  it('half the passing samples of 10% of the problems made to fail: exit 1; identical runs: exit 0, non-inferior', async () => {
    const rates = zeroInflatedBetaRates(mulberry32(11), 164, { pi0: 0, alpha: 0.3, beta: 0.9 });
    const rng = mulberry32(12);
    const o = rates.map((p) => Array.from({ length: 20 }, () => rng() < p));
    const ids = { taskIds: Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`) };
    const solved = o.flatMap((samples, t) => (samples.some(Boolean) ? [t] : []));
    // Every tenth problem of those with a pass: 10% of all problems.
    const hit = new Set(solved.filter((_, i) => i % Math.floor(solved.length / 16) === 0).slice(0, 16));
    const worse = o.map((samples, t) => {
      if (!hit.has(t)) return samples;
      let passes = 0;
      return samples.map((x) => (x && passes++ % 2 === 0 ? false : x));
    });
    const a = run('he-base', o, ids);
    const b = run('he-worse', worse, ids);
    const c = run('he-copy', o, ids);
    const regressed = await passk(['compare', a, b]);
    expect(regressed.exitCode, regressed.stdout + regressed.stderr).toBe(EXIT.regression);
    expect(regressed.stdout.split('\n')[0]).toMatch(/Regression/);
    const same = await passk(['compare', a, c, '--json']);
    expect(same.exitCode, same.stderr).toBe(EXIT.ok);
    expect((JSON.parse(same.stdout) as RunComparison).decision.overall).toBe('non-inferior');
  });

  it('per-problem success down 10 points: exit 1, markdown with the outcome first, then the table', async () => {
    const worse = run('worse', outcomes(2, -0.1));
    const res = await passk(['compare', base, worse, '--k', '1,10', '--format', 'markdown']);
    expect(res.exitCode, res.stderr).toBe(EXIT.regression);
    expect(res.stdout.split('\n')[0]).toMatch(/^## .*Regression/);
    expect(res.stdout).toMatch(/^\| 1 \| .* \| regression \|$/m);
    expect(res.stdout).toMatch(/Fit A slope/);
  });

  it('inconclusive: exit 0 by default, 2 with --strict', async () => {
    // Six problems whose pass counts move both ways: too little evidence either way.
    const fromCounts = (counts: number[]) => counts.map((c) => Array.from({ length: N }, (_, i) => i < c));
    const ids = { taskIds: Array.from({ length: 6 }, (_, i) => `T/${i}`) };
    const a = run('small-a', fromCounts([5, 3, 6, 2, 4, 7]), ids);
    const b = run('small-b', fromCounts([4, 4, 5, 3, 3, 7]), ids);
    const plain = await passk(['compare', a, b, '--k', '1']);
    expect(plain.exitCode, plain.stderr).toBe(EXIT.ok);
    expect(plain.stdout.split('\n')[0]).toMatch(/Inconclusive/);
    expect(plain.stdout).toMatch(/samples per problem\*\* in each run would decide it/);
    const strict = await passk(['compare', a, b, '--k', '1', '--strict']);
    expect(strict.exitCode).toBe(EXIT.inconclusive);
  });

  it('refuses runs over different problem sets, naming the problems', async () => {
    const other = run('other-tasks', outcomes(5, 0), { taskIds: Array.from({ length: PROBLEMS }, (_, i) => `T/${i + 3}`) });
    const res = await passk(['compare', base, other]);
    expect(res.exitCode).toBe(EXIT.badInput);
    expect(res.stderr).toMatch(
      /\[E_COMPARE\] the runs cover different problem sets: only in base: T\/0, T\/1, T\/2; only in new: T\/120, T\/121, T\/122/,
    );
  });

  it('refuses runs over different data files of one benchmark', async () => {
    const other = run('other-data', outcomes(6, 0), { dataSha256: 'f'.repeat(64) });
    const res = await passk(['compare', base, other]);
    expect(res.exitCode).toBe(EXIT.badInput);
    expect(res.stderr).toMatch(/\[E_COMPARE\] the runs used different toy data files/);
  });
});
