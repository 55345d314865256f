/**
 * Records written by earlier passk releases, upgraded to the current schemas when read, so
 * that `fit`, `plot`, `report` and `compare` still work on old run folders. A folder with a
 * legacy manifest is never resumed (its settings cannot be compared): open-run.ts refuses.
 *
 *   passk.manifest/1  `spec` was an untyped record (now `identity`, null here); `sandbox` and
 *                     `models` were untyped; `samples_source` named the sample file.
 *   passk.sample/1    carried `timeout_ms` per sample (now once per task in time-limits.jsonl).
 */
import { z } from 'zod';
import { MANIFEST_SCHEMA, SAMPLE_SCHEMA } from './records.js';

const LEGACY_MANIFEST = 'passk.manifest/1';
const LEGACY_SAMPLE = 'passk.sample/1';

const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

const legacyManifestSchema = z.looseObject({
  schema: z.literal(LEGACY_MANIFEST),
  sandbox: z.record(z.string(), z.unknown()),
  models: z.array(z.record(z.string(), z.unknown())).default([]),
});

/** A manifest/1 object as the current schema's input; anything else is returned as it is. */
export function upgradeManifest(value: unknown): unknown {
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

/** A sample/1 line as the current schema's input (its per-sample timeout dropped). */
export function upgradeSample(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || (value as { schema?: unknown }).schema !== LEGACY_SAMPLE) return value;
  const { timeout_ms: _timeout, ...rest } = value as Record<string, unknown>;
  return { ...rest, schema: SAMPLE_SCHEMA };
}
