/**
 * n@k and pass@k for n = 1,000 samples on 20 CodeContests problems, end to end through the
 * CLI, timed, by the command a user runs: `passk demo --benchmark codecontests`. Its simulated
 * model (harness/demo/codecontests-pool.ts) draws each problem's samples, seeded, from a pool
 * built on passk's own solutions (benchmarks/codecontests/solutions/; for the problems without
 * one, a program that looks every test's answer up stands in as correct), two programs that
 * answer the public tests only (two clusters), a wrong and a crashing program, and on some
 * problems an infinite loop, at per-problem rates drawn from the seed. The run judges every
 * sample (the execution cache runs each distinct program once), clusters the public-passing
 * ones on the hidden tests' inputs (the oracle-input upper bound) for summary.json's n@k, and
 * writes the report with both curves. PASSK_BENCH_SAMPLES (default 1000) sets n,
 * PASSK_BENCH_PROBLEMS (default 20) the problems.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { datasetPath } from '../support/datasets.js';

export async function main(): Promise<void> {
  const n = Number(process.env.PASSK_BENCH_SAMPLES ?? 1000);
  const problems = Number(process.env.PASSK_BENCH_PROBLEMS ?? 20);
  const out = join(process.cwd(), '.cache', 'bench-codecontests-selection');
  const args = ['demo', '--benchmark', 'codecontests', '--data', datasetPath('codecontests_test.jsonl.gz')];
  args.push('--n', String(n), '--problems', String(problems), '--jobs', '2', '--out', out, '--progress', 'off');
  console.log(
    `passk ${args.join(' ')}   (load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')})`,
  );
  const started = performance.now();
  const printed = execFileSync('npx', ['tsx', 'harness/cli/main.ts', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(printed.trimEnd());
  console.log(
    `in all ${seconds.toFixed(1)} s for ${n * problems} samples on ${problems} problems (2 jobs; the process's start included); ` +
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
  );
}
