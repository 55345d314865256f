/**
 * Architecture facts for FLOPs counting (docs/formulas.md section 3): a zod schema that a run config
 * and a manifest's `models[].architecture` share, and the parameter counts derived from
 * real weight shapes (GQA key/value heads, gated MLPs, MoE experts actually used per
 * token, tied or untied LM head). Pure.
 *
 * Counted: the matmul weights (attention Q/K/V/O, MLP, MoE router, LM head) and the token
 * embedding table. Norms, biases and learned position tables are ignored (well under 1%).
 */
import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** A transformer described by its shapes (what a HuggingFace config.json gives). */
export const shapeArchitectureSchema = z
  .object({
    layers: positiveInt,
    d_model: positiveInt,
    n_heads: positiveInt,
    /** Key/value heads (GQA/MQA); defaults to n_heads. */
    n_kv_heads: positiveInt.optional(),
    /** Defaults to d_model / n_heads. */
    head_dim: positiveInt.optional(),
    /** MLP hidden width (per expert for MoE). */
    d_ff: positiveInt,
    /** gated = SwiGLU/GeGLU (gate, up, down: 3 matrices); plain = up, down (2 matrices). */
    mlp: z.enum(['gated', 'plain']),
    vocab_size: positiveInt,
    /** Tied input embedding and LM head: one table in the parameter count, the LM head matmul still runs. */
    tied_embeddings: z.boolean(),
    moe: z
      .object({
        experts: positiveInt,
        experts_per_token: positiveInt,
        /** Width of an always-active shared expert (Qwen-MoE style), if any. */
        shared_d_ff: positiveInt.optional(),
      })
      .optional(),
    /** Context window, informational. */
    n_ctx: positiveInt.optional(),
    /** Where these facts came from, e.g. "config.json (llama)". */
    source: z.string().optional(),
  })
  .strict();

/** A model described by the numbers FLOPs need directly. */
const countedArchitectureSchema = z
  .object({
    layers: positiveInt,
    /** Query heads x head dim. */
    d_attn: positiveInt,
    /** Matmul parameters used per token, LM head included (active ones for MoE). */
    matmul_params: positiveInt,
    /** Non-embedding parameters (Kaplan's N); defaults to matmul_params. */
    non_embedding_params: positiveInt.optional(),
    /** Parameters as usually quoted (embeddings included, active for MoE); defaults to matmul_params. */
    params: positiveInt.optional(),
    n_ctx: positiveInt.optional(),
    source: z.string().optional(),
  })
  .strict();

export const architectureSchema = z.union([shapeArchitectureSchema, countedArchitectureSchema]);
export type ShapeArchitecture = z.infer<typeof shapeArchitectureSchema>;
type CountedArchitecture = z.infer<typeof countedArchitectureSchema>;
export type Architecture = z.infer<typeof architectureSchema>;

/** What the FLOPs formulas need. */
export interface ArchitectureFacts {
  layers: number;
  d_attn: number;
  /** N_mm: matmul parameters per token including the LM head (active experts only). */
  n_mm: number;
  /** Kaplan's N: non-embedding parameters per token (active experts only). */
  n_non_embedding: number;
  /** Parameters per token as usually quoted: embedding table once, active experts only. */
  n_params_active: number;
  /** All parameters stored (every expert). */
  n_params_total: number;
}

function isCounted(arch: Architecture): arch is CountedArchitecture {
  return 'matmul_params' in arch;
}

function headDim(arch: ShapeArchitecture): number {
  if (arch.head_dim !== undefined) return arch.head_dim;
  if (arch.d_model % arch.n_heads !== 0) {
    throw new RangeError(`d_model ${arch.d_model} is not divisible by n_heads ${arch.n_heads}; give head_dim`);
  }
  return arch.d_model / arch.n_heads;
}

export function architectureFacts(arch: Architecture): ArchitectureFacts {
  if (isCounted(arch)) {
    return {
      layers: arch.layers,
      d_attn: arch.d_attn,
      n_mm: arch.matmul_params,
      n_non_embedding: arch.non_embedding_params ?? arch.matmul_params,
      n_params_active: arch.params ?? arch.matmul_params,
      n_params_total: arch.params ?? arch.matmul_params,
    };
  }
  const hd = headDim(arch);
  const dAttn = arch.n_heads * hd;
  const dKv = (arch.n_kv_heads ?? arch.n_heads) * hd;
  const d = arch.d_model;
  // Q and O are d x d_attn; K and V are d x (kv heads x head dim).
  const attention = 2 * d * dAttn + 2 * d * dKv;
  const mlpOne = (arch.mlp === 'gated' ? 3 : 2) * d * arch.d_ff;
  let mlpActive = mlpOne;
  let mlpStored = mlpOne;
  if (arch.moe) {
    const router = d * arch.moe.experts;
    const shared = arch.moe.shared_d_ff ? (arch.mlp === 'gated' ? 3 : 2) * d * arch.moe.shared_d_ff : 0;
    mlpActive = arch.moe.experts_per_token * mlpOne + router + shared;
    mlpStored = arch.moe.experts * mlpOne + router + shared;
  }
  const lmHead = d * arch.vocab_size;
  const embedding = d * arch.vocab_size;
  const nonEmbeddingActive = arch.layers * (attention + mlpActive);
  const nonEmbeddingStored = arch.layers * (attention + mlpStored);
  const untiedHead = arch.tied_embeddings ? 0 : lmHead;
  return {
    layers: arch.layers,
    d_attn: dAttn,
    // The LM head matmul runs whether or not its weights are tied to the embedding.
    n_mm: nonEmbeddingActive + lmHead,
    n_non_embedding: nonEmbeddingActive,
    n_params_active: nonEmbeddingActive + embedding + untiedHead,
    n_params_total: nonEmbeddingStored + embedding + untiedHead,
  };
}
