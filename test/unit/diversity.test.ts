import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diversityView } from '../../harness/analysis/diversity-view.js';
import { codeTokens, expectedDistinct, meanPairwiseDistance, tokenEditDistance } from '../../harness/metrics/diversity.js';
import { mulberry32 } from '../../harness/metrics/random.js';

/** Brute force: the mean number of distinct keys over every k-subset. */
function bruteDistinct(keys: string[], k: number): number {
  let total = 0;
  let sum = 0;
  const choose = (start: number, picked: string[]): void => {
    if (picked.length === k) {
      total++;
      sum += new Set(picked).size;
      return;
    }
    for (let i = start; i <= keys.length - (k - picked.length); i++) choose(i + 1, [...picked, keys[i]!]);
  };
  choose(0, []);
  return sum / total;
}

describe('expected distinct values in a k-subset', () => {
  it('has the hand-computed values', () => {
    // {a, a, b}: pairs {a,a}, {a,b}, {a,b} hold 1, 2, 2 distinct: 5/3.
    expect(expectedDistinct(['a', 'a', 'b'], 1)).toBeCloseTo(1, 12);
    expect(expectedDistinct(['a', 'a', 'b'], 2)).toBeCloseTo(5 / 3, 12);
    expect(expectedDistinct(['a', 'a', 'b'], 3)).toBeCloseTo(2, 12);
    // {a, b, c, c}, k = 2: of 6 pairs only {c, c} has one distinct: (5 x 2 + 1) / 6.
    expect(expectedDistinct(['a', 'b', 'c', 'c'], 2)).toBeCloseTo(11 / 6, 12);
    expect(() => expectedDistinct(['a'], 2)).toThrow(RangeError);
  });

  it('agrees with enumeration over all k-subsets', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 9 })
          .chain((keys) => fc.tuple(fc.constant(keys), fc.integer({ min: 1, max: keys.length }))),
        ([keys, k]) => {
          expect(expectedDistinct(keys, k)).toBeCloseTo(bruteDistinct(keys, k), 10);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never decreases with k and ends at the distinct count', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }).map(String), { minLength: 1, maxLength: 40 }), (keys) => {
        let prev = 0;
        for (let k = 1; k <= keys.length; k++) {
          const v = expectedDistinct(keys, k);
          expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
          prev = v;
        }
        expect(prev).toBeCloseTo(new Set(keys).size, 9);
      }),
    );
  });
});

describe('token edit distance', () => {
  it('tokenizes code into names, numbers, strings and punctuation', () => {
    expect(codeTokens('x = foo(1, "a b")  # c')).toEqual(['x', '=', 'foo', '(', '1', ',', '"a b"', ')', '#', 'c']);
  });

  it('has the hand-computed values', () => {
    expect(tokenEditDistance(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toBe(2);
    expect(tokenEditDistance([], ['a', 'b'])).toBe(2);
    expect(tokenEditDistance(['a'], ['a'])).toBe(0);
  });

  it('is a metric on random sequences (symmetry, identity, triangle inequality)', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 8 });
    fc.assert(
      fc.property(seq, seq, seq, (a, b, c) => {
        const ab = tokenEditDistance(a, b);
        expect(ab).toBe(tokenEditDistance(b, a));
        expect(tokenEditDistance(a, a)).toBe(0);
        expect(tokenEditDistance(a, c)).toBeLessThanOrEqual(ab + tokenEditDistance(b, c));
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });

  it('averages every pair when there are few, else a seeded sample', () => {
    // d(a, ab) = 1, d(a, c) = 1, d(ab, c) = 2: mean 4/3.
    const exact = meanPairwiseDistance([['a'], ['a', 'b'], ['c']], 10, mulberry32(1));
    expect(exact).toEqual({ mean: 4 / 3, pairs: 3, exact: true });
    const sampled = meanPairwiseDistance([['a'], ['a', 'b'], ['c']], 2, mulberry32(1))!;
    expect(sampled.exact).toBe(false);
    expect(sampled.pairs).toBe(2);
    expect([1, 1.5, 2]).toContain(sampled.mean);
    expect(meanPairwiseDistance([['a']], 10, mulberry32(1))).toBeNull();
  });
});

describe('a group diversity view', () => {
  const s = (program: string, normalized: string, behaviour: string, passed: boolean) => ({ program, normalized, behaviour, passed });
  it('averages the expected distinct counts over problems and correlates diversity with gain', () => {
    const view = diversityView(
      ['T/0', 'T/1', 'T/2'],
      [
        [s('p', 'p', 'ok', true), s('q', 'p', 'ok', true)], // 2 programs, 1 normalized, 1 behaviour; c = 2: gain 0
        [s('a', 'a', 'ok', true), s('b', 'b', 'bad', false)], // 2, 2, 2; c = 1: pass@2 - pass@1 = 1 - 0.5
        [s('x', 'x', 'bad', false), s('x', 'x', 'bad', false)], // 1, 1, 1; c = 0: gain 0
      ],
      { maxPairs: 10, seed: 0 },
    );
    expect(view.ks).toEqual([1, 2]);
    expect(view.programs).toEqual([1, 5 / 3]);
    expect(view.normalized).toEqual([1, 4 / 3]);
    expect(view.behaviours).toEqual([1, 4 / 3]);
    // Distances: p/q 1 token, a/b 1, x/x 0.
    expect(view.edit_distance).toEqual({ mean: 2 / 3, pairs: 3, exact: true });
    expect(view.per_problem.map((p) => p.gain)).toEqual([0, 0.5, 0]);
    // Normalized share (0.5, 1, 0.5) against gain (0, 0.5, 0): perfectly correlated.
    expect(view.correlation.pearson).toBeCloseTo(1, 12);
    expect(view.correlation.spearman).toBeCloseTo(1, 12);
  });
});
