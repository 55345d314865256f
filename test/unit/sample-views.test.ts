import { describe, expect, it } from 'vitest';
import { budgetGrid, chooseAt, type FrontierOption } from '../../harness/analysis/frontier.js';
import { costAtK, measuredCost } from '../../harness/analysis/measured-cost.js';
import { kHalf, problemViews, rateBin } from '../../harness/analysis/problem-views.js';
import { staticErrors } from '../../harness/analysis/static-errors.js';

describe('static errors', () => {
  it('counts samples with any error and per code (a code twice in one sample counts once)', () => {
    const s = staticErrors([['E0602', 'E0602'], [], ['E0001'], ['E0602']]);
    expect(s.samples).toBe(4);
    expect(s.any_share).toBe(0.75);
    expect(s.codes).toEqual([
      { code: 'E0602', samples: 2, share: 0.5 },
      { code: 'E0001', samples: 1, share: 0.25 },
    ]);
  });
});

describe('measured cost', () => {
  it('splits a request latency equally among its samples', () => {
    // One request of 2 samples taking 1 s (10 and 30 tokens), on 2 GPUs at $3.60 per GPU-hour.
    const c = measuredCost(
      [
        { prompt_tokens: 5, completion_tokens: 10, sample_ms: 1000, request_samples: 2 },
        { prompt_tokens: 5, completion_tokens: 30, sample_ms: 1000, request_samples: 2 },
      ],
      { gpus: 2, gpuHourPrice: 3.6 },
    );
    expect(c.tokens_per_second).toBeCloseTo(40, 12);
    expect(c.gpu_seconds_per_sample).toBeCloseTo(1, 12);
    expect(c.dollars_per_sample).toBeCloseTo(0.001, 12);
    expect(c.latency_mean_s).toBe(1);
    expect(c.reason).toBeNull();
    expect(costAtK(c, 'tokens', 3)).toBe(5 + 3 * 20);
    expect(costAtK(c, 'gpu-seconds', 3)).toBeCloseTo(3, 12);
    expect(costAtK(c, 'dollars', 3)).toBeCloseTo(0.003, 12);
  });

  it('says why GPU-seconds are missing when samples lack a latency', () => {
    const c = measuredCost([{ prompt_tokens: null, completion_tokens: 4, sample_ms: 0, request_samples: 1 }]);
    expect(c.gpu_seconds_per_sample).toBeNull();
    expect(c.dollars_per_sample).toBeNull();
    expect(c.reason).toMatch(/1 of 1 samples have no request latency/);
    expect(costAtK(c, 'gpu-seconds', 2)).toBeNull();
    expect(costAtK(c, 'tokens', 2)).toBe(8);
  });
});

describe('problem views', () => {
  it('finds k at one half, bins solve rates and problems one model alone solves', () => {
    // n = 4, c = 1: pass@1 = 0.25, pass@2 = 1 - C(3,2)/C(4,2) = 0.5.
    expect(kHalf(4, 1)).toBe(2);
    expect(kHalf(4, 0)).toBeNull();
    expect(kHalf(10, 5)).toBe(1);
    expect([0, 0.1, 0.15, 0.95, 1].map(rateBin)).toEqual([0, 1, 2, 10, 10]);
    const v = problemViews([
      {
        label: 'a · x',
        model: 'a',
        per_problem: [
          { task_id: 'T/1', n: 4, c: 1 },
          { task_id: 'T/2', n: 4, c: 0 },
        ],
      },
      {
        label: 'a · y',
        model: 'a',
        per_problem: [
          { task_id: 'T/1', n: 4, c: 4 },
          { task_id: 'T/2', n: 4, c: 0 },
        ],
      },
      {
        label: 'b · x',
        model: 'b',
        per_problem: [
          { task_id: 'T/1', n: 4, c: 0 },
          { task_id: 'T/2', n: 4, c: 2 },
        ],
      },
    ]);
    expect(v.only).toEqual({ a: ['T/1'], b: ['T/2'] });
    expect(v.problems[0]!.groups.map((g) => g?.k_half)).toEqual([2, 1, null]);
    expect(v.histogram.counts[0]![0]).toBe(1); // a · x: T/2 unsolved
    expect(v.histogram.counts[0]![3]).toBe(1); // 0.25 in (0.2, 0.3]
    expect(v.histogram.counts[2]![5]).toBe(1); // 0.5 in (0.4, 0.5]
  });
});

describe('the frontier choice', () => {
  const o = (model: string, k: number, cost: number, value: number, low: number, high: number, extrapolated = false): FrontierOption => ({
    label: model,
    model,
    config: 'c',
    k,
    cost,
    value,
    low,
    high,
    extrapolated,
  });
  const options = [
    o('a', 1, 1, 0.3, 0.25, 0.35),
    o('a', 2, 2, 0.4, 0.35, 0.45),
    o('b', 1, 1.5, 0.35, 0.3, 0.4),
    o('b', 10, 15, 0.7, 0.6, 0.8, true),
  ];
  it('takes the best pass@k within the budget, and the best of another group as runner-up', () => {
    expect(chooseAt(options, 0.5).best).toBeNull();
    const at1 = chooseAt(options, 1.2);
    expect(at1.best?.model).toBe('a');
    expect(at1.runner_up).toBeNull();
    const at2 = chooseAt(options, 2);
    expect([at2.best?.model, at2.best?.k, at2.runner_up?.model]).toEqual(['a', 2, 'b']);
    expect(at2.separated).toBe(false); // [0.35, 0.45] overlaps [0.3, 0.4]
    const at20 = chooseAt(options, 20);
    expect([at20.best?.model, at20.best?.extrapolated, at20.separated]).toEqual(['b', true, true]); // 0.6 > 0.45
  });

  it('spaces budgets on a log scale from the cheapest to the dearest option', () => {
    const grid = budgetGrid(options, 3);
    expect(grid[0]).toBe(1);
    expect(grid[1]).toBeCloseTo(Math.sqrt(15), 12);
    expect(grid[2]).toBeCloseTo(15, 12);
  });
});
