/**
 * Scores one (model, config) group of sample verdicts for summary.json: per-task n and c,
 * pass@k with problem-level bootstrap intervals, verdict counts, mean token counts. Pure:
 * takes a group, returns its summary.
 */
import type { GroupSummary } from '../store/records.js';
import type { BootstrapOptions } from './bootstrap.js';
import type { GroupableSample, SampleGroup } from './groups.js';
import { passAtKWithIntervals } from './pass-at-k-intervals.js';

interface ScoredSample extends GroupableSample {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
}

function meanOf(values: Array<number | null | undefined>): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function summarizeGroup(group: SampleGroup<ScoredSample>, ks: readonly number[], boot: BootstrapOptions): GroupSummary {
  const values = passAtKWithIntervals(group.counts, group.taskIds, ks, boot);
  return {
    model: group.model,
    config: group.config,
    pass_at_k: Object.fromEntries(ks.map((k, j) => [String(k), values[j]!])),
    tasks: Object.fromEntries(group.taskIds.map((id, i) => [id, group.counts[i]!])),
    verdicts: group.verdicts,
    samples: group.samples.length,
    mean_prompt_tokens: meanOf(group.samples.map((s) => s.prompt_tokens)),
    mean_completion_tokens: meanOf(group.samples.map((s) => s.completion_tokens)),
  };
}
