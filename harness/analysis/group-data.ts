/**
 * A run's samples grouped by (model, sampling config): per problem, the pass/fail of each
 * sample in index order and its token counts. Problems are ordered by id (numeric-aware),
 * the same order for every run, so bootstrap replicates with one seed pair problems.
 */
import type { Architecture } from '../metrics/architecture.js';
import type { RunData } from '../store/run-files.js';
import { modelFacts, type ModelFacts } from './model-facts.js';

export interface SampleTokenCounts {
  prompt: number | null;
  completion: number | null;
}

export interface GroupData {
  runDir: string;
  benchmark: string;
  dataSha256: string | null;
  model: string;
  config: string;
  facts: ModelFacts;
  taskIds: string[];
  /** Per task, pass/fail by sample index. */
  outcomes: boolean[][];
  tokens: SampleTokenCounts[][];
  tokenSources: string[];
  verdicts: Record<string, number>;
  samples: number;
}

export const compareTaskIds = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

export function groupKey(model: string, config: string): string {
  return `${model}\u0000${config}`;
}

export function groupsOfRun(run: RunData, overrides: ReadonlyMap<string, Architecture> = new Map()): GroupData[] {
  const byGroup = new Map<string, RunData['samples']>();
  for (const s of run.samples) {
    const key = groupKey(s.model, s.config);
    let list = byGroup.get(key);
    if (!list) byGroup.set(key, (list = []));
    list.push(s);
  }
  const groups: GroupData[] = [];
  for (const [key, samples] of byGroup) {
    const [model, config] = key.split('\u0000') as [string, string];
    // Tasks the summary planned (even those without samples) plus any sampled ones.
    const planned = run.summary?.groups.find((g) => g.model === model && g.config === config)?.tasks ?? {};
    const ids = [...new Set([...Object.keys(planned), ...samples.map((s) => s.task_id)])].sort(compareTaskIds);
    const index = new Map(ids.map((id, i) => [id, i]));
    const perTask = ids.map(() => [] as RunData['samples']);
    for (const s of samples) perTask[index.get(s.task_id)!]!.push(s);
    for (const list of perTask) list.sort((a, b) => a.index - b.index);
    const verdicts: Record<string, number> = {};
    for (const s of samples) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
    groups.push({
      runDir: run.dir,
      benchmark: run.manifest.benchmark.name,
      dataSha256: run.manifest.benchmark.data_sha256,
      model,
      config,
      facts: modelFacts(run.manifest, model, `${run.dir}/manifest.json`, overrides),
      taskIds: ids,
      outcomes: perTask.map((list) => list.map((s) => s.verdict === 'passed')),
      tokens: perTask.map((list) => list.map((s) => ({ prompt: s.prompt_tokens, completion: s.completion_tokens }))),
      tokenSources: [...new Set(samples.map((s) => s.token_source ?? 'none'))],
      verdicts,
      samples: samples.length,
    });
  }
  return groups.sort((a, b) => compareTaskIds(a.model, b.model) || compareTaskIds(a.config, b.config));
}
