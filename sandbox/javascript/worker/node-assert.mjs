/**
 * `node:assert` inside the isolate, for MultiPL-E's tests (`const assert = require('node:assert')`,
 * then `assert.deepEqual(candidate(...), expected)`). Injected as source text like the prelude
 * (Function.prototype.toString), so it refers to nothing outside its body, and created by the
 * prelude before the program runs: every builtin it relies on is captured here, so a program that
 * redefines one (which the builtin check also reports) cannot change how values compare.
 *
 * Semantics follow Node 20's assert (lib/internal/util/comparisons.js) for the values tests
 * compare: primitives (loose `==`, with NaN equal to NaN; strict: Object.is), arrays (length,
 * holes, extra enumerable keys), plain objects (own enumerable keys, in any order), nested
 * values, cycles; Date, RegExp, boxed primitives, Error, Map and Set by their contents. The
 * property test (test/unit/node-assert-shim.test.ts) holds it against node:assert itself.
 * Not provided: throws/rejects and the other assertion APIs MultiPL-E's tests never call.
 *
 * A failed assertion first tells the host (`report`, which records the failure through the
 * prelude's host callback, so a program that catches the error cannot hide it), then throws an
 * AssertionError as Node does.
 *
 * @param {(api: string, message: string) => void} report
 * @param {(value: unknown) => string} inspect
 */
export function createNodeAssert(report, inspect) {
  'use strict';
  const { apply, getPrototypeOf, ownKeys } = Reflect;
  const { is: sameValue, keys: objectKeys, freeze, defineProperty } = Object;
  const isArray = Array.isArray;
  const toTag = Object.prototype.toString;
  const isEnumerable = Object.prototype.propertyIsEnumerable;
  const getTime = Date.prototype.getTime;
  const regexpSource = Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
  const regexpFlags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
  const numberValue = Number.prototype.valueOf;
  const stringValue = String.prototype.valueOf;
  const booleanValue = Boolean.prototype.valueOf;
  const bigintValue = BigInt.prototype.valueOf;
  const symbolValue = Symbol.prototype.valueOf;
  const setHas = Set.prototype.has;
  const setAdd = Set.prototype.add;
  const setDelete = Set.prototype.delete;
  const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
  const setValues = Set.prototype.values;
  const mapGet = Map.prototype.get;
  const mapHas = Map.prototype.has;
  const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
  const mapEntries = Map.prototype.entries;
  const setIteratorNext = getPrototypeOf(new Set()[Symbol.iterator]()).next;
  const mapIteratorNext = getPrototypeOf(new Map()[Symbol.iterator]()).next;
  const isNaNumber = Number.isNaN;
  const ErrorCtor = Error;
  const SetCtor = Set;
  const strSlice = String.prototype.slice;
  const StringCtor = String;

  const tagOf = (value) => apply(toTag, value, []);
  const enumerable = (value, key) => apply(isEnumerable, value, [key]);
  function listOf(iterator, next) {
    const out = [];
    for (let step = apply(next, iterator, []); !step.done; step = apply(next, iterator, [])) out[out.length] = step.value;
    return out;
  }
  const setList = (set) => listOf(apply(setValues, set, []), setIteratorNext);
  const mapList = (map) => listOf(apply(mapEntries, map, []), mapIteratorNext);

  /** Own enumerable string keys (and, in strict mode, enumerable symbols). */
  function keysOf(value, strict) {
    const keys = objectKeys(value);
    if (strict) {
      const all = ownKeys(value);
      for (let i = 0; i < all.length; i++) if (typeof all[i] === 'symbol' && enumerable(value, all[i])) keys[keys.length] = all[i];
    }
    return keys;
  }

  function deepEqual(a, b, strict, seen) {
    if (a === b) return a !== 0 || !strict || sameValue(a, b);
    if (strict) {
      if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return isNaNumber(a) && isNaNumber(b);
      if (getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    } else {
      if (a === null || typeof a !== 'object') {
        if (b === null || typeof b !== 'object') return a == b || (isNaNumber(a) && isNaNumber(b));
        return false;
      }
      if (b === null || typeof b !== 'object') return false;
    }
    const tag = tagOf(a);
    if (tag !== tagOf(b)) return false;
    if (isArray(a) !== isArray(b)) return false;
    if (!sameContents(a, b, tag, strict, seen)) return false;
    return sameKeys(a, b, strict, seen);
  }

  /** What an object holds besides its keys: a date's time, a set's members, ... */
  function sameContents(a, b, tag, strict, seen) {
    if (isArray(a)) return a.length === b.length;
    switch (tag) {
      case '[object Date]':
        return sameValue(apply(getTime, a, []), apply(getTime, b, []));
      case '[object RegExp]':
        return (
          apply(regexpSource, a, []) === apply(regexpSource, b, []) &&
          apply(regexpFlags, a, []) === apply(regexpFlags, b, []) &&
          a.lastIndex === b.lastIndex
        );
      case '[object Number]':
        return sameValue(apply(numberValue, a, []), apply(numberValue, b, []));
      case '[object String]':
        return apply(stringValue, a, []) === apply(stringValue, b, []);
      case '[object Boolean]':
        return apply(booleanValue, a, []) === apply(booleanValue, b, []);
      case '[object BigInt]':
        return apply(bigintValue, a, []) === apply(bigintValue, b, []);
      case '[object Symbol]':
        return apply(symbolValue, a, []) === apply(symbolValue, b, []);
      case '[object Error]':
        return a.message === b.message && a.name === b.name;
      case '[object Set]':
        return apply(setSize, a, []) === apply(setSize, b, []) && sameSet(a, b, strict, seen);
      case '[object Map]':
        return apply(mapSize, a, []) === apply(mapSize, b, []) && sameMap(a, b, strict, seen);
      default:
        return true;
    }
  }

  /** Every member of `a` has its own equal member in `b` (primitives first, then deep matches). */
  function sameSet(a, b, strict, seen) {
    const unmatched = [];
    const members = setList(a);
    for (let i = 0; i < members.length; i++) if (!apply(setHas, b, [members[i]])) unmatched[unmatched.length] = members[i];
    if (unmatched.length === 0) return true;
    const candidates = [];
    const others = setList(b);
    for (let i = 0; i < others.length; i++) if (!apply(setHas, a, [others[i]])) candidates[candidates.length] = others[i];
    return matchAll(unmatched, candidates, (x, y) => deepEqual(x, y, strict, seen));
  }

  function sameMap(a, b, strict, seen) {
    const unmatched = [];
    const entries = mapList(a);
    for (let i = 0; i < entries.length; i++) {
      const key = entries[i][0];
      if (!apply(mapHas, b, [key]) || !deepEqual(entries[i][1], apply(mapGet, b, [key]), strict, seen))
        unmatched[unmatched.length] = entries[i];
    }
    if (unmatched.length === 0) return true;
    const candidates = [];
    const others = mapList(b);
    for (let i = 0; i < others.length; i++) {
      const key = others[i][0];
      if (!apply(mapHas, a, [key]) || !deepEqual(apply(mapGet, a, [key]), others[i][1], strict, seen))
        candidates[candidates.length] = others[i];
    }
    return matchAll(unmatched, candidates, (x, y) => deepEqual(x[0], y[0], strict, seen) && deepEqual(x[1], y[1], strict, seen));
  }

  /** Pairs each of `left` with a distinct equal element of `right`. */
  function matchAll(left, right, equal) {
    if (left.length !== right.length) return false;
    const used = new SetCtor();
    for (let i = 0; i < left.length; i++) {
      let found = false;
      for (let j = 0; j < right.length && !found; j++) {
        if (!apply(setHas, used, [j]) && equal(left[i], right[j])) {
          apply(setAdd, used, [j]);
          found = true;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** The same own enumerable keys with deep-equal values. */
  function sameKeys(a, b, strict, seen) {
    const keysA = keysOf(a, strict);
    const keysB = keysOf(b, strict);
    if (keysA.length !== keysB.length) return false;
    for (let i = 0; i < keysA.length; i++) if (!enumerable(b, keysA[i])) return false;
    if (keysA.length === 0) return true;
    // A pair already being compared further up is taken as equal: cycles end there, as in Node.
    seen ??= new SetCtor();
    if (apply(setHas, seen, [a]) && apply(setHas, seen, [b])) return true;
    const addedA = !apply(setHas, seen, [a]);
    const addedB = !apply(setHas, seen, [b]);
    apply(setAdd, seen, [a]);
    apply(setAdd, seen, [b]);
    // Arrays: equal lengths and the same own keys, so holes line up too.
    let equal = true;
    for (let i = 0; i < keysA.length && equal; i++) {
      const key = keysA[i];
      if (!deepEqual(a[key], b[key], strict, seen)) equal = false;
    }
    if (addedA) apply(setDelete, seen, [a]);
    if (addedB) apply(setDelete, seen, [b]);
    return equal;
  }

  class AssertionError extends ErrorCtor {
    constructor(options) {
      super(options.message);
      defineProperty(this, 'name', { value: 'AssertionError', writable: true, enumerable: false, configurable: true });
      this.code = 'ERR_ASSERTION';
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = options.generated;
    }
  }

  const short = (value) => {
    let text;
    try {
      text = inspect(value);
    } catch {
      text = '[uninspectable]';
    }
    return text.length > 200 ? apply(strSlice, text, [0, 200]) + '...' : text;
  };

  /** Reports the failure to the host, then throws as Node does (a caller's Error instance as it is). */
  function fail(api, actual, expected, operator, message, explain) {
    if (message instanceof ErrorCtor) {
      report(api, message.message);
      throw message;
    }
    const generated = message === undefined;
    const text = generated ? explain() : StringCtor(message);
    report(api, text);
    throw new AssertionError({ message: text, actual, expected, operator, generated });
  }
  const differ = (verb) => (actual, expected) => () => `expected ${short(actual)} ${verb} ${short(expected)}`;

  function ok(...args) {
    if (args.length === 0) fail('assert.ok', undefined, true, '==', undefined, () => 'no value argument passed to `assert.ok()`');
    if (!args[0]) fail('assert.ok', args[0], true, '==', args[1], () => `the expression evaluated to a falsy value: ${short(args[0])}`);
  }
  const assert = function assert(...args) {
    apply(ok, undefined, args);
  };
  const methods = {
    ok,
    equal(actual, expected, message) {
      if (!(actual == expected || (isNaNumber(actual) && isNaNumber(expected))))
        fail('assert.equal', actual, expected, '==', message, differ('to loosely equal')(actual, expected));
    },
    notEqual(actual, expected, message) {
      if (actual == expected || (isNaNumber(actual) && isNaNumber(expected)))
        fail('assert.notEqual', actual, expected, '!=', message, differ('not to loosely equal')(actual, expected));
    },
    strictEqual(actual, expected, message) {
      if (!sameValue(actual, expected))
        fail('assert.strictEqual', actual, expected, 'strictEqual', message, differ('to strictly equal')(actual, expected));
    },
    notStrictEqual(actual, expected, message) {
      if (sameValue(actual, expected))
        fail('assert.notStrictEqual', actual, expected, 'notStrictEqual', message, differ('not to strictly equal')(actual, expected));
    },
    deepEqual(actual, expected, message) {
      if (!deepEqual(actual, expected, false, undefined))
        fail('assert.deepEqual', actual, expected, 'deepEqual', message, differ('to loosely deep-equal')(actual, expected));
    },
    notDeepEqual(actual, expected, message) {
      if (deepEqual(actual, expected, false, undefined))
        fail('assert.notDeepEqual', actual, expected, 'notDeepEqual', message, differ('not to loosely deep-equal')(actual, expected));
    },
    deepStrictEqual(actual, expected, message) {
      if (!deepEqual(actual, expected, true, undefined))
        fail('assert.deepStrictEqual', actual, expected, 'deepStrictEqual', message, differ('to strictly deep-equal')(actual, expected));
    },
    notDeepStrictEqual(actual, expected, message) {
      if (deepEqual(actual, expected, true, undefined))
        fail(
          'assert.notDeepStrictEqual',
          actual,
          expected,
          'notDeepStrictEqual',
          message,
          differ('not to strictly deep-equal')(actual, expected),
        );
    },
    fail(message) {
      fail('assert.fail', undefined, undefined, 'fail', message, () => 'Failed');
    },
    AssertionError,
  };
  for (const name of objectKeys(methods)) defineProperty(assert, name, { value: methods[name], enumerable: true });
  defineProperty(assert, 'strict', { value: assert, enumerable: true });
  return freeze(assert);
}
