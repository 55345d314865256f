/**
 * The TypeScript solutions written for the MultiPL-E tests (test/fixtures/multipl-e/*.txt: each
 * entry a completion of a task's prompt, labelled correct, wrong or type-error), and what the tests
 * make of them: a data file with the correct ones as `canonical_solution`, and the JavaScript
 * version of a TypeScript program (its types stripped), which the JavaScript sets reuse.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import tsBlankSpace from 'ts-blank-space';

const SOLUTION_KINDS = ['correct', 'wrong', 'type-error'] as const;
type SolutionKind = (typeof SOLUTION_KINDS)[number];

export interface FixtureSolution {
  taskId: string;
  kind: SolutionKind;
  /** A completion of the task's prompt. */
  completion: string;
  /** Where it is written, for messages: file:line. */
  at: string;
}

export type FixtureSuite = 'humaneval' | 'mbpp';

const FILES: Record<FixtureSuite, string> = {
  humaneval: 'humaneval-ts-solutions.txt',
  mbpp: 'mbpp-ts-solutions.txt',
};

const HEADER = /^=== (\S+) (\S+)$/;

/** Every solution of a fixture file, in file order. */
export function readFixtureSolutions(suite: FixtureSuite): FixtureSolution[] {
  const path = fileURLToPath(new URL(`../fixtures/multipl-e/${FILES[suite]}`, import.meta.url));
  const lines = readFileSync(path, 'utf8').split('\n');
  const solutions: FixtureSolution[] = [];
  let current: { taskId: string; kind: SolutionKind; at: string; body: string[] } | undefined;
  const close = () => {
    if (current === undefined) return;
    const completion = `${current.body.join('\n').replace(/\s+$/, '')}\n`;
    solutions.push({ taskId: current.taskId, kind: current.kind, completion, at: current.at });
  };
  lines.forEach((line, i) => {
    const header = HEADER.exec(line);
    if (header !== null) {
      close();
      const kind = header[2] as SolutionKind;
      if (!SOLUTION_KINDS.includes(kind)) throw new Error(`${path}:${i + 1}: unknown kind "${kind}"`);
      current = { taskId: header[1]!, kind, at: `${path}:${i + 1}`, body: [] };
    } else if (current !== undefined) {
      current.body.push(line);
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      throw new Error(`${path}:${i + 1}: text before the first "=== <task id> <kind>" header`);
    }
  });
  close();
  return solutions;
}

/** The raw rows of a MultiPL-E data file (.jsonl.gz). */
function readMultiplERows(path: string): Array<Record<string, unknown> & { name: string; prompt: string }> {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { name: string; prompt: string });
}

/**
 * Writes a copy of a MultiPL-E file whose rows for the given solutions carry them as
 * `canonical_solution` (the other rows unchanged), for the canonical and oracle samples.
 */
export function writeWithCanonicalSolutions(source: string, target: string, solutions: readonly FixtureSolution[]): void {
  const byTask = new Map(solutions.map((s) => [s.taskId, s.completion]));
  const rows = readMultiplERows(source).map((row) => (byTask.has(row.name) ? { ...row, canonical_solution: byTask.get(row.name) } : row));
  writeFileSync(target, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

/** A TypeScript program as JavaScript: its types blanked out (positions kept). */
export function stripTypes(program: string): string {
  return tsBlankSpace(program);
}
