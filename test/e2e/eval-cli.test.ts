import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { BIN, PROJECT_ROOT, passk } from '../support/cli.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'passk-e2e-'));

function keysOf(dir: string): string[] {
  return readFileSync(join(dir, 'samples.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l) as { task_id: string; index: number; verdict: string };
      return `${r.task_id}#${r.index}:${r.verdict}`;
    });
}

/** A sample file over the built-in suite: per task, the canonical solution, a wrong one, and (for a few) an endless loop. */
async function writeMixedSamples(path: string): Promise<number> {
  const { tasks } = await loadBenchmark('builtin');
  const lines: string[] = [];
  tasks.forEach((t, i) => {
    lines.push(JSON.stringify({ task_id: t.id, completion: t.canonicalSolution }));
    lines.push(JSON.stringify({ task_id: t.id, completion: '    return None\n' }));
    if (i % 10 === 0) lines.push(JSON.stringify({ task_id: t.id, completion: '    while True:\n        pass\n' }));
    lines.push(JSON.stringify({ task_id: t.id, completion: '```python\n' + t.prompt + t.canonicalSolution + '```\n' }));
  });
  writeFileSync(path, lines.join('\n') + '\n');
  return lines.length;
}

describe('passk eval (the CLI)', () => {
  it("scores the built-in suite's canonical solutions 100% and prints summary.json with --json", async () => {
    const out = join(fresh(), 'run');
    const r = await passk(['eval', '--benchmark', 'builtin', '--samples', 'canonical', '--out', out, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.pass_at_k['1'].value).toBe(1);
    expect(Object.values(summary.tasks as Record<string, { n: number; c: number }>).every((t) => t.n === 1 && t.c === 1)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(manifest.sandbox.isolation).toMatch(/\S/);
  });

  it('names the file, line and field of a broken sample line, and exits 3', async () => {
    const dir = fresh();
    const samples = join(dir, 'bad.jsonl');
    const { tasks } = await loadBenchmark('builtin');
    writeFileSync(samples, `${JSON.stringify({ task_id: tasks[0]!.id, completion: tasks[0]!.canonicalSolution })}\n{"task_id": 7}\n`);
    const r = await passk(['eval', '--benchmark', 'builtin', '--samples', samples, '--out', join(dir, 'run')]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`${samples}:2`);
    expect(r.stderr).toMatch(/completion|task_id/);
  });

  it('rejects an unknown benchmark and a missing data file with exit 3 and what was expected', async () => {
    const a = await passk(['eval', '--benchmark', 'nope', '--samples', 'canonical']);
    expect(a.exitCode).toBe(3);
    expect(a.stderr).toMatch(/unknown benchmark "nope"; expected one of .*humaneval/);
    const b = await passk(['eval', '--benchmark', 'humaneval', '--samples', 'canonical']);
    expect(b.exitCode).toBe(3);
    expect(b.stderr).toContain('--data');
  });

  it('after kill -9, the same command finishes only what is missing: same summary as an uninterrupted run, no sample twice', async () => {
    const dir = fresh();
    const samples = join(dir, 'mixed.jsonl');
    const total = await writeMixedSamples(samples);
    const common = ['eval', '--benchmark', 'builtin', '--samples', samples, '--timeout', '1', '--jobs', '2', '--json'];

    const whole = join(dir, 'whole');
    const ref = await passk([...common, '--out', whole]);
    expect(ref.exitCode, ref.stderr).toBe(0);

    const broken = join(dir, 'broken');
    const child = execa(process.execPath, [BIN, ...common, '--out', broken], { cwd: PROJECT_ROOT, reject: false, env: { CI: '1' } });
    // Kill once some, but not all, samples are recorded.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      let n = 0;
      try {
        n = readFileSync(join(broken, 'samples.jsonl'), 'utf8').split('\n').filter(Boolean).length;
      } catch {
        /* not yet */
      }
      if (n >= 10) break;
    }
    child.kill('SIGKILL');
    await child;
    const partial = keysOf(broken).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);

    const resumed = await passk([...common, '--out', broken]);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resumed: ${partial} samples were already recorded`);
    const a = JSON.parse(ref.stdout);
    const b = JSON.parse(resumed.stdout);
    expect(b.tasks).toEqual(a.tasks);
    expect(b.pass_at_k).toEqual(a.pass_at_k);
    const keys = keysOf(broken);
    expect(keys).toHaveLength(total);
    expect(new Set(keys.map((k) => k.split(':')[0])).size).toBe(total);
    expect([...keys].sort()).toEqual([...keysOf(whole)].sort());
  });

  it('refuses to resume a run folder with different settings', async () => {
    const out = join(fresh(), 'run');
    expect((await passk(['eval', '--benchmark', 'builtin', '--samples', 'canonical', '--out', out])).exitCode).toBe(0);
    const r = await passk(['eval', '--benchmark', 'builtin', '--samples', 'canonical', '--out', out, '--timeout', '3']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain("cannot resume: the run's settings differ (execution.timeout_ms)");
  });
});
