import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PasskError } from '../../kernel/errors.js';
import { architectureFacts, architectureSchema, type ShapeArchitecture } from '../../harness/metrics/architecture.js';
import { decodeFlops, flopsAtK, flopsOfRun, flopsPerSample, prefillFlops, problemCost } from '../../harness/metrics/flops.js';
import { architectureFromHfConfig } from '../../harness/metrics/hf-config.js';
import { analyzeRuns } from '../../harness/analysis/analyze-runs.js';
import { readRun } from '../../harness/store/run-files.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

// Small shapes whose parameter counts are worked out by hand in the comments.
const dense: ShapeArchitecture = { layers: 2, d_model: 8, n_heads: 2, d_ff: 32, mlp: 'plain', vocab_size: 10, tied_embeddings: true };
// attention per layer: Q, K, V, O each 8x8 = 64 -> 256; MLP 2 x 8 x 32 = 512; layer 768; x2 = 1536;
// LM head 8 x 10 = 80 -> N_mm 1616; tied: params 1536 + 80 = 1616; untied: 1696.

const gqaSwiglu: ShapeArchitecture = {
  layers: 1,
  d_model: 8,
  n_heads: 4,
  n_kv_heads: 1,
  d_ff: 16,
  mlp: 'gated',
  vocab_size: 10,
  tied_embeddings: false,
};
// head_dim 2: Q 8x8 = 64, O 64, K 8x2 = 16, V 16 -> 160; SwiGLU 3 x 8 x 16 = 384; layer 544;
// N_mm 544 + 80 = 624; params 544 + 80 (embedding) + 80 (untied head) = 704.

const moe: ShapeArchitecture = {
  layers: 1,
  d_model: 4,
  n_heads: 1,
  d_ff: 8,
  mlp: 'gated',
  vocab_size: 5,
  tied_embeddings: true,
  moe: { experts: 4, experts_per_token: 2 },
};
// attention 4 x 16 = 64; one expert 3 x 4 x 8 = 96; router 4 x 4 = 16;
// active: 64 + 2 x 96 + 16 = 272, N_mm 272 + 20 = 292; stored: 64 + 4 x 96 + 16 + 20 = 484.

describe('parameter counts from shapes', () => {
  it('dense, tied and untied LM head', () => {
    const tied = architectureFacts(dense);
    expect(tied).toEqual({ layers: 2, d_attn: 8, n_mm: 1616, n_non_embedding: 1536, n_params_active: 1616, n_params_total: 1616 });
    const untied = architectureFacts({ ...dense, tied_embeddings: false });
    // Tying shares the table but the LM head matmul still runs: same N_mm, more stored parameters.
    expect(untied.n_mm).toBe(1616);
    expect(untied.n_params_active).toBe(1696);
  });

  it('GQA with a SwiGLU MLP', () => {
    expect(architectureFacts(gqaSwiglu)).toEqual({
      layers: 1,
      d_attn: 8,
      n_mm: 624,
      n_non_embedding: 544,
      n_params_active: 704,
      n_params_total: 704,
    });
  });

  it('MoE counts the active experts per token and stores all of them', () => {
    expect(architectureFacts(moe)).toEqual({
      layers: 1,
      d_attn: 4,
      n_mm: 292,
      n_non_embedding: 272,
      n_params_active: 292,
      n_params_total: 484,
    });
  });

  it('explicit numbers pass straight through', () => {
    const arch = architectureSchema.parse({ layers: 3, d_attn: 16, matmul_params: 1000 });
    expect(architectureFacts(arch)).toMatchObject({ layers: 3, d_attn: 16, n_mm: 1000, n_non_embedding: 1000 });
  });
});

describe('FLOPs per sample (hand computed for the dense shape, L=2, d_attn=8, N_mm=1616)', () => {
  it('prefill and decode', () => {
    // P=3: 2*1616*3 + 4*2*8*(1+2+3) = 9696 + 384
    expect(prefillFlops(dense, 3)).toBe(10080);
    // G=2 after P=3: 2*1616*2 + 64*(4+5) = 6464 + 576
    expect(decodeFlops(dense, 3, 2)).toBe(7040);
  });

  it('conventions', () => {
    const t = { prompt: 3, completion: 2 };
    expect(flopsPerSample(dense, t, { convention: 'kv-no-sharing' })).toBe(17120);
    expect(flopsPerSample(dense, t, { convention: 'kv-shared', sharedBy: 4 })).toBe(7040 + 10080 / 4);
    // kaplan: T=5 tokens x (2*1536 + 2*2*5*8) = 5 * 3232
    expect(flopsPerSample(dense, t, { convention: 'kaplan' })).toBe(16160);
    // 2N per generated token: 2 * 1616 * 2 (tied) and 2 * 1696 * 2 (untied)
    expect(flopsPerSample(dense, t, { convention: '2n-generated' })).toBe(6464);
    expect(flopsPerSample({ ...dense, tied_embeddings: false }, t, { convention: '2n-generated' })).toBe(6784);
  });

  it('a problem with two samples and the budget F(k)', () => {
    // G = 2 and 4 after P = 3: F_dec = 7040 and 2*1616*4 + 64*(12 + 10) = 14336.
    const cost = problemCost(dense, [
      { prompt: 3, completion: 2 },
      { prompt: 3, completion: 4 },
    ]);
    expect(cost).toEqual({ shared: 10080, perSample: (7040 + 14336) / 2 });
    expect(flopsAtK(cost, 2)).toBe(10080 + 7040 + 14336);
    const noShare = problemCost(
      dense,
      [
        { prompt: 3, completion: 2 },
        { prompt: 3, completion: 4 },
      ],
      'kv-no-sharing',
    );
    expect(flopsAtK(noShare, 2)).toBe(2 * 10080 + 7040 + 14336);
    expect(flopsAtK(null, 2)).toBeNull();
  });

  it('a run costs F(n_i) per problem', () => {
    const costArb = fc.record({ shared: fc.integer({ min: 0, max: 1e9 }), perSample: fc.integer({ min: 0, max: 1e9 }) });
    fc.assert(
      fc.property(fc.array(costArb, { maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), (costs, k) => {
        const each = costs.reduce((s, c) => s + flopsAtK(c, k), 0);
        expect(
          flopsOfRun(
            costs,
            costs.map(() => k),
          ),
        ).toBe(each);
        const summed = { shared: costs.reduce((s, c) => s + c.shared, 0), perSample: costs.reduce((s, c) => s + c.perSample, 0) };
        expect(flopsAtK(summed, k)).toBe(each);
      }),
      { numRuns: 60 },
    );
  });

  it('summing per-token costs over positions gives prefill + decode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (P, G) => {
        const f = architectureFacts(gqaSwiglu);
        let sum = 0;
        for (let t = 1; t <= P + G; t++) sum += 2 * f.n_mm + 4 * f.layers * f.d_attn * t;
        expect(prefillFlops(f, P) + decodeFlops(f, P, G)).toBe(sum);
      }),
      { numRuns: 60 },
    );
  });

  it('sharing the prefix saves exactly (k - 1) prefills, by the per-token formula', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 200 }), (gs, P) => {
        // Independently: every position t of the prompt costs 2*N_mm + 4*L*d_attn*t (moe: N_mm 292, L 1, d_attn 4).
        let prefill = 0;
        for (let t = 1; t <= P; t++) prefill += 2 * 292 + 4 * 1 * 4 * t;
        const samples = gs.map((g) => ({ prompt: P, completion: g }));
        const k = gs.length;
        const shared = flopsAtK(problemCost(moe, samples), k);
        const separate = flopsAtK(problemCost(moe, samples, 'kv-no-sharing'), k);
        expect(separate - shared).toBeCloseTo((k - 1) * prefill, 3);
      }),
      { numRuns: 60 },
    );
  });
});

describe('HuggingFace config.json', () => {
  it('Llama-2-7B: 6.74B parameters', () => {
    const arch = architectureFromHfConfig({
      model_type: 'llama',
      hidden_size: 4096,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      intermediate_size: 11008,
      vocab_size: 32000,
      max_position_embeddings: 4096,
      tie_word_embeddings: false,
      hidden_act: 'silu',
    });
    expect(arch.mlp).toBe('gated');
    // 32 x (4*4096^2 + 3*4096*11008) + 2 * 32000*4096
    expect(architectureFacts(arch).n_params_total).toBe(6738149376);
  });

  it('Mixtral-8x7B: 46.7B stored, 12.9B active', () => {
    const arch = architectureFromHfConfig({
      model_type: 'mixtral',
      hidden_size: 4096,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      intermediate_size: 14336,
      vocab_size: 32000,
      num_local_experts: 8,
      num_experts_per_tok: 2,
      tie_word_embeddings: false,
    });
    const f = architectureFacts(arch);
    expect(f.n_params_total).toBe(46702526464);
    expect(f.n_params_active).toBe(12879659008);
    expect(f.d_attn).toBe(4096);
  });

  it('GPT-2 small: plain MLP, n_inner null, tied by default (124M with the position table)', () => {
    const arch = architectureFromHfConfig({
      model_type: 'gpt2',
      n_layer: 12,
      n_embd: 768,
      n_head: 12,
      n_inner: null,
      vocab_size: 50257,
      n_positions: 1024,
    });
    expect(arch).toMatchObject({ mlp: 'plain', d_ff: 3072, tied_embeddings: true, n_ctx: 1024 });
    const f = architectureFacts(arch);
    expect(f.n_params_total).toBe(12 * (4 * 768 * 768 + 2 * 768 * 3072) + 50257 * 768);
    expect(Math.abs(f.n_params_total - 124_439_808) / 124_439_808).toBeLessThan(0.01);
  });

  it('Qwen2 (0.5B) with tied embeddings', () => {
    const arch = architectureFromHfConfig({
      model_type: 'qwen2',
      hidden_size: 896,
      num_hidden_layers: 24,
      num_attention_heads: 14,
      num_key_value_heads: 2,
      intermediate_size: 4864,
      vocab_size: 151936,
      tie_word_embeddings: true,
    });
    expect(arch).toMatchObject({ n_kv_heads: 2, tied_embeddings: true });
    // Qwen2-0.5B is quoted as 0.49B parameters (biases and norms add ~0.1%).
    expect(architectureFacts(arch).n_params_total / 0.494e9).toBeCloseTo(1, 1);
  });

  it('an explicit head_dim that is not hidden_size / heads (Gemma-7B: 16 heads of 256 over a hidden size of 3072)', () => {
    const arch = architectureFromHfConfig({
      model_type: 'llama',
      hidden_size: 3072,
      num_hidden_layers: 28,
      num_attention_heads: 16,
      num_key_value_heads: 16,
      head_dim: 256,
      intermediate_size: 24576,
      vocab_size: 256000,
      tie_word_embeddings: true,
      hidden_act: 'gelu',
    });
    const f = architectureFacts(arch);
    // Q, K, V: 3072 x 4096 each, O: 4096 x 3072; gated MLP 3 x 3072 x 24576; one tied 256000 x 3072 table.
    const layer = 4 * 3072 * 4096 + 3 * 3072 * 24576;
    expect(f.d_attn).toBe(4096);
    expect(f.n_params_total).toBe(28 * layer + 256000 * 3072);
    // Gemma-7B is quoted as 8.54B parameters.
    expect(f.n_params_total / 8.54e9).toBeCloseTo(1, 1);
  });

  it('bad configs name the field and what was expected', () => {
    expect(() => architectureFromHfConfig({ model_type: 'llama', hidden_size: 64 }, 'm/config.json')).toThrow(
      /m\/config.json: missing field "num_attention_heads"/,
    );
    expect(() => architectureFromHfConfig({ model_type: 'llama', hidden_size: '64' }, 'c.json')).toThrow(PasskError);
    expect(() => architectureFromHfConfig({ model_type: 'bert' }, 'c.json')).toThrow(/model_type "bert"/);
  });
});

describe('F(k) as the analysis reports it (the production path: run folder, token counts, architecture)', () => {
  it('equals the per-token formula summed over problems: one shared prompt each, then k completions at the mean decode cost', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'passk-flops-')), 'run');
    const prompt = (t: number) => 5 + t;
    const completion = (t: number, i: number) => 3 + ((t + 2 * i) % 7);
    writeSyntheticRun({
      dir,
      groups: [
        {
          model: 'm',
          config: 'c',
          outcomes: [0, 1, 2].map((t) => [0, 1, 2, 3].map((i) => (t + i) % 2 === 0)),
          promptTokens: prompt,
          completionTokens: completion,
        },
      ],
      models: [{ name: 'm', format: 'completion', architecture: { layers: 2, d_attn: 8, matmul_params: 1616 } }],
    });
    const { analysis } = analyzeRuns([await readRun(dir)], {
      convention: 'kv-shared',
      bootstrap: { replicates: 50, seed: 0, level: 0.95 },
      extrapolate: 1,
    });
    const token = (t: number) => 2 * 1616 + 4 * 2 * 8 * t;
    const expected = (k: number) => {
      let total = 0;
      for (const t of [0, 1, 2]) {
        let pre = 0;
        for (let pos = 1; pos <= prompt(t); pos++) pre += token(pos);
        let dec = 0;
        for (const i of [0, 1, 2, 3]) for (let pos = prompt(t) + 1; pos <= prompt(t) + completion(t, i); pos++) dec += token(pos);
        total += pre + (k * dec) / 4;
      }
      return total;
    };
    const points = analysis.groups[0]!.points;
    expect(points.map((p) => p.k)).toEqual([1, 2, 3, 4]);
    for (const p of points) expect(p.flops).toBeCloseTo(expected(p.k), 6);
    rmSync(dir, { recursive: true, force: true });
  });
});
