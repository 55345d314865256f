import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../../kernel/hash.js';
import { BENCHMARK_NAMES, benchmarkNames, getBenchmark, loadBenchmark, registerBenchmark } from '../../benchmarks/registry.js';
import { passkRejection } from '../support/files.js';

describe('benchmark registry', () => {
  it('ships the five Python suites', () => {
    for (const name of ['builtin', 'humaneval', 'humanevalplus', 'mbpp', 'mbppplus']) expect(BENCHMARK_NAMES).toContain(name);
    expect(benchmarkNames()).toEqual([...benchmarkNames()].sort());
  });

  it('rejects an unknown name with E_CONFIG, listing the valid names', async () => {
    const err = await passkRejection(loadBenchmark('humaneval-x', {}));
    expect(err.code).toBe('E_CONFIG');
    for (const name of BENCHMARK_NAMES) expect(err.message).toContain(name);
  });

  it('asks for --data when a suite needs its file', async () => {
    const err = await passkRejection(loadBenchmark('mbppplus', {}));
    expect(err.code).toBe('E_CONFIG');
    expect(err.message).toContain('--data');
    expect(err.message).toContain('builtin');
  });

  it('refuses --data for the built-in suite and original asserts where there are none', async () => {
    expect((await passkRejection(loadBenchmark('builtin', { data: 'x.jsonl' }))).code).toBe('E_CONFIG');
    const err = await passkRejection(loadBenchmark('builtin', { useOriginalAsserts: true }));
    expect(err.code).toBe('E_CONFIG');
    expect(err.message).toContain('mbpp');
  });

  it('names a data file that cannot be read', async () => {
    const err = await passkRejection(loadBenchmark('humaneval', { data: '/nonexistent/HumanEval.jsonl' }));
    expect(err.message).toContain('/nonexistent/HumanEval.jsonl');
  });

  it('records the data file sha256, and a content hash for the built-in suite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passk-bench-'));
    const path = join(dir, 'he.jsonl');
    writeFileSync(
      path,
      JSON.stringify({
        task_id: 'T/0',
        prompt: 'def f():\n',
        canonical_solution: '    return 1\n',
        test: 'def check(c):\n    assert c() == 1\n',
        entry_point: 'f',
      }) + '\n',
    );
    const loaded = await loadBenchmark('humaneval', { data: path });
    expect(loaded.dataSha256).toBe(await sha256File(path));
    expect(loaded.dataPath).toBe(path);
    const builtin = await loadBenchmark('builtin');
    expect(builtin.dataPath).toBeNull();
    expect(builtin.dataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadBenchmark('builtin')).dataSha256).toBe(builtin.dataSha256);
  });

  it('lets an adapter be registered by name, once', async () => {
    registerBenchmark({
      name: 'test-only-suite',
      language: 'python',
      requiresData: false,
      description: 'a test suite',
      load: async () => [
        {
          id: 'x/0',
          benchmark: 'test-only-suite',
          language: 'python',
          prompt: '',
          canonicalSolution: 'pass\n',
          test: { kind: 'python-asserts', asserts: 'assert True' },
        },
      ],
    });
    expect(getBenchmark('test-only-suite').name).toBe('test-only-suite');
    expect((await loadBenchmark('test-only-suite')).tasks).toHaveLength(1);
    expect(() => registerBenchmark(getBenchmark('test-only-suite'))).toThrow(/twice/);
  });
});
