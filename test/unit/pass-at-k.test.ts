import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanPassAtK, passAtKOne, reportableKs } from '../../harness/metrics/pass-at-k.js';

/** Brute force: the fraction of k-subsets of n samples (c correct) that contain a correct one. */
function bruteForce(n: number, c: number, k: number): number {
  const items = Array.from({ length: n }, (_, i) => i < c);
  let total = 0;
  let hit = 0;
  const choose = (start: number, left: number, any: boolean): void => {
    if (left === 0) {
      total++;
      if (any) hit++;
      return;
    }
    for (let i = start; i <= n - left; i++) choose(i + 1, left - 1, any || items[i]!);
  };
  choose(0, k, false);
  return hit / total;
}

describe('pass@k estimator', () => {
  it('agrees with enumeration over all k-subsets on small random cases', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n }))),
        ([n, c, k]) => {
          expect(passAtKOne(n, c, k)).toBeCloseTo(bruteForce(n, c, k), 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is c/n at k = 1 and 1 when n - c < k', () => {
    expect(passAtKOne(10, 3, 1)).toBeCloseTo(0.3, 12);
    expect(passAtKOne(10, 8, 3)).toBe(1);
    expect(passAtKOne(200, 0, 100)).toBe(0);
  });

  it('stays finite and in [0, 1] for large n', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n }))),
        ([n, c, k]) => {
          const v = passAtKOne(n, c, k);
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });

  it('reports null with a reason, never NaN, when a task has n < k', () => {
    const r = meanPassAtK(
      [
        { n: 10, c: 1 },
        { n: 4, c: 0 },
      ],
      5,
      ['a', 'b'],
    );
    expect(r.value).toBeNull();
    expect(r.reason).toBe('task b has n=4 < k=5');
    expect(
      reportableKs(
        [
          { n: 10, c: 1 },
          { n: 4, c: 0 },
        ],
        [1, 5, 10],
      ),
    ).toEqual([1]);
  });

  it('rejects impossible counts', () => {
    expect(() => passAtKOne(3, 4, 1)).toThrow(RangeError);
    expect(() => passAtKOne(3, 1, 0)).toThrow(RangeError);
  });
});
