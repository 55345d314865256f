/**
 * Whether a stdin/stdout sample passed the public tests, read from its verdict: the judge runs
 * the public tests first and names the first failing test `test <i> (public|hidden)`
 * (sandbox/python/py/passk_stdio.py, sandbox/javascript/stdio-judge.ts), so a pass or a first
 * failure on a hidden test means every public test passed. Pure.
 */
import type { Verdict } from '../../kernel/verdict.js';

const FIRST_FAILURE = /test \d+ \((public|hidden)\)/;

export function passedPublicTests(verdict: Verdict, detail: string | null): boolean {
  if (verdict === 'passed') return true;
  const failure = FIRST_FAILURE.exec(detail ?? '');
  return failure?.[1] === 'hidden';
}
