/**
 * Differential tests whose reference strains the limits (upstream MBPP+ Mbpp/599 and
 * Mbpp/255): the time-limit policy raises a slow reference's candidates to 4 x its measured
 * time + 1 s (the executor never changes a limit itself), inputs whose reference output is
 * too large, out of memory or over the per-input CPU budget are dropped for every candidate,
 * and the reference runs once per task under the executor's configured limits, whatever
 * limits candidates carry. Both Python executors, real sandboxes.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { TestSpec } from '../../kernel/task.js';
import type { Limits } from '../../sandbox/executor.js';
import { ForkserverPythonExecutor } from '../../sandbox/python/forkserver-executor.js';
import type { PythonExecutor, PythonSandboxOptions } from '../../sandbox/python/python-executor.js';
import { SubprocessPythonExecutor } from '../../sandbox/python/subprocess-executor.js';
import { TimeLimitPolicy } from '../../sandbox/time-limit-policy.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

const executors: PythonExecutor[] = [];
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const differential = (reference: string, inputs: string): TestSpec => ({
  kind: 'python-differential',
  entryPoint: 'f',
  reference,
  inputs,
  atol: 0,
});

// Sleeping is wall time, not CPU time: the reference takes ~0.6 s whatever the load, more
// than the 500 ms limit, while no single input comes near the per-input CPU budget.
const SLOW = 'import time\ndef f(x):\n    time.sleep(0.15)\n    return 2 * x\n';
const SLOW_TEST = differential(SLOW, '[[1], [2], [3], [4]]');
const TIGHT: Limits = { ...CONFORMANCE_LIMITS, timeoutMs: 500 };

// Input 1's output pickles to 20 MB (over the 8 MiB cap); input 2 cannot be allocated.
const HUGE = "def f(n):\n    return 'x' * n\n";
const HUGE_TEST = differential(HUGE, '[[3], [20000000], [10 ** 12], [5]]');

// Input 1 burns 2 s of CPU time (measured by the call itself, so on any machine): over a
// 1 s budget, under a 60 s one.
const BURN =
  'import time\ndef f(n):\n    t = time.process_time()\n    while n == 1 and time.process_time() - t < 2.0:\n        pass\n    return n * 10\n';
const BURN_TEST = differential(BURN, '[[0], [1], [2]]');

/** Captures what the sandbox writes to stderr: it must write nothing (notes go to onNote). */
function captureStderr(): string[] {
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  });
  return written;
}

for (const kind of ['subprocess', 'forkserver'] as const) {
  describe(`differential limits (${kind})`, () => {
    const make = (options: PythonSandboxOptions): PythonExecutor => {
      const executor =
        kind === 'subprocess'
          ? new SubprocessPythonExecutor({ jobs: 2, ...options })
          : new ForkserverPythonExecutor({ jobs: 2, ...options });
      executors.push(executor);
      return executor;
    };

    it('raises the time limit of a slow reference through the policy, and a timeout names the limit it ran under', async () => {
      const executor = make({ limits: TIGHT });
      const policy = new TimeLimitPolicy(executor, { configuredMs: TIGHT.timeoutMs });
      const slowTask = conformanceTask(SLOW_TEST, `slow-${kind}`);
      const limit = await policy.limitFor(slowTask);
      // At least 4 x the ~0.6 s the reference measured, plus a second.
      expect(limit.reason).toBe('raised-for-slow-reference');
      expect(limit.referenceMs).toBeGreaterThanOrEqual(600);
      expect(limit.timeoutMs).toBe(Math.ceil(4 * limit.referenceMs!) + 1000);
      expect(limit.timeoutMs).toBeGreaterThanOrEqual(3400);
      const run = (program: string, task = slowTask) =>
        executor.execute({ program, task, limits: { ...TIGHT, timeoutMs: limit.timeoutMs } });
      expect(await run(SLOW)).toMatchObject({ verdict: 'passed' });
      expect(await run('import time\ndef f(x):\n    time.sleep(0.15)\n    return 3 * x\n')).toMatchObject({
        verdict: 'failed',
        detail: 'input 0: expected 2, got 3',
      });
      // Even a fast differential reference's candidates get 4 x its time + 1 s, over the 500 ms.
      const fastTask = conformanceTask(differential('def f(x):\n    return x\n', '[[1]]'), `fast-${kind}`);
      const fast = await policy.limitFor(fastTask);
      expect(fast).toMatchObject({ reason: 'raised-for-slow-reference', timeoutMs: Math.ceil(4 * fast.referenceMs!) + 1000 });
      const endless = await executor.execute({
        program: 'def f(x):\n    while True:\n        pass\n',
        task: fastTask,
        limits: { ...TIGHT, timeoutMs: fast.timeoutMs },
      });
      expect(endless).toMatchObject({ verdict: 'timeout', detail: `no result within ${fast.timeoutMs} ms` });
      // A test that is not differential keeps the configured limit, and nothing was measured.
      const check = await policy.limitFor(
        conformanceTask({ kind: 'python-check', entryPoint: 'f', test: 'def check(c):\n    assert c(1) == 1\n' }, `check-${kind}`),
      );
      expect(check).toMatchObject({ timeoutMs: 500, reason: 'configured', referenceMs: null });
      expect(executor.referencesComputed).toBe(2);
    });

    it('drops inputs whose reference output is too large or out of memory, for every candidate, and says so once in a note', async () => {
      const stderr = captureStderr();
      const notes: string[] = [];
      const executor = make({ limits: CONFORMANCE_LIMITS, onNote: (line) => notes.push(line) });
      const id = `huge-${kind}`;
      const run = (program: string) => executor.execute({ program, task: conformanceTask(HUGE_TEST, id), limits: CONFORMANCE_LIMITS });
      expect(await run(HUGE)).toMatchObject({ verdict: 'passed' });
      // Wrong only on the dropped inputs: passes.
      expect((await run("def f(n):\n    return 'x' * n if n < 100 else ''\n")).verdict).toBe('passed');
      // Wrong only on the small inputs: fails on the first of them.
      expect(await run("def f(n):\n    return 'x' * n if n > 100 else 'y'\n")).toMatchObject({
        verdict: 'failed',
        detail: "input 0: expected 'xxx', got 'y'",
      });
      expect((await run("def f(n):\n    return 'x' * n if n != 5 else ''\n")).detail).toMatch(/^input 3: /);
      expect(notes).toEqual([
        `passk: ${id}: 2 of 4 inputs dropped: reference output too large (pickle over 8 MiB) (input 1); reference raised MemoryError (input 2)`,
      ]);
      expect(stderr.filter((line) => line.includes(id))).toEqual([]);
    });

    it('computes the reference once, under the configured limits, whatever limits candidates carry', async () => {
      const notes: string[] = [];
      // The per-input CPU budget is the configured timeout, 1 s.
      const executor = make({ limits: { ...CONFORMANCE_LIMITS, timeoutMs: 1000 }, onNote: (line) => notes.push(line) });
      const id = `burn-${kind}`;
      // Each candidate limit is far above what these candidates need; under the old rule (the
      // budget was the candidate's limit) the first would drop input 1 and the second keep it.
      const verdicts = async (limits: Limits) => {
        const run = (program: string) => executor.execute({ program, task: conformanceTask(BURN_TEST, id), limits });
        const wrongOnBurn = await run('def f(n):\n    return 0 if n == 1 else n * 10\n');
        const wrongOnLast = await run('def f(n):\n    return 0 if n == 2 else n * 10\n');
        return [wrongOnBurn.verdict, wrongOnLast.verdict, wrongOnLast.detail];
      };
      const underShort = await verdicts({ ...CONFORMANCE_LIMITS, timeoutMs: 1500 });
      const underLong = await verdicts({ ...CONFORMANCE_LIMITS, timeoutMs: 60_000 });
      expect(underShort).toEqual(['passed', 'failed', 'input 2: expected 20, got 0']);
      expect(underLong).toEqual(underShort);
      expect(executor.referencesComputed).toBe(1);
      expect(notes).toEqual([`passk: ${id}: 1 of 3 inputs dropped: reference took over 1 s of CPU time (input 1)`]);
      // The reference's own run is its measured time: no second run for referenceMs.
      expect(await executor.referenceMs(conformanceTask(BURN_TEST, id))).toBeGreaterThan(0);
      expect(executor.referencesComputed).toBe(1);
    });
  });
}
