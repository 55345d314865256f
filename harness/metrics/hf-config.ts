/**
 * Architecture facts from a HuggingFace `config.json` (llama, mistral, mixtral, qwen2/3,
 * qwen2-moe, gemma, phi3, gpt2, gpt-neox style keys). `architectureFromHfConfig` is pure (the
 * parsed JSON and a file name for errors); `readHfConfig` reads the file.
 */
import { readFile } from 'node:fs/promises';
import { PasskError } from '../../kernel/errors.js';
import { shapeArchitectureSchema, type ShapeArchitecture } from './architecture.js';

/** model_type values whose MLP is gated (gate, up, down projections). */
const GATED = new Set([
  'llama',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen3',
  'qwen2_moe',
  'qwen3_moe',
  'gemma',
  'gemma2',
  'phi3',
  'olmo',
  'olmo2',
  'deepseek',
  'internlm2',
  'granite',
  'smollm3',
]);
/** model_type values with a plain two-matrix MLP. */
const PLAIN = new Set(['gpt2', 'gpt_neox', 'gpt_bigcode', 'starcoder2', 'opt', 'codegen', 'gptj', 'falcon', 'phi', 'bloom']);
/** Families whose HF config class defaults tie_word_embeddings to true. */
const TIED_BY_DEFAULT = new Set(['gpt2', 'gpt_bigcode', 'gemma', 'gemma2', 'opt', 'bloom', 'falcon', 'codegen']);

type Json = Record<string, unknown>;

function pick(config: Json, keys: readonly string[], where: string, required: true): number;
function pick(config: Json, keys: readonly string[], where: string, required: false): number | undefined;
function pick(config: Json, keys: readonly string[], where: string, required: boolean): number | undefined {
  for (const key of keys) {
    const v = config[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new PasskError('E_CONFIG', `field "${key}" is ${JSON.stringify(v)}; expected a positive integer`, where);
    }
    return v;
  }
  if (required)
    throw new PasskError('E_CONFIG', `missing field ${keys.map((k) => `"${k}"`).join(' or ')} (expected a positive integer)`, where);
  return undefined;
}

/** Parses a config.json object into shape facts; `where` names the file in errors. */
export function architectureFromHfConfig(raw: unknown, where = 'config.json'): ShapeArchitecture {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PasskError('E_CONFIG', 'expected a JSON object (a HuggingFace config.json)', where);
  }
  // Some configs nest the language model (multimodal wrappers).
  const config = (
    typeof (raw as Json).text_config === 'object' && (raw as Json).text_config !== null ? (raw as Json).text_config : raw
  ) as Json;
  const modelType = typeof config.model_type === 'string' ? config.model_type : (raw as Json).model_type;
  if (typeof modelType !== 'string') throw new PasskError('E_CONFIG', 'missing field "model_type" (expected e.g. "llama", "gpt2")', where);
  const gated = GATED.has(modelType) ? true : PLAIN.has(modelType) ? false : null;
  if (gated === null) {
    throw new PasskError(
      'E_CONFIG',
      `model_type "${modelType}" is not one passk knows (llama, mistral, mixtral, qwen2, gpt2, ...); give the architecture as explicit numbers`,
      where,
    );
  }
  const d = pick(config, ['hidden_size', 'n_embd', 'd_model'], where, true);
  const nHeads = pick(config, ['num_attention_heads', 'n_head'], where, true);
  const dFfDefault = gated ? undefined : 4 * d; // gpt2's n_inner: null means 4 x n_embd
  const moeExperts = pick(config, ['num_local_experts', 'num_experts', 'n_routed_experts'], where, false);
  const moeWidth = pick(config, ['moe_intermediate_size'], where, false);
  const dFf = moeExperts && moeWidth ? moeWidth : (pick(config, ['intermediate_size', 'n_inner', 'ffn_dim'], where, false) ?? dFfDefault);
  if (dFf === undefined) throw new PasskError('E_CONFIG', 'missing field "intermediate_size" (expected a positive integer)', where);
  const tiedField = config.tie_word_embeddings ?? (raw as Json).tie_word_embeddings;
  if (tiedField !== undefined && typeof tiedField !== 'boolean') {
    throw new PasskError('E_CONFIG', `field "tie_word_embeddings" is ${JSON.stringify(tiedField)}; expected true or false`, where);
  }
  const arch: ShapeArchitecture = {
    layers: pick(config, ['num_hidden_layers', 'n_layer', 'num_layers'], where, true),
    d_model: d,
    n_heads: nHeads,
    n_kv_heads: pick(config, ['num_key_value_heads', 'num_kv_heads'], where, false) ?? (config.multi_query === true ? 1 : undefined),
    head_dim: pick(config, ['head_dim'], where, false),
    d_ff: dFf,
    mlp: gated ? 'gated' : 'plain',
    vocab_size: pick(config, ['vocab_size'], where, true),
    tied_embeddings: typeof tiedField === 'boolean' ? tiedField : TIED_BY_DEFAULT.has(modelType),
    n_ctx: pick(config, ['max_position_embeddings', 'n_positions', 'n_ctx'], where, false),
    source: `${where} (${modelType})`,
  };
  if (moeExperts) {
    const perToken = pick(config, ['num_experts_per_tok', 'num_experts_per_token', 'moe_topk'], where, true);
    const shared = pick(config, ['shared_expert_intermediate_size'], where, false);
    arch.moe = { experts: moeExperts, experts_per_token: perToken, ...(shared ? { shared_d_ff: shared } : {}) };
  }
  if (arch.head_dim === undefined && d % nHeads !== 0) {
    throw new PasskError('E_CONFIG', `hidden size ${d} is not divisible by ${nHeads} heads and there is no "head_dim"`, where);
  }
  for (const key of Object.keys(arch) as Array<keyof ShapeArchitecture>) if (arch[key] === undefined) delete arch[key];
  return shapeArchitectureSchema.parse(arch);
}

export async function readHfConfig(path: string): Promise<ShapeArchitecture> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PasskError('E_INPUT', `cannot read: ${(err as Error).message}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PasskError('E_INPUT', `not valid JSON: ${(err as Error).message}`, path);
  }
  return architectureFromHfConfig(json, path);
}
