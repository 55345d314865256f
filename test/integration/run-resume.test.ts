/**
 * Acceptance: the real CLI (`node bin/passk.js run SPEC`) against the vLLM double, killed
 * with SIGKILL at three random moments and resumed each time, ends with the same records
 * as an uninterrupted run (keys, completions, token counts, seeds, verdicts; not
 * timestamps). The CLI runs in its own process group, and the whole group is killed, as a
 * crash of the machine's process tree would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { executeRun } from '../../harness/run/runner.js';
import { loadRunConfig } from '../../harness/run-config/load-run-config.js';
import { parseSetOverride } from '../../harness/run-config/overrides.js';
import { readSamples } from '../../harness/store/run-files.js';
import { sampleKey, type SampleRecord } from '../../harness/store/records.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = datasetPath('HumanEval.jsonl.gz');
const TOTAL = 8 * 2 * 2 * 6;
const dir = mkdtempSync(join(tmpdir(), 'passk-resume-'));
let double: VllmDouble;
let specPath: string;

beforeAll(async () => {
  const bench = await loadBenchmark('humaneval', { data: DATA });
  // Latency and one sample per request make the run last a few seconds, long enough to be killed.
  double = await startVllmDouble({
    models: ['org/tiny-base', 'org/tiny-lintseq'],
    respond: benchmarkResponder(bench.tasks),
    latencyMs: 40,
  });
  specPath = join(dir, 'spec.yaml');
  writeFileSync(
    specPath,
    `benchmark: humaneval
data: ${DATA}
limit: 8
models:
  - name: base
    endpoints: [${double.url}]
    model: org/tiny-base
    format: baseline
    n_per_request: 1
  - name: lintseq
    endpoints: [${double.url}]
    model: org/tiny-lintseq
    format: editseq
    stop: ["<|endoftext|>"]
    n_per_request: 1
sampling:
  temperature: [0.2, 0.8]
n: 6
seed: 21
bootstrap: 100
execution: { executor: forkserver, jobs: 2 }
client: { concurrency: 2, buffer: 16 }
`,
  );
});
afterAll(() => double.close());

function lines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

function startCli(out: string): { child: ChildProcess; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(
    process.execPath,
    ['bin/passk.js', 'run', specPath, '--out', out, '--cache-dir', join(dir, 'cache-cli'), '--progress', 'off'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exit, stderr: () => stderr };
}

/** Kills the CLI's whole process group once samples.jsonl has `atLeast` lines. */
async function killAt(out: string, atLeast: number): Promise<void> {
  const run = startCli(out);
  const file = join(out, 'samples.jsonl');
  let exited = false;
  void run.exit.then(() => (exited = true));
  while (!exited && lines(file) < atLeast) await new Promise((r) => setTimeout(r, 10));
  if (exited) throw new Error(`the run ended before it could be killed at ${atLeast} samples: ${run.stderr()}`);
  process.kill(-run.child.pid!, 'SIGKILL');
  await run.exit;
}

const essence = (s: SampleRecord) => ({
  key: sampleKey(s),
  completion: s.completion,
  prompt_tokens: s.prompt_tokens,
  completion_tokens: s.completion_tokens,
  seed: s.seed,
  verdict: s.verdict,
});
const sorted = (list: SampleRecord[]) => list.map(essence).sort((x, y) => (x.key < y.key ? -1 : 1));

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('kill -9 and resume', () => {
  it('three kills at random moments, each resumed, give the records of an uninterrupted run', async () => {
    const reference = join(dir, 'reference');
    const spec = await loadRunConfig(specPath, [
      parseSetOverride(`out=${reference}`),
      parseSetOverride(`execution.cache_dir=${join(dir, 'cache-ref')}`),
    ]);
    await executeRun(await describeRun(spec));

    const out = join(dir, 'killed');
    const rng = mulberry32(Date.now() >>> 0);
    const moments = [0, 1, 2].map((k) => Math.max(1, Math.floor(TOTAL * ((k + rng()) / 3.5))));
    for (const at of moments) await killAt(out, at);
    const finish = startCli(out);
    expect(await finish.exit, finish.stderr()).toBe(0);
    expect(finish.stderr()).toContain('already recorded');

    const got = await readSamples(out);
    expect(got.duplicates).toBe(0);
    expect(lines(join(out, 'samples.jsonl'))).toBe(TOTAL);
    expect(sorted(got.samples)).toEqual(sorted((await readSamples(reference)).samples));
    // Resumes sampled only what was missing: the reference run, this one, and at most what
    // each kill lost in flight (the generation buffer, 16, and the samples executing, 2 x jobs).
    expect(double.stats.choices).toBeLessThanOrEqual(2 * TOTAL + 3 * (16 + 4));
  });
});
