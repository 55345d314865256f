/**
 * The built-in suite: enough varied problems, each canonical solution passes its own
 * check in a real Python (our own code: trusted), and a do-nothing body fails every one.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import { loadBenchmark } from '../../benchmarks/registry.js';

/** Runs each program + check in its own namespace; returns "pass" or the exception name per task. */
function runChecks(programs: Array<{ id: string; source: string }>): Record<string, string> {
  const script = [
    'import sys, json, io, contextlib',
    'out = {}',
    'for job in json.load(sys.stdin):',
    '    try:',
    '        with contextlib.redirect_stdout(io.StringIO()):',
    '            exec(compile(job["source"], job["id"], "exec"), {})',
    '        out[job["id"]] = "pass"',
    '    except Exception as e:',
    '        out[job["id"]] = type(e).__name__',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(programs), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

const withCheck = (t: Task, program: string): string => {
  if (t.test.kind !== 'python-check') throw new Error(t.id);
  return `${program}\n${t.test.test}\ncheck(${t.test.entryPoint})\n`;
};

describe('builtin suite', () => {
  let tasks: Task[];
  beforeAll(async () => {
    tasks = (await loadBenchmark('builtin')).tasks;
  });

  it('has at least 24 problems with unique ids and entry points, instructions and >= 3 asserts each', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(24);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    expect(new Set(tasks.map((t) => t.entryPoint)).size).toBe(tasks.length);
    tasks.forEach((t, i) => {
      expect(t.id).toBe(`builtin/${i}`);
      expect(t.test.kind).toBe('python-check');
      expect(t.test.kind === 'python-check' && (t.test.test.match(/^\s*assert /gm) ?? []).length, t.id).toBeGreaterThanOrEqual(3);
      expect(t.prompt).toMatch(new RegExp(`^def ${t.entryPoint}\\(`, 'm'));
      expect(t.instruction, t.id).toContain(t.entryPoint!);
    });
    // Multi-line bodies, so simulated mutants (deleted lines, changed operators) have material.
    expect(tasks.filter((t) => t.canonicalSolution.split('\n').length > 4).length).toBeGreaterThanOrEqual(20);
  });

  it('every canonical solution passes its check', () => {
    const results = runChecks(tasks.map((t) => ({ id: t.id, source: withCheck(t, canonicalProgram(t)) })));
    expect(results).toEqual(Object.fromEntries(tasks.map((t) => [t.id, 'pass'])));
  });

  it('a body that returns None fails every check', () => {
    const results = runChecks(tasks.map((t) => ({ id: t.id, source: withCheck(t, `${t.prompt}    return None\n`) })));
    expect(Object.entries(results).filter(([, r]) => r === 'pass')).toEqual([]);
  });
});
