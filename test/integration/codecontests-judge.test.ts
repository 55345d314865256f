/**
 * The stdin/stdout judge's conformance fixtures (test/fixtures/codecontests/judge-cases.ts)
 * on the real CodeContests problems: the Python fork-server judge and the JavaScript
 * isolate judge each give every case its expected verdict and detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Executor } from '../../sandbox/executor.js';
import { createJavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { decideStdioTimeLimits, DEFAULT_STDIO_FACTORS } from '../../sandbox/time-limit-policy.js';
import { judgeCases } from '../fixtures/codecontests/judge-cases.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = 'codecontests_test.jsonl.gz';

describe.skipIf(skipWithoutDatasets(DATA))('the CodeContests judge', () => {
  const tasks = new Map<string, Task[]>();
  const executors: Record<'python' | 'javascript', Executor | undefined> = { python: undefined, javascript: undefined };

  beforeAll(async () => {
    for (const name of ['codecontests', 'codecontests-js']) tasks.set(name, (await loadBenchmark(name, { data: datasetPath(DATA) })).tasks);
    executors.python = createPythonExecutor({ kind: 'forkserver', jobs: 2 });
    executors.javascript = createJavaScriptExecutor({ jobs: 1 });
  });

  afterAll(async () => {
    await executors.python?.close();
    await executors.javascript?.close();
  });

  for (const c of judgeCases()) {
    it(`${c.language}: ${c.name}`, async () => {
      const task = tasks
        .get(c.language === 'python' ? 'codecontests' : 'codecontests-js')!
        .find((t) => t.id === `CodeContests/${c.problem}`)!;
      if (task.test.kind !== 'stdio') throw new Error(`${task.id} is not a stdin/stdout task`);
      const factor = c.timeFactor ?? DEFAULT_STDIO_FACTORS[c.language];
      const limits = decideStdioTimeLimits({ problemMs: task.test.timeLimitMs, tests: task.test.tests.length, factor });
      const execution = await executors[c.language]!.execute({
        program: c.program,
        task,
        limits: { ...DEFAULT_LIMITS, ...limits, ...(c.allTests ? { allTests: true } : {}) },
      });
      expect({ verdict: execution.verdict, detail: execution.detail ?? '' }).toEqual({
        verdict: c.verdict,
        detail: expect.stringMatching(c.detail),
      });
    });
  }
});
