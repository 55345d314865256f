/**
 * `passk demo --benchmark codecontests`: n@k and pass@k on CodeContests problems without a
 * model. A seeded simulated model (codecontests-sampler.ts) writes whole Python programs drawn
 * from each problem's pool; the one runner judges them in the real sandbox (the execution
 * cache runs each distinct program once) and, at the run's end, clusters the public-passing
 * ones on the hidden tests' inputs for n@k (an oracle-input upper bound) into summary.json;
 * then the analysis (pass@k against FLOPs and its fits), the report with both curves, and the
 * n@k fits are written beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { referenceSolutions } from '../../benchmarks/codecontests/solutions.js';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { analyzeRuns, type Analysis } from '../analysis/analyze-runs.js';
import { reportViews } from '../analysis/report-views.js';
import { DEFAULT_FLOPS_CONVENTION } from '../metrics/flops.js';
import { reportHtml } from '../report/report-html.js';
import type { RunEventListener } from '../run/events.js';
import type { RunDescription } from '../run/run-description.js';
import { summaryBootstrap } from '../run/run-description.js';
import { executeRun } from '../run/runner.js';
import { DEFAULT_SAMPLING } from '../samplers/grid.js';
import { DEFAULT_TEMPLATES } from '../samplers/prompt.js';
import { TEMPLATE_PROMPTING } from '../samplers/prompt-style.js';
import { selectionOfSummary } from '../selection/summary-selection.js';
import type { Summary } from '../store/records.js';
import { readRun } from '../store/run-files.js';
import { CodeContestsSimulatedSampler } from './codecontests-sampler.js';
import { hasHiddenTests } from './codecontests-pool.js';
import { clearPreviousDemo } from './run-demo.js';
import { SIMULATED_ARCHITECTURE } from './simulated-models.js';

const CODECONTESTS_DEMO_MODEL = 'codecontests-sim';
/** A stand-in answer embeds every test of its problem: problems whose tests are larger are left out. */
const MAX_LOOKUP_BYTES = 64 * 1024;

export interface CodeContestsDemoOptions {
  out: string;
  data: string;
  /** Problems (those with a passk solution first). */
  problems: number;
  n: number;
  seed: number;
  jobs: number;
  bootstrap: number;
  onEvent?: RunEventListener;
  log?: (line: string) => void;
}

export interface CodeContestsDemoResult {
  runDir: string;
  files: { report: string; analysis: string };
  summary: Summary;
  analysis: Analysis;
  samples: number;
  executed: number;
  reused: number;
  wallMs: number;
}

/** The problems with a passk solution, then those with hidden tests small enough to look up, in index order. */
function demoProblems(tasks: readonly Task[], count: number): Task[] {
  const solved = referenceSolutions('python');
  const index = (t: Task) => Number(t.id.split('/')[1]);
  const size = (t: Task) => (t.test.kind === 'stdio' ? t.test.tests.reduce((a, x) => a + x.input.length + x.output.length, 0) : 0);
  const first = tasks.filter((t) => solved.has(index(t)));
  const others = tasks.filter((t) => !solved.has(index(t)) && hasHiddenTests(t) && size(t) <= MAX_LOOKUP_BYTES);
  return [...first, ...others].slice(0, count);
}

/** k = 1, 2, 5, 10, 20, 50, ... up to n, and n itself. */
export function demoKs(n: number): number[] {
  const ks: number[] = [];
  for (let decade = 1; decade <= n; decade *= 10) for (const m of [1, 2, 5]) if (m * decade <= n) ks.push(m * decade);
  if (!ks.includes(n)) ks.push(n);
  return ks;
}

async function describeDemo(o: CodeContestsDemoOptions, runDir: string): Promise<RunDescription> {
  const benchmark = await loadBenchmark('codecontests', { data: o.data });
  const tasks = demoProblems(benchmark.tasks, o.problems);
  if (tasks.length < o.problems)
    throw new PasskError('E_CONFIG', `--problems ${o.problems}: only ${tasks.length} problems of ${o.data} fit the demo`, '--problems');
  return {
    command: 'demo',
    benchmark,
    tasks,
    selection: { tasks: tasks.map((t) => t.id), limit: null, originalAsserts: false },
    instructions: null,
    models: [
      {
        name: CODECONTESTS_DEMO_MODEL,
        format: 'full',
        template: DEFAULT_TEMPLATES.full!,
        prompting: TEMPLATE_PROMPTING,
        sampler: new CodeContestsSimulatedSampler(CODECONTESTS_DEMO_MODEL, o.seed),
        served: null,
        simulation: { pools: 'per problem, seeded (codecontests-pool.ts)' },
        tokenCounts: 'estimate',
        architecture: SIMULATED_ARCHITECTURE,
        simulated: true,
      },
    ],
    configs: [{ name: 'default', params: DEFAULT_SAMPLING }],
    n: o.n,
    seed: o.seed,
    execution: {
      executor: 'forkserver',
      jobs: o.jobs,
      limits: DEFAULT_LIMITS,
      timeoutFromReference: null,
      confirmTimeouts: false,
      cacheDir: null,
      editseq: { mode: 'lintseq', malformed: 'skip' },
    },
    ks: demoKs(o.n),
    bootstrapReplicates: o.bootstrap,
    buffer: 512,
    out: runDir,
    label: 'demo-codecontests',
    allowMixed: false,
  };
}

export async function runCodeContestsDemo(o: CodeContestsDemoOptions): Promise<CodeContestsDemoResult> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const runDir = join(o.out, 'run');
  mkdirSync(o.out, { recursive: true });
  await clearPreviousDemo(runDir);
  const description = await describeDemo(o, runDir);
  log(`${CODECONTESTS_DEMO_MODEL}: ${description.tasks.length} problems x n=${o.n}, simulated and judged in the sandbox, then n@k`);
  const { result } = await executeRun(description, { ...(o.onEvent ? { onEvent: o.onEvent } : {}) });
  if (!result) throw new Error('the demo run returned no result');
  const run = await readRun(runDir);
  const reused = run.samples.filter((r) => r.cached).length;
  log(`judged and selected in ${((performance.now() - started) / 1000).toFixed(1)} s; analysing`);
  const { analysis, computations } = analyzeRuns([run], {
    convention: DEFAULT_FLOPS_CONVENTION,
    bootstrap: summaryBootstrap(description),
    extrapolate: 10,
  });
  const files = { report: join(o.out, 'report.html'), analysis: join(o.out, 'analysis.json') };
  writeFileSync(files.analysis, `${JSON.stringify(analysis, null, 2)}\n`);
  const selection = selectionOfSummary(result.summary);
  writeFileSync(
    files.report,
    await reportHtml(analysis, {
      title: 'passk demo: a simulated model on CodeContests, n@k beside pass@k',
      views: await reportViews([run], computations, { gpus: 1, gpuHourPrice: 2 }),
      selections: selection ? [{ run: runDir, selection }] : [],
    }),
  );
  return {
    runDir,
    files,
    summary: result.summary,
    analysis,
    samples: run.samples.length,
    executed: run.samples.length - reused,
    reused,
    wallMs: performance.now() - started,
  };
}
