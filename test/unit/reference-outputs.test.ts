/**
 * The pure parts of differential references: the report's parsing, the line about dropped
 * inputs, and what a reference is memoized by. (The time limit a slow reference raises is
 * the TimeLimitPolicy's: test/unit/time-limit-policy.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { HarnessFault } from '../../kernel/errors.js';
import type { RawOutcome } from '../../sandbox/python/classify.js';
import {
  droppedInputsLine,
  parseReference,
  referenceFromJson,
  referenceJson,
  referenceKey,
  referenceLimits,
  referencePayload,
  type DifferentialSpec,
} from '../../sandbox/python/reference-outputs.js';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';

const spec: DifferentialSpec = {
  kind: 'python-differential',
  entryPoint: 'f',
  reference: 'def f(x):\n    return x\n',
  inputs: '[[1]]',
  atol: 0,
};

describe('parseReference', () => {
  const good = {
    seconds: 0.5,
    inputSeconds: [0.1, null, 0.3],
    inputs: 3,
    dropped: [{ index: 1, reason: 'r' }],
    outputs: 'gASV',
    inputsCode: '4wAA',
  };

  it('reads the runner report and refuses malformed ones as harness faults', () => {
    expect(parseReference(JSON.stringify(good), spec)).toEqual({
      expected: 'gASV',
      seconds: 0.5,
      inputSeconds: [0.1, null, 0.3],
      inputs: 3,
      dropped: good.dropped,
      inputsCode: '4wAA',
    });
    for (const bad of [
      'gASV',
      JSON.stringify({ ...good, seconds: -1 }),
      JSON.stringify({ ...good, dropped: [{ index: 'x' }] }),
      JSON.stringify({ ...good, outputs: 1 }),
      JSON.stringify({ ...good, inputSeconds: [0.1, 0.3] }),
      JSON.stringify({ ...good, inputSeconds: [0.1, -1, 0.3] }),
      JSON.stringify({ ...good, inputSeconds: undefined }),
      JSON.stringify({ ...good, inputsCode: undefined }),
    ]) {
      expect(() => parseReference(bad, spec)).toThrow(HarnessFault);
    }
  });

  it('writes a reference as the JSON it reads (the form the on-disk cache keeps)', () => {
    const reference = parseReference(JSON.stringify(good), spec);
    expect(referenceFromJson(JSON.parse(JSON.stringify(referenceJson(reference))))).toEqual(reference);
    expect(referenceFromJson(null)).toBeUndefined();
  });
});

describe('droppedInputsLine', () => {
  it('groups dropped inputs by reason', () => {
    const line = droppedInputsLine('Mbpp/255', {
      expected: '',
      seconds: 0,
      inputSeconds: [],
      inputs: 112,
      inputsCode: '',
      dropped: [
        { index: 3, reason: 'too large' },
        { index: 9, reason: 'MemoryError' },
        { index: 7, reason: 'too large' },
      ],
    });
    expect(line).toBe('passk: Mbpp/255: 3 of 112 inputs dropped: too large (inputs 3, 7); MemoryError (input 9)');
  });
});

describe('referencePayload', () => {
  const raw = (over: Partial<RawOutcome>): RawOutcome => ({
    started: true,
    timedOut: false,
    outputExceeded: false,
    exitCode: 1,
    signal: null,
    durationMs: 5,
    stdout: '',
    stderr: '',
    stderrTail: 'Traceback: ZeroDivisionError',
    timeoutMs: 300_000,
    outputBytes: 100,
    ...over,
  });

  it('reads a reference report, and makes anything else a harness fault naming the function', () => {
    const detail = JSON.stringify({ seconds: 0.5, inputSeconds: [0.5], inputs: 1, dropped: [], outputs: 'gASV', inputsCode: '4wAA' });
    expect(referencePayload(raw({ final: { token: 'reference', detail } }), spec).expected).toBe('gASV');
    expect(() => referencePayload(raw({}), spec)).toThrow(
      /reference outputs of f\(\) could not be computed: exit 1: Traceback: ZeroDivisionError/,
    );
    expect(() => referencePayload(raw({ timedOut: true }), spec)).toThrow(HarnessFault);
  });
});

describe('referenceKey and referenceLimits', () => {
  it('keys on what decides the outputs: the reference, the inputs, the function and the oracle', () => {
    expect(referenceKey(spec)).toBe(referenceKey({ ...spec }));
    expect(referenceKey(spec)).not.toBe(referenceKey({ ...spec, inputs: '[[2]]' }));
    expect(referenceKey(spec)).not.toBe(referenceKey({ ...spec, oracle: 'not-none' }));
    // The atol is the comparison's, not the reference's.
    expect(referenceKey(spec)).toBe(referenceKey({ ...spec, atol: 1e-3 }));
  });

  it('gives the trusted reference at least its floor, never less than the configured limits', () => {
    expect(referenceLimits({ ...DEFAULT_LIMITS, timeoutMs: 500 })).toMatchObject({ timeoutMs: 300_000, memoryMb: 4096 });
    expect(referenceLimits({ ...DEFAULT_LIMITS, timeoutMs: 900_000, memoryMb: 8192 })).toMatchObject({
      timeoutMs: 900_000,
      memoryMb: 8192,
    });
  });
});
