/**
 * Records written by earlier passk releases, upgraded to the current schemas when read, so
 * that `fit`, `plot`, `report` and `compare` still work on old run folders. A folder with a
 * manifest/1 is never resumed (its settings cannot be compared): open-run.ts refuses.
 *
 *   passk.manifest/1  `spec` was an untyped record (now `identity`, null here); `sandbox` and
 *                     `models` were untyped; `samples_source` named the sample file.
 *   passk.manifest/2  had no prompt styles, instruction file or think markers: its identity
 *                     gets what those runs did (the template, none, none).
 *   passk.sample/1    carried `timeout_ms` per sample (now once per task in time-limits.jsonl).
 *   passk.sample/2    had no prompt, prompt style, answer or reasoning tokens (null: not recorded).
 */
import { z } from 'zod';
import { MANIFEST_SCHEMA, SAMPLE_SCHEMA } from './records.js';

const LEGACY_MANIFEST = 'passk.manifest/1';
const MANIFEST_2 = 'passk.manifest/2';
const LEGACY_SAMPLE = 'passk.sample/1';
const SAMPLE_2 = 'passk.sample/2';

const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

const legacyManifestSchema = z.looseObject({
  schema: z.literal(LEGACY_MANIFEST),
  sandbox: z.record(z.string(), z.unknown()),
  models: z.array(z.record(z.string(), z.unknown())).default([]),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A manifest/2 identity's model as manifest/3's: the template alone, no system message, no think block. */
function upgradeIdentityModel(m: unknown): unknown {
  if (!isObject(m)) return m;
  return { ...m, prompt_style: m.prompt_template === null ? null : 'template', system_prompt: null, think_markers: [] };
}

/** A manifest/2 object as manifest/3's input. */
function upgradeManifest2(value: Record<string, unknown>): Record<string, unknown> {
  const identity = value.identity;
  return {
    ...value,
    schema: MANIFEST_SCHEMA,
    identity: isObject(identity)
      ? {
          ...identity,
          instructions: null,
          models: Array.isArray(identity.models) ? identity.models.map(upgradeIdentityModel) : identity.models,
        }
      : identity,
  };
}

/** A manifest/1 or /2 object as the current schema's input; anything else is returned as it is. */
export function upgradeManifest(value: unknown): unknown {
  if (isObject(value) && value.schema === MANIFEST_2) return upgradeManifest2(value);
  const legacy = legacyManifestSchema.safeParse(value);
  if (!legacy.success) return value;
  const { spec: _spec, samples_source: _source, sandbox, models, ...rest } = legacy.data;
  const upgraded: Record<string, unknown> = {
    ...rest,
    schema: MANIFEST_SCHEMA,
    identity: null,
    sandbox: {
      executor: text(sandbox.executor, 'unknown'),
      language: text(sandbox.language, 'unknown'),
      isolation: text(sandbox.isolation, 'unknown'),
      runtime: text(sandbox.runtime, 'unknown'),
      warnings: Array.isArray(sandbox.warnings) ? sandbox.warnings.filter((w) => typeof w === 'string') : [],
    },
    models: models.map((m) => ({
      name: text(m.name, '?'),
      format: typeof m.format === 'string' ? m.format : null,
      sampler:
        typeof m.sampler === 'object' && m.sampler !== null && typeof (m.sampler as { kind?: unknown }).kind === 'string'
          ? m.sampler
          : null,
      prompt_template: typeof m.prompt_template === 'string' ? m.prompt_template : null,
      token_counts: typeof m.token_counts === 'string' ? m.token_counts : null,
      architecture: m.architecture ?? null,
      ...(m.hf_config !== undefined ? { hf_config: m.hf_config } : {}),
      simulated: m.simulated === true,
    })),
  };
  return upgraded;
}

/**
 * A sample/1 or /2 line as the current schema's input (sample/1's per-sample timeout
 * dropped); the fields sample/3 added take their defaults (null: not recorded).
 */
export function upgradeSample(value: unknown): unknown {
  if (!isObject(value)) return value;
  if (value.schema === SAMPLE_2) return { ...value, schema: SAMPLE_SCHEMA };
  if (value.schema !== LEGACY_SAMPLE) return value;
  const { timeout_ms: _timeout, ...rest } = value;
  return { ...rest, schema: SAMPLE_SCHEMA };
}
