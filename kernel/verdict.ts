/**
 * The closed set of verdicts a sample can get (docs/architecture.md section 4).
 * Harness faults (sandbox unavailable, worker crash, server unreachable) are NOT verdicts:
 * they are thrown as HarnessFault, retried, reported apart, and never scored.
 */
export const VERDICTS = [
  'passed',
  'failed', // a test assertion or wrong output
  'error', // an exception (or an exit before the tests finished)
  'syntax_error',
  'timeout',
  'memory',
  'output_limit',
  'malformed_edit', // an edit sequence that could not be applied (penalize policy / strict mode)
  'empty', // nothing to run
] as const;

export type Verdict = (typeof VERDICTS)[number];

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}
