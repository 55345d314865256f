/**
 * The suite gate's decision (harness/analysis/suite-decision.ts) on seeded simulated suites
 * of 3 benchmarks (164, 100 and 60 problems, n = 20, per-problem rates from the U-shaped
 * Beta(0.3, 0.9) of the planted-drop checks): with no change anywhere, false alarms (a
 * regression anywhere) stay at most alpha + 0.02 over 400 pairs, Holm over benchmarks x ks
 * together; a drop planted in one benchmark is a regression on that benchmark. The counts
 * are in every assertion message.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE } from '../../harness/analysis/compare-counts.js';
import { drawCounts, plantDrop } from '../../harness/analysis/planted-drop.js';
import { decideSuite, type SuiteBenchmarkCounts } from '../../harness/analysis/suite-decision.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { mulberry32 } from '../../harness/metrics/random.js';

const SIZES = [164, 100, 60];
const N = 20;
const OPTIONS = { ...DEFAULT_COMPARE, ks: [1, 10] };
const SPREAD = { pi0: 0, alpha: 0.3, beta: 0.9 };

/** One seeded pair of suites; `drops[j]` is planted in benchmark j of the new suite. */
function suitePair(seed: number, drops: readonly number[]): SuiteBenchmarkCounts[] {
  const rng = mulberry32(seed);
  return SIZES.map((size, j) => {
    const rates = zeroInflatedBetaRates(rng, size, SPREAD);
    return { name: `b${j}`, base: drawCounts(rng, rates, N), new: drawCounts(rng, plantDrop(rates, drops[j] ?? 0), N) };
  });
}

describe('the suite gate', () => {
  it('400 null suite pairs of 3 benchmarks: false alarms at most alpha + 0.02; three separate gates alarm more', () => {
    // 400 pairs, not 100: at a true rate of alpha the share of 100 pairs has a standard
    // deviation of 2.2 points, so a rule exactly at its level would fail a 2-point allowance
    // for about one seed in seven; with 400 (1.1 points) for about one in thirty.
    const PAIRS = 400;
    let suiteAlarms = 0;
    let separateAlarms = 0;
    let nonInferior = 0;
    for (let r = 0; r < PAIRS; r++) {
      const suite = suitePair(60_000 + r, [0, 0, 0]);
      const d = decideSuite(suite, OPTIONS);
      expect(d.family).toBe(SIZES.length * OPTIONS.ks.length);
      if (d.overall === 'regression') suiteAlarms++;
      if (d.overall === 'non-inferior') nonInferior++;
      // Three gates run one by one, each at alpha: a false alarm when any of them alarms.
      if (suite.some((b) => decideSuite([b], OPTIONS).overall === 'regression')) separateAlarms++;
    }
    const message = `suite gate: ${suiteAlarms}/${PAIRS} false alarms, ${nonInferior} non-inferior; three separate gates: ${separateAlarms}/${PAIRS}`;
    console.log(message);
    expect(suiteAlarms / PAIRS, message).toBeLessThanOrEqual(OPTIONS.alpha + 0.02);
    expect(separateAlarms, message).toBeGreaterThan(suiteAlarms);
  });

  it('a 6-point drop planted in one benchmark is a regression there, and the suite regresses', () => {
    const PAIRS = 40;
    let caught = 0;
    let elsewhere = 0;
    for (let r = 0; r < PAIRS; r++) {
      const d = decideSuite(suitePair(70_000 + r, [0, 0.06, 0]), OPTIONS);
      if (d.benchmarks[1]!.verdict === 'regression' && d.overall === 'regression' && d.exitCode === 1) caught++;
      if (d.benchmarks[0]!.verdict === 'regression' || d.benchmarks[2]!.verdict === 'regression') elsewhere++;
    }
    const message = `caught ${caught}/${PAIRS}; a regression called on an unchanged benchmark ${elsewhere}/${PAIRS}`;
    console.log(message);
    expect(caught / PAIRS, message).toBeGreaterThanOrEqual(0.8);
    expect(elsewhere / PAIRS, message).toBeLessThanOrEqual(OPTIONS.alpha + 0.02);
  });

  it('identical suites are non-inferior with exit 0; each benchmark keeps its rows and its problem count', () => {
    const suite = suitePair(1, [0, 0, 0]).map((b) => ({ ...b, new: b.base }));
    const d = decideSuite(suite, OPTIONS);
    expect(d.overall).toBe('non-inferior');
    expect(d.exitCode).toBe(0);
    expect(d.benchmarks.map((b) => [b.name, b.problems, b.perK.map((p) => p.k)])).toEqual(SIZES.map((s, j) => [`b${j}`, s, [1, 10]]));
    // Holm over 6 hypotheses: the strictest level a regression row is tested at is alpha / 6.
    expect(Math.min(...d.benchmarks.flatMap((b) => b.perK.map((p) => p.regression.level)))).toBeCloseTo(OPTIONS.alpha / 6, 12);
  });
});
