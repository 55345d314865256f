/**
 * Turns what the harness observed about one sandboxed run into a verdict, or into a
 * harness fault. Pure. A pass comes only from the runner's nonce-tagged report; the
 * program's output and exit status never count for one.
 */
import { constants } from 'node:os';
import type { Verdict } from '../../kernel/verdict.js';
import type { Execution, TestOutcome } from '../executor.js';
import { parseTestOutcomes, type InputMark, type Report } from './report.js';

export interface RawOutcome {
  /** The runner said it finished its trusted preparation and is about to run the program. */
  started: boolean;
  final?: Report;
  timedOut: boolean;
  outputExceeded: boolean;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** The last bytes of stderr, for diagnosing a runner that failed to start. */
  stderrTail: string;
  /** Limit in force, for the timeout detail. */
  timeoutMs: number;
  /** Per-input rule: the input whose own limit ran out (absent when the whole program's did). */
  timedOutInput?: InputMark;
  outputBytes: number;
  /** Each test's outcome (unittest jobs): parsed (one-shot runner) or the runner's JSON text (a warm worker passes it on). */
  tests?: TestOutcome[] | string;
}

export type Classified = { kind: 'execution'; execution: Execution } | { kind: 'fault'; message: string };

const REPORTED: Partial<Record<string, Verdict>> = {
  passed: 'passed',
  failed: 'failed',
  error: 'error',
  syntax_error: 'syntax_error',
  memory: 'memory',
  // Only the stdin/stdout judge reports these: it enforces each test's limits itself.
  timeout: 'timeout',
  output_limit: 'output_limit',
};

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/** bubblewrap exits with 128 + n when the program was killed by signal n. */
function signalOf(raw: Pick<RawOutcome, 'exitCode' | 'signal'>, exitCodeCarriesSignal: boolean): string | null {
  if (raw.signal) return raw.signal;
  if (exitCodeCarriesSignal && raw.exitCode !== null && raw.exitCode > 128) {
    return SIGNAL_NAMES.get(raw.exitCode - 128) ?? null;
  }
  return null;
}

function looksLikeMemory(stderrTail: string): boolean {
  return /MemoryError|Cannot allocate memory|out of memory/i.test(stderrTail);
}

/**
 * Why the runner ended before it started the program, with no report and no limit hit:
 * the sandbox itself did not come up (a launch failure, worth one more try), else undefined.
 */
export function startFailure(raw: RawOutcome, exitCodeCarriesSignal: boolean): string | undefined {
  if (raw.started || raw.final || raw.timedOut || raw.outputExceeded) return undefined;
  const signal = signalOf(raw, exitCodeCarriesSignal);
  const how = signal ? `killed by ${signal}` : `exit code ${raw.exitCode}`;
  return `the Python runner did not start (${how}): ${raw.stderrTail.trim().slice(-600)}`;
}

export function classify(raw: RawOutcome, exitCodeCarriesSignal: boolean): Classified {
  const done = (verdict: Verdict, detail?: string): Classified => {
    const execution: Execution = { verdict, durationMs: raw.durationMs };
    if (detail) execution.detail = detail;
    if (raw.stdout) execution.stdout = raw.stdout;
    if (raw.stderr) execution.stderr = raw.stderr;
    // A warm worker sends the runner's line as it came; it is checked here like the one-shot runner's.
    const tests = Array.isArray(raw.tests) ? raw.tests : typeof raw.tests === 'string' ? parseTestOutcomes(raw.tests) : undefined;
    if (tests) execution.tests = tests;
    return { kind: 'execution', execution };
  };
  if (raw.final?.token === 'fault') return { kind: 'fault', message: raw.final.detail || 'runner fault' };
  if (raw.outputExceeded) return done('output_limit', `more than ${raw.outputBytes} bytes of output`);
  if (raw.final) {
    const verdict = REPORTED[raw.final.token];
    if (verdict) return done(verdict, raw.final.detail || undefined);
    return { kind: 'fault', message: `unexpected runner report "${raw.final.token}"` };
  }
  if (raw.timedOut && raw.timedOutInput)
    return done('timeout', `input ${raw.timedOutInput.index}: no result within its limit of ${raw.timedOutInput.limitMs} ms`);
  if (raw.timedOut) return done('timeout', `no result within ${raw.timeoutMs} ms`);
  const failedToStart = startFailure(raw, exitCodeCarriesSignal);
  if (failedToStart) return { kind: 'fault', message: failedToStart };
  const signal = signalOf(raw, exitCodeCarriesSignal);
  if (signal === 'SIGXCPU') return done('timeout', 'CPU time limit exceeded');
  if (looksLikeMemory(raw.stderrTail)) return done('memory', signal ? `killed by ${signal} out of memory` : 'out of memory');
  if (signal) return done('error', `killed by ${signal} before the tests finished`);
  return done('error', `exited with code ${raw.exitCode} before the tests finished`);
}
