/**
 * Acceptance: with 10% of requests failing (mixed 429, 500, connection resets and bodies
 * cut off), a run completes with no sample lost and none duplicated, and every record holds
 * what the server sent for that sample's seed (completion, token counts) and the verdict
 * its program deserves. One sample per request makes many requests, so every fault kind
 * happens several times (the double draws its faults from a seeded sequence).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark, type LoadedBenchmark } from '../../benchmarks/registry.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { executeRun } from '../../harness/run/runner.js';
import { readSamples } from '../../harness/store/run-files.js';
import { sampleKey } from '../../harness/store/records.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { emittedKey, startVllmDouble, type VllmDouble } from '../support/vllm-double.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = datasetPath('HumanEval.jsonl.gz');
const TASKS = 8;
const N = 8;
let bench: LoadedBenchmark;
let faulty: VllmDouble;
const dir = mkdtempSync(join(tmpdir(), 'passk-faults-'));

beforeAll(async () => {
  bench = await loadBenchmark('humaneval', { data: DATA });
  faulty = await startVllmDouble({
    models: ['org/tiny-base', 'org/tiny-lintseq'],
    respond: benchmarkResponder(bench.tasks),
    faults: { rate: 0.1, kinds: ['429', '500', 'reset', 'truncated'], seed: 5 },
  });
});
afterAll(() => faulty.close());

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('passk run against a server failing 10% of requests', () => {
  it('completes with no lost and no duplicated samples, each holding what the server sent', async () => {
    const out = join(dir, 'run');
    const spec = runConfigSchema.parse({
      benchmark: 'humaneval',
      data: DATA,
      limit: TASKS,
      models: [
        { name: 'base', endpoints: [faulty.url], model: 'org/tiny-base', format: 'baseline', n_per_request: 1 },
        {
          name: 'lintseq',
          endpoints: [faulty.url],
          model: 'org/tiny-lintseq',
          format: 'editseq',
          stop: ['<|endoftext|>'],
          n_per_request: 1,
        },
      ],
      sampling: { temperature: [0.2, 0.8] },
      n: N,
      seed: 3,
      bootstrap: 100,
      execution: { executor: 'forkserver', jobs: 2, cache_dir: join(dir, 'cache') },
      client: { concurrency: 4, retries: 10 },
      out,
    });
    const { result } = await executeRun(await describeRun(spec));
    expect(result!.manifest.status).toBe('complete');

    for (const kind of ['429', '500', 'reset', 'truncated']) expect(faulty.stats.faults[kind], kind).toBeGreaterThan(0);
    const failed = Object.values(faulty.stats.faults).reduce((a, b) => a + b, 0);
    expect(failed / faulty.requests.length).toBeGreaterThan(0.05);

    const { samples, duplicates } = await readSamples(out);
    expect(duplicates).toBe(0);
    const expected = new Set<string>();
    for (const model of ['base', 'lintseq'])
      for (const config of ['t0.2-p0.95', 't0.8-p0.95'])
        for (const t of bench.tasks.slice(0, TASKS))
          for (let i = 0; i < N; i++) expected.add(sampleKey({ model, config, task_id: t.id, index: i }));
    expect(new Set(samples.map(sampleKey))).toEqual(expected);
    expect(samples).toHaveLength(expected.size);

    const byId = new Map(bench.tasks.map((t) => [t.id, t]));
    const wrong: string[] = [];
    for (const s of samples) {
      const task = byId.get(s.task_id)!;
      const sent = faulty.emitted.get(
        emittedKey(
          s.model === 'base' ? 'org/tiny-base' : 'org/tiny-lintseq',
          s.model === 'base' ? task.prompt : `${task.prompt}\n<|diff|>`,
          s.seed,
          s.config.startsWith('t0.2') ? 0.2 : 0.8,
        ),
      );
      if (!sent || sent.text !== s.completion || sent.completionTokens !== s.completion_tokens || sent.promptTokens !== s.prompt_tokens)
        wrong.push(`${sampleKey(s)}: not what the server sent`);
      const good = s.model === 'base' ? s.completion === task.canonicalSolution : !s.completion!.includes('(*args):\n+    return None');
      if (good !== (s.verdict === 'passed')) wrong.push(`${sampleKey(s)}: ${s.verdict} for a ${good ? 'canonical' : 'wrong'} program`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
