/**
 * From a validated run config to the run description the runner executes: the benchmark's
 * tasks (optionally a subset), the instruction of each task when one is needed (checked
 * here, before anything is sampled), the sampling configs, each model's sampler, prompt
 * style and template and architecture facts, the execution settings. `passk run` and
 * `passk eval` both come through here.
 */
import { availableParallelism } from 'node:os';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { selectJudgeable } from '../references/judgeable.js';
import { readClusterInputs, type ClusterInputs } from '../selection/cluster-inputs.js';
import { defaultReferenceCacheDir } from '../../sandbox/python/reference-cache.js';
import type { Architecture } from '../metrics/architecture.js';
import { readHfConfig } from '../metrics/hf-config.js';
import type { RunDescription, RunModel } from '../run/run-description.js';
import { parseShard } from '../shard/shard.js';
import { createSampler } from '../samplers/create.js';
import { DEFAULT_SAMPLING, expandGrid, type SamplingConfig, type SamplingGrid } from '../samplers/grid.js';
import { modelPrompting } from './model-prompting.js';
import type { ModelConfig, RunConfig } from './schema.js';
import { modelName } from './validate.js';

/** The one config of a run whose back-ends all read outputs made beforehand and no sampling is asked for. */
const OFFLINE_CONFIG: SamplingConfig = { name: 'default', params: DEFAULT_SAMPLING };

function selectTasks(all: readonly Task[], ids: readonly string[] | undefined, limit: number | undefined): Task[] {
  let tasks = [...all];
  if (ids) {
    // A task is named by its id or, where the suite has one, by its title (CodeContests' problem names).
    const byId = new Map([
      ...all.filter((t) => t.title !== undefined).map((t) => [t.title!, t] as const),
      ...all.map((t) => [t.id, t] as const),
    ]);
    tasks = ids.map((id) => {
      const t = byId.get(id);
      if (!t) {
        const examples = all
          .slice(0, 3)
          .map((x) => x.id)
          .join(', ');
        throw new PasskError('E_CONFIG', `field "tasks": "${id}" is not a task of this benchmark (e.g. ${examples})`);
      }
      return t;
    });
  }
  return limit === undefined ? tasks : tasks.slice(0, limit);
}

async function architectureOf(m: ModelConfig): Promise<Architecture | null> {
  if (!m.architecture) return null;
  if ('hf_config' in m.architecture) return readHfConfig(m.architecture.hf_config);
  return m.architecture;
}

function isEmptyGrid(sampling: RunConfig['sampling']): boolean {
  return !Array.isArray(sampling) && Object.keys(sampling).length === 0;
}

/** --cluster-inputs is read (and checked) before anything runs; it means something only for stdin/stdout problems. */
async function clusterInputsFor(path: string, tasks: readonly Task[]): Promise<ClusterInputs> {
  const other = tasks.find((t) => t.test.kind !== 'stdio');
  if (other) throw new PasskError('E_CONFIG', `n@k needs stdin/stdout problems (CodeContests); ${other.id} is not one`, '--cluster-inputs');
  return readClusterInputs(path, tasks);
}

export interface DescribeOptions {
  command: RunDescription['command'];
  /** The default folder's middle part (identity.ts). */
  label: string;
}

export async function describeRun(config: RunConfig, options: DescribeOptions = { command: 'run', label: 'run' }): Promise<RunDescription> {
  const benchmark = await loadBenchmark(config.benchmark, { data: config.data, useOriginalAsserts: config.original_asserts });
  const chosen = selectTasks(benchmark.tasks, config.tasks, config.limit);
  const judgeable = config.only_judgeable ? await selectJudgeable(config.only_judgeable, benchmark, chosen) : null;
  const tasks = judgeable ? judgeable.tasks : chosen;
  if (tasks.length === 0) {
    throw new PasskError('E_CONFIG', judgeable ? `no task of the selection is judgeable by ${judgeable.file}` : 'no tasks to run', 'tasks');
  }
  const clusterInputs = config.cluster_inputs ? await clusterInputsFor(config.cluster_inputs, tasks) : null;
  const prompts = await modelPrompting(config, tasks);
  const models = await Promise.all(
    config.models.map(async (m, i): Promise<RunModel> => {
      const { template, prompting, api, stop } = prompts.models[i]!;
      const sampler = await createSampler({ ...m, api, stop }, i, config);
      return {
        name: modelName(m),
        format: m.format ?? null,
        template,
        prompting,
        sampler,
        served:
          m.sampler === 'openai'
            ? {
                endpoints: m.endpoints ?? [],
                model: m.model!,
                api,
                stop,
                includeStopStrInOutput: m.include_stop_str_in_output,
                extraBody: m.extra_body ?? null,
              }
            : null,
        simulation: null,
        tokenCounts: m.sampler === 'openai' ? m.token_counts : 'none',
        architecture: await architectureOf(m),
        simulated: false,
      };
    }),
  );
  const offline = models.every((m) => m.sampler.offline);
  const e = config.execution;
  const profile = benchmark.python;
  return {
    command: options.command,
    benchmark,
    tasks,
    selection: { tasks: config.tasks ?? null, limit: config.limit ?? null, originalAsserts: config.original_asserts },
    judgeable: judgeable ? { file: judgeable.file, sha256: judgeable.sha256, excluded: judgeable.excluded } : null,
    instructions: prompts.instructions,
    clusterInputs,
    models,
    // Sampling settings mean nothing to a file or the oracle: one config, unless a grid is asked for.
    configs: offline && isEmptyGrid(config.sampling) ? [OFFLINE_CONFIG] : expandGrid(config.sampling as SamplingGrid | SamplingGrid[]),
    n: config.n,
    seed: config.seed,
    execution: {
      executor: e.executor,
      jobs: e.jobs ?? availableParallelism(),
      // A library-heavy benchmark brings its own defaults (benchmarks/library/profile.ts).
      limits: {
        ...DEFAULT_LIMITS,
        timeoutMs: Math.round((e.timeout ?? profile?.timeoutS ?? DEFAULT_LIMITS.timeoutMs / 1000) * 1000),
        memoryMb: e.memory ?? profile?.memoryMb ?? DEFAULT_LIMITS.memoryMb,
        ...(e.all_tests ? { allTests: true } : {}),
      },
      python: e.python ?? null,
      ...(profile ? { referenceFloorMs: profile.referenceFloorMs } : {}),
      timeoutFromReference: e.timeout_from_reference ?? null,
      timeLimitPerInput: e.time_limit_per_input ?? null,
      timeFactor: e.time_factor ?? null,
      referenceCache: e.reference_cache === undefined ? defaultReferenceCacheDir() : e.reference_cache === 'off' ? null : e.reference_cache,
      confirmTimeouts: e.confirm_timeouts,
      cacheDir: e.cache_dir ?? null,
      editseq: { mode: e.editseq_mode, malformed: e.malformed },
      typescript: e.typescript,
      redis: e.redis ?? null,
    },
    ks: config.ks ?? null,
    bootstrapReplicates: config.bootstrap,
    buffer: config.client.buffer,
    out: config.out ?? null,
    label: options.label,
    allowMixed: config.allow_mixed,
    shard: config.shard === undefined ? null : parseShard(config.shard, 'shard'),
  };
}
