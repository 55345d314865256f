/**
 * Adversarial JavaScript programs for the sandbox conformance suite
 * (test/integration/conformance-js.test.ts), named after what they try, each with the one
 * verdict and detail it must get. Placeholders filled in per run: {{HOST_DIR}} (a folder on
 * the host the program must not touch), {{PORT}} (a loopback server it must not reach).
 * The default test calls `testDouble()`, which asserts `double(2) === 4` with console.assert.
 */
import type { Verdict } from '../../../kernel/verdict.js';
import { DEFAULT_LIMITS, type Limits } from '../../../sandbox/executor.js';

export const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 1500, memoryMb: 64, outputBytes: 10_000 };
export const NORMAL = 'const double = (x) => 2 * x\n';
export const SYNC_TEST = `const testDouble = () => {
  console.assert(double(2) === 4)
  console.assert(JSON.stringify([1, 2].map(double)) === JSON.stringify([2, 4]))
}

testDouble()
`;
const ASYNC_TEST = `const testDouble = async () => {
  console.assert((await double(2)) === 4)
}

testDouble()
`;

export interface Case {
  name: string;
  program: string;
  verdict: Verdict;
  detail: RegExp;
  test?: string;
  limits?: Partial<Limits>;
  stdout?: string | RegExp;
  /** Files the program tries to create; none may exist afterwards. */
  hostFiles?: string[];
  /** The program brings its worker process down (V8 fatal error): a fresh one must replace it; 'either' when both are right. */
  crashesWorker?: boolean | 'either';
  /**
   * The one other outcome that is also right, for a program that races two limits (say
   * why in a comment on the case): the expected outcome must not depend on machine speed.
   */
  or?: { verdict: Verdict; detail: RegExp };
}

const WRONG = 'const double = (x) => 0\n';
export const CASES: Case[] = [
  // Resources
  { name: 'infinite loop at top level', program: 'while (true) {}', verdict: 'timeout', detail: /ran past 1500 ms \(program\)/ },
  {
    name: 'infinite loop in the tested function',
    program: 'const double = (x) => { for (;;) {} }',
    verdict: 'timeout',
    detail: /\(test\)/,
  },
  {
    // Each callback schedules the next and returns nothing, so every settled promise is
    // garbage at once: memory stays flat and only the time limit can end it.
    name: 'endless microtask loop that retains nothing',
    program: `const spin = () => { Promise.resolve().then(spin) }\nspin()\n${NORMAL}`,
    verdict: 'timeout',
    detail: /ran past 1500 ms \(program\)/,
  },
  {
    // \`then(spin)\` returns spin's own promise, so each promise waits on the next and the
    // chain keeps all of them alive: memory grows without bound while time passes. Which
    // limit it meets first (64 MB or 1.5 s) depends on the machine's speed, and both
    // verdicts are right; anything else (a pass, an error, a lost worker) is not.
    name: 'endless microtask chain that keeps every promise alive',
    program: `const spin = () => Promise.resolve().then(spin)\nspin()\n${NORMAL}`,
    verdict: 'timeout',
    detail: /ran past 1500 ms \(program\)/,
    or: { verdict: 'memory', detail: /^Error: Isolate was disposed during execution due to memory limit \(limit 64 MB\)$/ },
  },
  {
    name: 'memory bomb stopped by the isolate limit',
    program: `const hoard = []\nfor (;;) hoard.push(new Array(1e5).fill(1))\n${NORMAL}`,
    verdict: 'memory',
    detail: /memory limit.*\(limit 64 MB\)/,
    limits: { timeoutMs: 60_000 },
  },
  {
    // 2^27 one-character strings: more elements than a V8 array can hold, a fatal error.
    name: 'allocation too large for V8 (fatal error, worker replaced, retried once)',
    program: `'a'.repeat(2 ** 27).split('')\n${NORMAL}`,
    verdict: 'memory',
    detail: /^V8 gave up the worker process \(exit SIG\w+: Fatal JavaScript invalid size error \d+/,
    limits: { timeoutMs: 60_000 },
    crashesWorker: true,
  },
  {
    // isolated-vm lets this overshoot its 64 MB limit ten times over; the worker's OS cap
    // refuses V8 the pages and V8 (isolated-vm's catastrophic-error hook) aborts the worker.
    name: 'heap overshoot refused by the worker memory cap (worker replaced, retried once)',
    program: `'ab'.repeat(2 ** 25).split('')\n${NORMAL}`,
    verdict: 'memory',
    detail: /^V8 gave up the worker process \(exit SIGABRT: .*out-of-memory/,
    limits: { timeoutMs: 60_000 },
    crashesWorker: true,
  },
  {
    // WebAssembly memory lies wholly outside the isolate heap: without the OS cap this loop
    // would fill the host, 64 MiB at a time.
    name: 'WebAssembly memory bomb outside the heap, stopped by the worker memory cap',
    program:
      'const pages = []\ntry {\n  for (;;) { const m = new WebAssembly.Memory({ initial: 1024 }); new Uint8Array(m.buffer).fill(1); pages.push(m) }\n' +
      `} finally { console.log(pages.length) }\n${NORMAL}`,
    verdict: 'memory',
    detail: /^RangeError: WebAssembly\.Memory\(\): could not allocate memory \(program\.js:3:\d+\) \(limit 64 MB\)$/,
    limits: { timeoutMs: 60_000 },
    // 64 MiB pages until the 576 MiB cap (the worker itself maps over 100 MiB, more after a busy
    // run, so the count is not fixed; none at all is possible if the worker has grown past 512 MiB).
    stdout: /^[0-8]\n$/,
    // The allocation that fails may be V8's own rather than the program's: then V8 gives the
    // worker up and it is replaced. Either way the verdict is memory and the next program passes.
    crashesWorker: 'either',
  },
  {
    name: 'deep recursion',
    program: `const down = (n) => down(n + 1) + 1\ndown(0)\n${NORMAL}`,
    verdict: 'error',
    detail: /^RangeError: Maximum call stack size exceeded \(program\.js:1:\d+\)$/,
  },
  // Output cases get a time limit far beyond what they need: only the output limit can end them.
  {
    name: 'huge output in a loop',
    program: "for (;;) console.log('spam')",
    verdict: 'output_limit',
    detail: /10000 bytes/,
    stdout: /^spam\nspam\n/,
    limits: { timeoutMs: 60_000 },
  },
  {
    name: 'one huge line',
    program: "console.log('x'.repeat(50_000_000))",
    verdict: 'output_limit',
    detail: /10000 bytes/,
    limits: { timeoutMs: 60_000 },
  },
  {
    name: 'output limit caught and ignored',
    program: "for (;;) { try { console.error('y'.repeat(1000)) } catch {} }",
    verdict: 'output_limit',
    detail: /10000 bytes/,
    limits: { timeoutMs: 60_000 },
  },
  // Builtins
  {
    name: 'Array.prototype.map replaced (the next program uses map)',
    program: `Array.prototype.map = function () { return [2, 4] }\n${WRONG}`,
    verdict: 'failed',
    detail: /^builtins changed after the program: Array\.prototype\.map$/,
  },
  {
    name: 'JSON.stringify replaced so that every comparison holds',
    program: `JSON.stringify = () => '[]'\n${NORMAL}`,
    verdict: 'failed',
    detail: /^builtins changed after the program: JSON\.stringify$/,
  },
  {
    name: 'toJSON added to Array.prototype',
    program: `Array.prototype.toJSON = function () { return 'same' }\n${WRONG}`,
    verdict: 'failed',
    detail: /Array\.prototype\.toJSON \(added\)/,
  },
  {
    name: 'a builtin replaced while the test runs',
    program: 'const double = (x) => { Math.max = () => 0; return 2 * x }',
    verdict: 'failed',
    detail: /^builtins changed at the end of the test: Math\.max$/,
  },
  {
    name: 'JSON shadowed by a declaration',
    program: `const JSON = { stringify: () => '' }\n${NORMAL}`,
    verdict: 'syntax_error',
    detail: /Identifier 'JSON' has already been declared/,
  },
  // Reaching the host
  { name: 'process', program: `process.exit(0)\n${NORMAL}`, verdict: 'error', detail: /^ReferenceError: process is not defined/ },
  {
    name: 'this.constructor.constructor trick',
    program: `this.constructor.constructor('return process')().exit(0)\n${NORMAL}`,
    verdict: 'error',
    detail: /^ReferenceError: process is not defined/,
  },
  {
    name: 'Function constructor reached through console.log',
    program: `console.log.constructor('return this')().process.mainModule.require('fs')\n${NORMAL}`,
    verdict: 'error',
    detail: /^TypeError: Cannot read properties of undefined \(reading 'mainModule'\)/,
  },
  {
    name: 'require fs to write a file',
    program: `require('fs').writeFileSync('{{HOST_DIR}}/pwned', 'x')\n${NORMAL}`,
    verdict: 'error',
    detail: /^Error: Cannot find module 'fs'/,
    hostFiles: ['{{HOST_DIR}}/pwned'],
  },
  {
    name: 'require child_process',
    program: `require('child_process').execSync('touch {{HOST_DIR}}/pwned2')\n${NORMAL}`,
    verdict: 'error',
    detail: /^Error: Cannot find module 'child_process'/,
    hostFiles: ['{{HOST_DIR}}/pwned2'],
  },
  {
    name: 'dynamic import()',
    program: `import('fs').then((fs) => fs.writeFileSync('{{HOST_DIR}}/pwned3', 'x'))\n${NORMAL}`,
    verdict: 'error',
    detail: /Not supported/,
    hostFiles: ['{{HOST_DIR}}/pwned3'],
  },
  {
    name: 'static import',
    program: `import fs from 'fs'\n${NORMAL}`,
    verdict: 'syntax_error',
    detail: /Cannot use import statement outside a module/,
  },
  {
    name: 'fetch to a loopback server',
    program: `fetch('http://127.0.0.1:{{PORT}}/')\n${NORMAL}`,
    verdict: 'error',
    detail: /^ReferenceError: fetch is not defined/,
  },
  {
    name: 'http module to a loopback server',
    program: `require('http').get('http://127.0.0.1:{{PORT}}/')\n${NORMAL}`,
    verdict: 'error',
    detail: /Cannot find module 'http'/,
  },
  {
    name: 'no host names in the isolate',
    program:
      "const names = ['process', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'fetch', " +
      "'XMLHttpRequest', 'WebSocket', 'module', 'exports', '__dirname', 'global']\n" +
      "console.log(names.map((n) => typeof globalThis[n]).join(' '))\n" +
      NORMAL,
    verdict: 'passed',
    detail: /^$/,
    stdout: `${Array(13).fill('undefined').join(' ')}\n`,
  },
  // Faking a pass
  {
    name: 'console.assert redefined as a no-op',
    program: `console.assert = () => {}\n${WRONG}`,
    verdict: 'failed',
    detail: /^console\.assert failed at testDouble \(test\.js:2:11\) \(2 assertions failed\)$/,
  },
  {
    name: 'console replaced',
    program: `console = { assert() {} }\n${WRONG}`,
    verdict: 'failed',
    detail: /^console\.assert failed at testDouble/,
  },
  {
    name: 'console shadowed by a declaration',
    program: `const console = { assert() {} }\n${WRONG}`,
    verdict: 'syntax_error',
    detail: /Identifier 'console' has already been declared/,
  },
  {
    name: 'console.assert redefined with defineProperty',
    program: `Object.defineProperty(console, 'assert', { value: () => {} })\n${WRONG}`,
    verdict: 'error',
    detail: /^TypeError: Cannot redefine property: assert/,
  },
  {
    name: 'test function declared first by the program',
    program: `var testDouble = () => {}\n${WRONG}`,
    verdict: 'syntax_error',
    detail: /Identifier 'testDouble' has already been declared/,
  },
  {
    name: 'test function pinned on the global object',
    program: `Object.defineProperty(globalThis, 'testDouble', { value: () => {}, writable: false, configurable: false })\n${WRONG}`,
    verdict: 'syntax_error',
    detail: /Identifier 'testDouble' has already been declared/,
  },
  {
    name: 'test swallowed by an unterminated comment',
    program: `${WRONG}/*`,
    verdict: 'syntax_error',
    detail: /^SyntaxError: Invalid or unexpected token \[program\.js:2:1\]/,
  },
  {
    name: 'test swallowed by an unterminated template',
    program: `${WRONG}const rest = \``,
    verdict: 'syntax_error',
    detail: /^SyntaxError: Unexpected end of input \[program\.js:2:15\]/,
  },
  {
    name: 'printing what a pass looks like',
    program: `console.log('passed')\nconsole.log('All tests passed')\n${WRONG}`,
    verdict: 'failed',
    detail: /^console\.assert failed/,
  },
  {
    name: 'the checkpoint called early',
    program: `__passk_checkpoint__('at the end of the test')\n${WRONG}`,
    verdict: 'failed',
    detail: /^console\.assert failed/,
  },
  {
    name: 'stack traces rewritten',
    program: `Error.prepareStackTrace = () => 'nothing to see'\n${WRONG}`,
    verdict: 'failed',
    detail: /^console\.assert failed at unknown position/,
  },
  { name: 'throwing a non-Error', program: "throw { verdict: 'passed' }", verdict: 'error', detail: /not an instance of `Error`/ },
  {
    name: 'async test that never settles',
    program: 'const double = (x) => new Promise(() => {})',
    test: ASYNC_TEST,
    verdict: 'timeout',
    detail: /the test's promise never settled/,
  },
  {
    name: 'unhandled rejection beside correct answers',
    program: `Promise.reject(new Error('late failure'))\n${NORMAL}`,
    verdict: 'error',
    detail: /^Error: late failure/,
  },
  {
    name: 'rejection in a microtask while the test runs',
    program: "const double = (x) => { Promise.resolve().then(() => { throw new Error('in a microtask') }); return 2 * x }",
    verdict: 'error',
    detail: /^Error: in a microtask/,
  },
];
