/**
 * Errors with stable codes. A PasskError is bad input or configuration: it names where
 * (file:line, field) and what was expected. The CLI prints it without a stack and exits
 * with its exit code. A HarnessFault is the harness failing (sandbox, worker, server):
 * never scored as a model failure.
 */
export type ErrorCode =
  | 'E_INPUT' // a malformed input file line or field
  | 'E_CONFIG' // a bad flag or spec field
  | 'E_DATASET' // a benchmark file that does not match its adapter
  | 'E_SAMPLES' // a sample file that does not match the benchmark
  | 'E_RUN_MISMATCH' // resuming a run folder with a different spec or dataset
  | 'E_SERVER' // a model server refusing a request or not serving the model (unreachable is a HarnessFault)
  | 'E_COMPARE'; // runs that cannot be compared

export const EXIT = {
  ok: 0,
  regression: 1, // passk compare: a regression beyond the margin
  inconclusive: 2, // passk compare --strict
  badInput: 3,
  harnessFault: 4,
  /** A bug in passk itself (EX_SOFTWARE). */
  internal: 70,
  interrupted: 130,
} as const;

export class PasskError extends Error {
  readonly code: ErrorCode;
  readonly where?: string;
  constructor(code: ErrorCode, message: string, where?: string) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'PasskError';
    this.code = code;
    this.where = where;
  }
}

export class HarnessFault extends Error {
  readonly component: string;
  constructor(component: string, message: string, options?: { cause?: unknown }) {
    super(`${component}: ${message}`, options);
    this.name = 'HarnessFault';
    this.component = component;
  }
}
