/**
 * Samples grouped per task, with n per task: what scoring needs to know before it runs
 * (pass@k is reported only for k <= the smallest n). Pure: no I/O.
 */
export interface TaskSampleCount {
  taskId: string;
  n: number;
}

export interface SampleGroups<S extends { taskId: string; index: number }> {
  /** Samples per task, ordered by index; tasks in the benchmark's order, then unknown ones. */
  byTask: Map<string, S[]>;
  counts: TaskSampleCount[];
  /** Benchmark tasks without any sample. */
  missing: string[];
  minN: number;
  maxN: number;
}

export function groupSamples<S extends { taskId: string; index: number }>(samples: Iterable<S>, taskIds: readonly string[] = []): SampleGroups<S> {
  const byTask = new Map<string, S[]>();
  for (const id of taskIds) byTask.set(id, []);
  for (const s of samples) {
    const list = byTask.get(s.taskId);
    if (list) list.push(s);
    else byTask.set(s.taskId, [s]);
  }
  for (const list of byTask.values()) list.sort((a, b) => a.index - b.index);
  const counts = [...byTask].map(([taskId, list]) => ({ taskId, n: list.length }));
  const missing = counts.filter((c) => c.n === 0).map((c) => c.taskId);
  const ns = counts.map((c) => c.n);
  return { byTask, counts, missing, minN: ns.length ? ns.reduce((a, b) => Math.min(a, b)) : 0, maxN: ns.reduce((a, b) => Math.max(a, b), 0) };
}
