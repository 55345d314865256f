/**
 * Expected outputs of differential tests, computed once per task: the reference program
 * runs (sandboxed, same PYTHONHASHSEED as candidates) on deep copies of the inputs and
 * its outputs come back pickled; every candidate run of that task receives the same
 * bytes. Memoized by a hash of what determines them; a failure is not memoized.
 */
import type { TestSpec } from '../../harness/core/task.js';
import { sha256 } from '../../harness/io/hash.js';
import type { Limits } from '../executor.js';

export type DifferentialSpec = Extract<TestSpec, { kind: 'python-differential' }>;

/** Computes the base64 pickle of a reference's outputs; rejects with a HarnessFault. */
export type ComputeReference = (test: DifferentialSpec, limits: Limits) => Promise<string>;

/** The reference is trusted dataset code: it gets at least these limits. */
export const REFERENCE_FLOOR = { timeoutMs: 60_000, memoryMb: 4096, outputBytes: 64 << 20 };

export function referenceLimits(limits: Limits): Limits {
  return {
    ...limits,
    timeoutMs: Math.max(limits.timeoutMs, REFERENCE_FLOOR.timeoutMs),
    memoryMb: Math.max(limits.memoryMb, REFERENCE_FLOOR.memoryMb),
    outputBytes: Math.max(limits.outputBytes, REFERENCE_FLOOR.outputBytes),
  };
}

export function referenceKey(test: DifferentialSpec): string {
  return sha256(JSON.stringify([test.reference, test.inputs, test.entryPoint, test.oracle ?? null]));
}

export class ReferenceOutputs {
  readonly #memo = new Map<string, Promise<string>>();
  readonly #compute: ComputeReference;

  constructor(compute: ComputeReference) {
    this.#compute = compute;
  }

  get(test: DifferentialSpec, limits: Limits): Promise<string> {
    const key = referenceKey(test);
    let pending = this.#memo.get(key);
    if (!pending) {
      pending = this.#compute(test, referenceLimits(limits));
      this.#memo.set(key, pending);
      pending.catch(() => this.#memo.delete(key));
    }
    return pending;
  }

  get size(): number {
    return this.#memo.size;
  }
}
