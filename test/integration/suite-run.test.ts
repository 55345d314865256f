/**
 * Acceptance for suites: builtin + HumanEval + MBPP+ in one spec against the vLLM double.
 * The real CLI (`node bin/passk.js run SUITE.yaml --data-dir DIR`) is killed with SIGKILL
 * (its whole process group) while the second benchmark runs, then resumed; it ends with the
 * per-task results of an uninterrupted suite run. Each benchmark's folder of the
 * uninterrupted suite equals, record by record (times left out), the folder a
 * single-benchmark run with the same settings writes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { readConfigFile } from '../../harness/run-config/config-file.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { validateRunConfig } from '../../harness/run-config/validate.js';
import { executeRun } from '../../harness/run/runner.js';
import { readManifest, readSamples, readSummary, readTimeLimits } from '../../harness/store/run-files.js';
import { sampleKey, type SampleRecord } from '../../harness/store/records.js';
import { readSuiteManifest } from '../../harness/store/suite-manifest.js';
import { loadSuite } from '../../harness/suite/load-suite.js';
import { executeSuite } from '../../harness/suite/run-suite.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA_DIR = dirname(datasetPath('HumanEval.jsonl.gz'));
const NAMES = ['builtin', 'humaneval', 'mbppplus'];
const TASKS = 3;
const N = 3;
const dir = mkdtempSync(join(tmpdir(), 'passk-suite-'));
let double: VllmDouble;
let specPath: string;

beforeAll(async () => {
  if (skipWithoutDatasets('HumanEval.jsonl.gz', 'MbppPlus.jsonl.gz')) return;
  const tasks = [
    ...(await loadBenchmark('builtin')).tasks,
    ...(await loadBenchmark('humaneval', { data: join(DATA_DIR, 'HumanEval.jsonl.gz') })).tasks,
    ...(await loadBenchmark('mbppplus', { data: join(DATA_DIR, 'MbppPlus.jsonl.gz') })).tasks,
  ];
  // Latency and one sample per request make the suite last long enough to be killed mid-way.
  double = await startVllmDouble({ models: ['org/tiny'], respond: benchmarkResponder(tasks), latencyMs: 60 });
  specPath = join(dir, 'suite.yaml');
  writeFileSync(
    specPath,
    `models:
  - name: tiny
    endpoints: [${double.url}]
    model: org/tiny
    format: baseline
    n_per_request: 1
seed: 5
n: ${N}
bootstrap: 50
sampling: { temperature: 0.8 }
execution: { jobs: 2, reference_cache: "off" }
client: { concurrency: 1, buffer: 4 }
benchmarks:
  - benchmark: builtin
    limit: ${TASKS}
  - benchmark: humaneval
    limit: ${TASKS}
    sampling: { temperature: 0.2 }
  - benchmark: mbppplus
    limit: ${TASKS}
    execution: { timeout: 20 }
`,
  );
});
afterAll(() => double?.close());

function lines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

function startCli(out: string) {
  const child = spawn(process.execPath, ['bin/passk.js', 'run', specPath, '--data-dir', DATA_DIR, '--out', out, '--progress', 'off'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, exit, output: () => output };
}

const essence = (s: SampleRecord) => ({
  key: sampleKey(s),
  completion: s.completion,
  program: s.program,
  seed: s.seed,
  verdict: s.verdict,
});
const perTask = async (folder: string) => (await readSamples(folder)).samples.map(essence).sort((x, y) => (x.key < y.key ? -1 : 1));

/** A record without what differs from one invocation to the next: times, the host, the folder. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value === null || typeof value !== 'object') return value;
  const dropped = new Set(['timings', 'recorded_at', 'started_at', 'ended_at', 'reference_ms', 'host']);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !dropped.has(k))
      .map(([k, v]) => [k, timeless(v)]),
  );
}

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz', 'MbppPlus.jsonl.gz'))('a suite: run, kill -9, resume', () => {
  it('killed during its second benchmark and resumed, it ends with the per-task results of an uninterrupted run', async () => {
    const reference = join(dir, 'reference');
    const doc = await readConfigFile(specPath);
    const suite = loadSuite({ doc }, [{ path: ['out'], value: reference, source: '--out' }], DATA_DIR);
    const uninterrupted = await executeSuite(suite);
    expect(uninterrupted.manifest!.status).toBe('complete');
    // builtin and HumanEval share one warm executor (the same sandbox settings); MBPP+'s timeout differs.
    expect(uninterrupted.executors).toBe(2);
    expect((await readSuiteManifest(reference)).benchmarks.map((b) => [b.name, b.status, b.samples])).toEqual(
      NAMES.map((n) => [n, 'complete', TASKS * N]),
    );

    const out = join(dir, 'killed');
    const first = startCli(out);
    const watched = join(out, 'humaneval', 'samples.jsonl');
    let ended = false;
    void first.exit.then(() => (ended = true));
    while (!ended && lines(watched) < 2) await new Promise((r) => setTimeout(r, 10));
    expect(ended, `the suite ended before it could be killed: ${first.output()}`).toBe(false);
    process.kill(-first.child.pid!, 'SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    const killedManifest = await readSuiteManifest(out);
    expect(killedManifest.status).toBe('running');
    expect(killedManifest.benchmarks.map((b) => b.status)).toEqual(['complete', 'running', 'pending']);

    const resumed = startCli(out);
    expect((await resumed.exit).code, resumed.output()).toBe(0);
    expect(resumed.output()).toContain('already recorded');
    const after = await readSuiteManifest(out);
    expect(after.status).toBe('complete');
    for (const name of NAMES) {
      expect((await readSamples(join(out, name))).duplicates).toBe(0);
      expect(await perTask(join(out, name)), name).toEqual(await perTask(join(reference, name)));
    }
  }, 300_000);

  it('an interrupt (Ctrl-C) stops the suite at the benchmark it reached; the same spec finishes it', async () => {
    const out = join(dir, 'interrupted');
    const doc = await readConfigFile(specPath);
    const suite = loadSuite({ doc }, [{ path: ['out'], value: out, source: '--out' }], DATA_DIR);
    const controller = new AbortController();
    const running = executeSuite(suite, { signal: controller.signal });
    while (lines(join(out, 'humaneval', 'samples.jsonl')) < 1) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const stopped = await running;
    expect(stopped.interrupted).toBe(true);
    expect(stopped.manifest!.status).toBe('interrupted');
    expect(stopped.manifest!.benchmarks.map((b) => b.status)).toEqual(['complete', 'interrupted', 'pending']);
    const finished = await executeSuite(loadSuite({ doc }, [{ path: ['out'], value: out, source: '--out' }], DATA_DIR));
    expect(finished.manifest!.status).toBe('complete');
    expect(finished.runs.map((r) => r.outcome.result!.skipped)).toEqual([TASKS * N, expect.any(Number), 0]);
    for (const name of NAMES) expect(await perTask(join(out, name)), name).toEqual(await perTask(join(dir, 'reference', name)));
  }, 300_000);

  it("each benchmark's folder equals what a single-benchmark run with the same settings writes", async () => {
    const reference = join(dir, 'reference');
    const doc = await readConfigFile(specPath);
    const suite = loadSuite({ doc }, [{ path: ['out'], value: reference, source: '--out' }], DATA_DIR);
    for (const [i, name] of NAMES.entries()) {
      // The single run's own spec: the suite's shared fields with this entry's over them.
      const raw = structuredClone(doc.raw) as Record<string, unknown>;
      const entry = (raw.benchmarks as Array<Record<string, unknown>>)[i]!;
      delete raw.benchmarks;
      const single = {
        ...raw,
        ...entry,
        ...(entry.benchmark !== 'builtin'
          ? { data: join(DATA_DIR, entry.benchmark === 'humaneval' ? 'HumanEval.jsonl.gz' : 'MbppPlus.jsonl.gz') }
          : {}),
        execution: { ...(raw.execution as object), ...((entry.execution as object | undefined) ?? {}) },
        out: join(dir, `single-${name}`),
      };
      const config = validateRunConfig(single, () => 'test');
      expect(config).toEqual({ ...suite.benchmarks[i]!.config, out: single.out });
      await executeRun(await describeRun(config));
      const [a, b] = [join(reference, name), single.out];
      expect(timeless(await readManifest(b)), `${name}: manifest.json`).toEqual(timeless(await readManifest(a)));
      const samples = async (d: string) => (await readSamples(d)).samples.sort((x, y) => (sampleKey(x) < sampleKey(y) ? -1 : 1));
      const limits = async (d: string) => (await readTimeLimits(d)).sort((x, y) => (x.task_id < y.task_id ? -1 : 1));
      expect(timeless(await samples(b)), `${name}: samples.jsonl`).toEqual(timeless(await samples(a)));
      expect(timeless(await limits(b)), `${name}: time-limits.jsonl`).toEqual(timeless(await limits(a)));
      expect(timeless(await readSummary(b)), `${name}: summary.json`).toEqual(timeless(await readSummary(a)));
    }
  }, 300_000);
});
