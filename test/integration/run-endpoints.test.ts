/**
 * Endpoint affinity against two vLLM doubles, through the one runner: every task's samples
 * (one request each) reach one endpoint; killing one double mid-run moves only its tasks to
 * the other, and the run completes with every sample recorded once; the manifest records
 * what each endpoint did.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import type { Task } from '../../kernel/task.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { executeRun } from '../../harness/run/runner.js';
import { EndpointPool } from '../../harness/samplers/endpoint-pool.js';
import { readManifest, readSamples } from '../../harness/store/run-files.js';
import { sampleKey } from '../../harness/store/records.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const dir = mkdtempSync(join(tmpdir(), 'passk-endpoints-'));
const TASKS = 16;
const N = 6;
let tasks: Task[];
const doubles: VllmDouble[] = [];

beforeAll(async () => {
  tasks = (await loadBenchmark('builtin', {})).tasks.slice(0, TASKS);
});
afterAll(() => Promise.all(doubles.map((d) => d.close())));

async function pair(latencyMs: number): Promise<[VllmDouble, VllmDouble]> {
  const make = () => startVllmDouble({ models: ['org/tiny'], respond: benchmarkResponder(tasks, { wrong: 'program' }), latencyMs });
  const [a, b] = await Promise.all([make(), make()]);
  doubles.push(a, b);
  return [a, b];
}

const config = (urls: string[], out: string) =>
  runConfigSchema.parse({
    benchmark: 'builtin',
    limit: TASKS,
    models: [{ name: 'tiny', endpoints: urls, model: 'org/tiny', format: 'baseline', n_per_request: 1 }],
    sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 256 },
    n: N,
    seed: 3,
    bootstrap: 100,
    execution: { jobs: 2, reference_cache: 'off' },
    client: { concurrency: 4, retries: 20 },
    out,
  });

/** Task id of each generation request a double received (answered or cut off). */
function tasksSeen(d: VllmDouble): Map<string, number> {
  const byPrompt = new Map(tasks.map((t) => [t.prompt, t.id]));
  const seen = new Map<string, number>();
  for (const r of d.requests) {
    if (!r.path.endsWith('/completions')) continue;
    const id = byPrompt.get(String(r.body.prompt))!;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return seen;
}

/** Which double each task's requests go to first (the pool's rendezvous ranking). */
const homes = (a: VllmDouble, b: VllmDouble) => {
  const pool = new EndpointPool([a.url, b.url], { apiKey: 'x', policy: { retries: 0, baseMs: 1, maxMs: 1 }, attemptTimeoutMs: 1000 });
  return new Map(tasks.map((t) => [t.id, pool.ranking(t.id)[0]!.url === `${a.url}` ? 'a' : 'b']));
};

describe('endpoint affinity', () => {
  it("sends every sample of a task to the task's endpoint, and records what each endpoint did", async () => {
    const [a, b] = await pair(0);
    const out = join(dir, 'healthy');
    const { result } = await executeRun(await describeRun(config([a.url, b.url], out)));
    expect(result?.faults).toEqual([]);
    const [onA, onB] = [tasksSeen(a), tasksSeen(b)];
    expect([...onA.keys()].filter((id) => onB.has(id))).toEqual([]);
    const home = homes(a, b);
    for (const [id, side] of home) expect(side === 'a' ? onA.get(id) : onB.get(id)).toBe(N);
    const manifest = await readManifest(out);
    expect(manifest.endpoints?.map((e) => [e.url, e.requests, e.failures, e.samples, e.tasks])).toEqual([
      [a.url, a.stats.generations, 0, a.stats.generations, onA.size],
      [b.url, b.stats.generations, 0, b.stats.generations, onB.size],
    ]);
    const { samples } = await readSamples(out);
    const tokens = (url: string) => samples.filter((s) => (home.get(s.task_id) === 'a') === (url === a.url));
    for (const e of manifest.endpoints!)
      expect(e.completion_tokens).toBe(tokens(e.url).reduce((n, s) => n + (s.completion_tokens ?? 0), 0));
  }, 120_000);

  it("moves only a killed endpoint's tasks, and records every sample once", async () => {
    const [a, b] = await pair(40);
    const home = homes(a, b);
    const out = join(dir, 'kill');
    const running = describeRun(config([a.url, b.url], out)).then((run) => executeRun(run));
    // Kill a once it has answered a few requests (mid-run: 96 requests at 40 ms, 4 at once per endpoint).
    while (a.stats.generations < 8) await new Promise((r) => setTimeout(r, 10));
    await a.close();
    const { result } = await running;
    expect(result?.faults).toEqual([]);

    const { samples, duplicates } = await readSamples(out);
    expect(duplicates).toBe(0);
    expect(new Set(samples.map(sampleKey)).size).toBe(TASKS * N);
    const [onA, onB] = [tasksSeen(a), tasksSeen(b)];
    // b's tasks never went to a; a's tasks moved to b; some did move (the kill came mid-run).
    for (const [id, side] of home) if (side === 'b') expect(onA.has(id)).toBe(false);
    const moved = [...onB.keys()].filter((id) => home.get(id) === 'a');
    expect(moved.length).toBeGreaterThan(0);
    for (const id of moved) expect(onA.has(id) || (onB.get(id) ?? 0) === N).toBe(true);
    const manifest = await readManifest(out);
    const [ea, eb] = manifest.endpoints!;
    expect(ea!.failures).toBeGreaterThan(0);
    expect(eb!.failures).toBe(0);
    expect(ea!.samples + eb!.samples).toBe(TASKS * N);
  }, 120_000);
});
