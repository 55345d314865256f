import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapIndexSets, bootstrapMeanInterval, bootstrapMeanIntervals, quantileSorted } from '../../harness/metrics/bootstrap.js';
import { compareIds, groupSamples } from '../../harness/metrics/groups.js';
import { passAtKOne } from '../../harness/metrics/pass-at-k.js';
import { passAtKWithIntervals } from '../../harness/metrics/pass-at-k-intervals.js';
import { summarizeGroup } from '../../harness/metrics/score.js';

describe('problem-level bootstrap', () => {
  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }), fc.nat(), (xs, seed) => {
        const opts = { replicates: 300, seed, level: 0.95 };
        expect(bootstrapMeanInterval(xs, opts)).toEqual(bootstrapMeanInterval(xs, opts));
      }),
      { numRuns: 50 },
    );
  });

  it('matches the normal interval of a mean where that one is accurate (200 problems, 60 solved)', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    // mean 0.3, standard error sqrt(0.3 * 0.7 / 200) with the bootstrap's plug-in variance: 0.032404
    const half = 1.959964 * Math.sqrt((0.3 * 0.7) / 200);
    const [lo, hi] = bootstrapMeanInterval(xs, { replicates: 20000, seed: 3, level: 0.95 });
    expect(lo).toBeCloseTo(0.3 - half, 2);
    expect(hi).toBeCloseTo(0.3 + half, 2);
  });

  it('collapses to a point when every problem has the same value', () => {
    expect(bootstrapMeanInterval([0.5, 0.5, 0.5], { replicates: 100, seed: 1, level: 0.9 })).toEqual([0.5, 0.5]);
  });

  it('draws indices uniformly over problems', () => {
    const counts = new Array(5).fill(0);
    for (const idx of bootstrapIndexSets(5, { replicates: 4000, seed: 7 })) for (const i of idx) counts[i]++;
    for (const c of counts) expect(c / 20000).toBeCloseTo(0.2, 1);
  });

  it('several statistics from one draw get the intervals each would get alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.nat(), (size, width, seed) => {
        const columns = Array.from({ length: width }, (_, j) => Array.from({ length: size }, (_, i) => ((i * 7 + j * 3) % 5) / 4));
        const opts = { replicates: 200, seed, level: 0.9 };
        expect(bootstrapMeanIntervals(columns, opts)).toEqual(columns.map((c) => bootstrapMeanInterval(c, opts)));
      }),
      { numRuns: 30 },
    );
  });

  it('interpolates quantiles', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
  });
});

const sample = (model: string, config: string, task_id: string, index: number, verdict: string) => ({
  model,
  config,
  task_id,
  index,
  verdict,
});

describe('grouping samples by (model, config)', () => {
  it('orders groups, tasks (numeric-aware) and samples (by index) whatever the record order', () => {
    const samples = [
      sample('m', 'z', 'T/10', 1, 'passed'),
      sample('m', 'a', 'T/2', 0, 'failed'),
      sample('m', 'z', 'T/2', 0, 'failed'),
      sample('a', 'z', 'T/1', 0, 'passed'),
      sample('m', 'z', 'T/10', 0, 'timeout'),
    ];
    const groups = groupSamples(samples, () => ['T/3']);
    expect(groups.map((g) => `${g.model}/${g.config}`)).toEqual(['a/z', 'm/a', 'm/z']);
    const mz = groups[2]!;
    expect(mz.taskIds).toEqual(['T/2', 'T/3', 'T/10']);
    expect(mz.perTask.map((t) => t.map((s) => s.index))).toEqual([[0], [], [0, 1]]);
    expect(mz.counts).toEqual([
      { n: 1, c: 0 },
      { n: 0, c: 0 },
      { n: 2, c: 1 },
    ]);
    expect(mz.verdicts).toEqual({ passed: 1, failed: 1, timeout: 1 });
    expect(mz.samples).toHaveLength(3);
  });

  it('counts n and c per task as a direct tally of the records', () => {
    const record = fc.record({
      model: fc.constantFrom('a', 'b'),
      config: fc.constantFrom('x', 'y'),
      task: fc.integer({ min: 0, max: 12 }),
      index: fc.integer({ min: 0, max: 5 }),
      verdict: fc.constantFrom('passed', 'failed', 'timeout'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => `${r.model} ${r.config} ${r.task} ${r.index}`, maxLength: 60 }), (rs) => {
        const samples = rs.map((r) => sample(r.model, r.config, `T/${r.task}`, r.index, r.verdict));
        const groups = groupSamples(samples);
        // Every (model, config) pair present, once; every task of it with its tally.
        expect(groups.length).toBe(new Set(rs.map((r) => `${r.model}/${r.config}`)).size);
        for (const g of groups) {
          const mine = rs.filter((r) => r.model === g.model && r.config === g.config);
          expect(g.samples).toHaveLength(mine.length);
          g.taskIds.forEach((id, i) => {
            const of = mine.filter((r) => `T/${r.task}` === id);
            expect(g.counts[i]).toEqual({ n: of.length, c: of.filter((r) => r.verdict === 'passed').length });
          });
          expect(g.taskIds.length).toBe(new Set(mine.map((r) => r.task)).size);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is invariant to the order of the records', () => {
    const record = fc.record({
      model: fc.constantFrom('a', 'b'),
      config: fc.constantFrom('x', 'y'),
      task: fc.integer({ min: 0, max: 12 }),
      index: fc.integer({ min: 0, max: 5 }),
      pass: fc.boolean(),
    });
    const records = fc.uniqueArray(record, { selector: (r) => `${r.model} ${r.config} ${r.task} ${r.index}`, maxLength: 60 });
    const recordsTwice = records.chain((rs) =>
      fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
    );
    fc.assert(
      fc.property(recordsTwice, ([inOrder, shuffled]) => {
        const toSamples = (rs: typeof inOrder) =>
          rs.map((r) => sample(r.model, r.config, `T/${r.task}`, r.index, r.pass ? 'passed' : 'failed'));
        const strip = (gs: ReturnType<typeof groupSamples>) =>
          gs.map((g) => ({
            model: g.model,
            config: g.config,
            taskIds: g.taskIds,
            perTask: g.perTask,
            counts: g.counts,
            verdicts: g.verdicts,
          }));
        const groups = groupSamples(toSamples(inOrder));
        expect(strip(groupSamples(toSamples(shuffled)))).toEqual(strip(groups));
        for (const g of groups) expect([...g.taskIds].sort(compareIds)).toEqual(g.taskIds);
      }),
      { numRuns: 50 },
    );
  });
});

describe('pass@k with intervals', () => {
  it('equals each k scored on its own, with null and a reason where a task has n < k', () => {
    const counts = [
      { n: 5, c: 1 },
      { n: 3, c: 0 },
      { n: 5, c: 5 },
    ];
    const boot = { replicates: 300, seed: 4, level: 0.95 };
    const out = passAtKWithIntervals(counts, ['a', 'b', 'c'], [1, 3, 4], boot);
    for (const [j, k] of [1, 3].entries()) {
      const perProblem = counts.map(({ n, c }) => passAtKOne(n, c, k));
      const [lo, hi] = bootstrapMeanInterval(perProblem, boot);
      expect(out[j]).toEqual({ value: perProblem.reduce((s, v) => s + v, 0) / 3, ci_low: lo, ci_high: hi, reason: null });
    }
    expect(out[2]).toEqual({ value: null, ci_low: null, ci_high: null, reason: 'task b has n=3 < k=4' });
  });
});

describe('group summary', () => {
  it('counts n and c per task and scores pass@k with an interval', () => {
    const samples = [
      sample('m', 'c', 'a', 0, 'passed'),
      sample('m', 'c', 'a', 1, 'failed'),
      sample('m', 'c', 'b', 0, 'timeout'),
      sample('m', 'c', 'b', 1, 'passed'),
    ];
    const g = summarizeGroup(groupSamples(samples, () => ['a', 'b'])[0]!, [1, 2, 5], { replicates: 500, seed: 0, level: 0.95 });
    expect(g.tasks).toEqual({ a: { n: 2, c: 1 }, b: { n: 2, c: 1 } });
    expect(g.pass_at_k['1']!.value).toBeCloseTo(0.5);
    expect(g.pass_at_k['2']!.value).toBe(1);
    expect(g.pass_at_k['5']!.value).toBeNull();
    expect(g.pass_at_k['5']!.reason).toContain('n=2 < k=5');
    expect(g.verdicts).toEqual({ passed: 2, failed: 1, timeout: 1 });
  });
});
