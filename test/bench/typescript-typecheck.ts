/**
 * Type-checked TypeScript programs per second: passk's executor in typecheck mode (the compiler
 * and the standard library declarations loaded once per worker, the program run in an isolate)
 * against MultiPL-E's way, a fresh `tsc --target esnext` and then `node` per program, side by side
 * in one run with the same number of programs at once. Also strip mode, for the cost of the check.
 *
 * Programs: the MultiPL-E HumanEval-TS and MBPP-TS solutions written for the tests (correct, wrong
 * and type-incorrect ones) and operator-swap mutants of the correct ones, over 200 in all, so the
 * mix holds passes, failures and type errors. Both sides must agree on each program's outcome
 * (passed, rejected by the checker, or failed); the agreement is printed.
 *
 * Run: npx tsx test/bench/typescript-typecheck.ts (or npm run bench -- typescript-typecheck).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import pLimit from 'p-limit';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { programFromCompletion, type Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Limits } from '../../sandbox/executor.js';
import { createJavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import type { TypeScriptMode } from '../../sandbox/javascript/typescript-mode.js';
import { datasetPath } from '../support/datasets.js';
import { readFixtureSolutions, type FixtureSuite } from '../support/multipl-e-fixtures.js';

const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 15_000 };
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const SWAPS: Array<[string, string]> = [
  [' < ', ' <= '],
  [' > ', ' >= '],
  [' + ', ' - '],
  [' === ', ' !== '],
  [' * ', ' + '],
  ['0', '1'],
];

type Outcome = 'passed' | 'rejected' | 'failed';
interface Job {
  program: string;
  task: Task;
}

async function jobs(): Promise<Job[]> {
  const out: Job[] = [];
  for (const suite of ['humaneval', 'mbpp'] as FixtureSuite[]) {
    const { tasks } = await loadBenchmark(`multipl-e-${suite}-ts`, { data: datasetPath(`multiple_${suite}_ts.jsonl.gz`) });
    const byId = new Map(tasks.map((t) => [t.id, t]));
    for (const solution of readFixtureSolutions(suite)) {
      const task = byId.get(solution.taskId)!;
      out.push({ program: programFromCompletion(task, solution.completion), task });
      if (solution.kind !== 'correct') continue;
      for (const [from, to] of SWAPS.filter(([from]) => solution.completion.includes(from)).slice(0, 2)) {
        out.push({ program: programFromCompletion(task, solution.completion.replace(from, to)), task });
      }
    }
  }
  return out;
}

async function passk(list: Job[], mode: TypeScriptMode, workers: number): Promise<{ seconds: number; outcomes: Outcome[] }> {
  const executor = createJavaScriptExecutor({ jobs: workers, typescript: mode });
  try {
    // Start the workers (each loads the compiler once) outside the clock.
    await Promise.all(Array.from({ length: workers }, () => executor.execute({ ...list[0]!, limits: LIMITS })));
    const started = performance.now();
    const outcomes = await Promise.all(
      list.map(async (job) => {
        const e = await executor.execute({ ...job, limits: LIMITS });
        return e.verdict === 'passed' ? 'passed' : e.verdict === 'syntax_error' ? 'rejected' : 'failed';
      }),
    );
    return { seconds: (performance.now() - started) / 1000, outcomes };
  } finally {
    await executor.close();
  }
}

/** MultiPL-E's evaluation of one program: tsc, then node, each with a 15 s timeout; a tsc error is a failure. */
async function tscAndNode(job: Job, dir: string, index: number): Promise<Outcome> {
  const test = job.task.test.kind === 'js-asserts' ? job.task.test.test : '';
  const file = join(dir, `program${index}.ts`);
  writeFileSync(file, `${job.program}\n${test}`);
  const tsc = await execa(process.execPath, [TSC, '--target', 'esnext', file], { reject: false, timeout: 15_000, cwd: dir });
  if (tsc.exitCode !== 0) return 'rejected';
  const node = await execa(process.execPath, [file.replace(/\.ts$/, '.js')], { reject: false, timeout: 15_000, cwd: dir });
  return node.exitCode === 0 ? 'passed' : 'failed';
}

async function multiplE(list: Job[], workers: number): Promise<{ seconds: number; outcomes: Outcome[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'passk-bench-tsc-'));
  try {
    const limit = pLimit(workers);
    const started = performance.now();
    const outcomes = await Promise.all(list.map((job, i) => limit(() => tscAndNode(job, dir, i))));
    return { seconds: (performance.now() - started) / 1000, outcomes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tally = (outcomes: Outcome[]) =>
  (['passed', 'rejected', 'failed'] as const).map((o) => `${outcomes.filter((x) => x === o).length} ${o}`).join(', ');

export async function main(): Promise<void> {
  const list = await jobs();
  const workers = Math.min(2, availableParallelism());
  process.stdout.write(`${list.length} TypeScript programs (MultiPL-E HumanEval-TS and MBPP-TS), ${workers} at once\n`);
  const checked = await passk(list, 'typecheck', workers);
  const stripped = await passk(list, 'strip', workers);
  const fresh = await multiplE(list, workers);
  const rate = (r: { seconds: number }) => list.length / r.seconds;
  const line = (label: string, r: { seconds: number; outcomes: Outcome[] }) =>
    `  ${label.padEnd(44)} ${rate(r).toFixed(1).padStart(7)} programs/s  (${r.seconds.toFixed(1)} s; ${tally(r.outcomes)})\n`;
  process.stdout.write(line('passk typecheck (warm compiler, isolate)', checked));
  process.stdout.write(line('passk strip (types blanked, no check)', stripped));
  process.stdout.write(line('fresh tsc --target esnext + node per program', fresh));
  const agree = list.filter((_, i) => checked.outcomes[i] === fresh.outcomes[i]).length;
  process.stdout.write(`  typecheck / tsc+node: ${(rate(checked) / rate(fresh)).toFixed(1)}x; outcomes agree on ${agree}/${list.length}\n`);
  process.stdout.write(`  strip / typecheck: ${(rate(stripped) / rate(checked)).toFixed(2)}x (what the type check costs)\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
