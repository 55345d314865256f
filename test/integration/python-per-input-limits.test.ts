/**
 * The per-input rule (--time-limit-per-input), both Python executors, real sandboxes: the
 * policy gives each input max(1 s, 4 x the reference's time on it) from the run that
 * computed the outputs, the watcher ends a program when the input it is on runs out its own
 * limit (the detail names the input), a program within every input's limit passes, and the
 * same slow program passes under the whole-program rule. Every verdict that is not a timeout
 * runs far below its limit; every timeout sleeps or loops well past its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TestSpec } from '../../kernel/task.js';
import { ForkserverPythonExecutor } from '../../sandbox/python/forkserver-executor.js';
import type { PythonExecutor } from '../../sandbox/python/python-executor.js';
import { SubprocessPythonExecutor } from '../../sandbox/python/subprocess-executor.js';
import { TimeLimitPolicy } from '../../sandbox/time-limit-policy.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

const executors: PythonExecutor[] = [];
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});

// Each call sleeps 20 ms (wall time, whatever the load): every input's limit is the 1 s floor.
// Input 4 cannot be allocated and is dropped.
const TEST: TestSpec = {
  kind: 'python-differential',
  entryPoint: 'f',
  reference: "import time\ndef f(n):\n    time.sleep(0.02)\n    return 'x' * n\n",
  inputs: '[[0], [1], [2], [3], [10 ** 12]]',
  atol: 0,
};
const RIGHT = "def f(n):\n    return 'x' * n\n";
/** Never returns on input 2. */
const STUCK_ON_2 = "import time\ndef f(n):\n    while n == 2:\n        time.sleep(0.05)\n    return 'x' * n\n";
/** 1.5 s on input 0: over its 1 s limit, far under a whole-program limit of 10 s. */
const SLOW_ON_0 = "import time\ndef f(n):\n    if n == 0:\n        time.sleep(1.5)\n    return 'x' * n\n";

for (const kind of ['subprocess', 'forkserver'] as const) {
  describe(`per-input limits (${kind})`, () => {
    const executor =
      kind === 'subprocess'
        ? new SubprocessPythonExecutor({ jobs: 2, limits: CONFORMANCE_LIMITS })
        : new ForkserverPythonExecutor({ jobs: 2, limits: CONFORMANCE_LIMITS });
    executors.push(executor);
    const task = conformanceTask(TEST, `per-input-${kind}`);
    const policy = new TimeLimitPolicy(executor, { configuredMs: CONFORMANCE_LIMITS.timeoutMs, perInput: { factor: 4 } });

    it('decides each input its own limit from the reference run that computed the outputs', async () => {
      const limit = await policy.limitFor(task);
      const inputsMs = (await executor.referenceInputsMs(task))!;
      expect(limit.reason).toBe('per-input');
      // Four kept inputs of at least 20 ms each (sleeping); none for the dropped one.
      expect(inputsMs.slice(0, 4).every((ms) => ms! >= 20)).toBe(true);
      expect(inputsMs[4]).toBeNull();
      expect(limit.inputTimeoutsMs).toEqual([...inputsMs.slice(0, 4).map((ms) => Math.max(1000, Math.ceil(4 * ms!))), 0]);
      // Their sum, and the module code's own limit (at least the floor).
      const sum = limit.inputTimeoutsMs!.reduce((a, b) => a + b, 0);
      expect(limit.timeoutMs).toBe(
        sum + Math.max(1000, Math.ceil(4 * (limit.referenceMs! - inputsMs.reduce<number>((a, b) => a + (b ?? 0), 0)))),
      );
      expect(executor.referencesComputed).toBe(1);
    });

    it('passes a program within every limit, and ends one at the limit of the input it is stuck on', async () => {
      const limit = await policy.limitFor(task);
      const limits = { ...CONFORMANCE_LIMITS, timeoutMs: limit.timeoutMs, inputTimeoutsMs: limit.inputTimeoutsMs! };
      expect(await executor.execute({ program: RIGHT, task, limits })).toMatchObject({ verdict: 'passed' });
      const [limit0, , limit2] = limit.inputTimeoutsMs!;
      const stuck = await executor.execute({ program: STUCK_ON_2, task, limits });
      expect(stuck).toMatchObject({ verdict: 'timeout', detail: `input 2: no result within its limit of ${limit2} ms` });
      // Ended at input 2's limit, not the whole program's.
      expect(stuck.durationMs).toBeLessThan(limit.timeoutMs);
      // 1.5 s of sleep on input 0 is over its limit unless the reference took over 375 ms there.
      if (limit0! < 1500)
        expect(await executor.execute({ program: SLOW_ON_0, task, limits })).toMatchObject({
          verdict: 'timeout',
          detail: `input 0: no result within its limit of ${limit0} ms`,
        });
    });

    it('lets the same slow program pass under the whole-program rule', async () => {
      const limits = { ...CONFORMANCE_LIMITS, timeoutMs: 10_000 };
      expect(await executor.execute({ program: SLOW_ON_0, task, limits })).toMatchObject({ verdict: 'passed' });
    });
  });
}
