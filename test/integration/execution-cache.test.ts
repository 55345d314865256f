/**
 * The content-addressed execution cache around a real Python executor: identical
 * requests run once (also when they arrive together), results from the cache are marked,
 * anything in the key changing means a new execution, the opt-in disk cache survives
 * the executor and is safe to delete, and reference times come from the executor itself.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { CachingExecutor } from '../../sandbox/execution-cache.js';
import type { Execution, ExecutionRequest, Executor } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

/** Counts the executions and reference measurements that reach the real executor. */
class Counting implements Executor {
  readonly name: string;
  readonly language = 'python' as const;
  calls = 0;
  referenceCalls = 0;
  constructor(readonly inner: Executor) {
    this.name = inner.name;
  }
  facts() {
    return this.inner.facts();
  }
  execute(request: ExecutionRequest): Promise<Execution> {
    this.calls++;
    return this.inner.execute(request);
  }
  referenceMs(task: Task): Promise<number | null> {
    this.referenceCalls++;
    return this.inner.referenceMs(task);
  }
  close() {
    return this.inner.close();
  }
}

const real = createPythonExecutor({ kind: 'forkserver', jobs: 2 });
const dirs: string[] = [];
afterAll(async () => {
  await real.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const request = (program: string, over: Partial<ExecutionRequest> = {}): ExecutionRequest => ({
  program,
  task: conformanceTask(),
  limits: CONFORMANCE_LIMITS,
  ...over,
});
const good = 'def f(x):\n    return 2 * x\n';
const bad = 'def f(x):\n    return x\n';

describe('CachingExecutor', () => {
  it('runs each distinct program once, sharing identical executions in flight', async () => {
    const counting = new Counting(real);
    const cache = new CachingExecutor(counting, { version: 'test' });
    const programs = [good, bad, good, good, bad, good];
    const results = await Promise.all(programs.map((p) => cache.execute(request(p))));
    expect(results.map((r) => r.verdict)).toEqual(['passed', 'failed', 'passed', 'passed', 'failed', 'passed']);
    expect(counting.calls).toBe(2);
    expect(results.filter((r) => r.cached).length).toBe(4);
    expect(cache.stats).toEqual({ executed: 2, hits: 4 });
    const again = await cache.execute(request(good));
    expect(again).toMatchObject({ verdict: 'passed', cached: true });
    expect(counting.calls).toBe(2);
  });

  it('keys on the program, the test, the limits and the executor version', async () => {
    const counting = new Counting(real);
    const cache = new CachingExecutor(counting, { version: 'v1' });
    await cache.execute(request(good));
    await cache.execute(request(`${good}# a comment\n`));
    await cache.execute(request(good, { task: conformanceTask({ kind: 'python-asserts', asserts: 'assert f(1) == 2\n' }) }));
    await cache.execute(request(good, { limits: { ...CONFORMANCE_LIMITS, timeoutMs: 1999 } }));
    // The task id is not part of the key: the same program and test are the same execution.
    await cache.execute(request(good, { task: conformanceTask(undefined, 'another-id') }));
    expect(counting.calls).toBe(4);
    const other = new CachingExecutor(counting, { version: 'v2' });
    await other.execute(request(good));
    expect(counting.calls).toBe(5);
  });

  it('keeps an opt-in disk cache across executors, and deleting it is safe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passk-cache-test-'));
    dirs.push(dir);
    const first = new Counting(real);
    await new CachingExecutor(first, { version: 'disk', dir }).execute(request(bad));
    expect(first.calls).toBe(1);
    expect(readdirSync(dir).length).toBe(1);
    const second = new Counting(real);
    const fromDisk = await new CachingExecutor(second, { version: 'disk', dir }).execute(request(bad));
    expect(fromDisk).toMatchObject({ verdict: 'failed', detail: 'AssertionError', cached: true });
    expect(second.calls).toBe(0);
    rmSync(dir, { recursive: true, force: true });
    const third = new Counting(real);
    expect((await new CachingExecutor(third, { version: 'disk', dir }).execute(request(bad))).cached).toBeUndefined();
    expect(third.calls).toBe(1);
  });

  it('runs a confirmation of a timeout once per program, and later requests get its answer', async () => {
    const counting = new Counting(real);
    const cache = new CachingExecutor(counting, { version: 'v1' });
    const endless = request('def f(x):\n    while True:\n        pass\n');
    expect(await cache.execute(endless)).toMatchObject({ verdict: 'timeout' });
    // The cache would answer a repeat; a confirmation runs the program again, once.
    expect((await cache.execute(endless)).cached).toBe(true);
    const confirmed = await Promise.all([cache.execute({ ...endless, confirm: true }), cache.execute({ ...endless, confirm: true })]);
    expect(confirmed.map((e) => e.verdict)).toEqual(['timeout', 'timeout']);
    expect(confirmed.map((e) => e.cached === true)).toEqual([false, true]);
    expect(counting.calls).toBe(2);
    expect(await cache.execute(endless)).toMatchObject({ verdict: 'timeout', cached: true });
    expect(counting.calls).toBe(2);
  });

  it('never caches a harness fault', async () => {
    const counting = new Counting(real);
    const cache = new CachingExecutor(counting, { version: 'faults' });
    const broken = request(good, { task: conformanceTask({ kind: 'python-check', test: 'def check(c)\n', entryPoint: 'f' }) });
    await expect(cache.execute(broken)).rejects.toThrow();
    await expect(cache.execute(broken)).rejects.toThrow();
    expect(counting.calls).toBe(2);
  });

  it('asks the executor for reference times, which measures each task once', async () => {
    const counting = new Counting(real);
    const cache = new CachingExecutor(counting, { version: 'reference' });
    const task = { ...conformanceTask(undefined, 'reference-time'), canonicalSolution: good };
    const first = await cache.referenceMs(task);
    expect(first).not.toBeNull();
    expect(await cache.referenceMs(task)).toBe(first);
    expect(counting.referenceCalls).toBe(2);
    // Not an execution of the cache's: the canonical program ran inside the executor.
    expect(cache.stats).toEqual({ executed: 0, hits: 0 });
  });
});
