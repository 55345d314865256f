/**
 * Loading a run spec: a file (optional), then command-line overrides, then validation,
 * with every problem named by field and by where it was set. Nothing is contacted here.
 */
import { applyOverrides, type Override } from './overrides.js';
import { readSpecFile } from './load.js';
import type { RunSpec } from './schema.js';
import { makeLocate, validateSpec } from './validate.js';

export interface LoadedSpec {
  spec: RunSpec;
  /** The spec file, when there is one. */
  file: string | null;
}

export async function loadRunSpec(file: string | undefined, overrides: readonly Override[]): Promise<LoadedSpec> {
  const doc = file ? await readSpecFile(file) : null;
  const { raw, provenance } = applyOverrides(doc?.raw ?? {}, overrides);
  return { spec: validateSpec(raw, makeLocate(provenance, doc?.locate ?? null)), file: file ?? null };
}

export { runSpecSchema, type RunSpec, type ModelSpec } from './schema.js';
export { overridesFromFlags, parseSetOverride, type Override } from './overrides.js';
export { modelName } from './validate.js';
