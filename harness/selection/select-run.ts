/**
 * n@k for a run's stdin/stdout samples (harness/metrics/n-at-k.ts): each sample's public pass
 * comes from its verdict; the samples that pass the public tests run once more, in the judge's
 * digest mode, on the clustering inputs (through the run's cached executor: identical programs
 * run once), and their digests are the clusters. Per (model, config) group: 1@k and 10@k at
 * each k, pass@k beside them, and the share of samples that pass the public tests but fail a
 * hidden one.
 */
import type { Task } from '../../kernel/task.js';
import type { Executor, Limits } from '../../sandbox/executor.js';
import { decideStdioTimeLimits, DEFAULT_STDIO_FACTORS } from '../../sandbox/time-limit-policy.js';
import { groupSamples } from '../metrics/groups.js';
import { clusterTable, falsePublicPassShare, nAtKOne, type NAtKEstimate, type SelectionSample } from '../metrics/n-at-k.js';
import { deriveSeed } from '../metrics/random.js';
import { meanPassAtK } from '../metrics/pass-at-k.js';
import type { NAtKTable, SampleRecord, Summary } from '../store/records.js';
import type { ClusterInputs } from './cluster-inputs.js';
import { passedPublicTests } from './public-pass.js';

const SELECTION_SCHEMA = 'passk.selection/1';
export const SELECTION_NS = [1, 10] as const;

interface SelectionGroup {
  model: string;
  config: string;
  /** mean over tasks, by n then k; each with how it was estimated */
  n_at_k: NAtKTable;
  pass_at_k: Record<string, number | null>;
  false_public_pass_share: number;
  public_pass_share: number;
  tasks: Array<{ task_id: string; samples: number; public_pass: number; all_pass: number; clusters: number }>;
}

export interface Selection {
  schema: typeof SELECTION_SCHEMA;
  cluster_inputs: NonNullable<Summary['cluster_inputs']>;
  ks: number[];
  groups: SelectionGroup[];
}

/** The digest of a program's outputs on the clustering inputs (null where it could not run them). */
async function digestOf(
  executor: Executor,
  task: Task,
  program: string,
  inputs: string[],
  limits: Limits,
  timeFactor: number | null,
): Promise<string> {
  if (task.test.kind !== 'stdio') throw new Error(`${task.id} is not a stdin/stdout task`);
  const tests = inputs.map((input) => ({ input, output: '' }));
  const clusterTask: Task = { ...task, test: { ...task.test, tests, publicTests: 0 } };
  const decided = decideStdioTimeLimits({
    problemMs: task.test.timeLimitMs,
    tests: tests.length,
    factor: timeFactor ?? DEFAULT_STDIO_FACTORS[task.language],
  });
  const execution = await executor.execute({ program, task: clusterTask, limits: { ...limits, ...decided, outputDigest: true } });
  const digest = /^outputs ([0-9a-f]+) /.exec(execution.detail ?? '');
  // A program that could not even start (a syntax error cannot pass the public tests) gets its own key.
  return digest ? digest[1]! : `${execution.verdict}:${execution.detail ?? ''}`;
}

export async function selectRun(
  tasks: readonly Task[],
  samples: readonly SampleRecord[],
  executor: Executor,
  inputs: ClusterInputs,
  options: {
    ks: readonly number[];
    limits: Limits;
    /** The run's --time-factor (null or absent: the language's default), as its tests were judged. */
    timeFactor?: number | null;
    seed?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Selection> {
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const selectionSamples = new Map<SampleRecord, SelectionSample>();
  const toCluster = new Set(samples.filter((s) => passedPublicTests(s.verdict, s.detail)));
  let done = 0;
  await Promise.all(
    samples.map(async (s) => {
      const publicPass = toCluster.has(s);
      let cluster: string | null = null;
      if (publicPass) {
        const task = taskById.get(s.task_id);
        const own = inputs.byTask.get(s.task_id);
        if (task && own) cluster = await digestOf(executor, task, s.program ?? '', own, options.limits, options.timeFactor ?? null);
        options.onProgress?.(++done, toCluster.size);
      }
      selectionSamples.set(s, { publicPass, allPass: s.verdict === 'passed', cluster: publicPass ? (cluster ?? 'unclustered') : null });
    }),
  );
  const groups = groupSamples(samples);
  const result: SelectionGroup[] = groups.map((g) => {
    const perTask = g.taskIds.map((taskId, i) => [taskId, g.perTask[i]!.map((s) => selectionSamples.get(s)!)] as const);
    const n_at_k: SelectionGroup['n_at_k'] = {};
    for (const n of SELECTION_NS) {
      n_at_k[String(n)] = {};
      for (const k of options.ks) {
        const estimates: NAtKEstimate[] = perTask
          .filter(([, list]) => list.length >= k)
          .map(([taskId, list]) =>
            nAtKOne(clusterTable(list), n, k, { seed: deriveSeed(options.seed ?? 0, g.model, g.config, taskId, n, k) }),
          );
        if (estimates.length !== perTask.length || estimates.length === 0) continue;
        const mean = estimates.reduce((a, e) => a + e.value, 0) / estimates.length;
        // The mean's standard error from the per-task Monte-Carlo errors (exact tasks add none).
        const se = Math.sqrt(estimates.reduce((a, e) => a + e.standardError ** 2, 0)) / estimates.length;
        n_at_k[String(n)]![String(k)] = { value: mean, standard_error: se, methods: [...new Set(estimates.map((e) => e.method))] };
      }
    }
    const all = perTask.flatMap(([, list]) => list);
    const pass_at_k: Record<string, number | null> = {};
    for (const k of options.ks) pass_at_k[String(k)] = meanPassAtK(g.counts, k).value;
    return {
      model: g.model,
      config: g.config,
      n_at_k,
      pass_at_k,
      false_public_pass_share: falsePublicPassShare(all),
      public_pass_share: all.filter((s) => s.publicPass).length / Math.max(1, all.length),
      tasks: perTask.map(([taskId, list]) => ({
        task_id: taskId,
        samples: list.length,
        public_pass: list.filter((s) => s.publicPass).length,
        all_pass: list.filter((s) => s.allPass).length,
        clusters: clusterTable(list).clusters.length,
      })),
    };
  });
  const { byTask: _byTask, ...facts } = inputs;
  return { schema: SELECTION_SCHEMA, cluster_inputs: facts, ks: [...options.ks], groups: result };
}
