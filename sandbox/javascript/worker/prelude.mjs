/**
 * The trusted code that runs first in every isolate, before the program. It is injected as
 * source text (Function.prototype.toString), so it refers to nothing outside its body.
 *
 * It installs `console` (log/info/debug/warn/error/trace/assert) and `require` (which only
 * knows 'js-md5' and 'node:assert', node-assert.mjs), makes the standard global bindings read-only (so `const JSON = ...` is a
 * redeclaration error, as for any non-configurable global), snapshots the builtins, and
 * returns `control`, a function only the host holds (as an isolated-vm Reference):
 *   control('check', when)  -> compares the builtins with the snapshot, reports changes
 *   control('watch', value) -> attaches handlers if the test's completion value is a promise
 *   control('settled')      -> 'none' | 'pending' | 'fulfilled' | 'rejected' (+ reason)
 *
 * Host callbacks arrive as arguments and are kept in this closure only: the program can
 * reach console.assert and node:assert (which can only *record* a failure) and the checkpoint (which can only
 * *record* a check), never a way to mark a pass. Functions that run after the program has
 * started use only intrinsics captured here, never a lookup the program could have redirected.
 */
export function isolatePrelude(hostFail, hostOut, hostTamper, createMd5, createNodeAssert, outputCap) {
  'use strict';
  const global = globalThis;
  const { apply, getOwnPropertyDescriptor: gopd, getPrototypeOf, ownKeys, defineProperty } = Reflect;
  const { hasOwn, is: sameValue, freeze } = Object;
  const StringCtor = String;
  const ErrorCtor = Error;
  const isArray = Array.isArray;
  const strSlice = String.prototype.slice;
  const strIndexOf = String.prototype.indexOf;
  const strSplit = String.prototype.split;
  const arrayJoin = Array.prototype.join;
  const promiseThen = Promise.prototype.then;
  const mapGet = Map.prototype.get;
  const CHECKPOINT = '__passk_checkpoint__';
  // Legacy names a program may reasonably declare for itself; every other standard global is read-only.
  const WRITABLE_GLOBALS = ['escape', 'unescape'];

  // ---- output: a compact util.format; only the host counts bytes and enforces the cap ----
  function show(value, depth, top) {
    if (typeof value === 'string') return top ? value : "'" + value + "'";
    if (typeof value === 'bigint') return StringCtor(value) + 'n';
    if (typeof value === 'symbol' || (typeof value !== 'object' && typeof value !== 'function')) return StringCtor(value);
    if (value === null) return 'null';
    if (typeof value === 'function') return '[Function: ' + (value.name || '(anonymous)') + ']';
    if (value instanceof ErrorCtor) return value.stack || StringCtor(value);
    if (depth > 2) return isArray(value) ? '[Array]' : '[Object]';
    const parts = [];
    if (isArray(value)) {
      for (let i = 0; i < value.length && i < 100; i++) parts[parts.length] = show(value[i], depth + 1, false);
      if (value.length > 100) parts[parts.length] = '... ' + (value.length - 100) + ' more items';
      return parts.length ? '[ ' + apply(arrayJoin, parts, [', ']) + ' ]' : '[]';
    }
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length && i < 100; i++) {
      if (typeof keys[i] !== 'string') continue;
      parts[parts.length] = keys[i] + ': ' + show(value[keys[i]], depth + 1, false);
    }
    return parts.length ? '{ ' + apply(arrayJoin, parts, [', ']) + ' }' : '{}';
  }
  function format(args) {
    const parts = [];
    for (let i = 0; i < args.length; i++) {
      try {
        parts[i] = show(args[i], 0, true);
      } catch {
        parts[i] = '[unprintable]';
      }
    }
    const text = apply(arrayJoin, parts, [' ']);
    // Do not copy more than the cap out of the isolate: the host stops the program past it.
    return text.length > outputCap ? apply(strSlice, text, [0, outputCap + 1]) : text;
  }
  const toStdout = (...args) => void hostOut(1, format(args));
  const toStderr = (...args) => void hostOut(2, format(args));

  /** Where console.assert was called from: the first program.js / test.js frame. */
  function callSite() {
    try {
      const lines = apply(strSplit, StringCtor(new ErrorCtor().stack), ['\n']);
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        if (apply(strIndexOf, line, ['test.js:']) >= 0 || apply(strIndexOf, line, ['program.js:']) >= 0) {
          return apply(strSlice, line, [apply(strIndexOf, line, ['at ']) + 3, 300]);
        }
      }
    } catch {
      // a program that broke stack traces only loses the position
    }
    return 'unknown position';
  }
  function assert(condition, ...args) {
    if (condition) return;
    const message = args.length ? format(args) : '';
    hostFail(callSite(), message);
    hostOut(2, message ? 'Assertion failed: ' + message : 'Assertion failed');
  }
  const consoleObject = freeze({
    log: toStdout,
    info: toStdout,
    debug: toStdout,
    warn: toStderr,
    error: toStderr,
    trace: toStderr,
    assert,
  });

  // ---- require: the js-md5 stand-in and node:assert ----
  let md5; // built on first use: most programs never load it
  // Built now, before the program runs, so that it captures the builtins as they are.
  const nodeAssert = createNodeAssert(
    (api, message) => void hostFail(callSite(), message, api),
    (value) => show(value, 0, false),
  );
  const requireModule = freeze(function require(name) {
    if (name === 'js-md5') return (md5 ??= createMd5());
    if (name === 'node:assert' || name === 'assert') return nodeAssert;
    const error = new ErrorCtor("Cannot find module '" + StringCtor(name) + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  });

  // ---- install and lock the globals ----
  const checkpoint = freeze(function checkpoint(when) {
    check(StringCtor(when));
  });
  defineProperty(global, 'console', { value: consoleObject, writable: false, enumerable: false, configurable: false });
  defineProperty(global, 'require', { value: requireModule, writable: false, enumerable: false, configurable: false });
  defineProperty(global, CHECKPOINT, { value: checkpoint, writable: false, enumerable: false, configurable: false });
  for (const key of ownKeys(global)) {
    const d = gopd(global, key);
    if (!hasOwn(d, 'value') || WRITABLE_GLOBALS.includes(key)) continue;
    // Non-configurable: `const JSON = ...` or `var JSON` in the program is a redeclaration error.
    defineProperty(global, key, { writable: false, configurable: false });
  }

  // ---- snapshot the builtins a test can reach ----
  // The objects: the global object, every global namespace and constructor, constructors'
  // prototypes, the iterator and function prototypes that syntax uses (for-of, spread,
  // generators, async functions), and everything on their [[Prototype]] chains. Every own
  // property of these is recorded. (Walking everything reachable, down to each method's
  // `name`, costs ten times more: V8 builds those objects lazily.)
  // Parallel arrays, read back only with own-index lookups. Per property record:
  const recObject = []; // index of the object that holds it
  const recKey = [];
  const recData = [];
  const recFirst = []; // value, or getter
  const recSecond = []; // setter
  // Per object (index 0 is the global object):
  const objects = [];
  const objName = [];
  const objProto = []; // [[Prototype]] at snapshot time
  const objKeys = []; // own keys at snapshot time
  const indexOf = new Map();
  const include = (value, name) => {
    if (((typeof value === 'object' && value !== null) || typeof value === 'function') && !indexOf.has(value)) {
      indexOf.set(value, objects.length);
      objects.push(value);
      objName.push(name);
    }
  };
  include(global, 'globalThis');
  for (const key of ownKeys(global)) {
    const value = gopd(global, key).value;
    include(value, StringCtor(key));
    if (typeof value === 'function' && value.prototype) include(value.prototype, StringCtor(key) + '.prototype');
  }
  const protoOf = (value) => getPrototypeOf(value);
  include(protoOf([][Symbol.iterator]()), '%ArrayIteratorPrototype%');
  include(protoOf(''[Symbol.iterator]()), '%StringIteratorPrototype%');
  include(protoOf(new Map()[Symbol.iterator]()), '%MapIteratorPrototype%');
  include(protoOf(new Set()[Symbol.iterator]()), '%SetIteratorPrototype%');
  include(protoOf(/a/[Symbol.matchAll]('')), '%RegExpStringIteratorPrototype%');
  include(
    protoOf(function* () {}),
    '%GeneratorFunction.prototype%',
  );
  include(protoOf(function* () {}).prototype, '%GeneratorPrototype%');
  include(
    protoOf(async function () {}),
    '%AsyncFunction.prototype%',
  );
  include(
    protoOf(async function* () {}),
    '%AsyncGeneratorFunction.prototype%',
  );
  include(protoOf(async function* () {}).prototype, '%AsyncGeneratorPrototype%');
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const proto = getPrototypeOf(obj);
    objProto.push(proto);
    include(proto, objName[i] + '.[[Prototype]]');
    const own = ownKeys(obj);
    objKeys.push(own);
    for (let k = 0; k < own.length; k++) {
      const key = own[k];
      const d = gopd(obj, key);
      const data = hasOwn(d, 'value');
      // A non-configurable, non-writable property can never change: nothing to check.
      if (!d.configurable && !(data && d.writable)) continue;
      if (obj === ErrorCtor && key === 'stackTraceLimit') continue; // harmless to set
      if (i === 0 && WRITABLE_GLOBALS.includes(key)) continue; // the program may define its own
      recObject.push(i);
      recKey.push(key);
      recData.push(data);
      recFirst.push(data ? d.value : d.get);
      recSecond.push(data ? undefined : d.set);
    }
  }
  const recordCount = recKey.length;
  const objectCount = objects.length;

  const keyName = (key) => (typeof key === 'symbol' ? '[' + StringCtor(key.description) + ']' : key);
  const recordName = (r) => (recObject[r] === 0 ? '' : objName[recObject[r]] + '.') + keyName(recKey[r]);
  const has = (list, key) => {
    for (let k = 0; k < list.length; k++) if (list[k] === key) return true;
    return false;
  };

  /** True when `key`, newly added to builtin object `i`, could change how existing builtins behave. */
  function isHook(i, key) {
    if (typeof key === 'symbol' || key === 'toJSON' || key === 'then') return true;
    for (let p = objProto[i]; p;) {
      const j = apply(mapGet, indexOf, [p]);
      if (j === undefined) return false;
      if (has(objKeys[j], key)) return true; // shadows an inherited builtin
      p = objProto[j];
    }
    return false;
  }

  /** Compares builtins with the snapshot; reports the first few changes to the host. */
  function check(when) {
    const changed = [];
    for (let r = 0; r < recordCount && changed.length < 5; r++) {
      const d = gopd(objects[recObject[r]], recKey[r]);
      let same = d !== undefined && hasOwn(d, 'value') === recData[r];
      if (same) same = recData[r] ? sameValue(d.value, recFirst[r]) : d.get === recFirst[r] && d.set === recSecond[r];
      if (!same) changed[changed.length] = recordName(r);
    }
    for (let i = 0; i < objectCount && changed.length < 5; i++) {
      const obj = objects[i];
      if (getPrototypeOf(obj) !== objProto[i]) changed[changed.length] = objName[i] + '.[[Prototype]]';
      if (i === 0) continue; // new globals are the program's own declarations
      const now = ownKeys(obj);
      if (now.length === objKeys[i].length) continue; // a deletion is already reported above
      for (let k = 0; k < now.length; k++) {
        if (!has(objKeys[i], now[k]) && isHook(i, now[k])) changed[changed.length] = objName[i] + '.' + keyName(now[k]) + ' (added)';
      }
    }
    if (changed.length) hostTamper(when, apply(arrayJoin, changed, [', ']));
    return changed.length === 0;
  }

  // ---- the test's completion value, if it is a promise ----
  let watched = 'none';
  let reason;
  function watch(value) {
    if (typeof value !== 'object' || value === null) return 'none';
    try {
      apply(promiseThen, value, [
        () => {
          watched = 'fulfilled';
        },
        (error) => {
          watched = 'rejected';
          reason = error;
        },
      ]);
      watched = 'pending';
    } catch {
      watched = 'none'; // not a promise
    }
    return watched;
  }

  return function control(op, value) {
    if (op === 'check') return check(value);
    if (op === 'watch') return watch(value);
    if (op === 'settled') {
      if (watched !== 'rejected') return watched;
      let text;
      try {
        text = reason instanceof ErrorCtor ? reason.name + ': ' + reason.message : show(reason, 0, false);
      } catch {
        text = 'unprintable reason';
      }
      return 'rejected: ' + text;
    }
    throw new ErrorCtor('unknown control operation');
  };
}
