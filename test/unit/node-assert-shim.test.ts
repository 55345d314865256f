/**
 * The node:assert shim the isolate offers MultiPL-E's tests (sandbox/javascript/worker/node-assert.mjs),
 * held against Node's own node:assert: on 10,000 generated pairs of the values those tests compare
 * (numbers with NaN, -0 and Infinity, strings, booleans, null, undefined, arrays with holes and
 * extra keys, nested arrays, plain objects), deepEqual and deepStrictEqual agree with Node's on
 * whether the pair is equal. Pairs are often near-twins (a value and a copy with loosely equal
 * leaves, a hole, a key added, dropped or reordered), so both answers are common.
 */
import assert from 'node:assert';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodeAssert } from '../../sandbox/javascript/worker/node-assert.mjs';

const reports: Array<[api: string, message: string]> = [];
const shim = createNodeAssert(
  (api, message) => void reports.push([api, message]),
  (value) => JSON.stringify(value) ?? String(value),
);

/** Whether an assertion holds: false when it throws Node's or the shim's AssertionError. */
function holds(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ASSERTION') return false;
    throw error;
  }
}

const LEAVES = [0, -0, 1, 2.5, -3, NaN, Infinity, -Infinity, '', ' ', '0', '1', '2.5', 'a', true, false, null, undefined] as const;
const KEYS = ['a', 'b', '0', '1', 'length'];

const { value } = fc.letrec<{ value: unknown; array: unknown[]; sparse: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(...LEAVES), tie('array'), tie('sparse'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  sparse: fc.sparseArray(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3 }),
}));

const HOLE = Symbol('hole');

/** A near-twin of `a`: loosely equal leaves swapped in, holes, keys added, dropped or reordered. */
function twin(a: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(a)) {
    const items = Array.from({ length: a.length }, (_, i) => (i in a ? twin(a[i]) : fc.constant(HOLE)));
    return fc.tuple(fc.tuple(...items), fc.nat(7)).map(([xs, op]) => {
      const list: unknown[] = [...xs];
      if (op === 0) list.push(0);
      if (op === 1) list.pop();
      if (op === 2 && list.length > 0) list[0] = HOLE;
      const out: unknown[] = [];
      out.length = list.length;
      list.forEach((x, i) => {
        if (x !== HOLE) out[i] = x;
      });
      if (op === 3) (out as unknown as Record<string, unknown>).extra = 1;
      return out;
    });
  }
  if (a !== null && typeof a === 'object') {
    const entries = Object.entries(a);
    return fc.tuple(fc.tuple(...entries.map(([, v]) => twin(v))), fc.nat(7)).map(([values, op]) => {
      let pairs = entries.map(([k], i) => [k, values[i]] as [string, unknown]);
      if (op === 0) pairs = pairs.reverse();
      if (op === 1) pairs = pairs.slice(1);
      if (op === 2) pairs.push(['z', undefined]);
      return Object.fromEntries(pairs);
    });
  }
  return fc.oneof(fc.constant(a), fc.constantFrom(...LEAVES));
}

const pair = fc.oneof(
  fc.tuple(value, value),
  value.chain((a) => twin(a).map((b) => [a, b] as [unknown, unknown])),
);

describe('node:assert shim', () => {
  it("agrees with node:assert's deepEqual and deepStrictEqual on 10,000 generated pairs", () => {
    let runs = 0;
    const equal = { loose: 0, strict: 0 };
    fc.assert(
      fc.property(pair, ([a, b]) => {
        runs++;
        const loose = holds(() => assert.deepEqual(a, b));
        const strict = holds(() => assert.deepStrictEqual(a, b));
        expect(holds(() => shim.deepEqual(a, b))).toBe(loose);
        expect(holds(() => shim.notDeepEqual(a, b))).toBe(!loose);
        expect(holds(() => shim.deepStrictEqual(a, b))).toBe(strict);
        expect(holds(() => shim.notDeepStrictEqual(a, b))).toBe(!strict);
        if (loose) equal.loose++;
        if (strict) equal.strict++;
      }),
      { numRuns: 10_000, seed: 15 },
    );
    expect(runs).toBe(10_000);
    // Both answers are common, so agreeing is not trivial.
    expect(equal.loose).toBeGreaterThan(1000);
    expect(equal.loose).toBeLessThan(9000);
    expect(equal.strict).toBeGreaterThan(500);
  });

  it("agrees with node:assert's equal and strictEqual on generated leaves", () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEAVES), fc.constantFrom(...LEAVES), (a, b) => {
        expect(holds(() => shim.equal(a, b))).toBe(holds(() => assert.equal(a, b)));
        expect(holds(() => shim.notEqual(a, b))).toBe(holds(() => assert.notEqual(a, b)));
        expect(holds(() => shim.strictEqual(a, b))).toBe(holds(() => assert.strictEqual(a, b)));
        expect(holds(() => shim.ok(a))).toBe(holds(() => assert.ok(a)));
      }),
      { numRuns: 500, seed: 15 },
    );
  });

  it('compares the other objects a program may return by their contents, and ends cycles', () => {
    const cases: Array<[unknown, unknown]> = [
      [new Date(5), new Date(5)],
      [new Date(5), new Date(6)],
      [/a/g, /a/g],
      [/a/g, /a/i],
      [new Set([1, [2]]), new Set([[2], 1])],
      [new Set([1]), new Set(['1'])],
      [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])],
      [new Map([[1, 2]]), new Map([[1, 3]])],
      [Object(1), Object(1)],
      [Object(1), Object('1')],
      [new Error('x'), new Error('x')],
      [new Error('x'), new TypeError('x')],
      [[1], { 0: 1, length: 1 }],
      [() => 1, () => 1],
    ];
    for (const [a, b] of cases) {
      expect([a, b, holds(() => shim.deepEqual(a, b))]).toEqual([a, b, holds(() => assert.deepEqual(a, b))]);
      expect([a, b, holds(() => shim.deepStrictEqual(a, b))]).toEqual([a, b, holds(() => assert.deepStrictEqual(a, b))]);
    }
    const loop: unknown[] = [1];
    loop.push(loop);
    const other: unknown[] = [1];
    other.push(other);
    expect(holds(() => shim.deepEqual(loop, other))).toBe(holds(() => assert.deepEqual(loop, other)));
  });

  it('reports a failure to the host before it throws an AssertionError as Node does', () => {
    reports.length = 0;
    const thrown = (check: () => void) => {
      try {
        check();
      } catch (error) {
        return error as Error & { code?: string; actual?: unknown; expected?: unknown; operator?: string };
      }
      throw new Error('no error thrown');
    };
    const error = thrown(() => shim.deepEqual([1, 2], [2, 1]));
    expect(error).toBeInstanceOf(shim.AssertionError);
    expect(error).toMatchObject({ name: 'AssertionError', code: 'ERR_ASSERTION', actual: [1, 2], expected: [2, 1], operator: 'deepEqual' });
    expect(error.message).toBe('expected [1,2] to loosely deep-equal [2,1]');
    expect(thrown(() => shim.equal(1, 2, 'custom')).message).toBe('custom');
    const mine = new RangeError('mine');
    expect(thrown(() => shim.strictEqual(1, 2, mine))).toBe(mine);
    expect(thrown(() => shim(0)).message).toMatch(/falsy value: 0/);
    expect(thrown(() => shim.fail()).message).toBe('Failed');
    expect(reports).toEqual([
      ['assert.deepEqual', 'expected [1,2] to loosely deep-equal [2,1]'],
      ['assert.equal', 'custom'],
      ['assert.strictEqual', 'mine'],
      ['assert.ok', 'the expression evaluated to a falsy value: 0'],
      ['assert.fail', 'Failed'],
    ]);
    expect(shim.strict).toBe(shim);
    expect(Object.isFrozen(shim)).toBe(true);
  });
});
