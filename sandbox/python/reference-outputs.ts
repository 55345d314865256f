/**
 * Expected outputs of differential tests, computed once per task: the reference program
 * runs (sandboxed, same PYTHONHASHSEED as candidates) on deep copies of the inputs and
 * its outputs come back pickled, with the wall time it took and the inputs it dropped
 * (py/passk_core.py `run_reference`); every candidate run of that task receives the same
 * bytes. Memoized by a hash of what determines them; a failure is not memoized.
 */
import { HarnessFault } from '../../kernel/errors.js';
import type { TestSpec } from '../../kernel/task.js';
import { sha256 } from '../../kernel/hash.js';
import type { Limits } from '../executor.js';

export type DifferentialSpec = Extract<TestSpec, { kind: 'python-differential' }>;

/** An input the reference could not give a usable output for: every candidate skips it. */
export interface DroppedInput {
  index: number;
  reason: string;
}

export interface Reference {
  /** base64 pickle of one pickle per input (None where dropped), as candidate jobs take it. */
  expected: string;
  /** Wall time of the reference's module code and kept calls, measured in the sandbox. */
  seconds: number;
  inputs: number;
  dropped: DroppedInput[];
}

/** Computes one reference; `inputBudgetMs` is the per-input CPU budget; rejects with a HarnessFault. */
export type ComputeReference = (test: DifferentialSpec, limits: Limits, inputBudgetMs: number) => Promise<Reference>;

/** The reference is trusted dataset code: it gets at least these limits (Mbpp/599 needs ~20 s unloaded, several times that on a loaded machine). */
export const REFERENCE_FLOOR = { timeoutMs: 300_000, memoryMb: 4096, outputBytes: 64 << 20 };

/** Candidates get at least this factor times the reference's time (evalplus scales its limits by 4 too), plus a second. */
export const REFERENCE_TIME_FACTOR = 4;
export const REFERENCE_TIME_SLACK_MS = 1000;

export function referenceLimits(limits: Limits): Limits {
  return {
    ...limits,
    timeoutMs: Math.max(limits.timeoutMs, REFERENCE_FLOOR.timeoutMs),
    memoryMb: Math.max(limits.memoryMb, REFERENCE_FLOOR.memoryMb),
    outputBytes: Math.max(limits.outputBytes, REFERENCE_FLOOR.outputBytes),
  };
}

/** Pure: the time limit a candidate runs under, never below the configured one. */
export function candidateTimeoutMs(configuredMs: number, referenceSeconds: number): number {
  return Math.max(configuredMs, Math.ceil(REFERENCE_TIME_FACTOR * referenceSeconds * 1000) + REFERENCE_TIME_SLACK_MS);
}

/** The limits a differential candidate runs under: the configured ones, the timeout scaled up from its reference's time. */
export function candidateLimits(limits: Limits, reference: Reference): Limits {
  return { ...limits, timeoutMs: candidateTimeoutMs(limits.timeoutMs, reference.seconds) };
}

/** The per-input budget is part of the key: it decides which inputs are dropped. */
export function referenceKey(test: DifferentialSpec, inputBudgetMs: number): string {
  return sha256(JSON.stringify([test.reference, test.inputs, test.entryPoint, test.oracle ?? null, inputBudgetMs]));
}

/** Reads the reference report's detail (a JSON object); a malformed one is a harness fault. */
export function parseReference(detail: string, test: DifferentialSpec): Reference {
  let value: Partial<Reference> & { outputs?: unknown };
  try {
    value = JSON.parse(detail) as typeof value;
  } catch {
    value = {};
  }
  const { outputs, seconds, inputs, dropped } = value;
  const droppedOk = Array.isArray(dropped) && dropped.every((d) => Number.isInteger(d?.index) && typeof d?.reason === 'string');
  if (typeof outputs !== 'string' || typeof seconds !== 'number' || !(seconds >= 0) || !Number.isInteger(inputs) || !droppedOk) {
    throw new HarnessFault('python-reference', `reference outputs of ${test.entryPoint}() came back malformed`);
  }
  return { expected: outputs, seconds, inputs: inputs!, dropped: dropped! };
}

/** Pure: the one stderr line about a task's dropped inputs, e.g. `passk: Mbpp/255: 5 of 112 inputs dropped: ...`. */
export function droppedInputsLine(taskId: string, reference: Reference): string {
  const byReason = new Map<string, number[]>();
  for (const { index, reason } of reference.dropped) byReason.set(reason, [...(byReason.get(reason) ?? []), index]);
  const parts = [...byReason].map(([reason, indexes]) => `${reason} (input${indexes.length > 1 ? 's' : ''} ${indexes.join(', ')})`);
  return `passk: ${taskId}: ${reference.dropped.length} of ${reference.inputs} inputs dropped: ${parts.join('; ')}`;
}

export class ReferenceOutputs {
  readonly #memo = new Map<string, Promise<Reference>>();
  readonly #compute: ComputeReference;
  readonly #log: (line: string) => void;
  readonly #logged = new Set<string>();

  constructor(compute: ComputeReference, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
    this.#compute = compute;
    this.#log = log;
  }

  /** `limits` are the candidate's configured limits: their timeout is the per-input budget. */
  get(taskId: string, test: DifferentialSpec, limits: Limits): Promise<Reference> {
    const key = referenceKey(test, limits.timeoutMs);
    let pending = this.#memo.get(key);
    if (!pending) {
      pending = this.#compute(test, referenceLimits(limits), limits.timeoutMs);
      this.#memo.set(key, pending);
      pending.then(
        (reference) => {
          const line = droppedInputsLine(taskId, reference);
          // Once per task, even when another per-input budget computed it again.
          if (reference.dropped.length > 0 && !this.#logged.has(line)) {
            this.#logged.add(line);
            this.#log(line);
          }
        },
        () => this.#memo.delete(key),
      );
    }
    return pending;
  }

  get size(): number {
    return this.#memo.size;
  }
}
