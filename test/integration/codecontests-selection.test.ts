/**
 * n@k end to end on a real problem: samples judged by the Python judge, the public-passing ones
 * run again in digest mode on the hidden tests' inputs (real sandbox), clustered, and n@k
 * computed; the expected values are worked out by hand in the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { oracleClusterInputs, ORACLE_LABEL } from '../../harness/selection/cluster-inputs.js';
import { passedPublicTests } from '../../harness/selection/public-pass.js';
import { selectRun } from '../../harness/selection/select-run.js';
import type { SampleRecord } from '../../harness/store/records.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Executor } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { decideStdioTimeLimits } from '../../sandbox/time-limit-policy.js';
import { solutions } from '../fixtures/codecontests/judge-cases.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = 'codecontests_test.jsonl.gz';

describe('reading a public pass from a verdict', () => {
  it.each([
    ['passed', '5 tests, 10 ms', true],
    ['failed', 'test 2 (hidden): wrong answer: token 1: expected "1", got "2"', true],
    ['timeout', 'test 0 (public): no result within 3000 ms', false],
    ['failed', '3/9 tests passed; first failure test 4 (hidden): wrong answer', true],
    ['syntax_error', 'SyntaxError: invalid syntax', false],
    ['empty', null, false],
  ] as const)('%s: %s', (verdict, detail, expected) => {
    expect(passedPublicTests(verdict, detail)).toBe(expected);
  });
});

describe.skipIf(skipWithoutDatasets(DATA))('n@k on CodeContests/147', () => {
  let executor: Executor;
  let task: Task;
  beforeAll(async () => {
    task = (await loadBenchmark('codecontests', { data: datasetPath(DATA) })).tasks.find((t) => t.id === 'CodeContests/147')!;
    executor = createPythonExecutor({ kind: 'forkserver', jobs: 2 });
  });
  afterAll(() => executor?.close());

  it('filters by the public tests, clusters by outputs on the hidden inputs, and submits from the largest cluster', async () => {
    if (task.test.kind !== 'stdio') throw new Error('not stdio');
    const correct = solutions('python').get(147)!;
    const publicInput = task.test.tests[0]!;
    const programs = [
      correct,
      // The same outputs from other text: the same cluster.
      `# another way\nimport sys\nlines = sys.stdin.read().split()\nprint("\\n".join("NO" if s.count("N") == 1 else "YES" for s in lines[1:]))\n`,
      // Right on the public test only.
      `import sys\ndata = sys.stdin.read()\nprint(${JSON.stringify(publicInput.output)} if " ".join(data.split()) == ${JSON.stringify(publicInput.input.split(/\s+/).filter(Boolean).join(' '))} else "NO")\n`,
      'print("YES")\n',
    ];
    const limits = {
      ...DEFAULT_LIMITS,
      ...decideStdioTimeLimits({ problemMs: task.test.timeLimitMs, tests: task.test.tests.length, factor: 3 }),
    };
    const samples: SampleRecord[] = [];
    for (const [index, program] of programs.entries()) {
      const e = await executor.execute({ program, task, limits });
      samples.push({
        model: 'm',
        config: 'c',
        task_id: task.id,
        index,
        verdict: e.verdict,
        detail: e.detail ?? null,
        program,
      } as SampleRecord);
    }
    expect(samples.map((s) => s.verdict)).toEqual(['passed', 'passed', 'failed', 'failed']);
    expect(samples.map((s) => passedPublicTests(s.verdict, s.detail))).toEqual([true, true, true, false]);
    const selection = await selectRun([task], samples, executor, oracleClusterInputs([task]), { ks: [1, 2, 4], limits: DEFAULT_LIMITS });
    expect(selection.cluster_inputs).toEqual({ source: 'oracle', label: ORACLE_LABEL, path: null, sha256: null });
    const g = selection.groups[0]!;
    expect(g.tasks).toEqual([{ task_id: task.id, samples: 4, public_pass: 3, all_pass: 2, clusters: 2 }]);
    expect(g.false_public_pass_share).toBe(0.25);
    // 1@1: half the samples are right. 1@2: of the six pairs only {public-only, wrong} fails (a tie
    // between the right and the public-only sample goes to the cluster with more samples). 1@4: the
    // right cluster is the larger.
    expect(g.n_at_k['1']!['1']!.value).toBeCloseTo(0.5, 12);
    expect(g.n_at_k['1']!['2']!.value).toBeCloseTo(5 / 6, 12);
    expect(g.n_at_k['1']!['4']!.value).toBeCloseTo(1, 12);
    expect(g.n_at_k['10']!['2']!.value).toBeCloseTo(5 / 6, 12);
    expect(g.pass_at_k['2']).toBeCloseTo(5 / 6, 12);
  });
});
