/**
 * Static shards against the vLLM double: a run split three ways (`--shard I/3`) and joined by
 * `passk merge` equals the unsharded run task by task and summary for summary; a missing
 * shard, a shard given twice and a shard of a run with other settings are each refused, by
 * name. Real sampling over loopback HTTP, real sandboxes, real run folders.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { PasskError } from '../../kernel/errors.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { executeRun } from '../../harness/run/runner.js';
import { shardTasks } from '../../harness/shard/shard.js';
import { mergeShards } from '../../harness/shard/merge-shards.js';
import { readManifest, readSamples, readSummary } from '../../harness/store/run-files.js';
import { sampleKey, type SampleRecord } from '../../harness/store/records.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const dir = mkdtempSync(join(tmpdir(), 'passk-shards-'));
let double: VllmDouble;

beforeAll(async () => {
  const { tasks } = await loadBenchmark('builtin', {});
  double = await startVllmDouble({ models: ['org/tiny'], respond: benchmarkResponder(tasks, { wrong: 'program' }) });
});
afterAll(() => double.close());

const config = (out: string, extra: Record<string, unknown> = {}) =>
  runConfigSchema.parse({
    benchmark: 'builtin',
    limit: 10,
    models: [{ name: 'tiny', endpoints: [double.url], model: 'org/tiny', format: 'baseline' }],
    sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 256 },
    n: 4,
    seed: 5,
    bootstrap: 200,
    execution: { jobs: 2, reference_cache: 'off' },
    out,
    ...extra,
  });
const run = async (out: string, extra: Record<string, unknown> = {}) => {
  const { result } = await executeRun(await describeRun(config(out, extra)));
  expect(result?.faults).toEqual([]);
  return result!;
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => new Error('the merge did not fail'),
    (e: unknown) => e as Error,
  );
const byKey = (samples: readonly SampleRecord[]) =>
  Object.fromEntries(samples.map((s) => [sampleKey(s), [s.completion, s.program_sha256, s.verdict, s.prompt_tokens, s.completion_tokens]]));

describe('shards', () => {
  it('splits by task, balanced, every task in exactly one shard', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const parts = [0, 1, 2].map((index) => shardTasks(ids, { index, count: 3 }));
    expect(parts.map((p) => p.length)).toEqual([4, 3, 3]);
    expect(parts.flat().sort()).toEqual([...ids].sort());
  });

  it('3 shards merged equal the unsharded run task by task; missing, duplicated and foreign shards are refused by name', async () => {
    const whole = join(dir, 'whole');
    await run(whole);
    const shards = [0, 1, 2].map((i) => join(dir, `shard${i}`));
    for (const [i, out] of shards.entries()) {
      const result = await run(out, { shard: `${i}/3` });
      expect(result.summary.complete).toBe(true);
      const manifest = await readManifest(out);
      expect(manifest.shard?.index).toBe(i);
      expect(manifest.shard?.all_tasks).toHaveLength(10);
      expect(manifest.identity).toEqual((await readManifest(whole)).identity);
    }

    const merged = join(dir, 'merged');
    const { samples } = await mergeShards(shards.slice().reverse(), merged);
    expect(samples).toBe(40);
    const [a, b] = [await readSamples(whole), await readSamples(merged)];
    expect(byKey(b.samples)).toEqual(byKey(a.samples));
    expect(await readSummary(merged)).toEqual(await readSummary(whole));
    const manifest = await readManifest(merged);
    expect(manifest.shard).toBeUndefined();
    expect(manifest.merged_from?.map((m) => m.index)).toEqual([0, 1, 2]);
    expect(manifest.benchmark.tasks).toBe(10);

    // A missing shard.
    const missing = await refusal(mergeShards([shards[0]!, shards[2]!], join(dir, 'm-missing')));
    expect(missing).toBeInstanceOf(PasskError);
    expect(missing.message).toMatch(/missing shard 1\/3/);
    // The same shard twice (a copy of shard 1 in another folder).
    const twin = join(dir, 'shard1-copy');
    cpSync(shards[1]!, twin, { recursive: true });
    const duplicated = await refusal(mergeShards([...shards, twin], join(dir, 'm-dup')));
    expect(duplicated.message).toContain(`${shards[1]} and ${twin} are both shard 1/3`);
    // A shard of a run with another seed.
    const foreign = join(dir, 'shard2-seed6');
    await run(foreign, { shard: '2/3', seed: 6 });
    const other = await refusal(mergeShards([shards[0]!, shards[1]!, foreign], join(dir, 'm-foreign')));
    expect(other).toBeInstanceOf(PasskError);
    expect(other.message).toContain(foreign);
    expect(other.message).toMatch(/settings differ \(seed/);
    // A whole run is not a shard.
    const notShard = await refusal(mergeShards([whole, shards[1]!, shards[2]!], join(dir, 'm-whole')));
    expect(notShard.message).toContain(`${whole}: not a shard`);
  }, 300_000);

  it('refuses an impossible shard and resuming a shard folder as another shard', async () => {
    await expect(describeRun(config(join(dir, 'bad'), { shard: '3/3' }))).rejects.toThrow(/shards count from 0/);
    const out = join(dir, 'resume-other');
    await run(out, { shard: '0/3', n: 1 });
    await expect(executeRun(await describeRun(config(out, { shard: '1/3', n: 1 })))).rejects.toThrow(
      /holds shard 0\/3 .* this is shard 1\/3/,
    );
  }, 120_000);
});
