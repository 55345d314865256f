/**
 * The stdin/stdout judge on CodeContests, side by side in one run, jobs = 2:
 *   fast judge: the fork-server; the program compiled once, a fork per test;
 *   fresh:      the subprocess executor given one test per job, i.e. bubblewrap, a fresh
 *               interpreter and the runner per test (the same sandbox rules: the runner
 *               still forks the program's child, so each test also pays that fork).
 * Workload: rounds over the 14 problems with a hand-written solution
 * (test/fixtures/codecontests): per problem and round a correct program (every test runs),
 * a wrong one (fails the first test), one that prints the first test's answer (fails the
 * second test, where there is one); and a few time-limited programs (an infinite loop on
 * the first test). Stop at the first failure, as scoring does. A test run is one execution
 * of a program on one test; the count comes from each verdict (all tests for a pass, up to
 * the failing test otherwise). PASSK_BENCH_RUNS (default 5000) sets the test runs aimed at.
 */
import { loadBenchmark } from '../../benchmarks/registry.js';
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Execution, type ExecutionRequest, type Executor, type Limits } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { decideStdioTimeLimits, DEFAULT_STDIO_FACTORS } from '../../sandbox/time-limit-policy.js';
import { solutions } from '../fixtures/codecontests/judge-cases.js';
import { datasetPath } from '../support/datasets.js';

type StdioTask = Task & { test: Extract<Task['test'], { kind: 'stdio' }> };
type Kind = 'correct' | 'wrong' | 'first-answer-only' | 'time-limited';

interface Item {
  task: StdioTask;
  kind: Kind;
  program: string;
}

const JOBS = 2;
const TIME_LIMITED = 6;

function limitsFor(task: StdioTask): Limits {
  const decided = decideStdioTimeLimits({
    problemMs: task.test.timeLimitMs,
    tests: task.test.tests.length,
    factor: DEFAULT_STDIO_FACTORS.python,
  });
  return { ...DEFAULT_LIMITS, ...decided };
}

/** Test runs an execution made: every test for a pass, else up to the test named in its detail. */
function testRuns(task: StdioTask, execution: Execution): number {
  if (execution.verdict === 'passed') return task.test.tests.length;
  const failed = /^test (\d+) /.exec(execution.detail ?? '');
  return failed ? Number(failed[1]) + 1 : 1;
}

/** A fresh sandboxed interpreter per test: each test its own one-test job, stopping at the first failure. */
async function freshPerTest(executor: Executor, request: ExecutionRequest & { task: StdioTask }): Promise<Execution> {
  const { task, limits } = request;
  let durationMs = 0;
  for (const [i, test] of task.test.tests.entries()) {
    const limitMs = limits.inputTimeoutsMs![i]!;
    const one: Task = { ...task, test: { ...task.test, tests: [test], publicTests: i < task.test.publicTests ? 1 : 0 } };
    const execution = await executor.execute({
      ...request,
      task: one,
      limits: { ...limits, timeoutMs: limitMs + 1000, inputTimeoutsMs: [limitMs] },
    });
    durationMs += execution.durationMs;
    if (execution.verdict !== 'passed')
      return { ...execution, detail: (execution.detail ?? '').replace(/^test 0 /, `test ${i} `), durationMs };
  }
  return { verdict: 'passed', detail: `${task.test.tests.length} tests`, durationMs };
}

function buildWorkload(tasks: StdioTask[], runsWanted: number): Item[] {
  const python = solutions('python');
  const solved = tasks.filter((t) => python.has(Number(t.id.split('/')[1])));
  const perRound = solved.reduce((sum, t) => sum + t.test.tests.length + 1 + Math.min(2, t.test.tests.length), 0);
  const rounds = Math.max(1, Math.ceil((runsWanted - TIME_LIMITED) / perRound));
  const items: Item[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const task of solved) {
      const mark = `# round ${round}\n`;
      const first = task.test.tests[0]!.output;
      items.push({ task, kind: 'correct', program: mark + python.get(Number(task.id.split('/')[1]))! });
      items.push({ task, kind: 'wrong', program: `${mark}import sys\ndata = sys.stdin.read().split()\nprint(len(data) + 10**9)\n` });
      items.push({
        task,
        kind: 'first-answer-only',
        program: `${mark}import sys\nsys.stdin.read()\nsys.stdout.write(${JSON.stringify(first)})\n`,
      });
    }
  }
  const oneSecond = solved.filter((t) => t.test.timeLimitMs <= 1000);
  for (let i = 0; i < TIME_LIMITED; i++) {
    const task = oneSecond[i % oneSecond.length]!;
    items.push({ task, kind: 'time-limited', program: `# loop ${i}\ninput()\nwhile True:\n    pass\n` });
  }
  return items;
}

async function runAll(items: Item[], execute: (item: Item) => Promise<Execution>): Promise<{ seconds: number; executions: Execution[] }> {
  const started = performance.now();
  const executions: Execution[] = new Array<Execution>(items.length);
  let next = 0;
  // JOBS programs in flight, as a run's evaluation loop keeps them.
  await Promise.all(
    Array.from({ length: JOBS }, async () => {
      while (next < items.length) {
        const i = next++;
        executions[i] = await execute(items[i]!);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, executions };
}

function summary(name: string, items: Item[], run: { seconds: number; executions: Execution[] }): number {
  const runs = items.reduce((sum, item, i) => sum + testRuns(item.task, run.executions[i]!), 0);
  const counts: Record<string, number> = {};
  for (const e of run.executions) counts[e.verdict] = (counts[e.verdict] ?? 0) + 1;
  console.log(
    `${name}: ${(runs / run.seconds).toFixed(1)} tests/s, ${(items.length / run.seconds).toFixed(2)} programs/s ` +
      `(${runs} test runs, ${items.length} programs in ${run.seconds.toFixed(1)} s); ` +
      Object.entries(counts)
        .sort()
        .map(([v, n]) => `${v} ${n}`)
        .join(', '),
  );
  return runs;
}

export async function main(): Promise<void> {
  const runsWanted = Number(process.env.PASSK_BENCH_RUNS ?? 5000);
  const tasks = (await loadBenchmark('codecontests', { data: datasetPath('codecontests_test.jsonl.gz') })).tasks as StdioTask[];
  const items = buildWorkload(tasks, runsWanted);
  const mix: Record<string, number> = {};
  for (const item of items) mix[item.kind] = (mix[item.kind] ?? 0) + 1;
  console.log(
    `workload: ${items.length} programs on ${new Set(items.map((i) => i.task.id)).size} CodeContests problems ` +
      `(${Object.entries(mix)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}), jobs ${JOBS}, Python time factor ${DEFAULT_STDIO_FACTORS.python}`,
  );
  const fast = createPythonExecutor({ kind: 'forkserver', jobs: JOBS });
  const fresh = createPythonExecutor({ kind: 'subprocess', jobs: JOBS });
  console.log(`isolation: ${(await fast.facts()).isolation}`);
  // Warm both: the workers start, the sandbox is set up.
  await Promise.all(
    [fast, fresh].map((e) => e.execute({ program: items[0]!.program, task: items[0]!.task, limits: limitsFor(items[0]!.task) })),
  );

  const judged = await runAll(items, (item) => fast.execute({ program: item.program, task: item.task, limits: limitsFor(item.task) }));
  const baseline = await runAll(items, (item) =>
    freshPerTest(fresh, { program: item.program, task: item.task, limits: limitsFor(item.task) }),
  );
  const fastRuns = summary('fast judge (fork per test)     ', items, judged);
  const freshRuns = summary('fresh interpreter per test     ', items, baseline);
  const loopSeconds =
    items.filter((i) => i.kind === 'time-limited').reduce((s, i) => s + limitsFor(i.task).inputTimeoutsMs![0]! / 1000, 0) / JOBS;
  console.log(
    `fast / fresh: ${(fastRuns / judged.seconds / (freshRuns / baseline.seconds)).toFixed(1)}x the tests per second on the same test runs`,
  );
  console.log(
    `  without the ${TIME_LIMITED} time-limited programs (about ${loopSeconds.toFixed(1)} s of waiting in each): ` +
      `${((baseline.seconds - loopSeconds) / Math.max(0.001, judged.seconds - loopSeconds)).toFixed(1)}x`,
  );
  const differ = items.flatMap((item, i) => (judged.executions[i]!.verdict === baseline.executions[i]!.verdict ? [] : [i]));
  console.log(`verdicts agree: ${items.length - differ.length}/${items.length}; test runs counted: fast ${fastRuns}, fresh ${freshRuns}`);
  for (const i of differ.slice(0, 10)) {
    console.log(
      `  differs: ${items[i]!.task.id} ${items[i]!.kind}: fast ${judged.executions[i]!.detail} vs fresh ${baseline.executions[i]!.detail}`,
    );
  }
  await Promise.all([fast.close(), fresh.close()]);
}
