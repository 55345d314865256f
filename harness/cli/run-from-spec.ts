/**
 * Running a validated spec: resolve it, check every server, then stream generation into
 * the evaluation loop (harness/pipeline/evaluate.ts) with progress. Used by `passk run`
 * and by tests that drive a whole run in-process.
 */
import { availableParallelism } from 'node:os';
import { PasskError } from '../../kernel/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import { generateSamples, plannedSamples, planRequests } from '../pipeline/generate.js';
import { runEvaluation, type RunEvaluationResult } from '../pipeline/evaluate.js';
import { OpenAiCompatibleSampler } from '../samplers/openai-compatible.js';
import { defaultRunFolder, manifestModels, resolveRun, runIdentity, type ResolvedRun } from '../run-config/resolve.js';
import type { RunSpec } from '../run-config/schema.js';
import { createRunProgress } from './run-progress.js';

export interface RunFromSpecOptions {
  progress?: 'bar' | 'lines' | 'off';
  signal?: AbortSignal;
  /** Check everything and describe the plan, sample nothing. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface RunFromSpecResult {
  out: string;
  run: ResolvedRun;
  plan: string;
  /** Null for a dry run. */
  result: RunEvaluationResult | null;
  /** Retry counts and sampler warnings, one line each. */
  notes: string[];
}

function describePlan(run: ResolvedRun, planned: number, out: string): string {
  const { spec } = run;
  const total = run.tasks.length * run.models.length * run.configs.length * spec.n;
  return [
    `run folder: ${out}`,
    `${run.bench.name}: ${run.tasks.length} tasks x ${run.models.length} models x ${run.configs.length} configs x n=${spec.n} = ${total} samples, ${planned} to sample`,
    `configs: ${run.configs.map((c) => c.name).join(', ')}`,
    ...run.models.map((m) => `model ${m.name}: ${m.spec.sampler}${m.spec.model ? ` "${m.spec.model}"` : ''}, format ${m.format}${m.spec.endpoints ? ` at ${m.spec.endpoints.join(', ')}` : ''}${m.spec.samples ? ` from ${m.spec.samples}` : ''}`),
  ].join('\n');
}

function notesOf(run: ResolvedRun): string[] {
  const out: string[] = [];
  for (const m of run.models) {
    if (!(m.sampler instanceof OpenAiCompatibleSampler)) continue;
    const retries = [...m.sampler.pool.retries];
    if (retries.length) out.push(`model ${m.name}: ${retries.reduce((a, [, c]) => a + c, 0)} requests retried (${retries.map(([r, c]) => `${r}: ${c}`).join(', ')})`);
    out.push(...m.sampler.warnings.slice(0, 3));
  }
  return out;
}

export async function runFromSpec(spec: RunSpec, options: RunFromSpecOptions = {}): Promise<RunFromSpecResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const run = await resolveRun(spec);
  try {
    // Every server and file is checked before anything is written or sampled.
    const facts = await Promise.all(run.models.map((m) => m.sampler.preflight(run.tasks, spec.n)));
    facts.forEach((f, i) => {
      for (const e of Array.isArray(f.endpoints) ? (f.endpoints as Array<{ url?: string; warning?: string }>) : []) if (e.warning) log(`model ${run.models[i]!.name}: ${e.url}: ${e.warning}`);
    });
    const identity = runIdentity(run, facts);
    const out = spec.out ?? defaultRunFolder(run, identity);
    if (options.dryRun) {
      const plan = planRequests({ tasks: run.tasks, models: run.models, configs: run.configs, n: spec.n, recorded: new Set() });
      return { out, run, plan: describePlan(run, plannedSamples(plan), out), result: null, notes: notesOf(run) };
    }
    const languages = new Set(run.tasks.map((t) => t.language));
    if (languages.size !== 1) throw new PasskError('E_DATASET', `a benchmark must have one language, found ${[...languages].join(', ')}`);
    const jobs = spec.execution.jobs ?? availableParallelism();
    const limits: Limits = { ...DEFAULT_LIMITS, timeoutMs: Math.round(spec.execution.timeout * 1000), memoryMb: spec.execution.memory };
    const { executor, limitsFor } = await createExecutor([...languages][0]!, {
      kind: spec.execution.executor,
      jobs,
      cacheDir: spec.execution.cache_dir,
      timeoutFromReference: spec.execution.timeout_from_reference,
      tasks: run.tasks,
      limits,
    });
    const progress = createRunProgress(options.progress);
    let planText = '';
    try {
      const result = await runEvaluation({
        dir: out,
        identity: {
          command: 'run',
          spec: identity,
          benchmark: { name: run.bench.name, data_path: run.bench.dataPath, data_sha256: run.bench.dataSha256, tasks: run.tasks.length },
          samplesSource: null,
          models: manifestModels(run, facts),
          seed: spec.seed,
        },
        tasks: run.tasks,
        samples: (recorded) => {
          const plan = planRequests({ tasks: run.tasks, models: run.models, configs: run.configs, n: spec.n, recorded });
          const planned = plannedSamples(plan);
          planText = describePlan(run, planned, out);
          progress.setTotal(planned);
          if (recorded.size > 0) log(`resuming ${out}: ${recorded.size} samples already recorded, ${planned} to sample`);
          return generateSamples({ plan, seed: spec.seed, buffer: spec.client.buffer, signal: options.signal, onGenerated: (k) => progress.generated(k) });
        },
        executor,
        limits,
        limitsFor,
        concurrency: Math.max(2, jobs * 2),
        editseq: { mode: spec.execution.editseq_mode, malformed: spec.execution.malformed },
        confirmTimeouts: spec.execution.confirm_timeouts,
        ks: spec.ks,
        bootstrap: { replicates: spec.bootstrap, seed: spec.seed, level: 0.95 },
        progress: 'off',
        signal: options.signal,
        onRecord: () => progress.executed(1),
      });
      progress.stop();
      return { out, run, plan: planText, result, notes: notesOf(run) };
    } finally {
      progress.stop();
      await executor.close();
    }
  } finally {
    await Promise.all(run.models.map((m) => m.sampler.close()));
  }
}
