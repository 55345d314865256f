/**
 * passk compare on two suite folders through the real CLI: a drop planted in one of three
 * benchmarks is a regression on that benchmark and exit 1; identical suites exit 0; suites
 * over different benchmarks, and a suite against a run, are refused by name.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteComparison } from '../../harness/analysis/compare-suites.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { EXIT } from '../../kernel/errors.js';
import { passk } from '../support/cli.js';
import { writeSyntheticSuite } from '../support/synthetic-suite.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-compare-suites-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const N = 10;
const BENCHMARKS = [
  { name: 'builtin', problems: 40 },
  { name: 'humaneval', problems: 120 },
  { name: 'mbppplus', problems: 100 },
];

/** Outcomes of one benchmark: the same per-problem rates in every suite, `drop` taken off each. */
function outcomes(j: number, seed: number, drop: number, problems: number): boolean[][] {
  const rates = zeroInflatedBetaRates(mulberry32(100 + j), problems, { pi0: 0.1, alpha: 0.8, beta: 1.2 });
  const rng = mulberry32(seed);
  return rates.map((p) => Array.from({ length: N }, () => rng() < p - drop));
}

function suite(name: string, drops: Record<string, number>, seed: number, only = BENCHMARKS): string {
  return writeSyntheticSuite(
    join(tmp, name),
    name,
    only.map((b, j) => ({
      name: b.name,
      benchmark: b.name,
      groups: [{ model: name, config: 'default', outcomes: outcomes(j, seed + j, drops[b.name] ?? 0, b.problems) }],
    })),
  );
}

describe('passk compare BASE_SUITE NEW_SUITE', () => {
  let base: string;
  beforeAll(() => {
    base = suite('base', {}, 1);
  });

  it('a drop planted in one benchmark: a regression there, exit 1, the per-benchmark table under the outcome', async () => {
    const dropped = suite('dropped', { humaneval: 0.2 }, 1);
    const res = await passk(['compare', base, dropped, '--k', '1,5']);
    expect(res.exitCode, res.stderr).toBe(EXIT.regression);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('## :x: Regression: the new suite is significantly worse on some benchmark');
    expect(res.stdout).toMatch(/\| humaneval \(humaneval\) \| 120 \| .* \| \*\*regression\*\* \|/);
    expect(res.stdout).toMatch(/\| builtin \(builtin\) \| 40 \| .* \| \*\*(non-inferior|inconclusive)\*\* \|/);
    expect(res.stdout).toContain('One family of 6 hypotheses (3 benchmarks x their ks), Holm at alpha 0.05');

    const json = await passk(['compare', base, dropped, '--k', '1,5', '--format', 'json']);
    const c = JSON.parse(json.stdout) as SuiteComparison;
    expect(c.decision.overall).toBe('regression');
    expect(c.benchmarks.map((b) => [b.name, b.verdict === 'regression'])).toEqual([
      ['builtin', false],
      ['humaneval', true],
      ['mbppplus', false],
    ]);
  });

  it('identical suites: exit 0, non-inferior or inconclusive, never a regression', async () => {
    const copy = join(tmp, 'copy');
    cpSync(base, copy, { recursive: true });
    const res = await passk(['compare', base, copy, '--k', '1', '--format', 'json']);
    expect(res.exitCode, res.stderr).toBe(EXIT.ok);
    const c = JSON.parse(res.stdout) as SuiteComparison;
    expect(c.decision.overall).not.toBe('regression');
    for (const b of c.benchmarks) for (const r of b.results) expect(r.meanDifference).toBe(0);
  });

  it('refuses suites over different benchmarks, and a suite against a run, naming them', async () => {
    const fewer = suite('fewer', {}, 1, BENCHMARKS.slice(0, 2));
    const res = await passk(['compare', base, fewer]);
    expect(res.exitCode).toBe(EXIT.badInput);
    expect(res.stderr).toContain('the suites hold different benchmarks: only in base');
    expect(res.stderr).toContain('mbppplus');
    const mixed = await passk(['compare', base, join(base, 'humaneval')]);
    expect(mixed.exitCode).toBe(EXIT.badInput);
    expect(mixed.stderr).toContain('is a suite folder and');
  });
});
