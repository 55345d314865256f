/**
 * From what a worker observed (sandbox/javascript/worker/run-in-isolate.mjs) to a verdict.
 * Pure. The verdict names the first thing that went wrong, in the order it happened (a
 * failed console.assert does not stop a JavaScript test, so a later timeout or exception
 * does not hide it); a pass needs a run that the host saw complete with no event at all.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { Execution, Limits } from '../executor.js';
import { TYPECHECK_BUDGET_MS } from './typescript-mode.js';

/** Where it happened; 'typecheck': compiling a TypeScript program, before it runs (worker/typescript-compiler.mjs). */
type Stage = 'program' | 'test' | 'harness' | 'worker' | 'typecheck';

export type RawEvent =
  /** A console.assert or node:assert assertion failed (the host's callback recorded it); `api` names which. */
  | { kind: 'assert'; where: string; message: string; api?: string }
  /** A builtin differed from its snapshot at a checkpoint. */
  | { kind: 'tamper'; when: string; names: string }
  | { kind: 'output_limit'; bytes: number }
  | { kind: 'syntax'; stage: Stage; message: string }
  | { kind: 'timeout'; stage: Stage }
  | { kind: 'memory'; stage: Stage; message: string }
  /** An uncaught exception or an unhandled rejection. */
  | { kind: 'throw'; stage: Stage; message: string }
  /** The test returned a promise that can never settle. */
  | { kind: 'pending' }
  /** The harness itself failed (the trusted test did not compile, a worker bug). */
  | { kind: 'harness'; message: string };

export interface RawOutcome {
  events: RawEvent[];
  /** Both scripts returned, the test's promise (if any) fulfilled, every check ran. */
  completed: boolean;
  assertionFailures: number;
  stdout: string;
  stderr: string;
  outputBytes: number;
  runMs: number;
}

const COMPONENT = 'javascript-executor';

export function toExecution(outcome: RawOutcome, limits: Limits): Execution {
  const base = {
    durationMs: outcome.runMs,
    ...(outcome.stdout ? { stdout: outcome.stdout } : {}),
    ...(outcome.stderr ? { stderr: outcome.stderr } : {}),
  };
  const first = outcome.events[0];
  if (first === undefined) {
    if (!outcome.completed) throw new HarnessFault(COMPONENT, 'the run ended without completing and without a reason');
    return { verdict: 'passed', ...base };
  }
  switch (first.kind) {
    case 'assert': {
      const more = outcome.assertionFailures > 1 ? ` (${outcome.assertionFailures} assertions failed)` : '';
      const message = first.message ? `: ${first.message}` : '';
      return { verdict: 'failed', detail: `${first.api ?? 'console.assert'} failed at ${first.where}${message}${more}`, ...base };
    }
    case 'tamper':
      return { verdict: 'failed', detail: `builtins changed ${first.when}: ${first.names}`, ...base };
    case 'output_limit':
      return { verdict: 'output_limit', detail: `output passed ${limits.outputBytes} bytes`, ...base };
    case 'syntax':
      return { verdict: 'syntax_error', detail: first.message, ...base };
    case 'timeout':
      if (first.stage === 'typecheck') return { verdict: 'timeout', detail: `type checking ran past ${TYPECHECK_BUDGET_MS} ms`, ...base };
      return { verdict: 'timeout', detail: `ran past ${limits.timeoutMs} ms (${first.stage})`, ...base };
    case 'memory':
      return { verdict: 'memory', detail: `${first.message} (limit ${limits.memoryMb} MB)`, ...base };
    case 'throw':
      return { verdict: 'error', detail: first.message, ...base };
    case 'pending':
      return {
        verdict: 'timeout',
        detail: "the test's promise never settled (no microtasks left and no timers in the isolate)",
        ...base,
      };
    case 'harness':
      throw new HarnessFault(COMPONENT, first.message);
  }
}

/** The outcome of a program whose worker the host had to kill after the time limit. */
export function watchdogOutcome(elapsedMs: number): RawOutcome {
  return eventOnly({ kind: 'timeout', stage: 'worker' }, elapsedMs);
}

/**
 * The outcome of a program that brought its worker down twice in the same way: out of memory
 * (V8 gave up, or the worker's OS memory cap refused an allocation), or past the time limit
 * in code isolated-vm could not interrupt.
 */
export function workerCrashOutcome(cause: 'memory' | 'timeout', description: string, elapsedMs: number): RawOutcome {
  if (cause === 'timeout') return eventOnly({ kind: 'timeout', stage: 'worker' }, elapsedMs);
  return eventOnly({ kind: 'memory', stage: 'worker', message: `V8 gave up the worker process (${description})` }, elapsedMs);
}

function eventOnly(event: RawEvent, runMs: number): RawOutcome {
  return { events: [event], completed: false, assertionFailures: 0, stdout: '', stderr: '', outputBytes: 0, runMs };
}
