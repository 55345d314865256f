/**
 * Time limits scaled from the reference: pure arithmetic (property-tested), and the
 * measurement against real canonical programs.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { scaledLimit, timeoutsFromReference, type ReferenceMeasurement } from '../../sandbox/reference-timing.js';
import { CONFORMANCE_LIMITS } from '../support/python-conformance.js';

describe('scaledLimit', () => {
  it('is max(floor, factor x runtime) capped at the configured timeout', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.double({ min: 0.1, max: 50, noNaN: true }), fc.nat(5000), fc.integer({ min: 1, max: 60_000 }), (ref, factor, floor, cap) => {
        const limit = scaledLimit(ref, factor, floor, cap);
        expect(limit).toBeLessThanOrEqual(cap);
        expect(limit).toBe(Math.min(cap, Math.max(floor, Math.ceil(factor * ref))));
        if (cap >= floor) expect(limit).toBeGreaterThanOrEqual(Math.min(floor, cap));
      }),
    );
  });
});

describe('timeoutsFromReference', () => {
  const executor = createPythonExecutor({ kind: 'forkserver', jobs: 2 });
  afterAll(() => executor.close());
  const task = (id: string, body: string): Task => ({
    id,
    benchmark: 'toy',
    language: 'python',
    prompt: 'import time\ndef f(x):\n',
    canonicalSolution: body,
    test: { kind: 'python-check', test: 'def check(c):\n    assert c(2) == 4\n', entryPoint: 'f' },
  });

  it('gives fast tasks the floor, slow ones FACTOR x runtime, broken references the cap', async () => {
    const measured = new Map<string, ReferenceMeasurement>();
    const limits = await timeoutsFromReference(
      executor,
      [task('fast', '    return 2 * x\n'), task('slow', '    time.sleep(0.3)\n    return 2 * x\n'), task('broken', '    return 0\n')],
      { factor: 4, floorMs: 200, limits: { ...CONFORMANCE_LIMITS, timeoutMs: 5000 }, onMeasured: (id, m) => measured.set(id, m) },
    );
    // Each limit follows from what was measured (a loaded machine measures more), never
    // from a guess at how fast the machine is.
    const scaled = (id: string) => Math.min(5000, Math.max(200, Math.ceil(4 * measured.get(id)!.referenceMs)));
    expect(limits.get('fast')).toBe(scaled('fast'));
    expect(limits.get('slow')).toBe(scaled('slow'));
    // Sleeping is wall time: 4 x 0.3 s whatever the load.
    expect(limits.get('slow')).toBeGreaterThanOrEqual(1200);
    expect(limits.get('broken')).toBe(5000);
    expect(measured.get('broken')?.verdict).toBe('failed');
  });
});
