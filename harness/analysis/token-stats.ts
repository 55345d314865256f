/**
 * Tokens per sample: means and completion-length quantiles (completion = every generated
 * token, a think block's included), and the mean of a think block's tokens. Pure.
 */
import { quantileSorted } from '../metrics/bootstrap.js';
import type { SampleTokenCounts } from './group-data.js';

export interface TokenStats {
  samples_with_counts: number;
  prompt_mean: number | null;
  completion_mean: number | null;
  completion_median: number | null;
  completion_p90: number | null;
  completion_max: number | null;
  /** Mean think-block tokens over the samples whose were counted (0 for those without one); null when none were. */
  reasoning_mean: number | null;
  sources: string[];
}

export function tokenStats(tokens: readonly SampleTokenCounts[], sources: string[]): TokenStats | null {
  const prompts = tokens.map((t) => t.prompt).filter((v): v is number => v !== null);
  const completions = tokens.map((t) => t.completion).filter((v): v is number => v !== null);
  const reasoning = tokens.map((t) => t.reasoning).filter((v): v is number => typeof v === 'number');
  if (prompts.length === 0 && completions.length === 0) return null;
  const sorted = Float64Array.from(completions).sort();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);
  return {
    samples_with_counts: completions.length,
    prompt_mean: mean(prompts),
    completion_mean: mean(completions),
    completion_median: sorted.length ? quantileSorted(sorted, 0.5) : null,
    completion_p90: sorted.length ? quantileSorted(sorted, 0.9) : null,
    completion_max: sorted.length ? sorted[sorted.length - 1]! : null,
    reasoning_mean: mean(reasoning),
    sources,
  };
}
