/**
 * Does the decision catch real regressions? Seeded paired runs (test/support/planted-drops.ts:
 * 164 problems, n = 20, rates from a U-shaped spread) with planted drops of 0, 2 and 4
 * points of pass@1, decided with the defaults; then the sequential gate on the same drops.
 * The counts are in every assertion message. `npm run bench -- planted-drops` runs more pairs.
 */
import { describe, expect, it } from 'vitest';
import { fixedDesign, N, sequentialGate, share } from '../support/planted-drops.js';

const PAIRS = 300;
const ALPHA = 0.05;

describe('planted drops, fixed n = 20 (passk compare)', () => {
  it('no change: a regression in at most alpha + 0.01, non-inferior in at least 80%', () => {
    const t = fixedDesign(0, PAIRS, 10_000);
    const message = `no change: regression ${share(t.regression, t)}, non-inferior ${share(t.nonInferior, t)}, inconclusive ${share(t.inconclusive, t)}`;
    console.log(message);
    expect(t.regression / t.pairs, message).toBeLessThanOrEqual(ALPHA + 0.01);
    expect(t.nonInferior / t.pairs, message).toBeGreaterThanOrEqual(0.8);
  });

  it('a 2-point drop is a regression in at least 60%, a 4-point drop in at least 97%', () => {
    const two = fixedDesign(0.02, PAIRS, 20_000);
    const four = fixedDesign(0.04, PAIRS, 30_000);
    const message = `2 points: regression ${share(two.regression, two)}; 4 points: regression ${share(four.regression, four)}`;
    console.log(message);
    expect(two.regression / two.pairs, message).toBeGreaterThanOrEqual(0.6);
    expect(four.regression / four.pairs, message).toBeGreaterThanOrEqual(0.97);
  });
});

describe('planted drops, sequential gate (passk run --gate), 2 samples per problem per round up to 20', () => {
  it('false alarms at most alpha + 0.01 with a look after every round', () => {
    const t = sequentialGate(0, 200, 40_000);
    const message = `no change: regression ${share(t.regression, t)}, non-inferior ${share(t.nonInferior, t)}, undecided at n ${share(t.inconclusive, t)}`;
    console.log(message);
    expect(t.regression / t.pairs, message).toBeLessThanOrEqual(ALPHA + 0.01);
  });

  it('a 4-point drop stops on average within 60% of the fixed design samples', () => {
    const t = sequentialGate(0.04, 200, 50_000);
    const mean = t.samples / t.pairs;
    const message = `4 points: regression ${share(t.regression, t)}, mean samples per problem ${mean.toFixed(2)} of ${N} (${((100 * mean) / N).toFixed(0)}%)`;
    console.log(message);
    expect(mean / N, message).toBeLessThanOrEqual(0.6);
    expect(t.regression / t.pairs, message).toBeGreaterThanOrEqual(0.9);
  });
});
