/**
 * What the CodeContests demo's simulated model writes for a problem: a pool of whole Python
 * programs of known kinds, with per-problem rates. Right answers are passk's own solutions
 * (benchmarks/codecontests/solutions/; where a problem has none, a program that looks every
 * test's answer up stands in for one), the same program written differently (other text, the
 * same outputs: one cluster), two programs that answer only the public tests (two clusters
 * that pass the public tests and fail a hidden one: what n@k's filter cannot catch), a wrong
 * and a crashing program, and on some problems an infinite loop (one timeout). Pure.
 */
import type { Task } from '../../kernel/task.js';
import { deriveSeed, mulberry32 } from '../metrics/random.js';

type StdioTask = Task & { test: Extract<Task['test'], { kind: 'stdio' }> };

export interface PoolProgram {
  kind: 'correct' | 'correct, other text' | 'public only (a)' | 'public only (b)' | 'wrong' | 'crash' | 'loop';
  program: string;
  /** The probability a sample is this program. */
  weight: number;
}

const norm = (s: string) => s.trim().split(/\s+/).join(' ');

/** A program that answers the inputs it knows (by their tokens) and prints `fallback` otherwise. */
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

/** Whether a problem can show a public-only program failing: it has hidden tests. */
export function hasHiddenTests(task: Task): boolean {
  return task.test.kind === 'stdio' && task.test.tests.length > task.test.publicTests;
}

/**
 * A problem's pool. Per-problem rates, drawn from the seed: right answers 0.1%-30% of samples
 * (log-uniform), public-only ones 5%-30%, the rest wrong or crashing; a loop on one problem in
 * seven (1% of its samples).
 */
export function problemPool(task: Task, solution: string | undefined, seed: number): PoolProgram[] {
  if (task.test.kind !== 'stdio') throw new Error(`${task.id} is not a stdin/stdout problem`);
  const t = (task as StdioTask).test;
  const rng = mulberry32(deriveSeed(seed, 'codecontests-pool', task.id));
  const correct = Math.exp(Math.log(0.001) + rng() * Math.log(300));
  const publicOnly = 0.05 + 0.25 * rng();
  const loops = rng() < 1 / 7;
  const rest = Math.max(0, 1 - correct - publicOnly);
  const loop = loops ? 0.01 : 0;
  const right = solution ?? lookup(t.tests, '0\n');
  const publicTests = t.tests.slice(0, t.publicTests);
  const pool: PoolProgram[] = [
    { kind: 'correct', program: right, weight: correct * 0.7 },
    { kind: 'correct, other text', program: `# the same, written differently\n${right}\n\n`, weight: correct * 0.3 },
    { kind: 'public only (a)', program: lookup(publicTests, '0\n'), weight: publicOnly * 0.6 },
    { kind: 'public only (b)', program: lookup(publicTests, '-1\n'), weight: publicOnly * 0.4 },
    { kind: 'wrong', program: 'import sys\nsys.stdin.read()\nprint(42)\n', weight: rest * 0.6 - loop },
    { kind: 'crash', program: 'n = int(input())\nprint(1 // (n - n))\n', weight: rest * 0.4 },
  ];
  if (loops) pool.push({ kind: 'loop', program: 'input()\nwhile True:\n    pass\n', weight: loop });
  return pool;
}

/** The pool's program for a uniform draw u in [0, 1). */
export function drawFromPool(pool: readonly PoolProgram[], u: number): PoolProgram {
  let left = u;
  for (const p of pool) {
    if (left < p.weight) return p;
    left -= p.weight;
  }
  return pool[pool.length - 1]!;
}
