/**
 * Expected outputs of differential tests, computed once per test: the reference program
 * runs (sandboxed, same PYTHONHASHSEED as candidates) on deep copies of the inputs and
 * its outputs come back pickled, with the wall time it took and the inputs it dropped
 * (py/passk_core.py `run_reference`); every candidate run of that task receives the same
 * bytes. The reference always runs under the executor's configured limits (raised to
 * REFERENCE_FLOOR) with the configured timeout as its per-input CPU budget, whatever limits
 * a candidate request carries: which inputs are dropped never depends on a candidate.
 * Memoized by a hash of what determines them; a failure is not memoized.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { TestSpec } from '../../kernel/task.js';
import { sha256 } from '../../kernel/hash.js';
import type { Limits } from '../executor.js';
import type { RawOutcome } from './classify.js';

export type DifferentialSpec = Extract<TestSpec, { kind: 'python-differential' }>;

/** An input the reference could not give a usable output for: every candidate skips it. */
interface DroppedInput {
  index: number;
  reason: string;
}

export interface Reference {
  /** base64 pickle of one pickle per input (None where dropped), as candidate jobs take it. */
  expected: string;
  /** Wall time of the reference's module code and kept calls, measured in the sandbox. */
  seconds: number;
  /** Wall time of each kept call, from the same run (null where the input was dropped). */
  inputSeconds: Array<number | null>;
  inputs: number;
  dropped: DroppedInput[];
  /**
   * base64 marshal of the inputs' compiled literal, from the same run: candidates load it
   * instead of compiling the literal each (py/passk_core.py `inputs_code`).
   */
  inputsCode: string;
}

/** Computes one reference; `inputBudgetMs` is the per-input CPU budget; rejects with a HarnessFault. */
export type ComputeReference = (test: DifferentialSpec, limits: Limits, inputBudgetMs: number) => Promise<Reference>;

/** The reference is trusted dataset code: it gets at least these limits (Mbpp/599 needs ~20 s unloaded, several times that on a loaded machine). */
const REFERENCE_FLOOR = { timeoutMs: 300_000, memoryMb: 4096, outputBytes: 64 << 20 };

export function referenceLimits(limits: Limits): Limits {
  return {
    ...limits,
    timeoutMs: Math.max(limits.timeoutMs, REFERENCE_FLOOR.timeoutMs),
    memoryMb: Math.max(limits.memoryMb, REFERENCE_FLOOR.memoryMb),
    outputBytes: Math.max(limits.outputBytes, REFERENCE_FLOOR.outputBytes),
  };
}

/** What determines a test's reference outputs (the limits are the executor's, fixed). */
export function referenceKey(test: DifferentialSpec): string {
  return sha256(JSON.stringify([test.reference, test.inputs, test.entryPoint, test.oracle ?? null]));
}

/** Turns a reference run into its outputs, or a HarnessFault naming the task's function. */
export function referencePayload(raw: RawOutcome, test: DifferentialSpec): Reference {
  if (raw.final?.token === 'reference') return parseReference(raw.final.detail, test);
  const what =
    raw.final?.detail ??
    (raw.timedOut ? `timed out after ${raw.timeoutMs} ms` : `exit ${raw.exitCode ?? raw.signal}: ${raw.stderrTail.trim().slice(-400)}`);
  throw new HarnessFault('python-reference', `reference outputs of ${test.entryPoint}() could not be computed: ${what}`);
}

/** The runner's report (and a cached entry) as JSON: outputs under `outputs`. */
type ReferenceJson = Omit<Reference, 'expected'> & { outputs: string };

export function referenceJson(reference: Reference): ReferenceJson {
  const { expected, ...rest } = reference;
  return { ...rest, outputs: expected };
}

/** A Reference from its JSON form, or undefined when any field is missing or malformed. Pure. */
export function referenceFromJson(value: unknown): Reference | undefined {
  const { outputs, seconds, inputSeconds, inputs, dropped, inputsCode } = (value ?? {}) as Partial<ReferenceJson>;
  const droppedOk = Array.isArray(dropped) && dropped.every((d) => Number.isInteger(d?.index) && typeof d?.reason === 'string');
  const timesOk =
    Array.isArray(inputSeconds) &&
    inputSeconds.length === inputs &&
    inputSeconds.every((t) => t === null || (typeof t === 'number' && t >= 0));
  if (
    typeof outputs !== 'string' ||
    typeof inputsCode !== 'string' ||
    typeof seconds !== 'number' ||
    !(seconds >= 0) ||
    !Number.isInteger(inputs) ||
    !droppedOk ||
    !timesOk
  ) {
    return undefined;
  }
  return { expected: outputs, seconds, inputSeconds: inputSeconds!, inputs: inputs!, dropped: dropped!, inputsCode };
}

/** Reads the reference report's detail (a JSON object); a malformed one is a harness fault. */
export function parseReference(detail: string, test: DifferentialSpec): Reference {
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    value = undefined;
  }
  const reference = referenceFromJson(value);
  if (!reference) throw new HarnessFault('python-reference', `reference outputs of ${test.entryPoint}() came back malformed`);
  return reference;
}

/** Pure: the one note about a task's dropped inputs, e.g. `passk: Mbpp/255: 5 of 112 inputs dropped: ...`. */
export function droppedInputsLine(taskId: string, reference: Reference): string {
  const byReason = new Map<string, number[]>();
  for (const { index, reason } of reference.dropped) byReason.set(reason, [...(byReason.get(reason) ?? []), index]);
  const parts = [...byReason].map(([reason, indexes]) => `${reason} (input${indexes.length > 1 ? 's' : ''} ${indexes.join(', ')})`);
  return `passk: ${taskId}: ${reference.dropped.length} of ${reference.inputs} inputs dropped: ${parts.join('; ')}`;
}

export class ReferenceOutputs {
  readonly #memo = new Map<string, Promise<Reference>>();
  readonly #compute: ComputeReference;
  readonly #configured: Limits;
  readonly #note: (line: string) => void;

  /** `configured`: the executor's configured limits; `note` gets the line about a task's dropped inputs. */
  constructor(compute: ComputeReference, configured: Limits, note: (line: string) => void) {
    this.#compute = compute;
    this.#configured = configured;
    this.#note = note;
  }

  get(taskId: string, test: DifferentialSpec): Promise<Reference> {
    const key = referenceKey(test);
    let pending = this.#memo.get(key);
    if (!pending) {
      pending = this.#compute(test, referenceLimits(this.#configured), this.#configured.timeoutMs);
      this.#memo.set(key, pending);
      pending.then(
        (reference) => {
          if (reference.dropped.length > 0) this.#note(droppedInputsLine(taskId, reference));
        },
        () => this.#memo.delete(key),
      );
    }
    return pending;
  }

  /** References computed (or being computed). */
  get size(): number {
    return this.#memo.size;
  }
}
