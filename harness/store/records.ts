/**
 * Versioned record schemas of a run folder (docs/records.md). Every record is validated
 * when read; errors name `file:line` and the field.
 *
 *   manifest.json     what ran: the run's identity, versions, dataset sha256, sandbox facts, status
 *   samples.jsonl     append-only, one SampleRecord per line
 *   time-limits.jsonl append-only, the time limit of each task, decided once, with its reason
 *   summary.json      scores computed from samples.jsonl
 *
 * Older versions are still read (legacy-records.ts upgrades them), so analysis commands
 * work on folders written by earlier passk releases.
 */
import { z } from 'zod';
import { VERDICTS } from '../../kernel/verdict.js';
import { architectureSchema } from '../metrics/architecture.js';

export const SAMPLE_SCHEMA = 'passk.sample/3';
export const MANIFEST_SCHEMA = 'passk.manifest/3';
const TIME_LIMIT_SCHEMA = 'passk.time-limit/1';
export const SUMMARY_SCHEMA = 'passk.summary/1';

export const sampleRecordSchema = z.object({
  schema: z.literal(SAMPLE_SCHEMA),
  // The key: (model, config, task_id, index). `index` is the sample's position among its task's samples.
  model: z.string(),
  config: z.string(),
  task_id: z.string(),
  index: z.number().int().nonnegative(),
  /** How the output became a program: baseline (continues the prompt), full (a whole program), editseq. */
  format: z.string(),
  /** The raw model output (or sample-file field), exactly as received. */
  completion: z.string().nullable(),
  /** The model's prompt style (template | instruct | base | chat); null when nothing was sent (a file, the oracle). */
  prompt_style: z.string().nullable().default(null),
  /** What the model was sent: the prompt, or a chat model's messages; null when nothing was. */
  prompt: z
    .union([z.string(), z.array(z.object({ role: z.string(), content: z.string() }))])
    .nullable()
    .default(null),
  /** The part of the completion the program was built from (after a think block, a fence's code); null: all of it. */
  answer: z.string().nullable().default(null),
  /** The program that was executed, before the test was appended. */
  program: z.string(),
  program_sha256: z.string(),
  prompt_tokens: z.number().int().nonnegative().nullable().default(null),
  /** Every generated token, a think block's included. */
  completion_tokens: z.number().int().nonnegative().nullable().default(null),
  /** Of completion_tokens, the think block's (0 without one); null when not counted. */
  reasoning_tokens: z.number().int().nonnegative().nullable().default(null),
  /** Where token counts came from: usage | logprobs | tokenize | file | estimate | none. */
  token_source: z.string().nullable().default(null),
  finish_reason: z.string().nullable().default(null),
  seed: z.number().int().nullable().default(null),
  verdict: z.enum(VERDICTS),
  detail: z.string().nullable().default(null),
  /** Each test's own outcome, when the test is a unittest suite (BigCodeBench); null otherwise. */
  tests: z
    .array(z.object({ name: z.string(), outcome: z.string(), detail: z.string().optional() }))
    .nullable()
    .default(null),
  /** Milliseconds: sampling (when sampled here), rebuilding, execution. */
  timings: z.object({
    /** The wall time of the request that produced the sample (shared by its request_samples samples). */
    sample_ms: z.number().nullable().default(null),
    /** Samples that request carried (n choices of one request share sample_ms); null in records written before it was recorded. */
    request_samples: z.number().int().positive().nullable().default(null),
    rebuild_ms: z.number().nullable().default(null),
    execute_ms: z.number().nullable().default(null),
  }),
  /** True when the verdict came from the execution cache. */
  cached: z.boolean().default(false),
  recorded_at: z.string(),
});
export type SampleRecord = z.infer<typeof sampleRecordSchema>;
export type SampleRecordInput = z.input<typeof sampleRecordSchema>;

export function sampleKey(r: { model: string; config: string; task_id: string; index: number }): string {
  return `${r.model}\u0000${r.config}\u0000${r.task_id}\u0000${r.index}`;
}

const TIME_LIMIT_REASONS = ['configured', 'scaled-from-reference', 'raised-for-slow-reference', 'per-input', 'per-problem'] as const;

/** One task's time limit: decided once per run (a resume reuses it), the same for every sample of the task. */
export const timeLimitRecordSchema = z.object({
  schema: z.literal(TIME_LIMIT_SCHEMA),
  task_id: z.string(),
  timeout_ms: z.number().int().positive(),
  reason: z.enum(TIME_LIMIT_REASONS),
  /** The reference solution's measured wall time, when it was measured. */
  reference_ms: z.number().nonnegative().nullable(),
  /**
   * Reason per-input: each input's own limit, ms (0 for an input the reference dropped); reason per-problem (stdin/stdout
   * problems): each test's limit (the problem's x the language's factor). timeout_ms is the whole program's.
   */
  input_timeouts_ms: z.array(z.number().int().nonnegative()).nullable().default(null),
  /** Stdin/stdout problems: how they were judged (the statement's checker rules, the public tests, the problem's own limits). */
  judge: z
    .object({
      case_insensitive: z.boolean(),
      float_tolerance: z.number().nullable(),
      public_tests: z.number().int().nonnegative(),
      tests: z.number().int().nonnegative(),
      problem_time_limit_ms: z.number().nonnegative(),
      memory_limit_mb: z.number().nonnegative(),
    })
    .nullable()
    .default(null),
  recorded_at: z.string(),
});
export type TimeLimitRecord = z.infer<typeof timeLimitRecordSchema>;

const runStatus = z.enum(['running', 'complete', 'interrupted', 'failed']);

const samplingParamsSchema = z.object({
  temperature: z.number(),
  top_p: z.number(),
  min_p: z.number(),
  top_k: z.number(),
  max_tokens: z.number(),
  min_tokens: z.number(),
});

/** What identifies a model in a run: changing any of it changes what is recorded. */
const modelIdentitySchema = z.object({
  name: z.string(),
  /** openai | replay | oracle | simulated */
  sampler: z.string(),
  format: z.string(),
  /** template | instruct | base | chat; null for back-ends that are sent nothing. */
  prompt_style: z.string().nullable(),
  prompt_template: z.string().nullable(),
  /** The chat system message. */
  system_prompt: z.string().nullable(),
  /** A reasoning model's think block, [open, close]; [] when outputs are not searched for one. */
  think_markers: z.array(z.string()),
  /** The served model id (openai). */
  model: z.string().nullable(),
  api: z.string().nullable(),
  stop: z.array(z.string()),
  include_stop_str_in_output: z.boolean(),
  extra_body: z.record(z.string(), z.unknown()).nullable(),
  /** The sample file's sha256 (replay). */
  samples_sha256: z.string().nullable(),
  /** What a simulated model plants (the demo's): per config, its success-rate plan. */
  simulation: z.record(z.string(), z.unknown()).nullable(),
});

/**
 * The settings that change what a run records. Resuming compares it whole; it leaves out
 * transport settings (endpoints, concurrency, jobs, cache folder) and n, which may grow
 * (per-sample seeds do not depend on n, so raising it only adds samples).
 */
const runIdentitySchema = z.object({
  benchmark: z.string(),
  tasks: z.array(z.string()).nullable(),
  limit: z.number().int().nullable(),
  original_asserts: z.boolean(),
  /** The instruction file's sha256 (null without one). */
  instructions: z.string().nullable(),
  models: z.array(modelIdentitySchema),
  configs: z.array(z.object({ name: z.string(), params: samplingParamsSchema })),
  seed: z.number().int(),
  execution: z.object({
    executor: z.string(),
    timeout_ms: z.number().int(),
    memory_mb: z.number().int(),
    timeout_from_reference: z.number().nullable(),
    /** The per-input rule's factor (--time-limit-per-input); absent: the whole-program rule (and the same default folder as before the rule existed). */
    time_limit_per_input: z.number().optional(),
    /** Stdin/stdout problems: the language's time factor (--time-factor) and --all-tests, when set. */
    time_factor: z.number().optional(),
    all_tests: z.boolean().optional(),
    confirm_timeouts: z.boolean(),
    editseq: z.object({ mode: z.string(), malformed: z.string() }),
    /** TypeScript runs only: typecheck | strip (absent for every other language). */
    typescript: z.string().optional(),
    /** --python: the interpreter asked for (absent: the default, the system's). */
    python: z.string().optional(),
  }),
  /** --only-judgeable: the sha256 of the reference-check table that chose the tasks (absent: every task). */
  only_judgeable: z.string().optional(),
});
export type RunIdentity = z.infer<typeof runIdentitySchema>;

/** The Python environment programs ran in: the interpreter and the benchmark's libraries (null: not installed). */
const pythonEnvironmentSchema = z.object({
  executable: z.string(),
  version: z.string(),
  libraries: z.record(z.string(), z.string().nullable()),
});

/** The isolation actually in force (sandbox/executor.ts SandboxFacts). */
const sandboxRecordSchema = z.object({
  executor: z.string(),
  language: z.string(),
  isolation: z.string(),
  runtime: z.string(),
  warnings: z.array(z.string()).default([]),
  /** Python runs of library-heavy benchmarks (DS-1000, BigCodeBench); absent elsewhere. */
  python_environment: pythonEnvironmentSchema.optional(),
});
export type SandboxRecord = z.infer<typeof sandboxRecordSchema>;

/** What the manifest says about a model: facts for reports and FLOPs, not identity. */
const modelProvenanceSchema = z.object({
  name: z.string(),
  format: z.string().nullable().default(null),
  /** template | instruct | base | chat; null for back-ends that are sent nothing. */
  prompt_style: z.string().nullable().default(null),
  /** What the back-end reported before the run: its kind and, e.g., endpoints, checkpoint roots, the sample file. */
  sampler: z.looseObject({ kind: z.string() }).nullable().default(null),
  prompt_template: z.string().nullable().default(null),
  token_counts: z.string().nullable().default(null),
  /** Facts for FLOPs. */
  architecture: architectureSchema.nullable().default(null),
  /** A HuggingFace config.json object, read for FLOPs when `architecture` is absent. */
  hf_config: z.unknown().optional(),
  simulated: z.boolean().default(false),
});
export type ModelProvenance = z.infer<typeof modelProvenanceSchema>;

/** A shard's marking: the shard, the full run's task list (in order: the summary's bootstrap follows it) and the summary settings. */
const shardMarkSchema = z.object({
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  /** Every task id of the full run, in its order. */
  all_tasks: z.array(z.string()),
  /** This shard's task ids. */
  tasks: z.array(z.string()),
  /** The ks asked for (null: the standard ones) and bootstrap replicates: not identity, but the merged summary needs them. */
  ks: z.array(z.number().int().positive()).nullable(),
  bootstrap: z.number().int().positive(),
});
export type ShardMark = z.infer<typeof shardMarkSchema>;

const mergedShardSchema = z.object({
  dir: z.string(),
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  samples: z.number().int().nonnegative(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
  host: z.object({ node: z.string(), platform: z.string(), cpus: z.number().int() }),
});

/** What one endpoint of a served model did in an invocation (harness/samplers/endpoint-pool.ts). */
const endpointRecordSchema = z.object({
  model: z.string(),
  url: z.string(),
  /** Attempts sent, and those that failed (each failure was retried, on this endpoint or another). */
  requests: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** Samples answered, and their tokens (as the server counted them; null where it did not say). */
  samples: z.number().int().nonnegative(),
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  /** Tasks whose samples it answered. */
  tasks: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  passk_version: z.string(),
  command: z.string(),
  /** Null only in a folder written before manifest/2 (its settings were an untyped record). */
  identity: runIdentitySchema.nullable(),
  benchmark: z.object({
    name: z.string(),
    data_path: z.string().nullable(),
    data_sha256: z.string().nullable(),
    tasks: z.number().int(),
    /** The instruction file (instructions or --instructions), hashed like the data. */
    instructions: z.object({ path: z.string(), sha256: z.string() }).nullable().default(null),
    /**
     * --only-judgeable: the reference-check table the tasks were chosen by, and the tasks it
     * excluded (their reference did not pass here), each with the check's status and detail.
     */
    judgeable: z
      .object({
        file: z.string(),
        sha256: z.string(),
        judged: z.number().int(),
        excluded: z.array(z.object({ task_id: z.string(), status: z.string(), detail: z.string().nullable() })),
      })
      .optional(),
  }),
  models: z.array(modelProvenanceSchema).default([]),
  sandbox: sandboxRecordSchema,
  /**
   * Set when a resume with --allow-mixed added records from another passk version or
   * another sandbox: every version and sandbox whose records the folder holds.
   */
  mixed: z
    .object({ passk_versions: z.array(z.string()), sandboxes: z.array(sandboxRecordSchema) })
    .nullable()
    .default(null),
  seed: z.number().int().nullable().default(null),
  status: runStatus,
  started_at: z.string(),
  ended_at: z.string().nullable().default(null),
  /**
   * The on-disk reference cache this invocation used (dir null: turned off), with the
   * differential references it read from there and those it computed and stored; written
   * when the invocation ends. Absent in folders written before the cache existed.
   */
  reference_cache: z
    .object({ dir: z.string().nullable(), loaded: z.number().int(), stored: z.number().int(), write_error: z.string().nullable() })
    .optional(),
  /** Harness faults (never scored): count and the last few messages. */
  harness_faults: z.object({ count: z.number().int(), examples: z.array(z.string()) }).default({ count: 0, examples: [] }),
  host: z.object({ node: z.string(), platform: z.string(), cpus: z.number().int() }),
  /** Set in a shard's folder (`--shard I/N`): which shard, and what `passk merge` needs of the full run. Absent otherwise. */
  shard: shardMarkSchema.optional(),
  /** Set in a folder `passk merge` wrote: the shards it joined. Absent otherwise. */
  merged_from: z.array(mergedShardSchema).optional(),
  /** Set when samples were sent to several endpoints or execution workers: what each did. Absent otherwise. */
  endpoints: z.array(endpointRecordSchema).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

const passAtKValueSchema = z.object({
  /** Mean over tasks of the unbiased per-task estimate; null when undefined. */
  value: z.number().nullable(),
  /** Problem-level bootstrap interval (percentile), null when undefined. */
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  /** Why value is null (e.g. "task HumanEval/3 has n=4 < k=5"). */
  reason: z.string().nullable().default(null),
});

/** One n@k estimate: exact (standard_error 0) or a seeded Monte-Carlo mean over tasks (methods lists those used). */
const nAtKEstimateSchema = z.object({ value: z.number(), standard_error: z.number(), methods: z.array(z.string()) });
/** n@k by n ("1", "10") then k ("1", "10", ...). */
const nAtKSchema = z.record(z.string(), z.record(z.string(), nAtKEstimateSchema));
export type NAtKTable = z.infer<typeof nAtKSchema>;

/** What n@k clustered on: the user's file, or the hidden tests' inputs (an oracle-input upper bound). */
const clusterInputsFactsSchema = z.object({
  source: z.enum(['file', 'oracle']),
  label: z.string(),
  path: z.string().nullable(),
  sha256: z.string().nullable(),
});

const groupSummarySchema = z.object({
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
  /**
   * Stdin/stdout runs (CodeContests): n@k by n ("1", "10") then k, each with how it was
   * estimated (docs/formulas.md, "n@k"); the same shape as selection.json's. Absent for other
   * benchmarks, for an interrupted run and for folders written before n@k was summarized.
   */
  n_at_k: nAtKSchema.optional(),
  /** Stdin/stdout runs: the share of samples that pass the public tests but fail a hidden one. */
  false_public_pass_share: z.number().optional(),
  /** Stdin/stdout runs: the share of samples that pass the public tests. */
  public_pass_share: z.number().optional(),
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
  /** --only-judgeable: scores are over the judgeable tasks only; these were excluded (the manifest has why). */
  judgeable: z
    .object({ file: z.string(), judged: z.number().int(), excluded: z.array(z.object({ task_id: z.string(), status: z.string() })) })
    .optional(),
  /** Stdin/stdout runs with n@k in their groups: what the samples were clustered on. */
  cluster_inputs: clusterInputsFactsSchema.optional(),
});
export type Summary = z.infer<typeof summarySchema>;
