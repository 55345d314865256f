/**
 * Differential tests whose reference strains the limits (upstream MBPP+ Mbpp/599 and
 * Mbpp/255): candidates get a time limit scaled from the reference's own measured time,
 * and inputs whose reference output is too large (or runs out of memory) are dropped for
 * every candidate. Both Python executors, real sandboxes.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TestSpec } from '../../kernel/task.js';
import type { Executor, Limits } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

const executors: Executor[] = [];
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const differential = (reference: string, inputs: string): TestSpec => ({ kind: 'python-differential', entryPoint: 'f', reference, inputs, atol: 0 });

// Sleeping is wall time, not CPU time: the reference takes ~0.6 s whatever the load, more
// than the 500 ms limit, while no single input comes near the per-input CPU budget.
const SLOW = 'import time\ndef f(x):\n    time.sleep(0.15)\n    return 2 * x\n';
const SLOW_TEST = differential(SLOW, '[[1], [2], [3], [4]]');
const TIGHT: Limits = { ...CONFORMANCE_LIMITS, timeoutMs: 500 };

// Input 1's output pickles to 20 MB (over the 8 MiB cap); input 2 cannot be allocated.
const HUGE = "def f(n):\n    return 'x' * n\n";
const HUGE_TEST = differential(HUGE, '[[3], [20000000], [10 ** 12], [5]]');

for (const kind of ['subprocess', 'forkserver'] as const) {
  describe(`differential limits (${kind})`, () => {
    const executor = createPythonExecutor({ kind, jobs: 2 });
    executors.push(executor);
    const run = (program: string, test: TestSpec, limits: Limits = CONFORMANCE_LIMITS, id = `limits-${kind}`) =>
      executor.execute({ program, task: conformanceTask(test, id), limits });

    it('gives candidates a time limit scaled from the reference, and says so', async () => {
      const canonical = await run(SLOW, SLOW_TEST, TIGHT);
      expect(canonical).toMatchObject({ verdict: 'passed' });
      // At least 4 x the ~0.6 s the reference measured, plus a second.
      expect(canonical.timeoutMs).toBeGreaterThanOrEqual(3400);
      const wrong = await run('import time\ndef f(x):\n    time.sleep(0.15)\n    return 3 * x\n', SLOW_TEST, TIGHT);
      expect(wrong).toMatchObject({ verdict: 'failed', detail: 'input 0: expected 2, got 3', timeoutMs: canonical.timeoutMs });
      const endless = await run('def f(x):\n    while True:\n        pass\n', differential('def f(x):\n    return x\n', '[[1]]'), TIGHT);
      expect(endless).toMatchObject({ verdict: 'timeout', detail: `no result within ${endless.timeoutMs} ms` });
      expect(endless.timeoutMs).toBeGreaterThan(500);
      // A limit the executor did not change is not reported.
      const check = await run('def f(x):\n    return x\n', { kind: 'python-check', entryPoint: 'f', test: 'def check(c):\n    assert c(1) == 1\n' }, TIGHT);
      expect(check.verdict).toBe('passed');
      expect(check.timeoutMs).toBeUndefined();
    });

    it('drops inputs whose reference output is too large or out of memory, for every candidate', async () => {
      const logged: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
      });
      const id = `huge-${kind}`;
      const canonical = await run(HUGE, HUGE_TEST, CONFORMANCE_LIMITS, id);
      expect(canonical).toMatchObject({ verdict: 'passed' });
      // Wrong only on the dropped inputs: passes.
      const wrongOnDropped = "def f(n):\n    return 'x' * n if n < 100 else ''\n";
      expect((await run(wrongOnDropped, HUGE_TEST, CONFORMANCE_LIMITS, id)).verdict).toBe('passed');
      // Wrong only on the small inputs: fails on the first of them.
      const wrongOnSmall = "def f(n):\n    return 'x' * n if n > 100 else 'y'\n";
      expect(await run(wrongOnSmall, HUGE_TEST, CONFORMANCE_LIMITS, id)).toMatchObject({ verdict: 'failed', detail: "input 0: expected 'xxx', got 'y'" });
      const wrongOnLast = "def f(n):\n    return 'x' * n if n != 5 else ''\n";
      expect((await run(wrongOnLast, HUGE_TEST, CONFORMANCE_LIMITS, id)).detail).toMatch(/^input 3: /);
      const lines = logged.filter((l) => l.startsWith(`passk: ${id}:`));
      expect(lines).toEqual([
        `passk: ${id}: 2 of 4 inputs dropped: reference output too large (pickle over 8 MiB) (input 1); reference raised MemoryError (input 2)\n`,
      ]);
    });
  });
}
