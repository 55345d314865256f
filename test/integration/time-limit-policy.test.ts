/**
 * The time-limit policy against real executors: limits scaled from measured references
 * (Python and JavaScript), decided once per task, a reference measured only when the limit
 * depends on it, limits of an earlier invocation reused as they are, and a failed
 * measurement tried again on the next call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessFault } from '../../kernel/errors.js';
import type { Task, TestSpec } from '../../kernel/task.js';
import type { Execution, ExecutionRequest, Executor } from '../../sandbox/executor.js';
import { createJavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { TimeLimitPolicy, type TaskTimeLimit } from '../../sandbox/time-limit-policy.js';
import { CONFORMANCE_LIMITS } from '../support/python-conformance.js';

/** Counts the reference measurements that reach the real executor. */
class CountingReferences implements Executor {
  readonly name: string;
  readonly language: Executor['language'];
  measured: string[] = [];
  constructor(readonly inner: Executor) {
    this.name = inner.name;
    this.language = inner.language;
  }
  facts() {
    return this.inner.facts();
  }
  execute(request: ExecutionRequest): Promise<Execution> {
    return this.inner.execute(request);
  }
  referenceMs(task: Task): Promise<number | null> {
    this.measured.push(task.id);
    return this.inner.referenceMs(task);
  }
  close() {
    return this.inner.close();
  }
}

const CONFIGURED = { ...CONFORMANCE_LIMITS, timeoutMs: 5000 };
const python = createPythonExecutor({ kind: 'forkserver', jobs: 2, limits: CONFIGURED });
const javascript = createJavaScriptExecutor({ jobs: 1, limits: CONFIGURED });
afterAll(async () => {
  await Promise.all([python.close(), javascript.close()]);
});

const task = (id: string, body: string): Task => ({
  id,
  benchmark: 'toy',
  language: 'python',
  prompt: 'import time\ndef f(x):\n',
  canonicalSolution: body,
  test: { kind: 'python-check', test: 'def check(c):\n    assert c(2) == 4\n', entryPoint: 'f' },
});
const differential = (id: string, reference: string): Task => {
  const test: TestSpec = { kind: 'python-differential', entryPoint: 'f', reference, inputs: '[[1], [2]]', atol: 0 };
  return { id, benchmark: 'toy', language: 'python', prompt: '', canonicalSolution: '', test };
};

describe('TimeLimitPolicy', () => {
  it('gives fast tasks the floor, slow ones FACTOR x runtime, broken references the configured limit', async () => {
    const decided: TaskTimeLimit[] = [];
    const policy = new TimeLimitPolicy(python, {
      configuredMs: 5000,
      fromReference: { factor: 4, floorMs: 200 },
      onDecided: (limit) => decided.push(limit),
    });
    const tasks = [
      task('fast', '    return 2 * x\n'),
      task('slow', '    time.sleep(0.3)\n    return 2 * x\n'),
      task('broken', '    return 0\n'),
    ];
    const limits = new Map((await Promise.all(tasks.map((t) => policy.limitFor(t)))).map((l) => [l.taskId, l]));
    // Each limit follows from what was measured (a loaded machine measures more), never
    // from a guess at how fast the machine is.
    for (const id of ['fast', 'slow']) {
      const { referenceMs } = limits.get(id)!;
      expect(referenceMs).not.toBeNull();
      expect(limits.get(id)).toEqual({
        taskId: id,
        referenceMs,
        reason: 'scaled-from-reference',
        timeoutMs: Math.min(5000, Math.max(200, Math.ceil(4 * referenceMs!))),
      });
    }
    // Sleeping is wall time: 4 x 0.3 s whatever the load.
    expect(limits.get('slow')!.timeoutMs).toBeGreaterThanOrEqual(1200);
    expect(limits.get('broken')).toEqual({ taskId: 'broken', timeoutMs: 5000, reason: 'configured', referenceMs: null });
    expect(decided.map((l) => l.taskId).sort()).toEqual(['broken', 'fast', 'slow']);
  });

  it('decides once per task, and measures a reference only when the limit depends on it', async () => {
    const counting = new CountingReferences(python);
    const decided: TaskTimeLimit[] = [];
    const policy = new TimeLimitPolicy(counting, { configuredMs: 5000, onDecided: (limit) => decided.push(limit) });
    const plain = task('plain', '    return 2 * x\n');
    const diff = differential('diff', 'def f(x):\n    return 2 * x\n');
    const [a, b, c, d] = await Promise.all([policy.limitFor(plain), policy.limitFor(plain), policy.limitFor(diff), policy.limitFor(diff)]);
    expect(a).toEqual({ taskId: 'plain', timeoutMs: 5000, reason: 'configured', referenceMs: null });
    expect(b).toBe(a);
    expect(c).toBe(d);
    expect(c!.referenceMs).toBeGreaterThan(0);
    // A differential candidate gets at least 4 x its reference + 1 s (docs/formulas.md, "Time limits").
    const least = Math.ceil(4 * c!.referenceMs!) + 1000;
    expect(c).toEqual({
      taskId: 'diff',
      timeoutMs: Math.max(5000, least),
      reason: least > 5000 ? 'raised-for-slow-reference' : 'configured',
      referenceMs: c!.referenceMs,
    });
    // Only the differential task needed its reference, once.
    expect(counting.measured).toEqual(['diff']);
    expect(decided.map((l) => l.taskId)).toEqual(['plain', 'diff']);
    expect(await policy.limitFor(diff)).toBe(c);
    expect(counting.measured).toEqual(['diff']);
  });

  it('reuses the limits an earlier invocation decided, without measuring or recording them again', async () => {
    const counting = new CountingReferences(python);
    const decided: TaskTimeLimit[] = [];
    const earlier: TaskTimeLimit = { taskId: 'resumed', timeoutMs: 1234, reason: 'scaled-from-reference', referenceMs: 308.5 };
    const policy = new TimeLimitPolicy(counting, {
      configuredMs: 5000,
      fromReference: { factor: 4 },
      known: [earlier],
      onDecided: (limit) => decided.push(limit),
    });
    expect(await policy.limitFor(task('resumed', '    return 2 * x\n'))).toEqual(earlier);
    expect(counting.measured).toEqual([]);
    expect(decided).toEqual([]);
  });

  it('does not remember a measurement that failed: the next call measures again', async () => {
    const counting = new CountingReferences(python);
    const decided: TaskTimeLimit[] = [];
    const policy = new TimeLimitPolicy(counting, { configuredMs: 5000, onDecided: (limit) => decided.push(limit) });
    const broken = differential('broken-reference', 'def f(x):\n    return 1 / (x - 1)\n');
    await expect(policy.limitFor(broken)).rejects.toBeInstanceOf(HarnessFault);
    await expect(policy.limitFor(broken)).rejects.toThrow(/reference outputs of f\(\) could not be computed.*ZeroDivisionError/);
    expect(counting.measured).toEqual(['broken-reference', 'broken-reference']);
    expect(decided).toEqual([]);
  });

  it('scales JavaScript limits from the canonical program too', async () => {
    const jsTask: Task = {
      id: 'js/0',
      benchmark: 'toy',
      language: 'javascript',
      prompt: 'const double = (x) => ',
      canonicalSolution: '2 * x\n',
      test: { kind: 'js-asserts', test: 'console.assert(double(2) === 4)\n' },
    };
    const policy = new TimeLimitPolicy(javascript, { configuredMs: 5000, fromReference: { factor: 4, floorMs: 200 } });
    const limit = await policy.limitFor(jsTask);
    expect(limit.reason).toBe('scaled-from-reference');
    expect(limit.referenceMs).not.toBeNull();
    expect(limit.timeoutMs).toBe(Math.min(5000, Math.max(200, Math.ceil(4 * limit.referenceMs!))));
    // Measured once per task by the executor itself.
    expect(await javascript.referenceMs(jsTask)).toBe(limit.referenceMs);
  });

  it('refuses a factor that is not positive', () => {
    expect(() => new TimeLimitPolicy(python, { configuredMs: 5000, fromReference: { factor: 0 } })).toThrow(/positive factor/);
  });
});
