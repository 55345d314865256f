/**
 * The reference cache and the task order through the one runner: a second run of the same
 * benchmark reads every differential reference and computes none (the manifest says so), a
 * changed input is computed again, "off" keeps nothing; what a run learned about its tasks'
 * costs puts the slowest first in the next run; the per-input rule is recorded with each
 * task's limits and in the run's identity, and cannot be combined with
 * --timeout-from-reference.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { validateRunConfig } from '../../harness/run-config/validate.js';
import { executeRun } from '../../harness/run/runner.js';
import { RUN_FILES, readTimeLimits } from '../../harness/store/run-files.js';

const dir = mkdtempSync(join(tmpdir(), 'passk-run-references-'));

/** An evalplus HumanEval+ file of three small differential tasks (`k` is the third task's plus input). */
function plusFile(name: string, k = 7): string {
  const row = (i: number, body: string, base: unknown[], plus: unknown[]) => ({
    task_id: `HumanEval/${i}`,
    prompt: `def f${i}(n):\n    """Task ${i}."""\n`,
    entry_point: `f${i}`,
    canonical_solution: body,
    base_input: base,
    plus_input: plus,
    atol: 0,
  });
  const rows = [
    row(0, '    return n + 1\n', [[1], [2]], [[3]]),
    row(1, '    return n * 2\n', [[1]], [[5], [6]]),
    row(2, '    return [n] * 3\n', [[0]], [[k]]),
  ];
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

function sampleFile(name: string, lines: Array<{ task_id: string; solution: string }>): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return path;
}

const PLUS_SAMPLES = sampleFile('plus-samples.jsonl', [
  { task_id: 'HumanEval/0', solution: 'def f0(n):\n    return n + 1\n' },
  { task_id: 'HumanEval/1', solution: 'def f1(n):\n    return n + n\n' },
  { task_id: 'HumanEval/2', solution: 'def f2(n):\n    return [n, n, n]\n' },
]);

async function run(
  benchmark: string,
  data: string | undefined,
  samples: string,
  out: string,
  execution: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const config = runConfigSchema.parse({
    benchmark,
    ...(data ? { data } : {}),
    ...extra,
    models: [{ name: 'm', sampler: 'replay', samples }],
    bootstrap: 100,
    execution: { jobs: 1, ...execution },
    out: join(dir, out),
  });
  return (await executeRun(await describeRun(config, { command: 'eval', label: 'samples' }))).result!;
}

const recordedTasks = (out: string): string[] =>
  readFileSync(join(dir, out, RUN_FILES.samples), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { task_id: string }).task_id);

describe('the reference cache through the runner', () => {
  it('reads every reference in a second run, computes an edited one again, and keeps nothing when off', async () => {
    const cache = join(dir, 'cache');
    const data = plusFile('plus.jsonl');
    const first = await run('humanevalplus', data, PLUS_SAMPLES, 'first', { reference_cache: cache });
    expect(first.manifest.reference_cache).toEqual({ dir: cache, loaded: 0, stored: 3, write_error: null });
    expect(first.summary.verdicts).toEqual({ passed: 3 });

    const second = await run('humanevalplus', data, PLUS_SAMPLES, 'second', { reference_cache: cache });
    expect(second.manifest.reference_cache).toEqual({ dir: cache, loaded: 3, stored: 0, write_error: null });
    expect(second.summary.tasks).toEqual(first.summary.tasks);

    // One plus input of HumanEval/2 changes: its outputs are computed again, the others read.
    const edited = await run('humanevalplus', plusFile('plus-edited.jsonl', 8), PLUS_SAMPLES, 'edited', { reference_cache: cache });
    expect(edited.manifest.reference_cache).toEqual({ dir: cache, loaded: 2, stored: 1, write_error: null });
    expect(edited.summary.verdicts).toEqual({ passed: 3 });

    const off = await run('humanevalplus', data, PLUS_SAMPLES, 'off', { reference_cache: 'off' });
    expect(off.manifest.reference_cache).toEqual({ dir: null, loaded: 0, stored: 0, write_error: null });
    expect(off.summary.tasks).toEqual(first.summary.tasks);
    expect(readdirSync(join(cache, 'task-costs'))).toHaveLength(2);
  });

  it('starts the task that was slowest in the last run first', async () => {
    const cache = join(dir, 'order-cache');
    const tasks = ['builtin/0', 'builtin/1', 'builtin/2'];
    // builtin/2's program sleeps 0.1 s per call (far under the 10 s limit); one job, so records come in the order programs start.
    const samples = sampleFile('builtin-samples.jsonl', [
      {
        task_id: 'builtin/0',
        solution: 'def is_palindrome(text):\n    s = [c.lower() for c in text if c.isalnum()]\n    return s == s[::-1]\n',
      },
      { task_id: 'builtin/1', solution: "def count_vowels(text):\n    return sum(c in 'aeiou' for c in text.lower())\n" },
      {
        task_id: 'builtin/2',
        solution:
          "import time\ndef caesar_shift(text, k):\n    time.sleep(0.1)\n    return ''.join(chr((ord(c) - ord('a' if c.islower() else 'A') + k) % 26 + ord('a' if c.islower() else 'A')) if c.isalpha() else c for c in text)\n",
      },
    ]);
    await run('builtin', undefined, samples, 'order-first', { reference_cache: cache }, { tasks });
    expect(recordedTasks('order-first')).toEqual(tasks);
    await run('builtin', undefined, samples, 'order-second', { reference_cache: cache }, { tasks });
    // The two quick ones follow in whichever order their few milliseconds put them.
    const second = recordedTasks('order-second');
    expect(second[0]).toBe('builtin/2');
    expect([...second].sort()).toEqual(tasks);
  });

  it('records the per-input rule: each task its inputs limits, the identity its factor', async () => {
    const data = plusFile('plus-per-input.jsonl');
    const result = await run('humanevalplus', data, PLUS_SAMPLES, 'per-input', { reference_cache: 'off', time_limit_per_input: 4 });
    expect(result.summary.verdicts).toEqual({ passed: 3 });
    expect(result.manifest.identity?.execution.time_limit_per_input).toBe(4);
    const limits = await readTimeLimits(join(dir, 'per-input'));
    expect(limits.map((l) => [l.task_id, l.reason, l.input_timeouts_ms?.length]).sort()).toEqual([
      ['HumanEval/0', 'per-input', 3],
      ['HumanEval/1', 'per-input', 3],
      ['HumanEval/2', 'per-input', 2],
    ]);
    for (const l of limits) {
      expect(l.input_timeouts_ms!.every((ms) => ms >= 1000)).toBe(true);
      expect(l.timeout_ms).toBeGreaterThan(l.input_timeouts_ms!.reduce((a, b) => a + b, 0));
    }
    // The whole-program rule keeps the identity it always had: no key for the rule.
    const plain = await run('humanevalplus', data, PLUS_SAMPLES, 'whole-program', { reference_cache: 'off' });
    expect(plain.manifest.identity?.execution).not.toHaveProperty('time_limit_per_input');
  });

  it('refuses the per-input rule together with --timeout-from-reference, naming the field', () => {
    const raw = {
      benchmark: 'builtin',
      models: [{ sampler: 'oracle', format: 'baseline' }],
      execution: { time_limit_per_input: 4, timeout_from_reference: 4 },
    };
    expect(() => validateRunConfig(raw, () => 'command line')).toThrow(
      /execution\.time_limit_per_input.*two time-limit rules, choose one/s,
    );
  });
});
