/**
 * Scores a set of sample verdicts: per-task n and c, pass@k with problem-level bootstrap
 * intervals, verdict counts. Pure: takes records, returns summaries.
 */
import type { GroupSummary, PassAtKValue } from '../store/records.js';
import { bootstrapMeanInterval, type BootstrapOptions } from './bootstrap.js';
import { meanPassAtK, passAtKOne, type TaskCounts } from './pass-at-k.js';

export interface ScoredSample {
  task_id: string;
  verdict: string;
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
}

/** Per-task counts over the given task ids (a task with no samples gets n = 0). */
export function countByTask(samples: readonly ScoredSample[], taskIds: readonly string[]): Map<string, TaskCounts> {
  const counts = new Map<string, TaskCounts>(taskIds.map((id) => [id, { n: 0, c: 0 }]));
  for (const s of samples) {
    let t = counts.get(s.task_id);
    if (!t) {
      t = { n: 0, c: 0 };
      counts.set(s.task_id, t);
    }
    t.n++;
    if (s.verdict === 'passed') t.c++;
  }
  return counts;
}

export function passAtKWithInterval(counts: readonly TaskCounts[], ids: readonly string[], k: number, boot: BootstrapOptions): PassAtKValue {
  const mean = meanPassAtK(counts, k, ids);
  if (mean.value === null) return { value: null, ci_low: null, ci_high: null, reason: mean.reason };
  const perProblem = counts.map(({ n, c }) => passAtKOne(n, c, k));
  const [lo, hi] = bootstrapMeanInterval(perProblem, boot);
  return { value: mean.value, ci_low: lo, ci_high: hi, reason: null };
}

function meanOf(values: Array<number | null | undefined>): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function summarizeGroup(
  model: string,
  config: string,
  samples: readonly ScoredSample[],
  taskIds: readonly string[],
  ks: readonly number[],
  boot: BootstrapOptions,
): GroupSummary {
  const byTask = countByTask(samples, taskIds);
  const ids = [...byTask.keys()];
  const counts = ids.map((id) => byTask.get(id)!);
  const pass_at_k: Record<string, PassAtKValue> = {};
  for (const k of ks) pass_at_k[String(k)] = passAtKWithInterval(counts, ids, k, boot);
  const verdicts: Record<string, number> = {};
  for (const s of samples) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
  return {
    model,
    config,
    pass_at_k,
    tasks: Object.fromEntries(ids.map((id) => [id, byTask.get(id)!])),
    verdicts,
    samples: samples.length,
    mean_prompt_tokens: meanOf(samples.map((s) => s.prompt_tokens)),
    mean_completion_tokens: meanOf(samples.map((s) => s.completion_tokens)),
  };
}
