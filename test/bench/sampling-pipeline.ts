/**
 * Throughput of `passk run`'s pipeline against the vLLM double (in this process, so the
 * server's own work counts against the figures; on 2 cores that is conservative).
 *
 * 1. Sampling overhead: no latency, execution off (a trivial executor that passes every
 *    program, here only): completions per second through plan -> HTTP -> RawSample ->
 *    record. Target: >= 1,000/s.
 * 2. Overlap: 50 ms per request, execution on (the Python sandbox; every program distinct,
 *    so the execution cache saves nothing). Generation
 *    alone and execution alone are measured, the request concurrency is set so that the
 *    two take about as long, and the whole pipeline should take at most 1.2 x the longer.
 *
 * Run: npx tsx test/bench/sampling-pipeline.ts (or through npm run bench).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadBenchmark } from '../../benchmarks/registry.js';
import type { Task } from '../../kernel/task.js';
import { evaluateSamples } from '../../harness/pipeline/evaluate.js';
import { generateSamples, plannedSamples, planRequests, type GenerationModel } from '../../harness/pipeline/generate.js';
import type { RawSample } from '../../harness/pipeline/raw-sample.js';
import { samplesInFlight } from '../../harness/run/run-description.js';
import { RunWriter } from '../../harness/store/run-writer.js';
import { TimeLimitPolicy } from '../../sandbox/time-limit-policy.js';
import { expandGrid } from '../../harness/samplers/grid.js';
import { OpenAiCompatibleSampler } from '../../harness/samplers/openai-compatible.js';
import { DEFAULT_LIMITS, type Executor } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import { datasetPath } from '../support/datasets.js';
import { benchmarkResponder } from '../support/double-responders.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const DATA = datasetPath('HumanEval.jsonl.gz');

/** Execution off: every program "passes" at once (benchmark only; never used by passk). */
const noExecution: Executor = {
  name: 'none',
  language: 'python',
  facts: async () => ({
    executor: 'none',
    language: 'python',
    isolation: 'none (benchmark: execution off)',
    runtime: 'none',
    warnings: [],
  }),
  execute: async () => ({ verdict: 'passed', durationMs: 0 }),
  referenceMs: async () => null,
  close: async () => {},
};

interface Timed {
  seconds: number;
  samples: number;
}

function models(double: Pick<VllmDouble, 'url'>, concurrency: number, nPerRequest?: number): GenerationModel[] {
  return [
    {
      name: 'base',
      format: 'baseline',
      template: '{prompt}',
      sampler: new OpenAiCompatibleSampler({
        name: 'base',
        endpoints: [double.url],
        model: 'm',
        api: 'completions',
        stop: [],
        includeStopStrInOutput: false,
        tokenCounts: 'auto',
        concurrency,
        requestTimeoutMs: 60_000,
        nPerRequest,
      }),
    },
  ];
}

/** The evaluation loop over a stream of samples, recording into a fresh folder: seconds until the last record. */
async function timedRun(tasks: Task[], samples: AsyncIterable<RawSample>, executor: Executor, jobs: number): Promise<Timed> {
  const dir = mkdtempSync(join(tmpdir(), 'passk-bench-'));
  const writer = RunWriter.open(dir);
  const started = performance.now();
  let last = started;
  let count = 0;
  try {
    await evaluateSamples({
      tasks,
      samples,
      executor,
      limits: DEFAULT_LIMITS,
      timeLimits: new TimeLimitPolicy(executor, { configuredMs: DEFAULT_LIMITS.timeoutMs }),
      editseq: { mode: 'lintseq', malformed: 'skip' },
      confirmTimeouts: false,
      concurrency: samplesInFlight(jobs),
      record: (input) => writer.append(input),
      onRecorded: () => {
        count++;
        last = performance.now();
      },
      onFault: (message) => {
        throw new Error(`harness fault in the bench: ${message}`);
      },
    });
  } finally {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { seconds: (last - started) / 1000, samples: count };
}

async function* replay(samples: readonly RawSample[]): AsyncGenerator<RawSample> {
  yield* samples;
}

/** The double in a child process serving the same HumanEval answers; stops when its stdin closes. */
async function doubleProcess(): Promise<Pick<VllmDouble, 'url' | 'close'>> {
  const code = `
    const { startVllmDouble } = await import(${JSON.stringify(new URL('../support/vllm-double.ts', import.meta.url).href)});
    const { benchmarkResponder } = await import(${JSON.stringify(new URL('../support/double-responders.ts', import.meta.url).href)});
    const { loadBenchmark } = await import(${JSON.stringify(new URL('../../benchmarks/registry.ts', import.meta.url).href)});
    const bench = await loadBenchmark('humaneval', { data: ${JSON.stringify(DATA)} });
    const d = await startVllmDouble({ models: ['m'], respond: benchmarkResponder(bench.tasks), record: false });
    process.stdout.write(d.url + '\\n');
    process.stdin.on('end', () => d.close().then(() => process.exit(0)));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`the double process exited (${c})`)));
  });
  return { url, close: async () => void (child.stdin!.end(), await new Promise((r) => child.once('exit', r))) };
}

function generate(tasks: Task[], m: GenerationModel[], configs: ReturnType<typeof expandGrid>, n: number): AsyncGenerator<RawSample> {
  return generateSamples({ plan: planRequests({ tasks, models: m, configs, n, recorded: new Set() }), seed: 0, buffer: 512 });
}

export async function main(): Promise<void> {
  const bench = await loadBenchmark('humaneval', { data: DATA });
  const respond = benchmarkResponder(bench.tasks);

  // 1. Sampling overhead, execution off: the double in this process (it competes for the
  // same 2 cores: conservative), then in a process of its own (as a real server is).
  for (const where of ['in this process', 'in its own process'] as const) {
    const double = where === 'in this process' ? await startVllmDouble({ models: ['m'], respond, record: false }) : await doubleProcess();
    const configs = expandGrid({ temperature: [0.2, 0.8] });
    const n = 50;
    const plan = plannedSamples(planRequests({ tasks: bench.tasks, models: models(double, 8), configs, n, recorded: new Set() }));
    const r = await timedRun(bench.tasks, generate(bench.tasks, models(double, 8), configs, n), noExecution, 2);
    await double.close();
    const rate = r.samples / r.seconds;
    console.log(
      `sampling overhead (no latency, execution off, double ${where}): ${r.samples}/${plan} completions in ${r.seconds.toFixed(2)} s = ${rate.toFixed(0)} completions/s (target >= 1000: ${rate >= 1000 ? 'met' : 'NOT met'})`,
    );
  }

  // 2. Overlap of generation and execution, 50 ms per request.
  {
    const tasks = bench.tasks.slice(0, 40);
    const configs = expandGrid({ temperature: 0.8 });
    const n = 10;
    const jobs = 2;
    // Every sample a distinct program (a comment with its seed), so the cache saves nothing.
    const distinct = (ctx: Parameters<typeof respond>[0]) => `${respond(ctx)}    # sample ${ctx.seed}\n`;
    // A fresh executor (and cache) for each measurement.
    const withExecutor = async (f: (executor: Executor) => Promise<Timed>): Promise<Timed> => {
      const executor = createExecutor('python', { kind: 'forkserver', jobs, limits: DEFAULT_LIMITS });
      try {
        await executor.execute({ program: tasks[0]!.prompt + tasks[0]!.canonicalSolution, task: tasks[0]!, limits: DEFAULT_LIMITS }); // warm up
        return await f(executor);
      } finally {
        await executor.close();
      }
    };
    // Execution alone: the same completions, already generated.
    const pre = await startVllmDouble({ models: ['m'], respond: distinct, record: false });
    const recorded: RawSample[] = [];
    for await (const s of generate(tasks, models(pre, 8), configs, n)) recorded.push(s);
    await pre.close();
    const exec = await withExecutor((executor) => timedRun(tasks, replay(recorded), executor, jobs));
    const execRate = exec.samples / exec.seconds;
    // One sample per request; enough requests in flight to generate about as fast as execution runs.
    const concurrency = Math.max(1, Math.round(execRate * 0.05));
    const double = await startVllmDouble({ models: ['m'], respond: distinct, record: false, latencyMs: 50 });
    const gen = await timedRun(tasks, generate(tasks, models(double, concurrency, 1), configs, n), noExecution, jobs);
    const both = await withExecutor((executor) =>
      timedRun(tasks, generate(tasks, models(double, concurrency, 1), configs, n), executor, jobs),
    );
    await double.close();
    const ratio = both.seconds / Math.max(gen.seconds, exec.seconds);
    console.log(
      `overlap (50 ms per request, ${concurrency} requests in flight, ${exec.samples} distinct programs, Python forkserver sandbox, ${jobs} jobs):`,
    );
    console.log(
      `  generation alone ${gen.seconds.toFixed(2)} s, execution alone ${exec.seconds.toFixed(2)} s (${execRate.toFixed(0)}/s), both ${both.seconds.toFixed(2)} s`,
    );
    console.log(
      `  both / max(alone) = ${ratio.toFixed(2)} (target <= 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'}); both / sum(alone) = ${(both.seconds / (gen.seconds + exec.seconds)).toFixed(2)}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
