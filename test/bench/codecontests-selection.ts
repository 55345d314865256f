/**
 * n@k and pass@k for n = 1,000 samples on 20 CodeContests problems, end to end through the
 * CLI, timed: a simulated sampler (seeded, like the demo's) draws each problem's samples from a
 * pool built on the judge's conformance solutions (test/fixtures/codecontests; for the six
 * problems without one, a program that looks every test's answer up stands in as correct),
 * programs that answer the public tests only (two kinds, so they form two clusters), a wrong
 * and a crashing program, and on three problems an infinite loop, at per-problem rates drawn
 * from the seed. `passk eval` scores the samples (the execution cache runs each distinct
 * program once), `passk select` clusters the public-passing ones on the hidden tests' inputs
 * (the oracle-input upper bound) and prints 1@k and 10@k beside pass@k.
 * PASSK_BENCH_SAMPLES (default 1000) sets n.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchmark } from '../../benchmarks/registry.js';
import type { Task } from '../../kernel/task.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { solutions } from '../fixtures/codecontests/judge-cases.js';
import { datasetPath } from '../support/datasets.js';

type StdioTask = Task & { test: Extract<Task['test'], { kind: 'stdio' }> };
const PROBLEMS = 20;
const DATA = datasetPath('codecontests_test.jsonl.gz');

const norm = (s: string) => s.trim().split(/\s+/).join(' ');

/** Answers the inputs it knows (by their tokens), prints `fallback` otherwise. */
function lookup(tests: ReadonlyArray<{ input: string; output: string }>, fallback: string): string {
  const answers = Object.fromEntries(tests.map((t) => [norm(t.input), t.output]));
  return [
    'import sys',
    `ANSWERS = ${JSON.stringify(answers)}`,
    'data = " ".join(sys.stdin.read().split())',
    `sys.stdout.write(ANSWERS.get(data, ${JSON.stringify(fallback)}))`,
    '',
  ].join('\n');
}

function pool(task: StdioTask, solution: string | undefined, loops: boolean): Array<{ kind: string; program: string; weight: number }> {
  const publicTests = task.test.tests.slice(0, task.test.publicTests);
  const correct = solution ?? lookup(task.test.tests, '0\n');
  return [
    { kind: 'correct', program: correct, weight: 0 },
    { kind: 'correct, other text', program: `# the same, written differently\n${correct}\n\n`, weight: 0 },
    { kind: 'public only (a)', program: lookup(publicTests, '0\n'), weight: 0 },
    { kind: 'public only (b)', program: lookup(publicTests, '-1\n'), weight: 0 },
    { kind: 'wrong', program: 'import sys\nsys.stdin.read()\nprint(42)\n', weight: 0 },
    { kind: 'crash', program: 'n = int(input())\nprint(1 // (n - n))\n', weight: 0 },
    ...(loops ? [{ kind: 'loop', program: 'input()\nwhile True:\n    pass\n', weight: 0 }] : []),
  ];
}

export async function main(): Promise<void> {
  const n = Number(process.env.PASSK_BENCH_SAMPLES ?? 1000);
  const tasks = (await loadBenchmark('codecontests', { data: DATA })).tasks as StdioTask[];
  const python = solutions('python');
  const solved = tasks.filter((t) => python.has(Number(t.id.split('/')[1])));
  const others = tasks.filter((t) => !python.has(Number(t.id.split('/')[1])) && t.test.tests.length > t.test.publicTests);
  const chosen = [...solved, ...others].slice(0, PROBLEMS);
  const rng = mulberry32(20261205);
  const lines: string[] = [];
  const planted: string[] = [];
  chosen.forEach((task, p) => {
    const programs = pool(task, python.get(Number(task.id.split('/')[1])), p % 7 === 3);
    // Per-problem rates: correct 0.1%-30% (log-uniform), public-only 5%-30%, the rest wrong.
    const correct = Math.exp(Math.log(0.001) + rng() * Math.log(300));
    const publicOnly = 0.05 + 0.25 * rng();
    const rest = Math.max(0, 1 - correct - publicOnly);
    const loop = programs.length > 6 ? 0.01 : 0;
    const weights = [correct * 0.7, correct * 0.3, publicOnly * 0.6, publicOnly * 0.4, rest * 0.6 - loop, rest * 0.4, loop];
    planted.push(`${task.id} correct ${(100 * correct).toFixed(1)}%`);
    for (let i = 0; i < n; i++) {
      let u = rng();
      let pick = 0;
      while (pick < programs.length - 1 && u >= weights[pick]!) u -= weights[pick++]!;
      lines.push(JSON.stringify({ task_id: task.id, solution: programs[pick]!.program }));
    }
  });
  const dir = join(process.cwd(), '.cache', 'bench-codecontests-selection');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const samples = join(dir, 'samples.jsonl');
  writeFileSync(samples, `${lines.join('\n')}\n`);
  console.log(
    `simulated sampler: ${n} samples on each of ${chosen.length} problems (${lines.length} in all); planted: ${planted.join(', ')}`,
  );

  const cli = (args: string[]) =>
    execFileSync('npx', ['tsx', 'harness/cli/main.ts', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
  const started = performance.now();
  const run = join(dir, 'run');
  const ids = chosen.flatMap((t) => ['--tasks', t.id]);
  cli([
    'eval',
    '--benchmark',
    'codecontests',
    '--data',
    DATA,
    '--samples',
    samples,
    '--format',
    'full',
    '-n',
    'all',
    '--out',
    run,
    '--jobs',
    '2',
    '--progress',
    'off',
    ...ids,
  ]);
  const evaluated = (performance.now() - started) / 1000;
  const ks = [1, 2, 5, 10, 20, 50, 100, 200, 500, n].filter((k, i, all) => k <= n && all.indexOf(k) === i);
  const table = cli(['select', run, '--k', ...ks.map(String)]);
  const total = (performance.now() - started) / 1000;
  console.log(table.trimEnd());
  console.log(
    `passk eval: ${evaluated.toFixed(1)} s; passk select: ${(total - evaluated).toFixed(1)} s; in all ${total.toFixed(1)} s for ${lines.length} samples (2 jobs)`,
  );
  const report = join(dir, 'report.html');
  cli(['report', run, '--out', report]);
  console.log(`report: ${report}`);
}
