/**
 * Acceptance: with 10% of requests failing (mixed 429, 500, connection resets and bodies
 * cut off), a run completes with no sample lost and none duplicated, and its records equal
 * those of a run against a server that never fails (keys, completions, token counts,
 * verdicts). Small requests (n_per_request 2) make many requests, so every fault kind
 * happens several times.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark, type LoadedBenchmark } from '../../benchmarks/registry.js';
import { runFromSpec } from '../../harness/cli/run-from-spec.js';
import { readSamples } from '../../harness/store/run-files.js';
import { sampleKey, type SampleRecord } from '../../harness/store/records.js';
import { runSpecSchema } from '../../harness/spec/schema.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const DATA = '../shared/datasets/HumanEval.jsonl.gz';
const TASKS = 16;
const N = 10;
let bench: LoadedBenchmark;
let clean: VllmDouble;
let faulty: VllmDouble;
const dir = mkdtempSync(join(tmpdir(), 'passk-faults-'));

beforeAll(async () => {
  bench = await loadBenchmark('humaneval', { data: DATA });
  const respond = benchmarkResponder(bench.tasks);
  const models = ['org/tiny-base', 'org/tiny-lintseq'];
  clean = await startVllmDouble({ models, respond });
  faulty = await startVllmDouble({ models, respond, faults: { rate: 0.1, kinds: ['429', '500', 'reset', 'truncated'], seed: 5 } });
});
afterAll(async () => {
  await clean.close();
  await faulty.close();
});

function spec(url: string, out: string) {
  return runSpecSchema.parse({
    benchmark: 'humaneval',
    data: DATA,
    limit: TASKS,
    models: [
      { name: 'base', endpoints: [url], model: 'org/tiny-base', format: 'baseline', n_per_request: 2 },
      { name: 'lintseq', endpoints: [url], model: 'org/tiny-lintseq', format: 'editseq', stop: ['<|endoftext|>'], n_per_request: 2 },
    ],
    sampling: { temperature: [0.2, 0.8] },
    n: N,
    seed: 3,
    bootstrap: 100,
    execution: { executor: 'forkserver', jobs: 2, cache_dir: join(dir, 'cache') },
    client: { concurrency: 4, retries: 10 },
    out,
  });
}

const essence = (s: SampleRecord) => ({ key: sampleKey(s), completion: s.completion, prompt_tokens: s.prompt_tokens, completion_tokens: s.completion_tokens, seed: s.seed, verdict: s.verdict });

describe('passk run against a server failing 10% of requests', () => {
  it('completes with no lost and no duplicated samples, equal to a fault-free run', async () => {
    const quiet = { progress: 'off' as const, log: () => {} };
    await runFromSpec(spec(clean.url, join(dir, 'clean')), quiet);
    const { result } = await runFromSpec(spec(faulty.url, join(dir, 'faulty')), quiet);
    expect(result!.manifest.status).toBe('complete');

    for (const kind of ['429', '500', 'reset', 'truncated']) expect(faulty.stats.faults[kind], kind).toBeGreaterThan(0);
    const failed = Object.values(faulty.stats.faults).reduce((a, b) => a + b, 0);
    expect(failed / faulty.requests.length).toBeGreaterThan(0.05);

    const a = await readSamples(join(dir, 'clean'));
    const b = await readSamples(join(dir, 'faulty'));
    expect(b.duplicates).toBe(0);
    expect(b.samples).toHaveLength(TASKS * 2 * 2 * N);
    const sort = (list: SampleRecord[]) => list.map(essence).sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(sort(b.samples)).toEqual(sort(a.samples));
  });
});
