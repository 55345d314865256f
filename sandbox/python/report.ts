/**
 * Reads the runner's report channel (fd 3). Only lines `PASSK <nonce> <token> [detail]`
 * with this execution's nonce count; anything else the program writes there (it can
 * write to any fd it has) is discarded as it streams, so it can neither fake a report
 * nor make the harness buffer without bound.
 */
import type { TestOutcome } from '../executor.js';

export interface Report {
  token: string;
  detail: string;
}

/** The runner's `tests <json>` line; undefined when it is not a list of test outcomes. */
export function parseTestOutcomes(detail: string): TestOutcome[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const outcomes: TestOutcome[] = [];
  for (const item of value as Array<Record<string, unknown>>) {
    if (typeof item?.name !== 'string' || typeof item.outcome !== 'string') return undefined;
    if (!['passed', 'failed', 'error', 'memory', 'skipped'].includes(item.outcome)) return undefined;
    outcomes.push({
      name: item.name,
      outcome: item.outcome as TestOutcome['outcome'],
      ...(typeof item.detail === 'string' ? { detail: item.detail } : {}),
    });
  }
  return outcomes;
}

/** A per-input mark (`input <index> <limit ms>`): that input is being called, under its own limit. */
export interface InputMark {
  index: number;
  limitMs: number;
}

const NEWLINE = 0x0a;

export class ReportScanner {
  readonly #prefix: Buffer;
  readonly #maxLineBytes: number;
  #partial: Buffer[] = [];
  #partialBytes = 0;
  #discarding = false;
  #prefixChecked = false;
  started = false;
  final: Report | undefined;
  /** The last per-input mark (a new object for each mark). */
  input: InputMark | undefined;
  /** Each test's outcome, when the runner ran a unittest suite. */
  tests: TestOutcome[] | undefined;

  constructor(nonce: string, maxLineBytes: number) {
    this.#prefix = Buffer.from(`PASSK ${nonce} `, 'ascii');
    this.#maxLineBytes = maxLineBytes;
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.#append(chunk.subarray(start, end));
      if (newline === -1) return;
      this.#endLine();
      start = newline + 1;
    }
  }

  #append(piece: Buffer): void {
    if (this.#discarding || piece.length === 0) return;
    this.#partial.push(piece);
    this.#partialBytes += piece.length;
    if (this.#partialBytes > this.#maxLineBytes) return this.#discard();
    if (this.#prefixChecked) return;
    const got = Buffer.concat(this.#partial);
    this.#partial = [got];
    const n = Math.min(got.length, this.#prefix.length);
    if (!got.subarray(0, n).equals(this.#prefix.subarray(0, n))) return this.#discard();
    this.#prefixChecked = n === this.#prefix.length;
  }

  #discard(): void {
    this.#prefixChecked = false;
    this.#partial = [];
    this.#partialBytes = 0;
    this.#discarding = true;
  }

  #endLine(): void {
    const line = this.#discarding ? undefined : Buffer.concat(this.#partial);
    this.#partial = [];
    this.#partialBytes = 0;
    this.#discarding = false;
    this.#prefixChecked = false;
    if (!line || line.length < this.#prefix.length) return;
    const rest = line.subarray(this.#prefix.length).toString('utf8');
    const space = rest.indexOf(' ');
    const token = space === -1 ? rest : rest.slice(0, space);
    const detail = space === -1 ? '' : rest.slice(space + 1);
    if (token === 'started') this.started = true;
    else if (token === 'input') {
      const mark = /^(\d+) (\d+)$/.exec(detail);
      if (mark && !this.final) this.input = { index: Number(mark[1]), limitMs: Number(mark[2]) };
    } else if (token === 'tests') {
      if (!this.final) this.tests = parseTestOutcomes(detail);
    } else if (!this.final && token !== '') this.final = { token, detail };
  }
}
