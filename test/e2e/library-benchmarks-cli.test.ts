/**
 * The library-heavy benchmarks through the CLI: `passk check-references` on a small
 * BigCodeBench file (a reference that passes, one whose library is not installed, one that
 * needs the network, one that is wrong), then `passk eval --only-judgeable` on it: only the
 * judgeable task is scored, the others are listed with why in the manifest and the summary;
 * the manifest records the Python environment and the benchmark's own limits; each sample
 * keeps its per-test outcomes. A table of another data file is refused, naming the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passk } from '../support/cli.js';
import { writeLines } from '../support/files.js';
import { skipWithoutTool } from '../support/required-tools.js';

const TESTS = (body: string) =>
  `import unittest\nclass TestCases(unittest.TestCase):\n    def test_one(self):\n${body}\n    def test_two(self):\n        self.assertTrue(True)\n`;
const row = (id: string, solution: string, body: string) => ({
  task_id: `BigCodeBench/${id}`,
  complete_prompt: 'import pandas as pd\ndef task_func():\n    """Return 3."""\n',
  instruct_prompt: 'Return 3.',
  code_prompt: 'import pandas as pd\ndef task_func():\n',
  canonical_solution: solution,
  test: TESTS(body),
  entry_point: 'task_func',
  libs: "['pandas']",
});

function pandasProblem(): string | null {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'pipe', timeout: 120_000 });
    return null;
  } catch {
    return '/usr/bin/python3 cannot import pandas';
  }
}

describe('passk check-references and --only-judgeable (the CLI)', () => {
  it('writes the per-task table, and eval scores only the judgeable tasks, listing the rest', async (ctx) => {
    const problem = pandasProblem();
    if (problem) skipWithoutTool(ctx, 'python-libraries', problem);
    const dir = mkdtempSync(join(tmpdir(), 'passk-library-'));
    const data = writeLines('bcb-mini.jsonl', [
      row('1', '    return len(pd.DataFrame({"a": [1, 2, 3]}))\n', '        self.assertEqual(task_func(), 3)'),
      row('2', '    import librosa_not_here\n    return 3\n', '        self.assertEqual(task_func(), 3)'),
      row(
        '3',
        '    import urllib.request\n    return len(urllib.request.urlopen("http://example.com").read())\n',
        '        self.assertEqual(task_func(), 3)',
      ),
      row('4', '    return 4\n', '        self.assertEqual(task_func(), 3)'),
    ]);
    const table = join(dir, 'references.json');
    const check = await passk(['check-references', 'bigcodebench', '--data', data, '--out', table, '--jobs', '1', '--timeout', '60']);
    expect(check.exitCode, check.stderr).toBe(0);
    expect(check.stdout).toContain('bigcodebench: 1/4 references pass here (25.0%)');
    expect(check.stdout).toMatch(/Python 3\.\d+\.\d+ \(.*\): .*pandas \d/);
    const written = JSON.parse(readFileSync(table, 'utf8'));
    const statuses = Object.fromEntries(written.tasks.map((t: { task_id: string; status: string }) => [t.task_id, t.status]));
    expect(statuses).toEqual({
      'BigCodeBench/1': 'passed',
      'BigCodeBench/2': 'missing_module',
      'BigCodeBench/3': 'network',
      'BigCodeBench/4': 'failed',
    });
    expect(written.python_environment.libraries.pandas).toMatch(/^\d/);

    const out = join(dir, 'run');
    const evaluated = await passk([
      'eval',
      '--benchmark',
      'bigcodebench',
      '--data',
      data,
      '--samples',
      'canonical',
      '--only-judgeable',
      table,
      '--out',
      out,
    ]);
    expect(evaluated.exitCode, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toContain('1 tasks');
    expect(evaluated.stdout).toContain(`scored over the 1 judgeable tasks of ${table}; 3 excluded`);
    expect(evaluated.stdout).toContain('BigCodeBench/2 (missing_module)');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.benchmark.judgeable.judged).toBe(1);
    expect(manifest.benchmark.judgeable.excluded.map((x: { task_id: string }) => x.task_id)).toEqual([
      'BigCodeBench/2',
      'BigCodeBench/3',
      'BigCodeBench/4',
    ]);
    expect(manifest.benchmark.judgeable.excluded[0].detail).toContain("No module named 'librosa_not_here'");
    expect(manifest.sandbox.python_environment.libraries.pandas).toMatch(/^\d/);
    expect(manifest.identity.execution).toMatchObject({ memory_mb: 8192, timeout_ms: 60_000 });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.pass_at_k['1'].value).toBe(1);
    expect(summary.judgeable.excluded).toHaveLength(3);
    const sample = JSON.parse(readFileSync(join(out, 'samples.jsonl'), 'utf8').split('\n')[0]!);
    expect(sample.tests).toEqual([
      { name: 'test_one', outcome: 'passed' },
      { name: 'test_two', outcome: 'passed' },
    ]);

    const other = writeLines('bcb-other.jsonl', [row('1', '    return 3\n', '        self.assertEqual(task_func(), 3)')]);
    const refused = await passk([
      'eval',
      '--benchmark',
      'bigcodebench',
      '--data',
      other,
      '--samples',
      'canonical',
      '--only-judgeable',
      table,
      '--out',
      join(dir, 'other'),
    ]);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain(table);
    expect(refused.stderr).toContain('another data file');
  }, 300_000);
});
