/**
 * A run's samples grouped by (model, sampling config), as the analysis reads them: per
 * problem, the pass/fail of each sample in index order and its token counts, with the
 * model's facts from the manifest. The grouping and the problem order (numeric-aware by
 * id, the same for every run, so bootstrap replicates with one seed pair problems) are
 * groupSamples', the same as summary.json's.
 */
import type { Architecture } from '../metrics/architecture.js';
import { groupSamples } from '../metrics/groups.js';
import type { TaskCounts } from '../metrics/pass-at-k.js';
import type { RunData } from '../store/run-files.js';
import { modelFacts, type ModelFacts } from './model-facts.js';

export interface SampleTokenCounts {
  prompt: number | null;
  /** Every generated token, a think block's included (what FLOPs count). */
  completion: number | null;
  /** Of those, the think block's; null when not counted. */
  reasoning?: number | null;
}

export interface GroupData {
  runDir: string;
  benchmark: string;
  dataSha256: string | null;
  model: string;
  config: string;
  facts: ModelFacts;
  taskIds: string[];
  /** Per task: samples n and passes c. */
  counts: TaskCounts[];
  /** Per task, pass/fail by sample index. */
  outcomes: boolean[][];
  tokens: SampleTokenCounts[][];
  tokenSources: string[];
  verdicts: Record<string, number>;
  samples: number;
}

export function groupsOfRun(run: RunData, overrides: ReadonlyMap<string, Architecture> = new Map()): GroupData[] {
  // Tasks the summary planned (even those without samples) count as well as sampled ones.
  const planned = (model: string, config: string) =>
    Object.keys(run.summary?.groups.find((g) => g.model === model && g.config === config)?.tasks ?? {});
  return groupSamples(run.samples, planned).map((g) => ({
    runDir: run.dir,
    benchmark: run.manifest.benchmark.name,
    dataSha256: run.manifest.benchmark.data_sha256,
    model: g.model,
    config: g.config,
    facts: modelFacts(run.manifest, g.model, `${run.dir}/manifest.json`, overrides),
    taskIds: g.taskIds,
    counts: g.counts,
    outcomes: g.perTask.map((list) => list.map((s) => s.verdict === 'passed')),
    tokens: g.perTask.map((list) =>
      list.map((s) => ({ prompt: s.prompt_tokens, completion: s.completion_tokens, reasoning: s.reasoning_tokens })),
    ),
    tokenSources: [...new Set(g.samples.map((s) => s.token_source ?? 'none'))],
    verdicts: g.verdicts,
    samples: g.samples.length,
  }));
}
