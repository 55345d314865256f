/**
 * Sample records grouped by (model, sampling config), with each group's problems in one
 * order: numeric-aware by task id. summary.json, the analysis and compare all group
 * through here, so a seeded problem bootstrap draws the same problems for all of them
 * (it draws indices, so the order is part of its result). Pure.
 */
import type { TaskCounts } from './pass-at-k.js';

/** What grouping reads from a sample record. */
export interface GroupableSample {
  model: string;
  config: string;
  task_id: string;
  index: number;
  verdict: string;
}

export interface SampleGroup<S extends GroupableSample> {
  model: string;
  config: string;
  /** Planned and sampled task ids, numeric-aware order (T/2 before T/10). */
  taskIds: string[];
  /** Per task, aligned with taskIds: its samples by index (a planned task may have none). */
  perTask: S[][];
  /** Per task, aligned with taskIds: samples n and passes c. */
  counts: TaskCounts[];
  /** Every sample of the group. */
  samples: S[];
  /** Samples per verdict. */
  verdicts: Record<string, number>;
}

/** Numeric-aware order of ids: "T/2" before "T/10". */
export const compareIds = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * Groups samples by (model, config); groups come sorted by model, then config.
 * `plannedTaskIds` names each group's tasks that count even without samples (they get
 * n = 0, so no pass@k is defined until they are sampled).
 */
export function groupSamples<S extends GroupableSample>(
  samples: readonly S[],
  plannedTaskIds: (model: string, config: string) => Iterable<string> = () => [],
): Array<SampleGroup<S>> {
  const byModel = new Map<string, Map<string, S[]>>();
  for (const s of samples) {
    let configs = byModel.get(s.model);
    if (!configs) byModel.set(s.model, (configs = new Map()));
    let list = configs.get(s.config);
    if (!list) configs.set(s.config, (list = []));
    list.push(s);
  }
  const groups: Array<SampleGroup<S>> = [];
  for (const [model, configs] of byModel) {
    for (const [config, list] of configs) {
      const taskIds = [...new Set([...plannedTaskIds(model, config), ...list.map((s) => s.task_id)])].sort(compareIds);
      const position = new Map(taskIds.map((id, i) => [id, i]));
      const perTask = taskIds.map(() => [] as S[]);
      for (const s of list) perTask[position.get(s.task_id)!]!.push(s);
      for (const task of perTask) task.sort((a, b) => a.index - b.index);
      const counts = perTask.map((task) => ({ n: task.length, c: task.filter((s) => s.verdict === 'passed').length }));
      const verdicts: Record<string, number> = {};
      for (const s of list) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
      groups.push({ model, config, taskIds, perTask, counts, samples: list, verdicts });
    }
  }
  return groups.sort((a, b) => compareIds(a.model, b.model) || compareIds(a.config, b.config));
}
