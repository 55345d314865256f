/**
 * The run configuration: one zod schema that validates a run config file (YAML or JSON), drives the
 * command-line overrides (harness/run-config/fields.ts reads each field's `flag` from this
 * schema) and the reference docs (harness/run-config/reference.ts). Every object is strict, so
 * a misspelt field is an error, never silently ignored.
 */
import { z } from 'zod';
import { architectureSchema } from '../metrics/architecture.js';
import { FORMAT_ALIASES, OUTPUT_FORMATS } from '../rebuild/output-format.js';
import { TYPESCRIPT_MODES } from '../../sandbox/javascript/typescript-mode.js';
import { meta, optionalText } from './field-meta.js';
import { instructionsField, promptFields } from './prompt-fields.js';

const posInt = z.number().int().positive();
/** A value or a list of values (a sweep). */
const sweep = (item: z.ZodNumber) => z.union([item, z.array(item).min(1)]);

const SAMPLER_KINDS = ['openai', 'replay', 'oracle'] as const;
const TOKEN_COUNT_SOURCES = ['auto', 'usage', 'logprobs', 'tokenize'] as const;

const hfConfigArchitecture = z
  .object({
    hf_config: z
      .string()
      .min(1)
      .meta(meta({ description: "path to the model's HuggingFace config.json", flag: 'hf-config' })),
  })
  .strict();

const modelConfigSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .regex(/^[\w.:@+-]+$/, 'expected letters, digits and . _ : @ + -')
      .optional()
      .meta(meta({ description: 'the name records and tables use (default: the served model id after its last "/")', flag: 'name' })),
    sampler: z
      .enum(SAMPLER_KINDS)
      .default('openai')
      .meta(
        meta({
          description:
            'openai: an OpenAI-compatible server (vLLM, SGLang, TGI, llama.cpp, OpenAI); replay: completions from a sample file; oracle: LintSeq edit sequences of the canonical solutions',
          flag: 'sampler',
        }),
      ),
    endpoints: z
      .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.url({ protocol: /^https?$/ })).min(1))
      .optional()
      .meta(
        meta({
          description:
            'base URLs of the server(s) serving this model, e.g. http://localhost:8000/v1 (a bare http://host:port means its /v1); with several, all samples of a task go to one of them (its prefix cache) and a failed one hands its tasks on',
          flag: 'endpoint',
          example: 'http://gpu1:8000/v1',
        }),
      ),
    model: optionalText({ description: 'the model id the server knows (GET /v1/models)', flag: 'model' }),
    api: z
      .enum(['completions', 'chat'])
      .optional()
      .meta(
        meta({
          description:
            '/v1/completions, or /v1/chat/completions for chat-only models (default: chat for prompt_style chat, else completions)',
          flag: 'api',
        }),
      ),
    format: z
      .preprocess((v) => (typeof v === 'string' ? (FORMAT_ALIASES[v] ?? v) : v), z.enum(OUTPUT_FORMATS))
      .optional()
      .meta(
        meta({
          description:
            'how an output becomes a program: baseline (continues the prompt), full (a whole program), editseq (LintSeq <|diff|> edits); completion and solution are accepted for baseline and full. Required, except for replay: without it each line of the file says (completion or solution)',
          flag: 'format',
        }),
      ),
    ...promptFields,
    prompt_template: z
      .string()
      .optional()
      .meta(
        meta({
          description:
            'the prompt sent, with {prompt} {instruction} {entry_point} {task_id} ({{ and }} for braces); default: {prompt} for baseline, "{instruction}\\n<|diff|>" for editseq, "{instruction}\\n" for full',
          flag: 'prompt-template',
        }),
      ),
    stop: z
      .array(z.string().min(1))
      .default([])
      .meta(meta({ description: 'stop sequences (the server also stops at its end-of-sequence token)', flag: 'stop' })),
    include_stop_str_in_output: z
      .boolean()
      .default(false)
      .meta(meta({ description: 'vLLM: keep the matched stop sequence in the output', flag: 'include-stop-str-in-output' })),
    n_per_request: posInt.optional().meta(
      meta({
        description:
          'largest n in one request (default: all missing samples of a task and config). 1 sends one request per sample, for servers that do not seed the i-th of n choices with seed+i as vLLM does',
        flag: 'n-per-request',
      }),
    ),
    token_counts: z
      .enum(TOKEN_COUNT_SOURCES)
      .default('auto')
      .meta(
        meta({
          description:
            "where per-sample token counts come from: auto (usage when n=1, else logprobs, else the server's tokenize endpoint), or one source only",
          flag: 'token-counts',
        }),
      ),
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional()
      .meta(meta({ description: 'the environment variable holding the API key (keys never go into a config file)', flag: 'api-key-env' })),
    samples: optionalText({ description: 'replay: the sample file ({task_id, completion} per line)', flag: 'samples' }),
    architecture: z
      .union([hfConfigArchitecture, architectureSchema])
      .optional()
      .meta(
        meta({
          description:
            'facts for FLOPs: {hf_config: path} or the numbers (layers, d_model, n_heads, n_kv_heads, d_ff, mlp, vocab_size, tied_embeddings; or layers, d_attn, matmul_params)',
        }),
      ),
    extra_body: z
      .record(z.string(), z.unknown())
      .optional()
      .meta(meta({ description: 'more request fields passed to the server as they are (e.g. repetition_penalty)' })),
  })
  .strict();

const samplingGridSchema = z
  .object({
    temperature: sweep(z.number().min(0))
      .optional()
      .meta(meta({ description: 'temperature (a value or a list to sweep); default 0.8', flag: 'temperature' })),
    top_p: sweep(z.number().gt(0).max(1))
      .optional()
      .meta(meta({ description: 'nucleus sampling; default 0.95', flag: 'top-p' })),
    min_p: sweep(z.number().min(0).max(1))
      .optional()
      .meta(meta({ description: 'min-p (vLLM); default 0 = off', flag: 'min-p' })),
    top_k: sweep(z.number().int().min(-1))
      .optional()
      .meta(meta({ description: 'top-k (vLLM); default -1 = off', flag: 'top-k' })),
    max_tokens: sweep(posInt)
      .optional()
      .meta(meta({ description: 'most generated tokens; default 512', flag: 'max-tokens' })),
    min_tokens: sweep(z.number().int().min(0))
      .optional()
      .meta(meta({ description: 'fewest generated tokens (vLLM); default 0', flag: 'min-tokens' })),
  })
  .strict();

const executionConfigSchema = z
  .object({
    executor: z
      .enum(['forkserver', 'subprocess'])
      .default('forkserver')
      .meta(
        meta({
          description: 'Python: warm sandboxed workers that fork per program, or one sandboxed process per program',
          flag: 'executor',
        }),
      ),
    jobs: posInt.optional().meta(meta({ description: 'programs executed at once (default: the number of cores)', flag: 'jobs' })),
    timeout: z
      .number()
      .positive()
      .optional()
      .meta(
        meta({
          description: 'seconds per program (default 10, as the paper uses; ds1000 and bigcodebench: 60)',
          flag: 'timeout',
        }),
      ),
    memory: z
      .number()
      .int()
      .min(16)
      .optional()
      .meta(meta({ description: 'memory limit per program, MiB (default 1024; ds1000 and bigcodebench: 8192)', flag: 'memory' })),
    python: optionalText({
      description:
        'the Python interpreter programs run with (default /usr/bin/python3), e.g. a virtual environment with pinned library versions; mounted read-only in the sandbox',
      flag: 'python',
      example: '.venv-bigcodebench/bin/python',
    }),
    timeout_from_reference: z
      .number()
      .positive()
      .optional()
      .meta(
        meta({
          description: "scale each task's time limit to FACTOR x its canonical solution's runtime (at most timeout)",
          flag: 'timeout-from-reference',
        }),
      ),
    time_limit_per_input: z
      .number()
      .positive()
      .optional()
      .meta(
        meta({
          description:
            "differential tests: each input gets max(1 s, FACTOR x the reference's time on it), as evalplus sets them, instead of one limit per program",
          flag: 'time-limit-per-input',
        }),
      ),
    time_factor: z
      .number()
      .positive()
      .optional()
      .meta(
        meta({
          description:
            "stdin/stdout problems (CodeContests): each test's limit is the problem's own times FACTOR (default 3 for Python, 1.5 for JavaScript)",
          flag: 'time-factor',
        }),
      ),
    all_tests: z
      .boolean()
      .default(false)
      .meta(
        meta({
          description: 'stdin/stdout problems: run every test instead of stopping at the first failure (for analysis)',
          flag: 'all-tests',
        }),
      ),
    confirm_timeouts: z
      .boolean()
      .default(false)
      .meta(meta({ description: 're-run a program that timed out once to confirm', flag: 'confirm-timeouts' })),
    cache_dir: z
      .string()
      .optional()
      .meta(meta({ description: 'an on-disk execution cache shared across runs (safe to delete)', flag: 'cache-dir' })),
    reference_cache: optionalText({
      description:
        'where differential references (outputs and times) and task costs are kept across runs, or "off" (default: $PASSK_REFERENCE_CACHE, else ~/.cache/passk/references; safe to delete)',
      flag: 'reference-cache',
    }),
    typescript: z
      .enum(TYPESCRIPT_MODES)
      .default('typecheck')
      .meta(
        meta({
          description:
            "TypeScript benchmarks: typecheck (the TypeScript compiler checks the program first, as MultiPL-E's tsc does; a type error fails it) or strip (types removed unchecked)",
          flag: 'typescript',
        }),
      ),
    redis: z
      .string()
      .regex(/^rediss?:\/\//, 'expected a redis:// URL')
      .optional()
      .meta(
        meta({
          description:
            'send programs to execution workers (passk worker --redis URL) through this Redis instead of running them here; --jobs is then the programs in flight across the workers',
          flag: 'redis',
          example: 'redis://queue-host:6379',
        }),
      ),
    editseq_mode: z
      .enum(['lintseq', 'strict'])
      .default('lintseq')
      .meta(meta({ description: 'edit-sequence reconstruction: the reference semantics, or strict unified diffs', flag: 'editseq-mode' })),
    malformed: z
      .enum(['skip', 'penalize'])
      .default('skip')
      .meta(meta({ description: 'a malformed hunk is skipped (reference) or fails the sample', flag: 'malformed' })),
  })
  .strict();

const clientConfigSchema = z
  .object({
    concurrency: posInt.default(8).meta(meta({ description: 'requests in flight per endpoint', flag: 'concurrency' })),
    request_timeout: z
      .number()
      .positive()
      .default(600)
      .meta(meta({ description: 'seconds one request attempt may take (body included) before it is retried', flag: 'request-timeout' })),
    retries: z
      .number()
      .int()
      .min(0)
      .default(8)
      .meta(
        meta({
          description: 'retries per request on 429, 5xx, timeouts, resets and truncated bodies (exponential backoff with jitter)',
          flag: 'retries',
        }),
      ),
    buffer: posInt.default(512).meta(
      meta({
        description: 'completions generated ahead of execution at most (memory held; lost on a crash, then re-sampled)',
        flag: 'buffer',
      }),
    ),
  })
  .strict();

export const runConfigSchema = z
  .object({
    benchmark: z
      .string()
      .min(1)
      .meta(
        meta({
          description:
            'builtin | humaneval | humanevalplus | mbpp | mbppplus | humaneval-js | multipl-e-humaneval-ts | multipl-e-mbpp-ts | multipl-e-humaneval-js | multipl-e-mbpp-js | codecontests | codecontests-js | ds1000 | bigcodebench | bigcodebench-hard',
          flag: 'benchmark',
        }),
      ),
    data: optionalText({ description: 'the benchmark file (.jsonl or .jsonl.gz)', flag: 'data' }),
    tasks: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta(meta({ description: 'only these task ids', flag: 'tasks' })),
    limit: posInt.optional().meta(meta({ description: 'only the first N tasks', flag: 'limit' })),
    only_judgeable: optionalText({
      description:
        'a table written by `passk check-references`: only the tasks whose reference passed here are run and scored; the rest are listed in the manifest and the report',
      flag: 'only-judgeable',
    }),
    cluster_inputs: optionalText({
      description:
        'stdin/stdout problems: JSON lines {"task_id", "inputs": [...]} that n@k clusters samples on (default: the hidden tests\' inputs, an oracle-input upper bound)',
      flag: 'cluster-inputs',
    }),
    original_asserts: z
      .boolean()
      .default(false)
      .meta(meta({ description: 'MBPP(+): test with the original MBPP asserts', flag: 'original-asserts' })),
    instructions: instructionsField,
    models: z
      .array(modelConfigSchema)
      .min(1)
      .meta(meta({ description: 'the models to sample (flags such as --endpoint and --format set the fields of each)' })),
    sampling: z
      .union([samplingGridSchema, z.array(samplingGridSchema).min(1)])
      .default({})
      .meta(meta({ description: 'the sampling grid (its Cartesian product), or a list of grids; configs are named like "t0.8-p0.95"' })),
    n: z
      .preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.union([posInt, z.literal('all')]))
      .default(1)
      .meta(
        meta({
          description:
            'samples per task, model and sampling config (raising it later in the same run folder adds samples); "all": every sample of a replayed file',
          flag: 'n',
        }),
      ),
    ks: z
      .array(posInt)
      .min(1)
      .optional()
      .meta(meta({ description: 'ks to report (default: 1, 5, 10, 20, 50, 100 where every task has n >= k)', flag: 'ks' })),
    seed: z
      .number()
      .int()
      .min(0)
      .default(0)
      .meta(meta({ description: 'the run seed: per-sample seeds derive from (seed, model, config, task, index)', flag: 'seed' })),
    bootstrap: posInt.default(2000).meta(meta({ description: 'bootstrap replicates for intervals', flag: 'bootstrap' })),
    execution: executionConfigSchema.default(() => executionConfigSchema.parse({})).meta(meta({ description: 'running programs' })),
    client: clientConfigSchema.default(() => clientConfigSchema.parse({})).meta(meta({ description: 'talking to model servers' })),
    out: optionalText({
      description: 'the run folder (default: results/<benchmark>-run-<hash of the settings>, so the same config resumes)',
      flag: 'out',
    }),
    shard: z
      .string()
      .regex(/^\d+\/\d+$/, 'expected I/N, e.g. 0/3 (the first of three shards)')
      .optional()
      .meta(
        meta({
          description:
            'I/N: run only shard I of N (I from 0; every N-th task, starting at the I-th), in a folder marked as that shard of the full run; `passk merge` joins the shards',
          flag: 'shard',
          example: '0/3',
        }),
      ),
    allow_mixed: z
      .boolean()
      .default(false)
      .meta(
        meta({
          description:
            'resume a run folder written by another passk version or under another sandbox (the manifest then lists every version and sandbox)',
          flag: 'allow-mixed',
        }),
      ),
  })
  .strict();

export type RunConfig = z.infer<typeof runConfigSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
