/**
 * Programs per second through the JavaScript executor (isolated-vm, one isolate per program):
 * HumanEval-X JavaScript canonical solutions, then simple mutants of them (operator swaps,
 * off-by-one constants, and two infinite loops that each cost a full time limit), and a
 * trivial program for the harness's own ceiling. Figures are taken side by side in one run.
 *
 * Run: npx tsx test/bench/js-executor.ts (or npm run bench -- js-executor).
 */
import { pathToFileURL } from 'node:url';
import { humanevalJs } from '../../benchmarks/humaneval-js.js';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import type { Verdict } from '../../kernel/verdict.js';
import { DEFAULT_LIMITS, type Limits } from '../../sandbox/executor.js';
import { createJavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import { datasetPath } from '../support/datasets.js';

const DATA = datasetPath('humaneval_js.jsonl.gz');
const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 2000 };
const SWAPS: Array<[string, string]> = [
  [' < ', ' <= '],
  [' > ', ' >= '],
  [' + ', ' - '],
  [' == ', ' != '],
  [' === ', ' !== '],
  [' && ', ' || '],
];

interface Job {
  program: string;
  task: Task;
}

/** Up to two operator swaps and one off-by-one constant per task, plus two infinite loops. */
function mutants(tasks: Task[]): Job[] {
  const jobs: Job[] = [];
  for (const task of tasks) {
    const solution = task.canonicalSolution;
    const swaps = SWAPS.filter(([from]) => solution.includes(from)).slice(0, 2);
    for (const [from, to] of swaps) jobs.push({ program: task.prompt + solution.replace(from, to), task });
    const constant = /\b(\d+)\b/.exec(solution);
    if (constant) {
      const bumped =
        solution.slice(0, constant.index) + String(Number(constant[1]) + 1) + solution.slice(constant.index + constant[0].length);
      jobs.push({ program: task.prompt + bumped, task });
    }
  }
  for (const task of tasks.slice(0, 2)) jobs.push({ program: `${task.prompt}  while (true) {}\n${task.canonicalSolution}`, task });
  return jobs;
}

async function measure(label: string, jobs: Job[], workers: number): Promise<number> {
  const executor = createJavaScriptExecutor({ jobs: workers });
  try {
    await executor.execute({ ...jobs[0]!, limits: LIMITS }); // start the workers outside the clock
    const started = performance.now();
    const verdicts = await Promise.all(jobs.map((job) => executor.execute({ ...job, limits: LIMITS }).then((e) => e.verdict)));
    const seconds = (performance.now() - started) / 1000;
    const counts: Partial<Record<Verdict, number>> = {};
    for (const v of verdicts) counts[v] = (counts[v] ?? 0) + 1;
    const rate = jobs.length / seconds;
    const histogram = Object.entries(counts)
      .map(([v, n]) => `${v}=${n}`)
      .join(' ');
    console.log(
      `${label.padEnd(34)} ${String(jobs.length).padStart(4)} programs, jobs ${workers}: ${seconds.toFixed(2)} s, ${rate.toFixed(1)} programs/s  [${histogram}]`,
    );
    return rate;
  } finally {
    await executor.close();
  }
}

export async function main(): Promise<void> {
  const tasks = await humanevalJs.load(DATA, {});
  const canonical = tasks.map((task) => ({ program: canonicalProgram(task), task }));
  const trivialTask: Task = { ...tasks[0]!, test: { kind: 'js-asserts', test: 'console.assert(x === 1)\n' } };
  const trivial = Array.from({ length: 200 }, () => ({ program: 'const x = 1\n', task: trivialTask }));
  const mutated = mutants(tasks);

  const trivial1 = await measure('trivial program (harness ceiling)', trivial, 1);
  const canonical1 = await measure('HumanEval-X JS canonical', canonical, 1);
  const canonical2 = await measure('HumanEval-X JS canonical', canonical, 2);
  const mutants2 = await measure('canonical mutants (2 loops)', mutated, 2);
  console.log(
    `ratios: canonical / trivial (jobs 1) = ${(canonical1 / trivial1).toFixed(2)}; jobs 2 / jobs 1 (canonical) = ${(canonical2 / canonical1).toFixed(2)}`,
  );
  console.log(
    `mixed workload, canonical + mutants at jobs 2: ${((canonical.length + mutated.length) / (canonical.length / canonical2 + mutated.length / mutants2)).toFixed(1)} programs/s`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
