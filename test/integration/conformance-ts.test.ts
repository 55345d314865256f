/**
 * The JavaScript sandbox conformance suite with every program run as TypeScript
 * (test/support/js-conformance-suite.ts): in `strip` mode each program gets the verdict and detail
 * it gets as JavaScript (line and column numbers included: the types are blanked out in place),
 * except where TypeScript's parser rejects it first; in `typecheck` mode a program the checker
 * rejects gets a type error naming its first diagnostic, and the others get their JavaScript
 * verdict. Nothing passes that does not pass as JavaScript, the host keeps no trace either way.
 *
 * A TypeScript worker's memory cap has room for the compiler as well (worker-process.ts), so the
 * program that overshoots the isolate's heap may be stopped by isolated-vm before the cap aborts
 * the worker: `memory` either way, and the worker may or may not be replaced.
 */
import type { CaseOverride } from '../support/js-conformance-suite.js';
import { describeJsConformance } from '../support/js-conformance-suite.js';

const parserRejects: Record<string, CaseOverride> = {
  'test swallowed by an unterminated comment': { detail: /^syntax error: program\.ts:2:3 TS1010: '\*\/' expected\.$/ },
  'test swallowed by an unterminated template': { detail: /^syntax error: program\.ts:2:15 TS1160: Unterminated template literal\.$/ },
};
const biggerCap: Record<string, CaseOverride> = {
  'heap overshoot refused by the worker memory cap (worker replaced, retried once)': {
    detail: /^(Error: Isolate (is|was) disposed.*|V8 gave up the worker process \(exit SIG\w+: .*out-of-memory.*) \(limit 64 MB\)$/,
    crashesWorker: 'either',
  },
  // 64 MiB pages until the cap of 64 + 512 + 1024 MiB (the worker itself maps a few hundred MiB).
  'WebAssembly memory bomb outside the heap, stopped by the worker memory cap': { stdout: /^\d{1,2}\n$/ },
};

/** What the checker says first, for the programs it rejects. */
const typeError = (where: string, code: number, text: string): CaseOverride => ({
  verdict: 'syntax_error',
  detail: new RegExp(`^type error: ${where.replaceAll('.', '\\.')}:\\d+:\\d+ TS${code}: ${text}`),
  // It never runs: no output, and its worker lives on.
  stdout: undefined,
  crashesWorker: false,
});
const noDouble = typeError('test.ts', 2304, "Cannot find name 'double'");
const noRequire = typeError('program.ts', 2591, "Cannot find name 'require'");

describeJsConformance('typescript conformance, strip mode: isolated-vm executor', {
  typescript: 'strip',
  overrides: { ...parserRejects, ...biggerCap },
});

describeJsConformance('typescript conformance, typecheck mode: isolated-vm executor', {
  typescript: 'typecheck',
  overrides: {
    ...parserRejects,
    ...biggerCap,
    // Programs that never define double(): the test does not type-check.
    'infinite loop at top level': noDouble,
    'huge output in a loop': noDouble,
    'one huge line': noDouble,
    'output limit caught and ignored': noDouble,
    'throwing a non-Error': noDouble,
    // No Node declarations, as under MultiPL-E's tsc: require and process are unknown names.
    'require fs to write a file': noRequire,
    'require child_process': noRequire,
    'http module to a loopback server': noRequire,
    process: typeError('program.ts', 2591, "Cannot find name 'process'"),
    'dynamic import()': typeError('program.ts', 1323, 'Dynamic imports are only supported'),
    'static import': typeError('program.ts', 2792, "Cannot find module 'fs'"),
    'Array.prototype.map replaced (the next program uses map)': typeError(
      'program.ts',
      2322,
      "Type '<U>\\(\\) => number\\[\\]' is not assignable",
    ),
    'toJSON added to Array.prototype': typeError('program.ts', 2339, "Property 'toJSON' does not exist on type 'any\\[\\]'"),
    'JSON shadowed by a declaration': typeError('program.ts', 2451, "Cannot redeclare block-scoped variable 'JSON'"),
    'console replaced': typeError(
      'program.ts',
      2740,
      "Type '\\{ assert\\(\\): void; \\}' is missing the following properties from type 'Console'",
    ),
    'console shadowed by a declaration': typeError('program.ts', 2451, "Cannot redeclare block-scoped variable 'console'"),
    'test function declared first by the program': typeError('program.ts', 2451, "Cannot redeclare block-scoped variable 'testDouble'"),
    'the checkpoint called early': typeError('program.ts', 2304, "Cannot find name '__passk_checkpoint__'"),
    'stack traces rewritten': typeError('program.ts', 2339, "Property 'prepareStackTrace' does not exist on type 'ErrorConstructor'"),
  },
});
