/**
 * Measured cost beside FLOPs (docs/formulas.md, "Measured cost"): from each sample's
 * request latency and the server's token counts, tokens per second and GPU-seconds per
 * sample, and the cost of k samples per problem in tokens, GPU-seconds and dollars. When n
 * choices share one request, its latency is split equally among them (they decode in one
 * batch, so none of them alone took the whole time). Pure.
 */
export interface CostSample {
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /** The request's wall time, ms (shared by its request_samples samples). */
  sample_ms: number | null;
  request_samples: number | null;
}

export interface CostOptions {
  /** GPUs serving the model (a request's time is counted on each). */
  gpus: number;
  /** Dollars per GPU-hour; null: no dollar axis. */
  gpuHourPrice: number | null;
}

export const DEFAULT_COSTS: CostOptions = { gpus: 1, gpuHourPrice: null };

export interface MeasuredCost {
  samples: number;
  /** Samples with token counts / with a latency and its request size. */
  with_tokens: number;
  with_latency: number;
  prompt_tokens_mean: number | null;
  completion_tokens_mean: number | null;
  /** Mean request latency, seconds. */
  latency_mean_s: number | null;
  /** Generated tokens per second of apportioned request time. */
  tokens_per_second: number | null;
  /** Mean GPU-seconds per sample: latency x GPUs / samples in its request. */
  gpu_seconds_per_sample: number | null;
  dollars_per_sample: number | null;
  gpus: number;
  gpu_hour_price: number | null;
  /** Why a measure is missing (e.g. no latency recorded). */
  reason: string | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);

export function measuredCost(samples: readonly CostSample[], options: CostOptions = DEFAULT_COSTS): MeasuredCost {
  const prompts = samples.map((s) => s.prompt_tokens).filter((v): v is number => v !== null);
  const completions = samples.map((s) => s.completion_tokens).filter((v): v is number => v !== null);
  const timed = samples.filter((s) => s.sample_ms !== null && s.sample_ms > 0 && s.request_samples !== null);
  const seconds = timed.map((s) => s.sample_ms! / 1000 / s.request_samples!);
  const timedTokens = timed.reduce((sum, s) => sum + (s.completion_tokens ?? 0), 0);
  const totalSeconds = seconds.reduce((s, v) => s + v, 0);
  const gpuS = timed.length === samples.length && timed.length > 0 ? (totalSeconds * options.gpus) / timed.length : null;
  return {
    samples: samples.length,
    with_tokens: completions.length,
    with_latency: timed.length,
    prompt_tokens_mean: mean(prompts),
    completion_tokens_mean: mean(completions),
    latency_mean_s: mean(timed.map((s) => s.sample_ms! / 1000)),
    tokens_per_second: totalSeconds > 0 && timedTokens > 0 ? timedTokens / totalSeconds : null,
    gpu_seconds_per_sample: gpuS,
    dollars_per_sample: gpuS !== null && options.gpuHourPrice !== null ? (gpuS * options.gpuHourPrice) / 3600 : null,
    gpus: options.gpus,
    gpu_hour_price: options.gpuHourPrice,
    reason:
      timed.length === samples.length
        ? null
        : `${samples.length - timed.length} of ${samples.length} samples have no request latency and size (sampled offline, or recorded before request_samples)`,
  };
}

export type CostAxis = 'flops' | 'tokens' | 'gpu-seconds' | 'dollars';
export const COST_AXES: readonly CostAxis[] = ['flops', 'tokens', 'gpu-seconds', 'dollars'];

export const AXIS_TEXT: Record<CostAxis, string> = {
  flops: 'test-time FLOPs per problem',
  tokens: 'tokens per problem (prompt once + generated)',
  'gpu-seconds': 'GPU-seconds per problem',
  dollars: 'dollars per problem',
};

/** The cost of k samples of one problem on a measured axis (flops come from F(k)); null when not measured. */
export function costAtK(cost: MeasuredCost, axis: Exclude<CostAxis, 'flops'>, k: number): number | null {
  if (axis === 'tokens')
    return cost.completion_tokens_mean === null ? null : (cost.prompt_tokens_mean ?? 0) + k * cost.completion_tokens_mean;
  if (axis === 'gpu-seconds') return cost.gpu_seconds_per_sample === null ? null : k * cost.gpu_seconds_per_sample;
  return cost.dollars_per_sample === null ? null : k * cost.dollars_per_sample;
}
