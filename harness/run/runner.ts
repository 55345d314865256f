/**
 * The one runner behind `passk eval`, `passk run` and `passk demo`: check every back-end,
 * fix the run's identity and folder, open (or resume) the folder, create the executor and
 * its time-limit policy, stream generation into the evaluation loop, then summarize. It
 * emits events (events.ts) and prints nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import type { Language, Task } from '../../kernel/task.js';
import { ReferenceCache } from '../../sandbox/python/reference-cache.js';
import { createExecutor } from '../../sandbox/registry.js';
import { TimeLimitPolicy } from '../../sandbox/time-limit-policy.js';
import { evaluateSamples } from '../pipeline/evaluate.js';
import { generateSamples, plannedSamples, planRequests } from '../pipeline/generate.js';
import { slowestFirst } from '../pipeline/task-order.js';
import { openRun } from '../store/open-run.js';
import { sampleKey, type Manifest, type ShardMark, type Summary, type TimeLimitRecord } from '../store/records.js';
import { shardLabel, shardTasks } from '../shard/shard.js';
import { RUN_FILES, readSamples } from '../store/run-files.js';
import type { RunEventListener } from './events.js';
import { closeFailedRun, finishRun, type SelectStep } from './finish-run.js';
import { oracleClusterInputs } from '../selection/cluster-inputs.js';
import { passedPublicTests } from '../selection/public-pass.js';
import { selectRun } from '../selection/select-run.js';
import type { Executor } from '../../sandbox/executor.js';
import { defaultRunFolder, modelProvenance, runIdentity } from './identity.js';
import type { ExecutorPool } from './executor-pool.js';
import { describePlan } from './plan-text.js';
import { samplesInFlight, type RunDescription } from './run-description.js';
import { expectedSampleMs, readTaskCosts, TaskCostLog, taskCostsFile, writeTaskCosts } from './task-costs.js';

/** A stdin/stdout problem's judging rules, for its time-limit record (null for other tasks). */
function judgeFacts(task: Task | undefined): TimeLimitRecord['judge'] {
  if (task?.test.kind !== 'stdio') return null;
  const t = task.test;
  return {
    case_insensitive: t.checker.caseInsensitive,
    float_tolerance: t.checker.floatTolerance,
    public_tests: t.publicTests,
    tests: t.tests.length,
    problem_time_limit_ms: t.timeLimitMs,
    memory_limit_mb: t.memoryLimitMb,
  };
}

/**
 * n@k for a run whose tasks are all stdin/stdout problems (null otherwise): the public-passing
 * samples run once more on the clustering inputs through the run's own executor, whose cache
 * runs each distinct program once. A fault here costs the summary its n@k, never the run.
 */
function selectStep(run: RunDescription, executor: Executor, emit: RunEventListener): SelectStep | null {
  if (!run.tasks.every((t) => t.test.kind === 'stdio')) return null;
  const inputs = run.clusterInputs ?? oracleClusterInputs(run.tasks);
  return async (samples, ks) => {
    const ids = new Set(run.tasks.map((t) => t.id));
    const own = samples.filter((s) => ids.has(s.task_id));
    if (own.length === 0) return null;
    const toCluster = own.filter((s) => passedPublicTests(s.verdict, s.detail)).length;
    const started = performance.now();
    emit({ type: 'note', message: `n@k: clustering the ${toCluster} samples that pass the public tests; ${inputs.label}` });
    try {
      // A k that some group's task has too few samples for is left out of that group's n@k.
      const selection = await selectRun(run.tasks, own, executor, inputs, {
        ks,
        limits: run.execution.limits,
        timeFactor: run.execution.timeFactor ?? null,
        seed: run.seed,
        onProgress: (done, total) => {
          if (done === total) emit({ type: 'note', message: `n@k: clustered in ${((performance.now() - started) / 1000).toFixed(1)} s` });
        },
      });
      emit({ type: 'note', message: `n@k: clustered and estimated in ${((performance.now() - started) / 1000).toFixed(1)} s` });
      return selection;
    } catch (err) {
      emit({ type: 'warning', message: `n@k not computed (summary.json has pass@k only): ${(err as Error).message}` });
      return null;
    }
  };
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Check everything and describe the plan; sample and execute nothing. */
  dryRun?: boolean;
  onEvent?: RunEventListener;
  /** Executors (and reference caches) shared with other runs, which the pool closes; absent: the run starts and closes its own. */
  executors?: ExecutorPool;
}

export interface RunResult {
  summary: Summary;
  manifest: Manifest;
  resumed: boolean;
  /** Samples recorded by earlier invocations. */
  skipped: number;
  recordedNow: number;
  faults: string[];
  interrupted: boolean;
}

export interface RunOutcome {
  out: string;
  plan: string;
  /** Null for a dry run. */
  result: RunResult | null;
  /** Retry counts and back-end warnings, one line each. */
  notes: string[];
}

function languageOf(tasks: readonly Task[]): Language {
  const languages = new Set(tasks.map((t) => t.language));
  if (languages.size !== 1)
    throw new PasskError('E_DATASET', `a run's tasks must share one language, found ${[...languages].join(', ') || 'none'}`);
  return [...languages][0]!;
}

async function recordedKeys(out: string): Promise<Set<string>> {
  if (!existsSync(join(out, RUN_FILES.samples))) return new Set();
  const { samples } = await readSamples(out);
  return new Set(samples.map(sampleKey));
}

/** A shard's view of the run (its tasks only) and its marking; the whole run and no marking otherwise. */
function shardView(run: RunDescription): { run: RunDescription; mark: ShardMark | null } {
  if (!run.shard) return { run, mark: null };
  const tasks = shardTasks(run.tasks, run.shard);
  if (tasks.length === 0)
    throw new PasskError('E_CONFIG', `shard ${shardLabel(run.shard)} has no tasks: the run has only ${run.tasks.length}`, 'shard');
  return {
    run: { ...run, tasks },
    mark: {
      index: run.shard.index,
      count: run.shard.count,
      all_tasks: run.tasks.map((t) => t.id),
      tasks: tasks.map((t) => t.id),
      ks: run.ks,
      bootstrap: run.bootstrapReplicates,
    },
  };
}

/** What each endpoint of each served model did in this invocation; nothing for a run without served models. */
function endpointFacts(run: RunDescription): Pick<Manifest, 'endpoints'> {
  const records = run.models.flatMap((m) =>
    (m.sampler.endpointStats?.() ?? []).map((e) => ({
      model: m.name,
      url: e.url,
      requests: e.requests,
      failures: e.failures,
      samples: e.samples,
      prompt_tokens: e.promptTokens,
      completion_tokens: e.completionTokens,
      tasks: e.tasks.size,
    })),
  );
  return records.length ? { endpoints: records } : {};
}

export async function executeRun(whole: RunDescription, options: RunOptions = {}): Promise<RunOutcome> {
  const { run, mark } = shardView(whole);
  const emit: RunEventListener = options.onEvent ?? (() => {});
  const notes = (): string[] => run.models.flatMap((m) => m.sampler.notes?.() ?? []);
  try {
    const language = languageOf(run.tasks);
    // Every server and file is checked before anything is written or sampled.
    const facts = await Promise.all(run.models.map((m) => m.sampler.preflight(run.tasks, run.n)));
    facts.forEach((f, i) => {
      for (const e of Array.isArray(f.endpoints) ? (f.endpoints as Array<{ url?: string; warning?: string }>) : []) {
        if (e.warning) emit({ type: 'warning', message: `model ${run.models[i]!.name}: ${e.url}: ${e.warning}` });
      }
    });
    const identity = runIdentity(run, facts);
    const out = run.out ?? defaultRunFolder(run, identity);
    const e = run.execution;
    // What earlier runs learned about each task's cost orders this one: slowest first.
    const cacheDir = e.referenceCache ?? null;
    const costsFile = cacheDir
      ? taskCostsFile(cacheDir, {
          name: run.benchmark.name,
          dataSha256: run.benchmark.dataSha256,
          originalAsserts: run.selection.originalAsserts,
        })
      : null;
    const costs = costsFile ? await readTaskCosts(costsFile) : {};
    const tasks = slowestFirst(run.tasks, (task) => expectedSampleMs(costs[task.id], e.limits.timeoutMs));
    const planFor = (recorded: ReadonlySet<string>) =>
      planRequests({ tasks, models: run.models, configs: run.configs, n: run.n, recorded });
    if (options.dryRun) {
      const recorded = await recordedKeys(out);
      return { out, plan: describePlan(run, out, plannedSamples(planFor(recorded)), recorded.size), result: null, notes: notes() };
    }

    const referenceCache = cacheDir ? (options.executors?.referenceCache(cacheDir) ?? new ReferenceCache(cacheDir)) : undefined;
    // A shared cache counts for every run: this run records what it loaded and stored itself.
    const cacheAtStart = { loaded: referenceCache?.stats.loaded ?? 0, stored: referenceCache?.stats.stored ?? 0 };
    const observed = new TaskCostLog();
    const onNote = (message: string) => emit({ type: 'note', message });
    const openLocal = options.executors ? options.executors.open.bind(options.executors) : createExecutor;
    const executor = e.redis
      ? // Loaded only here: the queue's client (bullmq, ioredis) takes a while to load, and most runs are local.
        await (await import('../queue/open-queue-executor.js')).openQueueExecutor(language, e, run.allowMixed)
      : openLocal(language, {
          kind: e.executor,
          jobs: e.jobs,
          limits: e.limits,
          ...(e.cacheDir ? { cacheDir: e.cacheDir } : {}),
          ...(e.typescript ? { typescript: e.typescript } : {}),
          ...(referenceCache ? { referenceCache } : {}),
          ...(e.python ? { python: e.python } : {}),
          ...(run.benchmark.python ? { preload: run.benchmark.python.preload, libraries: run.benchmark.python.libraries } : {}),
          onNote,
        });
    // The manifest counts what was stored: references still being written are waited for first.
    const cacheFacts = async (): Promise<Pick<Manifest, 'reference_cache' | 'endpoints'>> => {
      await referenceCache?.settled();
      return {
        reference_cache: {
          dir: cacheDir,
          loaded: (referenceCache?.stats.loaded ?? 0) - cacheAtStart.loaded,
          stored: (referenceCache?.stats.stored ?? 0) - cacheAtStart.stored,
          write_error: referenceCache?.stats.writeError ?? null,
        },
        ...endpointFacts(run),
      };
    };
    try {
      // Its warnings go to the manifest; what needs saying now (a fallback to weaker isolation) comes as a note.
      const sandbox = await executor.facts();
      const opened = await openRun(out, {
        command: run.command,
        identity,
        benchmark: {
          name: run.benchmark.name,
          data_path: run.benchmark.dataPath,
          data_sha256: run.benchmark.dataSha256,
          tasks: run.tasks.length,
          instructions: run.instructions,
          ...(run.judgeable
            ? {
                judgeable: {
                  file: run.judgeable.file,
                  sha256: run.judgeable.sha256,
                  judged: run.tasks.length,
                  excluded: run.judgeable.excluded,
                },
              }
            : {}),
        },
        models: modelProvenance(run, facts),
        seed: run.seed,
        sandbox,
        allowMixed: run.allowMixed,
        shard: mark,
      });
      const timeLimits = new TimeLimitPolicy(executor, {
        configuredMs: e.limits.timeoutMs,
        ...(e.timeoutFromReference !== null
          ? {
              fromReference: {
                factor: e.timeoutFromReference,
                ...(e.referenceFloorMs !== undefined ? { floorMs: e.referenceFloorMs } : {}),
              },
            }
          : {}),
        ...(e.timeLimitPerInput ? { perInput: { factor: e.timeLimitPerInput } } : {}),
        ...(e.timeFactor ? { stdioFactor: e.timeFactor } : {}),
        known: opened.timeLimits.map((r) => ({
          taskId: r.task_id,
          timeoutMs: r.timeout_ms,
          reason: r.reason,
          referenceMs: r.reference_ms,
          ...(r.input_timeouts_ms ? { inputTimeoutsMs: r.input_timeouts_ms } : {}),
        })),
        onDecided: (l) => {
          observed.reference(l.taskId, l.referenceMs);
          opened.writer.appendTimeLimit({
            schema: 'passk.time-limit/1',
            task_id: l.taskId,
            timeout_ms: l.timeoutMs,
            reason: l.reason,
            reference_ms: l.referenceMs,
            input_timeouts_ms: l.inputTimeoutsMs ?? null,
            judge: judgeFacts(run.tasks.find((t) => t.id === l.taskId)),
            recorded_at: new Date().toISOString(),
          });
        },
      });
      const plan = planFor(opened.recorded);
      const toRun = plannedSamples(plan);
      const planText = describePlan(run, out, toRun, opened.recorded.size);
      emit({
        type: 'planned',
        out,
        total: toRun + opened.recorded.size,
        recorded: opened.recorded.size,
        toRun,
        generating: run.models.some((m) => !m.sampler.offline),
      });

      const faults: string[] = [];
      let loop;
      try {
        loop = await evaluateSamples({
          tasks: run.tasks,
          samples: generateSamples({
            plan,
            seed: run.seed,
            buffer: run.buffer,
            signal: options.signal,
            onGenerated: (count) => emit({ type: 'generated', count }),
          }),
          executor,
          limits: e.limits,
          timeLimits,
          editseq: e.editseq,
          confirmTimeouts: e.confirmTimeouts,
          concurrency: samplesInFlight(e.jobs),
          record: (input) => opened.writer.append(input),
          signal: options.signal,
          onRecorded: (record) => {
            observed.sample(record);
            emit({ type: 'recorded', record });
          },
          onFault: (message) => {
            faults.push(message);
            emit({ type: 'fault', message });
          },
        });
      } catch (err) {
        closeFailedRun(opened, faults, await cacheFacts());
        throw err;
      } finally {
        if (costsFile && observed.size > 0) await writeTaskCosts(costsFile, observed.merge(await readTaskCosts(costsFile)));
      }
      const { summary, manifest } = await finishRun(
        run,
        out,
        opened,
        faults,
        loop.interrupted,
        await cacheFacts(),
        selectStep(run, executor, emit),
      );
      const result: RunResult = {
        summary,
        manifest,
        resumed: opened.resumed,
        skipped: opened.recorded.size,
        recordedNow: loop.recorded,
        faults,
        interrupted: loop.interrupted,
      };
      return { out, plan: planText, result, notes: notes() };
    } finally {
      if (e.redis || !options.executors) await executor.close();
    }
  } finally {
    await Promise.all(run.models.map((m) => m.sampler.close()));
  }
}
