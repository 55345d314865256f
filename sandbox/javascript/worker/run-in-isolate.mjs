/**
 * Runs one program and its test in a fresh isolated-vm isolate and returns a raw outcome
 * (events in the order they happened); the host turns it into a verdict
 * (sandbox/javascript/outcome.ts, whose RawOutcome type this file produces).
 *
 * Steps: prelude -> compile program (a SyntaxError stops here) -> compile test -> run program
 * -> builtin check -> run test (its last statement is a checkpoint) -> watch the test's
 * completion value -> builtin check. The program and the test are two scripts in one realm:
 * top-level declarations are shared exactly as in `program + "\n" + test`, but the program
 * cannot swallow the test with an unterminated comment or template literal.
 *
 * A pass is never reported by the isolate: the host decides from what it observed itself
 * (both scripts returned, no failure recorded by its callbacks, the test's promise settled).
 */
import { isolatePrelude } from './prelude.mjs';
import { createMd5 } from './md5.mjs';
import { createNodeAssert } from './node-assert.mjs';

const RECORD_CHARS = 4096; // captured output kept for the record
const HARNESS_CALL_MS = 2000; // budget for the prelude, before the program's clock starts
const TIMER_SLACK_MS = 50; // isolated-vm's timer may fire this much before our deadline
// A block holding only a declaration has an empty completion, so the script's completion
// value stays the test's own (the promise of an async test).
const ALLOCATION_REFUSED =
  /^RangeError: (Array buffer allocation failed|WebAssembly\.Memory(\.grow)?\(\): (could not allocate memory|Unable to grow instance memory))/;
const STDIO_GLOBALS = `const write = $0;
const text = (value) => (typeof value === 'string' ? value : String(value));
const stdout = Object.freeze({ write: (value) => { write(3, text(value)); return true; } });
Object.defineProperty(globalThis, 'stdin', { value: $1, writable: false, enumerable: false, configurable: false });
Object.defineProperty(globalThis, 'process', {
  value: Object.freeze({ stdout, argv: Object.freeze([]), env: Object.freeze({}) }),
  writable: false, enumerable: false, configurable: false,
});`;
const CHECKPOINT_CALL = "\n;{ let __passk_check__ = __passk_checkpoint__('at the end of the test'); }\n";

/**
 * @param {typeof import('isolated-vm')} ivm
 * @param {{ program: string, test: string, stdin?: string, limits: { timeoutMs: number, memoryMb: number, outputBytes: number } }} job
 * @param {(message: string) => void} onCatastrophe called (then the process aborts) when V8 loses the isolate
 */
export async function runInIsolate(ivm, job, onCatastrophe) {
  const { program, test, limits } = job;
  // A stdin/stdout job (job.stdin a string): the whole output up to the cap is kept, to be compared.
  const keepChars = typeof job.stdin === 'string' ? limits.outputBytes : RECORD_CHARS;
  const events = [];
  const output = { stdout: '', stderr: '', bytes: 0, exceeded: false };
  let failures = 0;
  let completed = false;

  const isolate = new ivm.Isolate({ memoryLimit: Math.max(8, limits.memoryMb), onCatastrophicError: onCatastrophe });
  // The program's clock starts once the isolate is ready (see below).
  let started = performance.now();
  let deadline = started + limits.timeoutMs;
  const remaining = () => Math.max(1, Math.ceil(deadline - performance.now()));

  const hostFail = new ivm.Callback((where, message, api) => {
    failures++;
    if (failures <= 3)
      events.push({ kind: 'assert', where: String(where), message: String(message), api: String(api ?? 'console.assert') });
  });
  const hostOut = new ivm.Callback((stream, text) => {
    if (output.exceeded) return;
    // Stream 3: stdout without a newline (process.stdout.write, stdin/stdout jobs).
    const line = stream === 3 ? String(text) : String(text) + '\n';
    output.bytes += Buffer.byteLength(line);
    const key = stream === 2 ? 'stderr' : 'stdout';
    if (output[key].length < keepChars) output[key] = (output[key] + line).slice(0, keepChars);
    if (output.bytes > limits.outputBytes) {
      output.exceeded = true;
      events.push({ kind: 'output_limit', bytes: output.bytes });
      // Stop the program: disposing terminates whatever it is running, even inside a catch loop.
      setImmediate(() => isolate.isDisposed || isolate.dispose());
    }
  });
  const hostTamper = new ivm.Callback((when, names) => {
    events.push({ kind: 'tamper', when: String(when), names: String(names) });
  });

  /** Runs one step; records why it stopped and returns false if the run cannot go on. */
  const step = async (stage, action) => {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      if (!output.exceeded) events.push(describeError(error, stage, isolate, performance.now() >= deadline - TIMER_SLACK_MS));
      return { ok: false };
    }
  };

  try {
    const context = await isolate.createContext();
    const preludeSource = `return (${isolatePrelude})($0, $1, $2, ${createMd5}, ${createNodeAssert}, ${limits.outputBytes});`;
    const control = await context.evalClosure(preludeSource, [hostFail, hostOut, hostTamper], {
      result: { reference: true },
      timeout: HARNESS_CALL_MS,
    });
    if (typeof job.stdin === 'string') {
      // The input as the global string `stdin`; process.stdout.write writes without a newline.
      await context.evalClosure(STDIO_GLOBALS, [hostOut, job.stdin], { timeout: HARNESS_CALL_MS });
    }
    // Checks run on the program's clock: a program that makes them slow (say, by adding
    // millions of properties to a builtin) times out like any other slow program.
    const harnessCall = (...args) => control.apply(undefined, args, { timeout: remaining() });

    started = performance.now();
    deadline = started + limits.timeoutMs;
    let programScript;
    try {
      programScript = await isolate.compileScript(program, { filename: 'program.js' });
    } catch (error) {
      events.push({ kind: 'syntax', stage: 'program', message: errorText(error) });
      return finish();
    }
    const testScript = await isolate.compileScript(test + CHECKPOINT_CALL, { filename: 'test.js' });

    if (!(await step('program', () => programScript.run(context, { timeout: remaining() }))).ok) return finish();
    if (!(await harnessCall('check', 'after the program'))) return finish();
    const ran = await step('test', () => testScript.run(context, { timeout: remaining(), reference: true }));
    if (!ran.ok) return finish();
    const completion = ran.value;
    const watched = await step('test', () => control.apply(undefined, ['watch', completion.derefInto()], { timeout: remaining() }));
    if (!watched.ok) return finish();
    const settled = await harnessCall('settled');
    if (settled === 'pending') {
      // No timers exist in the isolate: once the microtasks drain, nothing can settle it.
      events.push({ kind: 'pending' });
      return finish();
    }
    if (typeof settled === 'string' && settled.startsWith('rejected')) {
      events.push({ kind: 'throw', stage: 'test', message: `the test's promise was ${settled}` });
      return finish();
    }
    if (!(await harnessCall('check', 'after the test settled'))) return finish();
    completed = true;
    return finish();
  } catch (error) {
    // A harness step failed (prelude, a check, compiling the trusted test). The program's
    // limits can stop those too; anything else is the harness's own problem.
    if (!output.exceeded) {
      const event = describeError(error, 'harness', isolate, performance.now() >= deadline - TIMER_SLACK_MS);
      events.push(event.kind === 'throw' ? { kind: 'harness', message: errorText(error) } : event);
    }
    return finish();
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }

  function finish() {
    return {
      events,
      completed: completed && !output.exceeded,
      assertionFailures: failures,
      stdout: output.stdout,
      stderr: output.stderr,
      outputBytes: output.bytes,
      runMs: performance.now() - started,
    };
  }
}

/** Maps an error thrown out of the isolate to an event. */
function describeError(error, stage, isolate, pastDeadline) {
  const message = errorText(error);
  if (isolate.isDisposed && /memory limit/.test(message)) return { kind: 'memory', stage, message };
  if (/^Error: Script execution timed out\.?$/.test(firstLine(message)) && pastDeadline) return { kind: 'timeout', stage };
  if (isolate.isDisposed) return { kind: 'memory', stage, message };
  // Memory refused outside the heap (isolated-vm's ArrayBuffer allowance, the worker's OS cap
  // on WebAssembly memory) is the program running out of memory, as a MemoryError is in Python.
  if (ALLOCATION_REFUSED.test(message)) return { kind: 'memory', stage, message };
  // Under `program + "\n" + test` a clashing top-level declaration is an early SyntaxError.
  if (/^SyntaxError: Identifier '.*' has already been declared/.test(message)) return { kind: 'syntax', stage, message };
  return { kind: 'throw', stage, message };
}

/** "Name: message (file:line:col)" from an error copied out of the isolate. */
function errorText(error) {
  if (!(error instanceof Error)) return `uncaught ${typeof error}: ${String(error).slice(0, 300)}`;
  const head = `${error.name}: ${error.message}`.slice(0, 400);
  const frame = /(?:program|test)\.js:\d+:\d+/.exec(String(error.stack));
  return frame && !head.includes(frame[0]) ? `${head} (${frame[0]})` : head;
}

function firstLine(text) {
  const i = text.indexOf(' (');
  return i >= 0 ? text.slice(0, i) : text;
}
