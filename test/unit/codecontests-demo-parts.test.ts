/**
 * The pure parts of n@k beside the rest: the CodeContests demo's pools and ks, n@k in compare
 * (beside the outcome), and the summary round trip (withSelection, selectionOfSummary).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNAtK } from '../../harness/analysis/compare-n-at-k.js';
import { drawFromPool, problemPool } from '../../harness/demo/codecontests-pool.js';
import { demoKs } from '../../harness/demo/codecontests-demo.js';
import type { Selection } from '../../harness/selection/select-run.js';
import { selectionOfSummary, withSelection } from '../../harness/selection/summary-selection.js';
import type { Summary } from '../../harness/store/records.js';
import type { Task } from '../../kernel/task.js';

const task = (publicTests: number, tests: number): Task =>
  ({
    id: 'CodeContests/7',
    language: 'python',
    test: {
      kind: 'stdio',
      tests: Array.from({ length: tests }, (_, i) => ({ input: `${i}\n`, output: `${i * 2}\n` })),
      publicTests,
      checker: { caseInsensitive: false, floatTolerance: null },
      timeLimitMs: 1000,
      memoryLimitMb: 256,
    },
  }) as unknown as Task;

describe('the CodeContests demo pool', () => {
  it('has weights that sum to 1 for any seed, and a draw lands on the program whose weight interval holds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (seed, u) => {
        const pool = problemPool(task(1, 4), 'print(1)\n', seed);
        expect(pool.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(1, 12);
        for (const p of pool) expect(p.weight).toBeGreaterThanOrEqual(0);
        let start = 0;
        const at = pool.findIndex((p) => {
          const inside = u >= start && u < start + p.weight;
          start += p.weight;
          return inside;
        });
        expect(drawFromPool(pool, u)).toBe(pool[at === -1 ? pool.length - 1 : at]);
      }),
    );
  });

  it('uses the solution given, else looks every test up', () => {
    expect(problemPool(task(1, 4), 'print(1)\n', 0)[0]!.program).toBe('print(1)\n');
    const lookup = problemPool(task(1, 4), undefined, 0)[0]!.program;
    for (let i = 0; i < 4; i++) expect(lookup).toContain(`"${i}":"${i * 2}\\n"`);
    // The public-only programs know the public test alone.
    const publicOnly = problemPool(task(1, 4), undefined, 0).find((p) => p.kind === 'public only (a)')!.program;
    expect(publicOnly).toContain('"0":"0\\n"');
    expect(publicOnly).not.toContain('"1":');
  });

  it('reports k = 1, 2, 5, 10, ... up to n and n itself', () => {
    expect(demoKs(1)).toEqual([1]);
    expect(demoKs(12)).toEqual([1, 2, 5, 10, 12]);
    expect(demoKs(1000)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const ks = demoKs(n);
        expect(ks.at(-1)).toBe(n);
        expect([...ks].sort((a, b) => a - b)).toEqual(ks);
        expect(new Set(ks).size).toBe(ks.length);
      }),
    );
  });
});

const selection = (values: Record<string, Record<string, [number, number]>>, source: 'oracle' | 'file' = 'oracle'): Selection => ({
  schema: 'passk.selection/1',
  cluster_inputs: { source, label: source, path: null, sha256: null },
  ks: [1, 10],
  groups: [
    {
      model: 'm',
      config: 'c',
      n_at_k: Object.fromEntries(
        Object.entries(values).map(([n, byK]) => [
          n,
          Object.fromEntries(Object.entries(byK).map(([k, [value, se]]) => [k, { value, standard_error: se, methods: ['exact'] }])),
        ]),
      ),
      pass_at_k: { '1': 0.5 },
      false_public_pass_share: 0.1,
      public_pass_share: 0.6,
      tasks: [],
    },
  ],
});

describe('n@k in compare', () => {
  it('pairs the ks both runs estimated, with the difference and the Monte-Carlo errors combined', () => {
    const r = compareNAtK(
      { selection: selection({ '1': { '1': [0.2, 0], '10': [0.5, 0.03] }, '10': { '10': [0.7, 0] } }), model: 'm', config: 'c' },
      { selection: selection({ '1': { '1': [0.25, 0], '10': [0.4, 0.04] }, '10': { '5': [0.6, 0] } }), model: 'm', config: 'c' },
      [1, 10],
    );
    if (r.reason !== null) throw new Error(r.reason);
    expect(r.rows.map((x) => [x.n, x.k])).toEqual([
      [1, 1],
      [1, 10],
    ]);
    expect(r.rows[1]!.difference).toBeCloseTo(-0.1, 12);
    expect(r.rows[1]!.standard_error).toBeCloseTo(0.05, 12);
    expect(r.same_inputs).toBe(true);
  });

  it('says why when a run has no n@k, and flags runs clustered on different inputs', () => {
    const some = selection({ '1': { '1': [0.2, 0] } });
    expect(compareNAtK({ selection: null, model: 'm', config: 'c' }, { selection: some, model: 'm', config: 'c' }, [1])).toEqual({
      reason: "the base run has no n@k (a stdin/stdout run's summary or selection.json)",
    });
    const r = compareNAtK(
      { selection: some, model: 'm', config: 'c' },
      { selection: selection({ '1': { '1': [0.3, 0] } }, 'file'), model: 'm', config: 'c' },
      [1],
    );
    expect(r.reason === null && r.same_inputs).toBe(false);
  });
});

describe('n@k in summary.json', () => {
  it('joins a selection into the matching group and reads the same figures back', () => {
    const summary = {
      schema: 'passk.summary/1',
      benchmark: 'codecontests',
      ks: [1, 10],
      bootstrap: { replicates: 100, seed: 0, level: 0.95 },
      groups: [
        {
          model: 'm',
          config: 'c',
          pass_at_k: { '1': { value: 0.5, ci_low: 0.4, ci_high: 0.6, reason: null } },
          tasks: {},
          verdicts: {},
          samples: 0,
          mean_prompt_tokens: null,
          mean_completion_tokens: null,
        },
        {
          model: 'other',
          config: 'c',
          pass_at_k: {},
          tasks: {},
          verdicts: {},
          samples: 0,
          mean_prompt_tokens: null,
          mean_completion_tokens: null,
        },
      ],
      harness_faults: 0,
      complete: true,
    } as Summary;
    const s = selection({ '1': { '1': [0.2, 0], '10': [0.5, 0.03] } });
    const joined = withSelection(summary, s);
    expect(joined.groups[0]!.n_at_k).toEqual(s.groups[0]!.n_at_k);
    expect(joined.groups[0]!.false_public_pass_share).toBe(0.1);
    expect(joined.groups[1]!.n_at_k).toBeUndefined();
    expect(joined.cluster_inputs).toEqual(s.cluster_inputs);
    const back = selectionOfSummary(joined)!;
    expect(back.groups).toHaveLength(1);
    expect(back.groups[0]!.n_at_k).toEqual(s.groups[0]!.n_at_k);
    expect(back.groups[0]!.pass_at_k).toEqual({ '1': 0.5 });
    expect(selectionOfSummary(summary)).toBeNull();
  });
});
