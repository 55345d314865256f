/**
 * n@k (harness/metrics/n-at-k.ts) against a brute force over every k-subset of small sample
 * sets, against pass@k where selection cannot matter, and its Monte-Carlo estimate against the
 * exact value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterTable, falsePublicPassShare, nAtKOne, type SelectionSample } from '../../harness/metrics/n-at-k.js';
import { passAtKOne } from '../../harness/metrics/pass-at-k.js';

/** Every k-subset, each ranked and submitted from as the definition says, written out plainly. */
function bruteForce(samples: SelectionSample[], n: number, k: number): number {
  const totals = new Map<string, number>();
  for (const s of samples) if (s.publicPass && s.cluster !== null) totals.set(s.cluster, (totals.get(s.cluster) ?? 0) + 1);
  let sum = 0;
  let subsets = 0;
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === k) {
      subsets++;
      const groups = new Map<string, SelectionSample[]>();
      for (const i of chosen) {
        const s = samples[i]!;
        if (!s.publicPass || s.cluster === null) continue;
        groups.set(s.cluster, [...(groups.get(s.cluster) ?? []), s]);
      }
      const ranked = [...groups.entries()].sort(
        ([ka, a], [kb, b]) => b.length - a.length || totals.get(kb)! - totals.get(ka)! || (ka < kb ? -1 : 1),
      );
      let allFail = 1;
      for (const [key] of ranked.slice(0, n)) {
        // The submitted member is uniform over the cluster's members (all of them, by symmetry).
        const members = samples.filter((s) => s.publicPass && s.cluster === key);
        allFail *= 1 - members.filter((s) => s.allPass).length / members.length;
      }
      sum += 1 - allFail;
      return;
    }
    for (let i = start; i < samples.length; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return sum / subsets;
}

const sample = fc
  .record({ publicPass: fc.boolean(), cluster: fc.constantFrom('a', 'b', 'c', 'd'), passing: fc.boolean() })
  .map(({ publicPass, cluster, passing }): SelectionSample => ({
    publicPass,
    allPass: publicPass && passing,
    cluster: publicPass ? cluster : null,
  }));

describe('n@k', () => {
  it('equals the brute force over every k-subset', () => {
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 9 }), fc.nat(), fc.nat(), (samples, a, b) => {
        const k = 1 + (a % samples.length);
        const n = 1 + (b % 4);
        const estimate = nAtKOne(clusterTable(samples), n, k);
        expect(estimate.method).toBe('exact');
        expect(estimate.value).toBeCloseTo(bruteForce(samples, n, k), 10);
      }),
      { numRuns: 200 },
    );
  });

  it('is pass@k when every sample passes the public tests, each is its own cluster, and n >= k', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), fc.nat(), (passes, a) => {
        const samples = passes.map((allPass, i) => ({ publicPass: true, allPass, cluster: `s${i}` }));
        const k = 1 + (a % samples.length);
        const c = passes.filter(Boolean).length;
        expect(nAtKOne(clusterTable(samples), k, k).value).toBeCloseTo(passAtKOne(samples.length, c, k), 10);
      }),
    );
  });

  it('never exceeds pass@k and grows with n', () => {
    fc.assert(
      fc.property(fc.array(sample, { minLength: 2, maxLength: 40 }), fc.nat(), (samples, a) => {
        const k = 1 + (a % samples.length);
        const table = clusterTable(samples);
        const c = samples.filter((s) => s.allPass).length;
        const one = nAtKOne(table, 1, k).value;
        const ten = nAtKOne(table, 10, k).value;
        expect(one).toBeLessThanOrEqual(ten + 1e-12);
        expect(ten).toBeLessThanOrEqual(passAtKOne(samples.length, c, k) + 1e-12);
      }),
    );
  });

  it('falls back to a seeded Monte-Carlo estimate that agrees with the exact value within its standard error', () => {
    // 1,000 samples: 30% right, 20% filtered out, three wrong clusters of 25%, 15% and 10%.
    const cut = [300, 500, 750, 900];
    const samples: SelectionSample[] = Array.from({ length: 1000 }, (_, i) => {
      const cluster = i < cut[0]! ? 'right' : i < cut[1]! ? null : i < cut[2]! ? 'wrong1' : i < cut[3]! ? 'wrong2' : 'wrong3';
      return { publicPass: cluster !== null, allPass: cluster === 'right', cluster };
    });
    const table = clusterTable(samples);
    // At k = 60 the count vectors (about 635,000) are past the default budget.
    const estimate = nAtKOne(table, 1, 60, { seed: 7, draws: 2000 });
    expect(estimate.method).toBe('monte-carlo');
    expect(estimate.draws).toBe(2000);
    expect(nAtKOne(table, 1, 60, { seed: 7, draws: 2000 }).value).toBe(estimate.value);
    const exact = nAtKOne(table, 1, 60, { maxExactTerms: 1e6 });
    expect(exact.method).toBe('exact');
    expect(Math.abs(estimate.value - exact.value)).toBeLessThanOrEqual(5 * estimate.standardError + 1e-9);
    expect(estimate.standardError).toBeGreaterThan(0);
    // The right cluster is the largest, but not in every subset: 1@60 is well above 1@1 = 0.3 and below 1.
    expect(exact.value).toBeGreaterThan(0.6);
    expect(exact.value).toBeLessThan(1);
  });

  it('counts the samples that pass the public tests but fail a hidden one', () => {
    const samples: SelectionSample[] = [
      { publicPass: true, allPass: true, cluster: 'a' },
      { publicPass: true, allPass: false, cluster: 'b' },
      { publicPass: false, allPass: false, cluster: null },
      { publicPass: true, allPass: false, cluster: 'b' },
    ];
    expect(falsePublicPassShare(samples)).toBe(0.5);
    expect(() => nAtKOne(clusterTable(samples), 1, 5)).toThrow(RangeError);
  });
});
