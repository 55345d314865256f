/**
 * The seed each sample really gets, read back from samples.jsonl after a run against the
 * vLLM test double: sample i of (run seed, model, config, task) is seeded base + i, with
 * the base the FNV-1a hash of the four (computed here from the FNV-1a definition) masked
 * to 30 bits, whether the sample was requested alone (n_per_request 1) or in a batch of n
 * (one request whose seed is the base, as vLLM seeds choice i with seed + i).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../kernel/errors.js';
import { passk } from '../support/cli.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-seeds-'));
let double: VllmDouble;
beforeAll(async () => {
  double = await startVllmDouble({ models: ['org/m'] });
});
afterAll(async () => {
  await double.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** FNV-1a, 32 bits: offset basis 2166136261, prime 16777619, over each part followed by a NUL. */
function fnv1a(parts: Array<string | number>): number {
  let h = 2166136261;
  for (const c of parts.map((p) => `${p}\u0000`).join('')) {
    h ^= c.charCodeAt(0);
    h = Number((BigInt(h) * 16777619n) % 4294967296n);
  }
  return h;
}

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('per-sample seeds as recorded', () => {
  async function run(
    name: string,
    perRequest: number | null,
  ): Promise<Array<{ task_id: string; index: number; config: string; seed: number }>> {
    const out = join(tmp, name);
    const spec = join(tmp, `${name}.json`);
    const model = {
      name: 'm',
      endpoints: [double.url],
      model: 'org/m',
      format: 'baseline',
      ...(perRequest ? { n_per_request: perRequest } : {}),
    };
    writeFileSync(
      spec,
      JSON.stringify({
        benchmark: 'humaneval',
        data: datasetPath('HumanEval.jsonl.gz'),
        limit: 2,
        n: 4,
        seed: 21,
        models: [model],
        sampling: { temperature: 0.8 },
        out,
      }),
    );
    const r = await passk(['run', spec, '--progress', 'off']);
    expect(r.exitCode, r.stderr).toBe(EXIT.ok);
    return readFileSync(join(out, 'samples.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { task_id: string; index: number; config: string; seed: number });
  }

  it('alone and in a batch, sample i gets base + i', async () => {
    const before = double.requests.length;
    const alone = await run('alone', 1);
    const aloneRequests = double.requests.length - before;
    const batched = await run('batched', null);
    const batchRequests = double.requests.slice(before + aloneRequests);
    for (const samples of [alone, batched]) {
      expect(samples).toHaveLength(8);
      for (const s of samples)
        expect(s.seed, `${s.task_id}#${s.index}`).toBe((fnv1a([21, 'm', s.config, s.task_id]) & 0x3fffffff) + s.index);
    }
    const key = (s: { task_id: string; index: number; seed: number }) => `${s.task_id}#${s.index}:${s.seed}`;
    expect(alone.map(key).sort()).toEqual(batched.map(key).sort());
    // One request per sample alone; one per task in a batch, sent with the task's base seed.
    expect(aloneRequests).toBe(8);
    expect(batchRequests).toHaveLength(2);
    const bases = new Set(batched.filter((s) => s.index === 0).map((s) => s.seed));
    for (const r of batchRequests) {
      expect(r.body).toMatchObject({ n: 4 });
      expect(bases.has((r.body as { seed: number }).seed)).toBe(true);
    }
  });
});
