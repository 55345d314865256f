/**
 * FLOPs per sample (docs/formulas.md section 3): forward passes with a KV cache, from
 * architecture facts and measured token counts (generated tokens include the stop token and
 * a reasoning model's think block, whose tokens are decoded like the answer's; never
 * max_tokens). Pure.
 *
 *   per token at position t:  2*N_mm + 4*L*d_attn*t
 *   prefill   F_pre(P)    = 2*N_mm*P + 4*L*d_attn*P(P+1)/2
 *   decode    F_dec(P, G) = 2*N_mm*G + 4*L*d_attn*(G*P + G(G+1)/2)
 *
 * Conventions (every figure records which one it used):
 *   kv-shared      the n samples of a problem share one prefill (default)
 *   kv-no-sharing  every sample pays its own prefill
 *   kaplan         (P+G) tokens x (2N + 2*L*n_ctx*d_attn), N non-embedding, n_ctx = P+G
 *   2n-generated   2N per generated token, N the quoted (active) parameter count; prompt ignored
 */
import { architectureFacts, type Architecture, type ArchitectureFacts } from './architecture.js';

export const FLOPS_CONVENTIONS = ['kv-shared', 'kv-no-sharing', 'kaplan', '2n-generated'] as const;
export type FlopsConvention = (typeof FLOPS_CONVENTIONS)[number];
export const DEFAULT_FLOPS_CONVENTION: FlopsConvention = 'kv-shared';

export const FLOPS_CONVENTION_TEXT: Record<FlopsConvention, string> = {
  'kv-shared': 'KV cache, one shared prefill per problem (2*N_mm per token + attention over the cache)',
  'kv-no-sharing': 'KV cache, a prefill per sample',
  kaplan: 'Kaplan et al.: (P+G) x (2N + 2*L*n_ctx*d_attn), N non-embedding, n_ctx = P+G',
  '2n-generated': '2N per generated token (N = parameters; prompt ignored)',
};

function facts(arch: Architecture | ArchitectureFacts): ArchitectureFacts {
  return 'n_mm' in arch ? arch : architectureFacts(arch);
}

export function prefillFlops(arch: Architecture | ArchitectureFacts, promptTokens: number): number {
  const f = facts(arch);
  const P = promptTokens;
  return 2 * f.n_mm * P + 4 * f.layers * f.d_attn * ((P * (P + 1)) / 2);
}

export function decodeFlops(arch: Architecture | ArchitectureFacts, promptTokens: number, generatedTokens: number): number {
  const f = facts(arch);
  const P = promptTokens;
  const G = generatedTokens;
  return 2 * f.n_mm * G + 4 * f.layers * f.d_attn * (G * P + (G * (G + 1)) / 2);
}

interface SampleTokens {
  prompt: number;
  completion: number;
}

/**
 * A problem's cost split into a part paid once (the shared prefill) and a part paid per
 * sample, so that the cost of a budget of k samples is `shared + k * perSample`.
 */
export interface ProblemCost {
  shared: number;
  /** Mean over the problem's samples of the per-sample cost. */
  perSample: number;
}

function ownCost(f: ArchitectureFacts, t: SampleTokens, convention: FlopsConvention): number {
  switch (convention) {
    case 'kv-shared':
      return decodeFlops(f, t.prompt, t.completion);
    case 'kv-no-sharing':
      return prefillFlops(f, t.prompt) + decodeFlops(f, t.prompt, t.completion);
    case 'kaplan': {
      const T = t.prompt + t.completion;
      return T * (2 * f.n_non_embedding + 2 * f.layers * T * f.d_attn);
    }
    case '2n-generated':
      return 2 * f.n_params_active * t.completion;
  }
}

/**
 * FLOPs of one sample. Under kv-shared the prefill is split over the `sharedBy` samples
 * of the problem (default 1: the sample pays it alone).
 */
export function flopsPerSample(
  arch: Architecture | ArchitectureFacts,
  tokens: SampleTokens,
  options: { convention?: FlopsConvention; sharedBy?: number } = {},
): number {
  const f = facts(arch);
  const convention = options.convention ?? DEFAULT_FLOPS_CONVENTION;
  const own = ownCost(f, tokens, convention);
  return convention === 'kv-shared' ? own + prefillFlops(f, tokens.prompt) / (options.sharedBy ?? 1) : own;
}

/** A problem's cost from its samples' token counts (the prompt is the longest seen, normally all equal). */
export function problemCost(
  arch: Architecture | ArchitectureFacts,
  samples: readonly SampleTokens[],
  convention: FlopsConvention = DEFAULT_FLOPS_CONVENTION,
): ProblemCost {
  if (samples.length === 0) return { shared: 0, perSample: 0 };
  const f = facts(arch);
  let sum = 0;
  let prompt = 0;
  for (const t of samples) {
    sum += ownCost(f, t, convention);
    prompt = Math.max(prompt, t.prompt);
  }
  return { shared: convention === 'kv-shared' ? prefillFlops(f, prompt) : 0, perSample: sum / samples.length };
}

/**
 * F(k), the FLOPs of a budget of k samples: the shared prefill plus k times the per-sample
 * cost. Affine in k, so summed costs give the total of several problems at every k.
 * A null cost (FLOPs unknown) gives null.
 */
export function flopsAtK(cost: ProblemCost, k: number): number;
export function flopsAtK(cost: ProblemCost | null, k: number): number | null;
export function flopsAtK(cost: ProblemCost | null, k: number): number | null {
  return cost === null ? null : cost.shared + k * cost.perSample;
}

/** Total FLOPs of the samples actually drawn (n_i samples per problem). */
export function flopsOfRun(costs: readonly ProblemCost[], samplesPerProblem: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < costs.length; i++) total += flopsAtK(costs[i]!, samplesPerProblem[i]!);
  return total;
}
