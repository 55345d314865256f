/**
 * From a validated spec to what a run needs: the benchmark's tasks (optionally a subset),
 * the sampling configs, each model's sampler, prompt template and architecture facts, and
 * the run's identity: the settings that change records (resuming refuses a different
 * identity), without transport settings (endpoints, concurrency, timeouts) or n, which
 * may grow: per-sample seeds do not depend on n, so raising it only adds samples.
 */
import { join } from 'node:path';
import { loadBenchmark, type LoadedBenchmark } from '../../benchmarks/registry.js';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { sha256 } from '../../kernel/hash.js';
import type { Architecture } from '../metrics/architecture.js';
import { readHfConfig } from '../metrics/hf-config.js';
import { createSampler } from '../samplers/create.js';
import { expandGrid, type SamplingConfig, type SamplingGrid } from '../samplers/grid.js';
import { DEFAULT_TEMPLATES } from '../samplers/prompt.js';
import type { Sampler } from '../samplers/sampler.js';
import type { ModelSpec, RunSpec } from './schema.js';
import { modelName } from './validate.js';

export interface RunModel {
  name: string;
  spec: ModelSpec;
  format: string;
  template: string;
  sampler: Sampler;
  architecture: Architecture | null;
}

export interface ResolvedRun {
  spec: RunSpec;
  bench: LoadedBenchmark;
  tasks: Task[];
  configs: SamplingConfig[];
  models: RunModel[];
}

export function selectTasks(all: readonly Task[], ids: readonly string[] | undefined, limit: number | undefined): Task[] {
  let tasks = [...all];
  if (ids) {
    const byId = new Map(all.map((t) => [t.id, t]));
    tasks = ids.map((id) => {
      const t = byId.get(id);
      if (!t) throw new PasskError('E_CONFIG', `field "tasks": "${id}" is not a task of this benchmark (e.g. ${all.slice(0, 3).map((x) => x.id).join(', ')})`);
      return t;
    });
  }
  return limit === undefined ? tasks : tasks.slice(0, limit);
}

async function architectureOf(m: ModelSpec): Promise<Architecture | null> {
  if (!m.architecture) return null;
  if ('hf_config' in m.architecture) return readHfConfig(m.architecture.hf_config);
  return m.architecture;
}

export async function resolveRun(spec: RunSpec): Promise<ResolvedRun> {
  const bench = await loadBenchmark(spec.benchmark, { data: spec.data, useOriginalAsserts: spec.original_asserts });
  const tasks = selectTasks(bench.tasks, spec.tasks, spec.limit);
  if (tasks.length === 0) throw new PasskError('E_CONFIG', 'no tasks to run', 'tasks');
  const configs = expandGrid(spec.sampling as SamplingGrid | SamplingGrid[]);
  const models = await Promise.all(
    spec.models.map(async (m, i): Promise<RunModel> => ({
      name: modelName(m),
      spec: m,
      format: m.format,
      template: m.prompt_template ?? DEFAULT_TEMPLATES[m.format]!,
      sampler: await createSampler(m, i, spec),
      architecture: await architectureOf(m),
    })),
  );
  return { spec, bench, tasks, configs, models };
}

/** The settings that change what is recorded (the manifest's `spec`; resume compares it). */
export function runIdentity(run: ResolvedRun, facts: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
  const { spec } = run;
  const e = spec.execution;
  return {
    benchmark: run.bench.name,
    tasks: spec.tasks ?? null,
    limit: spec.limit ?? null,
    original_asserts: spec.original_asserts,
    models: run.models.map((m, i) => ({
      name: m.name,
      sampler: m.spec.sampler,
      model: m.spec.model ?? null,
      api: m.spec.api,
      format: m.format,
      prompt_template: m.template,
      stop: m.spec.stop,
      include_stop_str_in_output: m.spec.include_stop_str_in_output,
      extra_body: m.spec.extra_body ?? null,
      ...(m.spec.sampler === 'replay' ? { samples_sha256: facts[i]?.sha256 ?? null } : {}),
    })),
    configs: run.configs,
    seed: spec.seed,
    execution: { executor: e.executor, timeout: e.timeout, memory: e.memory, timeout_from_reference: e.timeout_from_reference ?? null, confirm_timeouts: e.confirm_timeouts, editseq: { mode: e.editseq_mode, malformed: e.malformed } },
  };
}

/** What the manifest says about each model (facts, not identity). */
export function manifestModels(run: ResolvedRun, facts: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> {
  return run.models.map((m, i) => ({
    name: m.name,
    format: m.format,
    sampler: facts[i] ?? { kind: m.spec.sampler },
    prompt_template: m.template,
    token_counts: m.spec.token_counts,
    architecture: m.architecture,
  }));
}

export function defaultRunFolder(run: ResolvedRun, identity: Record<string, unknown>): string {
  return join('results', `${run.bench.name}-run-${sha256(canonicalJson({ identity, data: run.bench.dataSha256 })).slice(0, 8)}`);
}
