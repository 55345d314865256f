/**
 * Distributed execution on a real redis-server (started here on a loopback port, with its
 * own folder) with real `passk worker` processes and real sandboxes; sampling from the vLLM
 * double. A run through 3 workers equals the local run task by task; kill -9 of a worker
 * mid-run, then of the coordinator and a resume, lose and duplicate nothing; a Redis
 * restart mid-run does not stop the run; a harness fault on a worker is never a verdict;
 * a worker under another sandbox is refused by name.
 */
import { readFileSync, existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { HarnessFault } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { startWorker, type RunningWorker } from '../../harness/queue/worker.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { executeRun } from '../../harness/run/runner.js';
import { readManifest, readSamples } from '../../harness/store/run-files.js';
import { sampleKey, type SampleRecord } from '../../harness/store/records.js';
import { createExecutor } from '../../sandbox/registry.js';
import { BIN, PROJECT_ROOT } from '../support/cli.js';
import { redisMissing, startRedis, type RedisServer } from '../support/redis-server.js';
import { skipWithoutTool } from '../support/required-tools.js';
import { startVllmDouble, type RespondContext, type VllmDouble } from '../support/vllm-double.js';

const TASKS = 12;
const N = 4;
const dir = mkdtempSync(join(tmpdir(), 'passk-queue-'));
let tasks: Task[];
let double: VllmDouble;
const missing = redisMissing();
const children: Array<ResultPromise> = [];
const servers: RedisServer[] = [];
const inProcess: RunningWorker[] = [];

/**
 * Each sample a distinct program (a comment names its seed), so each is its own job; every
 * program sleeps 0.2 s at load so that workers hold programs when they are killed. Passing
 * or failing depends on the seeded draw only.
 */
function respond(ctx: RespondContext): string {
  const task = tasks.find((t) => t.prompt === ctx.prompt);
  if (!task) return 'nothing';
  const body = ctx.rng() < 0.6 ? task.canonicalSolution : '    return None\n';
  return `${body}\n# sample ${ctx.seed}-${ctx.choice}\nimport time\ntime.sleep(0.2)\n`;
}

beforeAll(async () => {
  tasks = (await loadBenchmark('builtin', {})).tasks.slice(0, TASKS);
  double = await startVllmDouble({ models: ['org/tiny'], respond });
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await Promise.allSettled(inProcess.splice(0).map((w) => w.close()));
  await Promise.allSettled(servers.splice(0).map((s) => s.stop()));
});
afterAll(() => double.close());

async function redis(): Promise<RedisServer> {
  const server = await startRedis();
  servers.push(server);
  return server;
}

function configArgs(out: string, extra: Record<string, unknown> = {}) {
  return {
    benchmark: 'builtin',
    limit: TASKS,
    models: [{ name: 'tiny', endpoints: [double.url], model: 'org/tiny', format: 'baseline', n_per_request: 1 }],
    sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 512 },
    n: N,
    seed: 9,
    bootstrap: 100,
    out,
    ...extra,
    execution: { jobs: 3, reference_cache: 'off', ...(extra.execution as object) },
  };
}
const runHere = async (out: string, extra: Record<string, unknown> = {}) =>
  (await executeRun(await describeRun(runConfigSchema.parse(configArgs(out, extra))))).result!;

/** A `passk worker` process; resolves when it says it is taking programs. */
async function workerProcess(url: string, jobs = 1): Promise<{ child: ResultPromise }> {
  const child = execa(process.execPath, [BIN, 'worker', '--redis', url, '--jobs', String(jobs), '--lock-seconds', '2'], {
    cwd: PROJECT_ROOT,
    reject: false,
    env: { CI: '1' },
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('taking programs')) resolve();
    });
    void child.then((r) => reject(new Error(`the worker exited ${r.exitCode}: ${text}`)));
  });
  // Wrapped: an async function would wait for a returned child process to end.
  return { child };
}

/** The coordinator as a process: `passk run` with the same settings as flags. */
function coordinator(out: string, url: string): ResultPromise {
  const child = execa(
    process.execPath,
    [
      BIN,
      'run',
      '--benchmark',
      'builtin',
      '--limit',
      String(TASKS),
      '--name',
      'tiny',
      '--endpoint',
      double.url,
      '--model',
      'org/tiny',
      '--format',
      'baseline',
      '--n-per-request',
      '1',
      '--temperature',
      '0.8',
      '--top-p',
      '0.95',
      '--max-tokens',
      '512',
      '--n',
      String(N),
      '--seed',
      '9',
      '--bootstrap',
      '100',
      '--jobs',
      '3',
      '--reference-cache',
      'off',
      '--redis',
      url,
      '--out',
      out,
      '--progress',
      'off',
    ],
    { cwd: PROJECT_ROOT, reject: false, env: { CI: '1' } },
  );
  children.push(child);
  return child;
}

const lines = (out: string): number => {
  const path = join(out, 'samples.jsonl');
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.endsWith('}')).length
    : 0;
};
async function until(what: () => boolean, label: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const verdicts = (samples: readonly SampleRecord[]) =>
  Object.fromEntries(samples.map((s) => [sampleKey(s), `${s.verdict} ${s.program_sha256}`]));

/** Every sample recorded exactly once (in the file, not only when read), with the verdict its program deserves. */
async function checkComplete(out: string): Promise<SampleRecord[]> {
  const { samples, duplicates } = await readSamples(out);
  expect(duplicates).toBe(0);
  expect(lines(out)).toBe(TASKS * N);
  expect(new Set(samples.map(sampleKey)).size).toBe(TASKS * N);
  for (const s of samples) expect(s.verdict).toBe(s.completion!.startsWith('    return None') ? 'failed' : 'passed');
  return samples;
}

describe('execution workers on Redis', () => {
  it('a run through 3 worker processes equals the local run task by task', async (ctx) => {
    if (missing) skipWithoutTool(ctx, 'redis', missing);
    const server = await redis();
    await Promise.all([1, 2, 3].map(() => workerProcess(server.url)));
    const local = join(dir, 'local');
    const queued = join(dir, 'queued');
    const [a, b] = [await runHere(local), await runHere(queued, { execution: { redis: server.url } })];
    expect(a.faults).toEqual([]);
    expect(b.faults).toEqual([]);
    const [x, y] = [await checkComplete(local), await checkComplete(queued)];
    expect(verdicts(y)).toEqual(verdicts(x));
    expect(b.summary.groups).toEqual(a.summary.groups);
    const [ml, mq] = [await readManifest(local), await readManifest(queued)];
    expect(mq.sandbox).toEqual(ml.sandbox);
  }, 300_000);

  it('kill -9 of a worker mid-run, then of the coordinator and a resume: nothing lost or duplicated', async (ctx) => {
    if (missing) skipWithoutTool(ctx, 'redis', missing);
    const server = await redis();
    const [doomed] = await Promise.all([workerProcess(server.url, 2), workerProcess(server.url, 2)]);
    const out = join(dir, 'killed');
    const first = coordinator(out, server.url);
    await until(() => lines(out) >= 6, 'the first samples');
    doomed!.child.kill('SIGKILL');
    await until(() => lines(out) >= 24, 'more samples after the worker died');
    first.kill('SIGKILL');
    const killed = await first;
    expect(killed.signal).toBe('SIGKILL');
    expect(lines(out)).toBeLessThan(TASKS * N);
    const resumed = await coordinator(out, server.url);
    expect(resumed.exitCode, String(resumed.stderr)).toBe(0);
    await checkComplete(out);
    expect((await readManifest(out)).status).toBe('complete');
  }, 300_000);

  it('a Redis restart mid-run: the run completes', async (ctx) => {
    if (missing) skipWithoutTool(ctx, 'redis', missing);
    const server = await redis();
    await Promise.all([workerProcess(server.url, 2), workerProcess(server.url, 2)]);
    const out = join(dir, 'restarted');
    const running = runHere(out, { execution: { redis: server.url } });
    await until(() => lines(out) >= 8, 'the first samples');
    await server.restart({ downMs: 1000 });
    const result = await running;
    expect(result.faults).toEqual([]);
    await checkComplete(out);
  }, 300_000);

  it('a harness fault on a worker is a fault, never a verdict; a worker under another sandbox is refused by name', async (ctx) => {
    if (missing) skipWithoutTool(ctx, 'redis', missing);
    const server = await redis();
    // A worker whose sandbox fails on one task's programs (as a sandbox that cannot start does).
    const faulty = await startWorker({
      redis: server.url,
      jobs: 2,
      executorFor: (setup) => {
        const real = createExecutor(setup.language, { kind: setup.kind, jobs: 2, limits: setup.limits });
        return {
          ...real,
          name: real.name,
          language: real.language,
          facts: () => real.facts(),
          referenceMs: (t) => real.referenceMs(t),
          close: () => real.close(),
          execute: (r) =>
            r.task.id === tasks[1]!.id ? Promise.reject(new HarnessFault('python-sandbox', 'the sandbox did not start')) : real.execute(r),
        };
      },
    });
    inProcess.push(faulty);
    const out = join(dir, 'faulty');
    const result = await runHere(out, { execution: { redis: server.url } });
    expect(result.faults).toHaveLength(N);
    expect(result.faults[0]).toMatch(/the worker failed: python-sandbox: the sandbox did not start/);
    const { samples } = await readSamples(out);
    expect(samples.filter((s) => s.task_id === tasks[1]!.id)).toEqual([]);
    expect(samples).toHaveLength((TASKS - 1) * N);
    await faulty.close();
    inProcess.length = 0;

    // Two workers, one reporting another runtime: whichever answers first fixes the run's
    // sandbox, and the other's answers are refused, naming it.
    inProcess.push(await startWorker({ redis: server.url, jobs: 2 }));
    const other = await startWorker({
      redis: server.url,
      jobs: 2,
      executorFor: (setup) => {
        const real = createExecutor(setup.language, { kind: setup.kind, jobs: 2, limits: setup.limits });
        return {
          name: real.name,
          language: real.language,
          facts: async () => ({ ...(await real.facts()), runtime: 'Python 2.7.18 (/usr/bin/python2)' }),
          execute: (r) => real.execute(r),
          referenceMs: (t) => real.referenceMs(t),
          close: () => real.close(),
        };
      },
    });
    inProcess.push(other);
    const mixed = await runHere(join(dir, 'mixed'), { execution: { redis: server.url } });
    expect(mixed.faults.length).toBeGreaterThan(0);
    for (const f of mixed.faults) expect(f).toMatch(/worker \S+ runs python-forkserver, .*, not the run's python-forkserver/);
    expect(mixed.faults.join(' ')).toContain('Python 2.7.18');
  }, 300_000);
});
