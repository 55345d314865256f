/**
 * The pure decision behind every task's time limit (sandbox/time-limit-policy.ts),
 * property-tested: the configured limit by default, a limit scaled from the reference
 * within [floor, configured] with --timeout-from-reference, and for differential tests at
 * least 4 x the reference plus a second, whatever else applies; and the per-input rule
 * (--time-limit-per-input), evalplus's max(floor, factor x time) for each input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideInputTimeLimits,
  decideTimeLimit,
  DEFAULT_REFERENCE_FLOOR_MS,
  type InputTimeLimitInput,
  type TimeLimitInput,
} from '../../sandbox/time-limit-policy.js';

const input: fc.Arbitrary<TimeLimitInput> = fc.record(
  {
    configuredMs: fc.integer({ min: 1, max: 600_000 }),
    factor: fc.double({ min: 0.01, max: 50, noNaN: true }),
    floorMs: fc.nat(5000),
    referenceMs: fc.option(fc.double({ min: 0, max: 1_000_000, noNaN: true }), { nil: null }),
    differential: fc.boolean(),
  },
  { requiredKeys: ['configuredMs', 'referenceMs', 'differential'] },
);

/** The limit before a differential test's own bound applies. */
function base(i: TimeLimitInput): number {
  if (i.factor === undefined || i.referenceMs === null) return i.configuredMs;
  const floor = Math.min(i.floorMs ?? DEFAULT_REFERENCE_FLOOR_MS, i.configuredMs);
  return Math.min(i.configuredMs, Math.max(floor, Math.ceil(i.factor * i.referenceMs)));
}

describe('decideTimeLimit', () => {
  it('is a positive whole number of ms, and never below the base limit', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { timeoutMs } = decideTimeLimit(i);
        expect(Number.isInteger(timeoutMs)).toBe(true);
        expect(timeoutMs).toBeGreaterThanOrEqual(1);
        expect(timeoutMs).toBeGreaterThanOrEqual(base(i));
      }),
    );
  });

  it('keeps the configured limit when nothing about the reference is known', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(decideTimeLimit({ ...i, referenceMs: null })).toEqual({ timeoutMs: i.configuredMs, reason: 'configured' });
        if (!i.differential)
          expect(decideTimeLimit({ ...i, factor: undefined })).toEqual({ timeoutMs: i.configuredMs, reason: 'configured' });
      }),
    );
  });

  it('scales from the reference within [min(floor, configured), configured] when a factor is given', () => {
    fc.assert(
      fc.property(
        input,
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 1_000_000, noNaN: true }),
        (i, factor, referenceMs) => {
          const decided = decideTimeLimit({ ...i, factor, referenceMs, differential: false });
          expect(decided.reason).toBe('scaled-from-reference');
          expect(decided.timeoutMs).toBe(base({ ...i, factor, referenceMs }));
          expect(decided.timeoutMs).toBeLessThanOrEqual(i.configuredMs);
          expect(decided.timeoutMs).toBeGreaterThanOrEqual(Math.min(i.floorMs ?? DEFAULT_REFERENCE_FLOOR_MS, i.configuredMs));
        },
      ),
    );
  });

  it('gives differential candidates at least 4 x the reference + 1 s, and says when that raised the limit', () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0, max: 1_000_000, noNaN: true }), (i, referenceMs) => {
        const decided = decideTimeLimit({ ...i, referenceMs, differential: true });
        const least = Math.ceil(4 * referenceMs) + 1000;
        const without = base({ ...i, referenceMs });
        expect(decided.timeoutMs).toBe(Math.max(without, least));
        if (least > without) expect(decided.reason).toBe('raised-for-slow-reference');
        else expect(decided.reason).toBe(i.factor === undefined ? 'configured' : 'scaled-from-reference');
      }),
    );
  });

  it('decides the cases that motivated it', () => {
    // A fast differential reference keeps the paper's 10 s; Mbpp/599 (~20 s unloaded) gets 81 s.
    expect(decideTimeLimit({ configuredMs: 10_000, referenceMs: 10, differential: true })).toEqual({
      timeoutMs: 10_000,
      reason: 'configured',
    });
    expect(decideTimeLimit({ configuredMs: 10_000, referenceMs: 20_000, differential: true })).toEqual({
      timeoutMs: 81_000,
      reason: 'raised-for-slow-reference',
    });
    // --timeout-from-reference 4: a 30 ms reference gets the 1 s floor, a 2 s one 8 s, a 5 s one the configured 10 s.
    expect(decideTimeLimit({ configuredMs: 10_000, factor: 4, referenceMs: 30, differential: false })).toEqual({
      timeoutMs: 1000,
      reason: 'scaled-from-reference',
    });
    expect(decideTimeLimit({ configuredMs: 10_000, factor: 4, referenceMs: 2000, differential: false })).toEqual({
      timeoutMs: 8000,
      reason: 'scaled-from-reference',
    });
    expect(decideTimeLimit({ configuredMs: 10_000, factor: 4, referenceMs: 5000, differential: false })).toEqual({
      timeoutMs: 10_000,
      reason: 'scaled-from-reference',
    });
    // Scaled down to 4 x 300 ms = 1.2 s, then raised for a differential test to 4 x 300 ms + 1 s.
    expect(decideTimeLimit({ configuredMs: 10_000, factor: 4, referenceMs: 300, differential: true })).toEqual({
      timeoutMs: 2200,
      reason: 'raised-for-slow-reference',
    });
  });
});

const perInput: fc.Arbitrary<InputTimeLimitInput> = fc
  .record(
    {
      factor: fc.double({ min: 0.01, max: 50, noNaN: true }),
      floorMs: fc.nat(5000),
      inputsMs: fc.array(fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: null }), { maxLength: 40 }),
      moduleMs: fc.double({ min: 0, max: 100_000, noNaN: true }),
    },
    { requiredKeys: ['factor', 'inputsMs', 'moduleMs'] },
  )
  .map(({ moduleMs, ...rest }) => ({ ...rest, referenceMs: moduleMs + rest.inputsMs.reduce<number>((sum, ms) => sum + (ms ?? 0), 0) }));

describe('decideInputTimeLimits', () => {
  it('gives each input max(floor, factor x its time), a dropped input none, and the program their sum plus the module code', () => {
    fc.assert(
      fc.property(perInput, (i) => {
        const { timeoutMs, inputTimeoutsMs } = decideInputTimeLimits(i);
        const floor = i.floorMs ?? DEFAULT_REFERENCE_FLOOR_MS;
        expect(inputTimeoutsMs).toHaveLength(i.inputsMs.length);
        i.inputsMs.forEach((ms, k) => {
          expect(Number.isInteger(inputTimeoutsMs[k])).toBe(true);
          if (ms === null) expect(inputTimeoutsMs[k]).toBe(0);
          else expect(inputTimeoutsMs[k]).toBe(Math.max(floor, Math.ceil(i.factor * ms), 1));
        });
        const sum = inputTimeoutsMs.reduce((a, b) => a + b, 0);
        // The module code's own share is at least the floor (and at least 1 ms).
        expect(timeoutMs).toBeGreaterThanOrEqual(sum + Math.max(floor, 1));
        expect(Number.isInteger(timeoutMs)).toBe(true);
      }),
    );
  });

  it('grows with the reference: a slower input never gets a shorter limit', () => {
    fc.assert(
      fc.property(perInput, fc.double({ min: 0, max: 10_000, noNaN: true }), (i, extra) => {
        const k = i.inputsMs.findIndex((ms) => ms !== null);
        if (k < 0) return;
        const slower = i.inputsMs.map((ms, j) => (j === k ? ms! + extra : ms));
        const a = decideInputTimeLimits(i);
        const b = decideInputTimeLimits({ ...i, inputsMs: slower, referenceMs: i.referenceMs + extra });
        expect(b.inputTimeoutsMs[k]).toBeGreaterThanOrEqual(a.inputTimeoutsMs[k]!);
        expect(b.timeoutMs).toBeGreaterThanOrEqual(a.timeoutMs);
      }),
    );
  });

  it('sets the limits evalplus would: factor 4, floor 1 s', () => {
    // Inputs of 10 ms, 400 ms and one dropped; 50 ms of module code.
    expect(decideInputTimeLimits({ factor: 4, referenceMs: 460, inputsMs: [10, 400, null] })).toEqual({
      inputTimeoutsMs: [1000, 1600, 0],
      timeoutMs: 1000 + 1600 + 1000,
    });
  });
});
