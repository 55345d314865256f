/**
 * Acceptance, end to end against the vLLM double: a 2-model x 2-config sweep on all of
 * HumanEval with n = 20 (13,120 samples) through the real pipeline (spec -> samplers over
 * loopback HTTP -> rebuild -> Python sandbox -> run folder). Every (model, config, task,
 * index) appears exactly once, with the completion and token counts the server sent, and
 * the verdict its program deserves. The double answers with canonical programs, wrong ones
 * or nothing, and the execution cache runs each distinct program once (about 370 of the
 * 13,120), so execution stays cheap.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark, type LoadedBenchmark } from '../../benchmarks/registry.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { executeRun } from '../../harness/run/runner.js';
import { readManifest, readSamples, readSummary } from '../../harness/store/run-files.js';
import { sampleKey } from '../../harness/store/records.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { emittedKey, startVllmDouble, type VllmDouble } from '../support/vllm-double.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = datasetPath('HumanEval.jsonl.gz');
let bench: LoadedBenchmark;
let double: VllmDouble;

beforeAll(async () => {
  bench = await loadBenchmark('humaneval', { data: DATA });
  double = await startVllmDouble({
    models: ['org/tiny-base', 'org/tiny-lintseq'],
    respond: benchmarkResponder(bench.tasks, { wrong: 'mixed' }),
  });
});
afterAll(() => double.close());

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('passk run: a 2-model x 2-config sweep on HumanEval, n = 20', () => {
  it('records every sample exactly once, with what the server sent and the right verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passk-sweep-'));
    const spec = runConfigSchema.parse({
      benchmark: 'humaneval',
      data: DATA,
      models: [
        { name: 'base', endpoints: [double.url], model: 'org/tiny-base', format: 'baseline' },
        { name: 'lintseq', endpoints: double.url, model: 'org/tiny-lintseq', format: 'editseq', stop: ['<|endoftext|>'] },
      ],
      sampling: { temperature: [0.2, 0.8], top_p: 0.95 },
      n: 20,
      ks: [1, 10],
      seed: 11,
      bootstrap: 200,
      execution: { executor: 'forkserver', jobs: 2, cache_dir: join(dir, 'cache') },
      out: join(dir, 'run'),
    });
    const { result } = await executeRun(await describeRun(spec));
    expect(result?.faults).toEqual([]);

    const out = join(dir, 'run');
    const lines = readFileSync(join(out, 'samples.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(164 * 2 * 2 * 20);
    const { samples, duplicates } = await readSamples(out);
    expect(duplicates).toBe(0);
    const expected = new Set<string>();
    for (const model of ['base', 'lintseq'])
      for (const config of ['t0.2-p0.95', 't0.8-p0.95'])
        for (const t of bench.tasks) for (let i = 0; i < 20; i++) expected.add(sampleKey({ model, config, task_id: t.id, index: i }));
    expect(new Set(samples.map(sampleKey))).toEqual(expected);

    const byId = new Map(bench.tasks.map((t) => [t.id, t]));
    const mismatches: string[] = [];
    for (const s of samples) {
      const task = byId.get(s.task_id)!;
      const served = s.model === 'base' ? 'org/tiny-base' : 'org/tiny-lintseq';
      const prompt = s.model === 'base' ? task.prompt : `${task.prompt}\n<|diff|>`;
      const sent = double.emitted.get(emittedKey(served, prompt, s.seed, s.config.startsWith('t0.2') ? 0.2 : 0.8));
      if (
        !sent ||
        sent.text !== s.completion ||
        sent.completionTokens !== s.completion_tokens ||
        sent.promptTokens !== s.prompt_tokens ||
        s.token_source !== 'logprobs'
      ) {
        mismatches.push(
          `${sampleKey(s)}: recorded ${s.completion_tokens}/${s.prompt_tokens} (${s.token_source}), sent ${sent?.completionTokens}/${sent?.promptTokens}`,
        );
      }
      // The double answers the canonical solution (passes), a wrong program (fails) or nothing
      // (empty), unless max_tokens cut it off (long programs written as edits).
      if (s.finish_reason === 'length') continue;
      const empty = s.model === 'base' ? s.completion === '' : !s.completion!.includes('@@');
      const good =
        !empty && (s.model === 'base' ? s.completion === task.canonicalSolution : !s.completion!.includes('(*args):\n+    return None'));
      const expected = empty ? 'empty' : good ? 'passed' : 'not passed';
      if (expected !== (s.verdict === 'passed' || s.verdict === 'empty' ? s.verdict : 'not passed'))
        mismatches.push(`${sampleKey(s)}: verdict ${s.verdict} (${s.detail}), expected ${expected}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);

    const summary = (await readSummary(out))!;
    expect(summary.groups.map((g) => `${g.model} ${g.config} ${g.samples}`).sort()).toEqual([
      'base t0.2-p0.95 3280',
      'base t0.8-p0.95 3280',
      'lintseq t0.2-p0.95 3280',
      'lintseq t0.8-p0.95 3280',
    ]);
    expect(summary.complete).toBe(true);
    const manifest = await readManifest(out);
    expect(manifest.status).toBe('complete');
    expect(manifest.models.map((m) => m.name)).toEqual(['base', 'lintseq']);
    // Passing, failing and empty samples all happened.
    const verdicts = new Set(samples.map((s) => s.verdict));
    for (const v of ['passed', 'failed', 'empty'] as const) expect(verdicts).toContain(v);
  }, 600_000);
});
