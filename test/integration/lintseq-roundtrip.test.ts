/**
 * Acceptance: every canonical program of HumanEval, MBPP+ and HumanEval-X JavaScript,
 * 5 LintSeq paths each. Rebuilding each edit sequence gives back the program up to the
 * stated rule (normalizeProgram: "\n" line ends, no leading or trailing blank lines), and
 * every intermediate state lints clean under passk's linter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pLimit from 'p-limit';
import { readJsonLines } from '../../harness/io/jsonl.js';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { reconstruct } from '../../harness/editseq/reconstruct.js';
import { EDIT_SEPARATOR } from '../../harness/editseq/format.js';
import { lintseqPaths, normalizeProgram, type LineLanguage } from '../../harness/editseq/lintseq/index.js';
import { PythonLinter } from '../../harness/editseq/linters/python.js';
import { TypeScriptLinter } from '../../harness/editseq/linters/typescript.js';
import type { Linter } from '../../harness/editseq/linters/types.js';

const PATHS = 5;
type Row = Record<string, string>;

async function rows(file: string): Promise<Row[]> {
  return (await readJsonLines(`../shared/datasets/${file}`)).map((l) => l.value as Row);
}

interface Failure {
  id: string;
  path: number;
  what: string;
}

/** Checks all paths of all programs; returns the failures (empty when all hold). */
async function roundTrip(programs: Array<{ id: string; code: string }>, language: LineLanguage, linter: Linter): Promise<{ failures: Failure[]; paths: number; edits: number }> {
  const limit = pLimit(48);
  const failures: Failure[] = [];
  let paths = 0;
  let edits = 0;
  await Promise.all(
    programs.map(({ id, code }) =>
      limit(async () => {
        const results = await lintseqPaths(code, { language, linter, seed: 1, key: id, paths: PATHS });
        const own = linter.forProgram ? await linter.forProgram(code) : linter;
        await Promise.all(
          results.map(async (path, p) => {
            if (path === null) return void failures.push({ id, path: p, what: 'no path' });
            paths++;
            edits += path.diffs.length;
            const states: string[] = [];
            for (let k = 1; k <= path.diffs.length; k++) {
              const r = reconstruct(path.diffs.slice(0, k).join(EDIT_SEPARATOR), { mode: 'strict', malformed: 'penalize' });
              if (!r.ok) return void failures.push({ id, path: p, what: `edit ${k} does not apply: ${r.reason}` });
              states.push(r.program);
            }
            const lintseq = reconstruct(path.diffs.join(EDIT_SEPARATOR), { mode: 'lintseq', malformed: 'penalize' });
            if (!lintseq.ok || lintseq.program !== states[states.length - 1]) failures.push({ id, path: p, what: 'lintseq and strict modes disagree' });
            if (states[states.length - 1] !== normalizeProgram(code)) failures.push({ id, path: p, what: 'rebuilt program differs' });
            const issues = await Promise.all(states.slice(0, -1).map((s) => own.lint(s)));
            issues.forEach((found, k) => {
              if (found.length > 0) failures.push({ id, path: p, what: `state ${k + 1} is dirty: ${JSON.stringify(found[0])}` });
            });
          }),
        );
      }),
    ),
  );
  return { failures, paths, edits };
}

describe('LintSeq round trip', () => {
  const python = new PythonLinter();
  const typescript = new TypeScriptLinter('javascript');
  afterAll(() => Promise.all([python.close(), typescript.close()]));

  it('HumanEval: prompt + canonical_solution', async () => {
    const programs = (await rows('HumanEval.jsonl.gz')).map((r) => ({ id: r.task_id!, code: r.prompt! + r.canonical_solution! }));
    expect(programs).toHaveLength(164);
    const { failures, paths, edits } = await roundTrip(programs, 'python', python);
    expect(failures).toEqual([]);
    expect(paths).toBe(164 * PATHS);
    expect(edits / paths).toBeGreaterThan(2);
  });

  it('MBPP+: canonical_solution', async () => {
    // The file holds NaN/Infinity inputs, which JSON.parse rejects: read it through the adapter.
    const { tasks } = await loadBenchmark('mbppplus', { data: '../shared/datasets/MbppPlus.jsonl.gz' });
    const programs = tasks.map((t) => ({ id: t.id, code: t.canonicalSolution }));
    expect(programs).toHaveLength(399);
    const { failures, paths } = await roundTrip(programs, 'python', python);
    expect(failures).toEqual([]);
    expect(paths).toBe(399 * PATHS);
  });

  it('HumanEval-X JavaScript: prompt + canonical_solution', async () => {
    const programs = (await rows('humaneval_js.jsonl.gz')).map((r) => ({ id: r.task_id!, code: r.prompt! + r.canonical_solution! }));
    expect(programs).toHaveLength(164);
    const { failures, paths, edits } = await roundTrip(programs, 'javascript', typescript);
    expect(failures).toEqual([]);
    expect(paths).toBe(164 * PATHS);
    expect(edits / paths).toBeGreaterThan(2);
  });
});
