/**
 * Versioned record schemas of a run folder (DESIGN.md section 3). Every record is
 * validated when read; errors name `file:line` and the field.
 *
 *   manifest.json   what ran: resolved spec, versions, dataset sha256, sandbox facts, status
 *   samples.jsonl   append-only, one SampleRecord per line
 *   summary.json    scores computed from samples.jsonl
 */
import { z } from 'zod';
import { VERDICTS } from '../../kernel/verdict.js';

export const SAMPLE_SCHEMA = 'passk.sample/1';
export const MANIFEST_SCHEMA = 'passk.manifest/1';
export const SUMMARY_SCHEMA = 'passk.summary/1';

/** Default names for runs that evaluate a sample file (no model, no sampling sweep). */
export const DEFAULT_MODEL = 'samples';
export const DEFAULT_CONFIG = 'default';

export const sampleRecordSchema = z.object({
  schema: z.literal(SAMPLE_SCHEMA),
  // The key: (model, config, task_id, index). `index` is the sample's position among its task's samples.
  model: z.string(),
  config: z.string(),
  task_id: z.string(),
  index: z.number().int().nonnegative(),
  /** How the completion was turned into a program: completion | solution | baseline | editseq | full. */
  format: z.string(),
  /** The raw model output (or sample-file field), exactly as received. */
  completion: z.string().nullable(),
  /** The program that was executed, before the test was appended. */
  program: z.string(),
  program_sha256: z.string(),
  prompt_tokens: z.number().int().nonnegative().nullable().default(null),
  completion_tokens: z.number().int().nonnegative().nullable().default(null),
  /** Where token counts came from: usage | logprobs | tokenize | estimate | none. */
  token_source: z.string().nullable().default(null),
  finish_reason: z.string().nullable().default(null),
  seed: z.number().int().nullable().default(null),
  verdict: z.enum(VERDICTS),
  detail: z.string().nullable().default(null),
  /** Milliseconds: sampling (when sampled here), rebuilding, execution. */
  timings: z.object({
    sample_ms: z.number().nullable().default(null),
    rebuild_ms: z.number().nullable().default(null),
    execute_ms: z.number().nullable().default(null),
  }),
  /** The time limit this program ran under (may be scaled from the reference). */
  timeout_ms: z.number().nullable().default(null),
  /** True when the verdict came from the execution cache. */
  cached: z.boolean().default(false),
  recorded_at: z.string(),
});
export type SampleRecord = z.infer<typeof sampleRecordSchema>;
export type SampleRecordInput = z.input<typeof sampleRecordSchema>;

export function sampleKey(r: { model: string; config: string; task_id: string; index: number }): string {
  return `${r.model}\u0000${r.config}\u0000${r.task_id}\u0000${r.index}`;
}

export const runStatus = z.enum(['running', 'complete', 'interrupted', 'failed']);

export const manifestSchema = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  passk_version: z.string(),
  command: z.string(),
  /** The resolved spec / flags that identify the run (resume refuses a different one). */
  spec: z.record(z.string(), z.unknown()),
  benchmark: z.object({
    name: z.string(),
    data_path: z.string().nullable(),
    data_sha256: z.string().nullable(),
    tasks: z.number().int(),
  }),
  samples_source: z
    .object({ path: z.string(), sha256: z.string() })
    .nullable()
    .default(null),
  models: z.array(z.record(z.string(), z.unknown())).default([]),
  sandbox: z.record(z.string(), z.unknown()),
  seed: z.number().int().nullable().default(null),
  status: runStatus,
  started_at: z.string(),
  ended_at: z.string().nullable().default(null),
  /** Harness faults (never scored): count and the last few messages. */
  harness_faults: z
    .object({ count: z.number().int(), examples: z.array(z.string()) })
    .default({ count: 0, examples: [] }),
  host: z.object({ node: z.string(), platform: z.string(), cpus: z.number().int() }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const passAtKValueSchema = z.object({
  /** Mean over tasks of the unbiased per-task estimate; null when undefined. */
  value: z.number().nullable(),
  /** Problem-level bootstrap interval (percentile), null when undefined. */
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  /** Why value is null (e.g. "task HumanEval/3 has n=4 < k=5"). */
  reason: z.string().nullable().default(null),
});
export type PassAtKValue = z.infer<typeof passAtKValueSchema>;

export const groupSummarySchema = z.object({
  model: z.string(),
  config: z.string(),
  /** Keyed by k as a string: "1", "10". */
  pass_at_k: z.record(z.string(), passAtKValueSchema),
  /** Per task: samples n and passes c. */
  tasks: z.record(z.string(), z.object({ n: z.number().int(), c: z.number().int() })),
  verdicts: z.record(z.string(), z.number().int()),
  samples: z.number().int(),
  mean_prompt_tokens: z.number().nullable().default(null),
  mean_completion_tokens: z.number().nullable().default(null),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const summarySchema = z.object({
  schema: z.literal(SUMMARY_SCHEMA),
  benchmark: z.string(),
  ks: z.array(z.number().int().positive()),
  bootstrap: z.object({ replicates: z.number().int(), seed: z.number().int(), level: z.number() }),
  groups: z.array(groupSummarySchema),
  /** Mirrors of groups[0] when the run has exactly one (model, config) group, as in `passk eval`. */
  pass_at_k: z.record(z.string(), passAtKValueSchema).optional(),
  tasks: z.record(z.string(), z.object({ n: z.number().int(), c: z.number().int() })).optional(),
  verdicts: z.record(z.string(), z.number().int()).optional(),
  harness_faults: z.number().int(),
  complete: z.boolean(),
});
export type Summary = z.infer<typeof summarySchema>;
