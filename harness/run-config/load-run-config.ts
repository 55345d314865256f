/**
 * Loading a run config: a file (optional), then command-line overrides, then validation,
 * with every problem named by field and by where it was set. Nothing is contacted here.
 */
import { readConfigFile } from './config-file.js';
import { applyOverrides, type Override } from './overrides.js';
import type { RunConfig } from './schema.js';
import { makeLocate, validateRunConfig } from './validate.js';

export async function loadRunConfig(file: string | undefined, overrides: readonly Override[]): Promise<RunConfig> {
  const doc = file ? await readConfigFile(file) : null;
  const { raw, provenance } = applyOverrides(doc?.raw ?? {}, overrides);
  return validateRunConfig(raw, makeLocate(provenance, doc?.locate ?? null));
}
