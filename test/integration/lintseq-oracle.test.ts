/**
 * Acceptance: HumanEval through the oracle in editseq format passes 164/164, rebuilt the
 * way the evaluation rebuilds (lintseq mode, penalty on) and run by a real Python (one
 * process, each program in a fresh namespace: these are the trusted canonical programs;
 * the sandboxed run is the eval pipeline's test). The JavaScript route shares LintSeq with
 * the HumanEval-X round-trip test.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { canonicalProgram } from '../../kernel/task.js';
import { rebuildForTask } from '../../harness/rebuild/rebuild-task.js';
import { normalizeProgram } from '../../harness/lintseq/forward.js';
import { pythonCommand } from '../../harness/lintseq/linters/python.js';
import { oracleCompletions } from '../../harness/samplers/oracle.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

/** Runs each program; returns "passed" or the exception per program. */
function runPython(programs: string[]): string[] {
  const script = [
    'import json, sys',
    'out = []',
    'for src in json.load(sys.stdin):',
    '    try:',
    '        exec(compile(src, "<oracle>", "exec"), {"__name__": "__oracle__"})',
    '        out.append("passed")',
    '    except BaseException as e:',
    '        out.append(type(e).__name__ + ": " + str(e)[:200])',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(pythonCommand(), ['-c', script], {
    input: JSON.stringify(programs),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('oracle sampler', () => {
  it('HumanEval in editseq format: 164/164 pass', async () => {
    const { tasks } = await loadBenchmark('humaneval', { data: datasetPath('HumanEval.jsonl.gz') });
    const samples = await oracleCompletions(tasks, { format: 'editseq', n: 1, seed: 7 });
    expect(samples).toHaveLength(164);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const programs = samples.map((s) => {
      const task = byId.get(s.taskId)!;
      expect(s.completion.endsWith('\n<|diff|>\n<|diff|><|endoftext|>')).toBe(true);
      const built = rebuildForTask(task, s.completion, { mode: 'lintseq', malformed: 'penalize' });
      if (!('program' in built) || task.test.kind !== 'python-check') throw new Error(`${s.taskId}: not rebuilt`);
      expect(built.rebuilt).toBe(normalizeProgram(canonicalProgram(task)));
      // What the executor runs for HumanEval: program + test + check(entry_point).
      return `${built.program}\n${task.test.test}\ncheck(${task.test.entryPoint})`;
    });
    const results = runPython(programs);
    expect(results.map((r, i) => (r === 'passed' ? r : `${samples[i]!.taskId}: ${r}`)).filter((r) => r !== 'passed')).toEqual([]);
    expect(results).toHaveLength(164);
  });

  it('is deterministic per (seed, task, index) and n-independent; baseline is the canonical completion', async () => {
    const { tasks } = await loadBenchmark('humaneval', { data: datasetPath('HumanEval.jsonl.gz') });
    const few = tasks.slice(0, 3);
    const a = await oracleCompletions(few, { format: 'editseq', n: 3, seed: 1 });
    const b = await oracleCompletions(few.slice(1), { format: 'editseq', n: 2, seed: 1 });
    expect(b).toEqual(a.filter((s) => s.taskId !== few[0]!.id && s.index < 2));
    const c = await oracleCompletions(few, { format: 'editseq', n: 3, seed: 2 });
    expect(c.map((s) => s.completion)).not.toEqual(a.map((s) => s.completion));
    const base = await oracleCompletions(few, { format: 'baseline', n: 2, seed: 1 });
    expect(base).toEqual(few.flatMap((t) => [0, 1].map((index) => ({ taskId: t.id, index, completion: t.canonicalSolution }))));
  });
});
