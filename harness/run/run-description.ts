/**
 * A run, described once: what `passk eval`, `passk run` and `passk demo` each build from
 * their own flags or files, and what the runner (runner.ts) executes. Everything a run
 * decides for itself from these (limits, the executor, concurrency, the manifest identity,
 * the default folder) is decided in harness/run/, in one place.
 */
import type { LoadedBenchmark } from '../../benchmarks/registry.js';
import type { Task } from '../../kernel/task.js';
import type { Limits } from '../../sandbox/executor.js';
import type { TypeScriptMode } from '../../sandbox/javascript/typescript-mode.js';
import type { ExecutorKind } from '../../sandbox/registry.js';
import type { BootstrapOptions } from '../metrics/bootstrap.js';
import type { Architecture } from '../metrics/architecture.js';
import type { EditseqOptions } from '../rebuild/build-program.js';
import type { OutputFormat } from '../rebuild/output-format.js';
import type { SamplingConfig } from '../samplers/grid.js';
import type { Prompting } from '../samplers/prompt-style.js';
import type { Sampler } from '../samplers/sampler.js';
import type { ShardSpec } from '../shard/shard.js';
import type { ClusterInputs } from '../selection/cluster-inputs.js';

/** A served model's request settings (what its identity records). */
interface ServedModelSettings {
  /** Base URLs (transport: not part of the identity). */
  endpoints: string[];
  model: string;
  api: 'completions' | 'chat';
  stop: string[];
  includeStopStrInOutput: boolean;
  extraBody: Record<string, unknown> | null;
}

export interface RunModel {
  name: string;
  /** How its outputs become programs; null: each sample says (a sample file read line by line). */
  format: OutputFormat | null;
  /** The prompt sent for a task, or a chat model's user message (harness/samplers/prompt.ts). */
  template: string;
  /** Its prompt style, system message, and how its answers are read (harness/samplers/prompt-style.ts). */
  prompting: Prompting;
  sampler: Sampler;
  served: ServedModelSettings | null;
  /** What a simulated model plants, per config (recorded in the identity). */
  simulation: Record<string, unknown> | null;
  /** Where token counts come from (recorded). */
  tokenCounts: string;
  architecture: Architecture | null;
  simulated: boolean;
}

interface ExecutionSettings {
  executor: ExecutorKind;
  /** Programs executed at once. */
  jobs: number;
  /** The configured limits; each task's time limit is decided from them (sandbox/time-limit-policy.ts). */
  limits: Limits;
  timeoutFromReference: number | null;
  /** The benchmark's floor for a limit scaled from the reference (absent: the policy's default). */
  referenceFloorMs?: number;
  /** --python: the interpreter programs run with; null or absent: the default (the system's). */
  python?: string | null;
  /** The per-input rule's factor (--time-limit-per-input); null or absent: the whole-program rule. */
  timeLimitPerInput?: number | null;
  /** Stdin/stdout problems: each test's limit is the problem's times this (--time-factor); null or absent: the language's default. */
  timeFactor?: number | null;
  /** The on-disk reference cache's folder (--reference-cache); null or absent: off. */
  referenceCache?: string | null;
  confirmTimeouts: boolean;
  cacheDir: string | null;
  editseq: EditseqOptions;
  /** TypeScript tasks: type-checked or only stripped (absent: typecheck). */
  typescript?: TypeScriptMode;
  /** Execution workers' Redis (harness/queue/); null or absent: programs run here. */
  redis?: string | null;
}

export interface RunDescription {
  command: 'eval' | 'run' | 'demo';
  benchmark: LoadedBenchmark;
  /** The tasks run (the benchmark's, or the chosen subset). */
  tasks: Task[];
  selection: { tasks: string[] | null; limit: number | null; originalAsserts: boolean };
  /** --only-judgeable: the reference-check table and the tasks it excluded (`tasks` holds the rest); null: every task. */
  judgeable?: { file: string; sha256: string; excluded: Array<{ task_id: string; status: string; detail: string | null }> } | null;
  /** --cluster-inputs: what n@k clusters a stdin/stdout run's samples on; null or absent: the hidden tests' inputs (an oracle-input upper bound). */
  clusterInputs?: ClusterInputs | null;
  /** The instruction file, hashed into the manifest and the identity like the data; null without one. */
  instructions: { path: string; sha256: string } | null;
  models: RunModel[];
  configs: SamplingConfig[];
  /** Samples per task, model and config; 'all': every sample each back-end holds (a sample file). */
  n: number | 'all';
  seed: number;
  execution: ExecutionSettings;
  /** ks to report; null: the standard ks every task supports. */
  ks: number[] | null;
  bootstrapReplicates: number;
  /** Completions held at most between generation and execution. */
  buffer: number;
  /** The run folder; null: the default rule (identity.ts). */
  out: string | null;
  /** The default folder's middle part: "run", a sample file's name, "canonical", ... */
  label: string;
  /** Resume a folder written by another passk version or under another sandbox. */
  allowMixed: boolean;
  /** Run only this shard of `tasks` (harness/shard/shard.ts); null or absent: all of them. */
  shard?: ShardSpec | null;
}

/** Samples in flight at once: enough to keep every sandbox busy while others are rebuilt or recorded. */
export function samplesInFlight(jobs: number): number {
  return Math.max(4, jobs * 4);
}

/** The bootstrap every summary uses (problem-level, percentile intervals at 95%). */
export function summaryBootstrap(run: Pick<RunDescription, 'bootstrapReplicates' | 'seed'>): BootstrapOptions {
  return { replicates: run.bootstrapReplicates, seed: run.seed, level: 0.95 };
}
