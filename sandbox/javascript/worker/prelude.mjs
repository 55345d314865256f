/**
 * The trusted code that runs first in every isolate, before the program. It is injected as
 * source text (Function.prototype.toString), so it refers to nothing outside its body.
 *
 * It installs `console` (log/info/debug/warn/error/trace/assert) and `require` (which only
 * knows 'js-md5'), makes the standard global bindings read-only, snapshots every builtin
 * reachable from the global object, and returns `control`, a function only the host holds
 * (as an isolated-vm Reference):
 *   control('check', when)  -> compares the builtins with the snapshot, reports changes
 *   control('watch', value) -> attaches handlers if the test's completion value is a promise
 *   control('settled')      -> 'none' | 'pending' | 'fulfilled' | 'rejected' (+ reason)
 *
 * Host callbacks arrive as arguments and are kept in this closure only: the program can
 * reach console.assert (which can only *record* a failure) and the checkpoint (which can only
 * *record* a check), never a way to mark a pass. Functions that run after the program has
 * started use only intrinsics captured here, never a lookup the program could have redirected.
 */
export function isolatePrelude(hostFail, hostOut, hostTamper, createMd5, outputCap) {
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
  const SetCtor = Set;
  const setHas = Set.prototype.has;
  const mapGet = Map.prototype.get;
  const CHECKPOINT = '__passk_checkpoint__';
  // Legacy names a program may reasonably declare for itself; every other standard global is read-only.
  const WRITABLE_GLOBALS = ['escape', 'unescape'];
  // Data properties of builtins that programs may legitimately set without changing behaviour.
  const BENIGN = ['Error.stackTraceLimit'];

  // ---- output: a compact util.format; only the host counts bytes and enforces the cap ----
  function show(value, depth, top) {
    if (typeof value === 'string') return top ? value : "'" + value + "'";
    if (typeof value === 'bigint') return StringCtor(value) + 'n';
    if (typeof value === 'symbol' || typeof value !== 'object' && typeof value !== 'function') return StringCtor(value);
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
    log: toStdout, info: toStdout, debug: toStdout, warn: toStderr, error: toStderr, trace: toStderr, assert,
  });

  // ---- require: the only module is the js-md5 stand-in ----
  const md5 = createMd5();
  const requireModule = freeze(function require(name) {
    if (name === 'js-md5') return md5;
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

  // ---- snapshot every builtin reachable from the global object ----
  // Parallel arrays indexed by property record, read back only with own-index lookups.
  const objs = [];
  const keys = [];
  const isData = [];
  const first = []; // value, or getter
  const second = []; // setter
  const names = [];
  // Per object: its [[Prototype]] and own keys at snapshot time.
  const objectList = [];
  const protoOf = new Map();
  const keySet = new Map();
  const keyCount = [];
  const nameOf = new Map();
  const keyName = (key) => (typeof key === 'symbol' ? '[' + (key.description ?? 'symbol') + ']' : key);
  // Prototypes are named after their constructors (Array.prototype), not the path that found them.
  for (const key of ownKeys(global)) {
    const value = gopd(global, key).value;
    if (typeof value === 'function' && value.prototype && !nameOf.has(value.prototype)) {
      nameOf.set(value.prototype, keyName(key) + '.prototype');
    }
  }
  const queued = new SetCtor();
  const enqueue = (value, name) => {
    if (((typeof value === 'object' && value !== null) || typeof value === 'function') && !queued.has(value)) {
      queued.add(value);
      if (!nameOf.has(value)) nameOf.set(value, name);
      objectList.push(value);
    }
  };
  enqueue(global, 'globalThis');
  for (let qi = 0; qi < objectList.length; qi++) {
    const obj = objectList[qi];
    const base = obj === global ? '' : nameOf.get(obj) + '.';
    const own = ownKeys(obj);
    keySet.set(obj, new SetCtor(own));
    keyCount.push(own.length);
    for (const key of own) {
      const d = gopd(obj, key);
      const data = hasOwn(d, 'value');
      objs.push(obj);
      keys.push(key);
      names.push(base + keyName(key));
      isData.push(data);
      first.push(data ? d.value : d.get);
      second.push(data ? undefined : d.set);
      if (data) enqueue(d.value, base + keyName(key));
      else {
        enqueue(d.get, base + keyName(key) + '[get]');
        enqueue(d.set, base + keyName(key) + '[set]');
      }
    }
    const proto = getPrototypeOf(obj);
    protoOf.set(obj, proto);
    enqueue(proto, base + '[[Prototype]]');
  }
  const recordCount = objs.length;
  const objectCount = objectList.length;
  const benign = new SetCtor(BENIGN);

  /** True when `key`, newly added to builtin `obj`, could change how existing builtins behave. */
  function isHook(obj, key) {
    if (typeof key === 'symbol' || key === 'toJSON' || key === 'then') return true;
    for (let p = apply(mapGet, protoOf, [obj]); p; p = apply(mapGet, protoOf, [p])) {
      const set = apply(mapGet, keySet, [p]);
      if (set === undefined) return false;
      if (apply(setHas, set, [key])) return true; // shadows an inherited builtin
    }
    return false;
  }

  /** Compares builtins with the snapshot; reports the first few changes to the host. */
  function check(when) {
    const changed = [];
    for (let i = 0; i < recordCount && changed.length < 5; i++) {
      const d = gopd(objs[i], keys[i]);
      let same = d !== undefined && hasOwn(d, 'value') === isData[i];
      if (same) same = isData[i] ? sameValue(d.value, first[i]) : d.get === first[i] && d.set === second[i];
      if (!same && !apply(setHas, benign, [names[i]])) changed[changed.length] = names[i];
    }
    for (let i = 0; i < objectCount && changed.length < 5; i++) {
      const obj = objectList[i];
      const name = apply(mapGet, nameOf, [obj]);
      if (getPrototypeOf(obj) !== apply(mapGet, protoOf, [obj])) changed[changed.length] = name + '.[[Prototype]]';
      if (obj === global) continue; // new globals are the program's own declarations
      const now = ownKeys(obj);
      if (now.length === keyCount[i]) continue; // a deletion is already reported above
      const set = apply(mapGet, keySet, [obj]);
      for (let k = 0; k < now.length; k++) {
        if (!apply(setHas, set, [now[k]]) && isHook(obj, now[k])) {
          changed[changed.length] = name + '.' + keyName(now[k]) + ' (added)';
        }
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
        () => { watched = 'fulfilled'; },
        (error) => { watched = 'rejected'; reason = error; },
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
