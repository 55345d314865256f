/**
 * A HumanEval execution workload for the Python executor bench: the canonical solutions
 * plus realistic mutants of them (a swapped comparison or arithmetic operator, an
 * off-by-one constant, a deleted line; then pairs of these, until the size asked for) and
 * a few infinite loops. Deterministic for a seed.
 * Mutants are made from solutions without `while` loops, so that no mutant turns into an
 * infinite loop by accident: the only timeouts are the loops put in on purpose.
 */
import type { Task } from '../../kernel/task.js';
import { humaneval } from '../../benchmarks/humaneval.js';

type ProgramKind = 'canonical' | 'comparison' | 'arithmetic' | 'off-by-one' | 'deleted-line' | 'two-mutations' | 'infinite-loop';

export interface WorkItem {
  task: Task;
  program: string;
  kind: ProgramKind;
}

/** HumanEval's tasks, read by the benchmark's own adapter. */
export async function humanEvalTasks(path: string): Promise<Task[]> {
  return humaneval.load(path, {});
}

const COMPARISONS = ['<', '>', '<=', '>=', '==', '!='];
/** Each comparison operator replaced by each other one. */
const COMPARISON_SWAPS: Array<[RegExp, string]> = COMPARISONS.flatMap((from) =>
  COMPARISONS.filter((to) => to !== from).map((to): [RegExp, string] => [
    new RegExp(` ${from.replace(/[<>=!]/g, (c) => `\\${c}`)} `, 'g'),
    ` ${to} `,
  ]),
);
const ARITHMETIC_SWAPS: Array<[RegExp, string]> = [
  [/ \+ /g, ' - '],
  [/ \+ /g, ' * '],
  [/ - /g, ' + '],
  [/ \* /g, ' + '],
  [/ \* /g, ' // '],
  [/ \/\/ /g, ' / '],
  [/ \/\/ /g, ' % '],
  [/ % /g, ' // '],
];

/** One mutant per occurrence of the pattern. */
function eachOccurrence(source: string, pattern: RegExp, replacement: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(pattern)) {
    const at = match.index ?? 0;
    out.push(source.slice(0, at) + replacement + source.slice(at + match[0].length));
  }
  return out;
}

function offByOne(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(/(?<![\w.])(\d+)(?![\w.])/g)) {
    const at = match.index ?? 0;
    const n = Number(match[1]);
    for (const changed of n > 0 ? [n + 1, n - 1] : [n + 1]) {
      out.push(source.slice(0, at) + String(changed) + source.slice(at + match[1]!.length));
    }
  }
  return out;
}

function deletedLines(source: string): string[] {
  const lines = source.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || /^\s*(def |return\b|else:|elif |for |if )/.test(line)) return; // keep it compilable
    out.push([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
  });
  return out;
}

function infiniteLoop(solution: string): string {
  const indent = /^([ \t]*)\S/m.exec(solution)?.[1] ?? '    ';
  return `${indent}while True:\n${indent}    pass\n${solution}`;
}

function mutantsOf(solution: string): Array<{ kind: ProgramKind; solution: string }> {
  if (/\bwhile\b/.test(solution)) return [];
  const out: Array<{ kind: ProgramKind; solution: string }> = [];
  for (const [pattern, replacement] of COMPARISON_SWAPS)
    for (const s of eachOccurrence(solution, pattern, replacement)) out.push({ kind: 'comparison', solution: s });
  for (const [pattern, replacement] of ARITHMETIC_SWAPS)
    for (const s of eachOccurrence(solution, pattern, replacement)) out.push({ kind: 'arithmetic', solution: s });
  for (const s of offByOne(solution)) out.push({ kind: 'off-by-one', solution: s });
  for (const s of deletedLines(solution)) out.push({ kind: 'deleted-line', solution: s });
  return out;
}

/** mulberry32 seeded from a string: a small deterministic generator for the shuffle. */
function seeded(seed: string): () => number {
  let a = 0;
  for (const c of seed) a = (Math.imul(a, 31) + c.charCodeAt(0)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * `size` programs that finish (all canonical solutions first, then mutants), plus
 * `loops` infinite loops, shuffled together.
 */
export function buildWorkload(tasks: Task[], size: number, loops: number, seed = 'passk-bench'): WorkItem[] {
  const random = seeded(seed);
  const canonical: WorkItem[] = tasks.map((task) => ({ task, program: task.prompt + task.canonicalSolution, kind: 'canonical' }));
  const seen = new Set(canonical.map((w) => w.program));
  const mutants: WorkItem[] = [];
  for (const task of tasks) {
    for (const m of mutantsOf(task.canonicalSolution)) {
      const program = task.prompt + m.solution;
      if (seen.has(program)) continue;
      seen.add(program);
      mutants.push({ task, program, kind: m.kind });
    }
  }
  let finishing = [...canonical, ...shuffle(mutants, random)];
  // Not enough single mutants: mutate the mutants once more.
  for (const m of shuffle(mutants, random)) {
    if (finishing.length >= size) break;
    const solution = m.program.slice(m.task.prompt.length);
    const again = mutantsOf(solution);
    const pick = again[Math.floor(random() * again.length)];
    if (!pick || seen.has(m.task.prompt + pick.solution)) continue;
    seen.add(m.task.prompt + pick.solution);
    finishing.push({ task: m.task, program: m.task.prompt + pick.solution, kind: 'two-mutations' });
  }
  finishing = finishing.slice(0, size);
  const looping = shuffle(tasks, random)
    .slice(0, loops)
    .map((task): WorkItem => ({ task, program: task.prompt + infiniteLoop(task.canonicalSolution), kind: 'infinite-loop' }));
  return shuffle([...finishing, ...looping], random);
}
