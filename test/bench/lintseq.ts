/**
 * LintSeq speed: one edit path for each of the 164 HumanEval canonical programs
 * (prompt + canonical_solution), on one core (the Node process and its linter worker are
 * pinned to one CPU with taskset where it exists). The public pylintseq core with Debian's
 * pylint 2.16 does 3.1 programs/s on this kind of machine (docs/formulas.md section 8; 963 edits,
 * about 5.9 per program). Also: the same with the real pylint behind passk's driver, and
 * HumanEval-X JavaScript with the TypeScript-based linter.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readJsonLines } from '../../kernel/jsonl.js';
import { lintseqPaths } from '../../harness/lintseq/generate.js';
import { PylintLinter, PythonLinter, pylintAvailable } from '../../harness/lintseq/linters/python.js';
import type { Linter } from '../../harness/lintseq/linters/types.js';
import type { LineLanguage } from '../../harness/lintseq/lines.js';
import { datasetPath } from '../support/datasets.js';

const REFERENCE_PER_SECOND = 3.1;
const CHILD_FLAG = 'PASSK_BENCH_LINTSEQ_CHILD';

interface Measure {
  label: string;
  programs: number;
  seconds: number;
  edits: number;
  lints: number;
}

async function programs(file: string): Promise<string[]> {
  return (await readJsonLines(datasetPath(file))).map((l) => {
    const r = l.value as Record<string, string>;
    return r.prompt! + r.canonical_solution!;
  });
}

/** One path per program, all programs in flight (the linter batches their requests). */
async function measure(label: string, codes: string[], language: LineLanguage, linter: Linter, seed: number): Promise<Measure> {
  const started = performance.now();
  const paths = await Promise.all(codes.map((code, i) => lintseqPaths(code, { language, linter, seed, key: i, paths: 1 })));
  const seconds = (performance.now() - started) / 1000;
  const found = paths.map((p) => p[0]!);
  return {
    label,
    programs: codes.length,
    seconds,
    edits: found.reduce((s, p) => s + p.diffs.length, 0),
    lints: found.reduce((s, p) => s + p.lints, 0),
  };
}

async function measureAll(): Promise<Measure[]> {
  const python = await programs('HumanEval.jsonl.gz');
  const results: Measure[] = [];
  const startedCold = performance.now();
  const linter = new PythonLinter();
  const cold = await measure('passk linter, cold (worker start included)', python, 'python', linter, 100);
  cold.seconds = (performance.now() - startedCold) / 1000;
  results.push(cold);
  for (const seed of [1, 2, 3]) results.push(await measure(`passk linter, warm, seed ${seed}`, python, 'python', linter, seed));
  await linter.close();
  if (pylintAvailable()) {
    const pylint = new PylintLinter();
    await pylint.lint('x = 1\n');
    results.push(await measure('real pylint (warm, in-process) behind passk', python, 'python', pylint, 1));
    await pylint.close();
  }
  const { TypeScriptLinter } = await import('../../harness/lintseq/linters/typescript.js');
  const js = await programs('humaneval_js.jsonl.gz');
  const tsLinter = new TypeScriptLinter('javascript');
  await measure('warm-up', js, 'javascript', tsLinter, 0); // the parser's JIT warm-up is most of a cold run
  results.push(await measure('HumanEval-X JavaScript, TypeScript-based linter', js, 'javascript', tsLinter, 1));
  return results;
}

function print(results: Measure[], pinned: string): void {
  process.stdout.write(`LintSeq, one path per program, ${pinned}\n`);
  for (const m of results) {
    const rate = m.programs / m.seconds;
    process.stdout.write(
      `  ${m.label.padEnd(52)} ${rate.toFixed(1).padStart(7)} programs/s  (${(rate / REFERENCE_PER_SECOND).toFixed(0).padStart(4)}x pylintseq's 3.1/s)  ` +
        `${m.seconds.toFixed(2)} s, ${(m.edits / m.programs).toFixed(1)} edits/program, ${(m.lints / m.programs).toFixed(1)} lints/program\n`,
    );
  }
}

/** Runs the measurement in a child pinned to one CPU (with its Python worker), or here. */
export async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  if (!existsSync('/usr/bin/taskset')) {
    print(await measureAll(), 'not pinned (no taskset): the linter worker may use a second core');
    return;
  }
  const child = spawn('/usr/bin/taskset', ['-c', '0', process.execPath, '--import', 'tsx', self], {
    env: { ...process.env, [CHILD_FLAG]: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`pinned lintseq bench exited with ${code}`);
  print(JSON.parse(out) as Measure[], 'Node and its linter worker pinned to CPU 0 (taskset -c 0)');
}

if (process.env[CHILD_FLAG] === '1') {
  process.stdout.write(JSON.stringify(await measureAll()));
}
