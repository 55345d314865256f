/**
 * The pure parts of differential references: the candidate time limit scaled from the
 * reference's time, the report's parsing, and the line about dropped inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarnessFault } from '../../kernel/errors.js';
import {
  candidateTimeoutMs,
  droppedInputsLine,
  parseReference,
  referenceKey,
  type DifferentialSpec,
} from '../../sandbox/python/reference-outputs.js';

const spec: DifferentialSpec = { kind: 'python-differential', entryPoint: 'f', reference: 'def f(x):\n    return x\n', inputs: '[[1]]', atol: 0 };

describe('candidateTimeoutMs', () => {
  it('is never below the configured limit nor below 4 x the reference plus a second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600_000 }), fc.double({ min: 0, max: 1000, noNaN: true }), (configured, seconds) => {
        const limit = candidateTimeoutMs(configured, seconds);
        expect(Number.isInteger(limit)).toBe(true);
        expect(limit).toBeGreaterThanOrEqual(configured);
        expect(limit).toBeGreaterThanOrEqual(4 * seconds * 1000 + 1000);
        // Tight: one of the two bounds is met within a millisecond.
        expect(Math.min(limit - configured, limit - (4 * seconds * 1000 + 1000))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('keeps the configured limit for fast references (Mbpp/599 needs ~20 s: 81 s)', () => {
    expect(candidateTimeoutMs(10_000, 0.01)).toBe(10_000);
    expect(candidateTimeoutMs(10_000, 20)).toBe(81_000);
  });
});

describe('parseReference', () => {
  it('reads the runner report and refuses malformed ones as harness faults', () => {
    const good = { seconds: 0.5, inputs: 3, dropped: [{ index: 1, reason: 'r' }], outputs: 'gASV' };
    expect(parseReference(JSON.stringify(good), spec)).toEqual({ expected: 'gASV', seconds: 0.5, inputs: 3, dropped: good.dropped });
    for (const bad of ['gASV', JSON.stringify({ ...good, seconds: -1 }), JSON.stringify({ ...good, dropped: [{ index: 'x' }] }), JSON.stringify({ ...good, outputs: 1 })]) {
      expect(() => parseReference(bad, spec)).toThrow(HarnessFault);
    }
  });
});

describe('droppedInputsLine', () => {
  it('groups dropped inputs by reason', () => {
    const line = droppedInputsLine('Mbpp/255', {
      expected: '',
      seconds: 0,
      inputs: 112,
      dropped: [
        { index: 3, reason: 'too large' },
        { index: 9, reason: 'MemoryError' },
        { index: 7, reason: 'too large' },
      ],
    });
    expect(line).toBe('passk: Mbpp/255: 3 of 112 inputs dropped: too large (inputs 3, 7); MemoryError (input 9)');
  });
});

describe('referenceKey', () => {
  it('depends on the per-input budget, which decides what is dropped', () => {
    expect(referenceKey(spec, 10_000)).not.toBe(referenceKey(spec, 500));
    expect(referenceKey(spec, 10_000)).toBe(referenceKey({ ...spec }, 10_000));
  });
});
