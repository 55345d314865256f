/**
 * Ctrl-C (the interrupt signal), replay and the oracle: an interrupted run stops
 * generating, records what it has, says it was interrupted, and the same spec finishes
 * it; a replay model runs a sample file through the same pipeline (a file short of n
 * samples fails before the run starts), and so does the LintSeq oracle.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark, type LoadedBenchmark } from '../../benchmarks/registry.js';
import { PasskError } from '../../kernel/errors.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { executeRun } from '../../harness/run/runner.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { readManifest, readSamples } from '../../harness/store/run-files.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = datasetPath('HumanEval.jsonl.gz');
const dir = mkdtempSync(join(tmpdir(), 'passk-interrupt-'));
let bench: LoadedBenchmark;
let double: VllmDouble;

beforeAll(async () => {
  bench = await loadBenchmark('humaneval', { data: DATA });
  double = await startVllmDouble({ models: ['m'], respond: benchmarkResponder(bench.tasks), latencyMs: 20 });
});
afterAll(() => double.close());

const execution = { executor: 'forkserver', jobs: 2, cache_dir: join(dir, 'cache') };

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('interrupting and replaying', () => {
  it('an interrupted run records what it has and the same spec finishes it', async () => {
    const spec = runConfigSchema.parse({
      benchmark: 'humaneval',
      data: DATA,
      limit: 8,
      n: 6,
      seed: 2,
      bootstrap: 50,
      execution,
      models: [{ endpoints: [double.url], model: 'm', format: 'baseline', n_per_request: 1 }],
      client: { concurrency: 2, buffer: 8 },
      out: join(dir, 'run'),
    });
    const controller = new AbortController();
    let seen = 0;
    const first = describeRun(spec).then((run) => executeRun(run, { signal: controller.signal }));
    // Abort once a few samples are recorded (polling the file, as a user would watch progress).
    while (seen < 10) {
      await new Promise((r) => setTimeout(r, 20));
      seen = (await readSamples(join(dir, 'run'))).samples.length;
    }
    controller.abort();
    const { result } = await first;
    expect(result!.interrupted).toBe(true);
    expect((await readManifest(join(dir, 'run'))).status).toBe('interrupted');
    const partial = (await readSamples(join(dir, 'run'))).samples.length;
    expect(partial).toBeLessThan(48);

    const again = await executeRun(await describeRun(spec));
    expect(again.result!.recordedNow).toBe(48 - partial);
    expect(again.result!.manifest.status).toBe('complete');
    const complete = readFileSync(join(dir, 'run', 'samples.jsonl'), 'utf8');
    expect(complete.trimEnd().split('\n')).toHaveLength(48);

    // Raising n in the same folder adds samples and leaves the recorded ones as they are.
    const more = await executeRun(await describeRun({ ...spec, n: 8 }));
    expect(more.result!.recordedNow).toBe(16);
    expect(readFileSync(join(dir, 'run', 'samples.jsonl'), 'utf8').startsWith(complete)).toBe(true);
  });

  it('replays a sample file through the pipeline, and refuses one short of n', async () => {
    const tasks = bench.tasks.slice(0, 3);
    const file = join(dir, 'samples.jsonl');
    writeFileSync(
      file,
      tasks
        .flatMap((t) => [
          { task_id: t.id, completion: t.canonicalSolution },
          { task_id: t.id, completion: '    return None\n' },
        ])
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const spec = (n: number) =>
      runConfigSchema.parse({
        benchmark: 'humaneval',
        data: DATA,
        limit: 3,
        n,
        bootstrap: 50,
        execution,
        models: [{ name: 'saved', sampler: 'replay', samples: file, format: 'baseline' }],
        out: join(dir, `replay-${n}`),
      });
    await executeRun(await describeRun(spec(2)));
    const { samples } = await readSamples(join(dir, 'replay-2'));
    expect(samples.map((s) => `${s.task_id}#${s.index} ${s.verdict}`).sort()).toEqual(
      tasks.flatMap((t) => [`${t.id}#0 passed`, `${t.id}#1 failed`]).sort(),
    );
    const short = await executeRun(await describeRun(spec(3))).catch((e: unknown) => e);
    expect((short as PasskError).code).toBe('E_SAMPLES');
    expect((short as Error).message).toContain('has 2 samples in the file; the run asks for n=3');
  });

  it('runs the LintSeq oracle through the same pipeline: every edit sequence rebuilds to a passing program', async () => {
    const spec = runConfigSchema.parse({
      benchmark: 'humaneval',
      data: DATA,
      limit: 3,
      n: 2,
      bootstrap: 50,
      execution,
      models: [{ name: 'oracle', sampler: 'oracle', format: 'editseq' }],
      out: join(dir, 'oracle'),
    });
    await executeRun(await describeRun(spec));
    const { samples } = await readSamples(join(dir, 'oracle'));
    expect(samples).toHaveLength(6);
    for (const s of samples) {
      expect(s.completion).toContain('<|diff|>');
      expect(s.verdict).toBe('passed');
    }
  });
});
