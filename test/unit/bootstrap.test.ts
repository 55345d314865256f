import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapIndexSets, bootstrapMeanInterval, quantileSorted } from '../../harness/metrics/bootstrap.js';
import { summarizeGroup } from '../../harness/metrics/score.js';

describe('problem-level bootstrap', () => {
  it('is deterministic for a seed and brackets the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }), fc.nat(), (xs, seed) => {
        const opts = { replicates: 300, seed, level: 0.95 };
        const a = bootstrapMeanInterval(xs, opts);
        const b = bootstrapMeanInterval(xs, opts);
        expect(a).toEqual(b);
        expect(a[0]).toBeLessThanOrEqual(a[1]);
        expect(a[0]).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-12);
        expect(a[1]).toBeLessThanOrEqual(Math.max(...xs) + 1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it('collapses to a point when every problem has the same value', () => {
    expect(bootstrapMeanInterval([0.5, 0.5, 0.5], { replicates: 100, seed: 1, level: 0.9 })).toEqual([0.5, 0.5]);
  });

  it('draws indices uniformly over problems', () => {
    const counts = new Array(5).fill(0);
    for (const idx of bootstrapIndexSets(5, { replicates: 4000, seed: 7 })) for (const i of idx) counts[i]++;
    for (const c of counts) expect(c / 20000).toBeCloseTo(0.2, 1);
  });

  it('interpolates quantiles', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
  });
});

describe('group summary', () => {
  it('counts n and c per task and scores pass@k with an interval', () => {
    const samples = [
      { task_id: 'a', verdict: 'passed' },
      { task_id: 'a', verdict: 'failed' },
      { task_id: 'b', verdict: 'timeout' },
      { task_id: 'b', verdict: 'passed' },
    ];
    const g = summarizeGroup('m', 'c', samples, ['a', 'b'], [1, 2, 5], { replicates: 500, seed: 0, level: 0.95 });
    expect(g.tasks).toEqual({ a: { n: 2, c: 1 }, b: { n: 2, c: 1 } });
    expect(g.pass_at_k['1']!.value).toBeCloseTo(0.5);
    expect(g.pass_at_k['2']!.value).toBe(1);
    expect(g.pass_at_k['5']!.value).toBeNull();
    expect(g.pass_at_k['5']!.reason).toContain('n=2 < k=5');
    expect(g.verdicts).toEqual({ passed: 2, failed: 1, timeout: 1 });
  });
});
