/**
 * The reference-check table: statuses from verdicts and details, the table read back with
 * its errors named, and --only-judgeable's selection (same benchmark and data, a task the
 * table does not list is excluded as unchecked).
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectJudgeable } from '../../harness/references/judgeable.js';
import {
  countStatuses,
  missingModule,
  readReferenceTable,
  referenceStatus,
  REFERENCE_STATUSES,
  REFERENCE_TABLE_SCHEMA,
  type ReferenceTable,
} from '../../harness/references/reference-table.js';
import type { Task } from '../../kernel/task.js';
import { VERDICTS } from '../../kernel/verdict.js';
import { passkRejection, writeLines } from '../support/files.js';

const task = (id: string): Task => ({
  id,
  benchmark: 'bigcodebench',
  language: 'python',
  prompt: '',
  canonicalSolution: '',
  test: { kind: 'python-unittest', test: '' },
});

function table(rows: Array<[string, ReferenceTable['tasks'][number]['status']]>, fields: Partial<ReferenceTable> = {}): ReferenceTable {
  const tasks = rows.map(([task_id, status]) => ({
    task_id,
    status,
    verdict: status === 'passed' ? 'passed' : 'error',
    detail: status === 'passed' ? null : `why ${task_id}`,
    duration_ms: 5,
  }));
  return {
    schema: REFERENCE_TABLE_SCHEMA,
    benchmark: 'bigcodebench',
    data_path: 'x.jsonl',
    data_sha256: 'abc',
    checked_at: '2026-12-05T00:00:00Z',
    sandbox: { executor: 'python-forkserver', isolation: 'bwrap', runtime: 'Python 3.11' },
    python_environment: null,
    limits: { timeout_ms: 1000, memory_mb: 1024 },
    counts: countStatuses(tasks),
    tasks,
    ...fields,
  };
}

function writeTable(t: unknown): string {
  const path = writeLines('table.json', []);
  writeFileSync(path, JSON.stringify(t));
  return path;
}

describe('reference status', () => {
  it('says why a reference is not judgeable', () => {
    expect(referenceStatus('passed', undefined)).toBe('passed');
    expect(referenceStatus('error', "ModuleNotFoundError: No module named 'librosa'")).toBe('missing_module');
    expect(missingModule("test_x: ModuleNotFoundError: No module named 'sendgrid.helpers'")).toBe('sendgrid.helpers');
    expect(referenceStatus('error', "ImportError: Missing optional dependency 'xlrd'. Install xlrd")).toBe('missing_module');
    expect(missingModule("ImportError: Missing optional dependency 'xlrd'. Install xlrd")).toBe('xlrd');
    expect(referenceStatus('error', 'LookupError:  ****   Resource \u001b[93mpunkt\u001b[0m not found.   Please')).toBe('missing_data');
    expect(referenceStatus('error', 'PermissionError: sandbox: socket.connect is not allowed')).toBe('network');
    expect(referenceStatus('error', 'gaierror: [Errno -3] Temporary failure in name resolution')).toBe('network');
    expect(referenceStatus('failed', 'test_a: AssertionError: 1 != 2 (1 of 3 tests did not pass)')).toBe('failed');
    expect(referenceStatus('timeout', 'no result within 1000 ms')).toBe('timeout');
    expect(referenceStatus('memory', 'MemoryError')).toBe('memory');
    expect(referenceStatus('error', 'ValueError: bad')).toBe('error');
  });

  it('gives every verdict a status, and passed only to a pass', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VERDICTS), fc.string(), (verdict, detail) => {
        const status = referenceStatus(verdict, detail);
        expect(REFERENCE_STATUSES).toContain(status);
        expect(status === 'passed').toBe(verdict === 'passed');
      }),
    );
  });
});

describe('--only-judgeable', () => {
  const benchmark = { name: 'bigcodebench', dataSha256: 'abc' };

  it('keeps the tasks whose reference passed and lists the others with why', async () => {
    const file = writeTable(
      table([
        ['a', 'passed'],
        ['b', 'missing_module'],
        ['c', 'passed'],
      ]),
    );
    const chosen = await selectJudgeable(file, benchmark, [task('a'), task('b'), task('c'), task('d')]);
    expect(chosen.tasks.map((t) => t.id)).toEqual(['a', 'c']);
    expect(chosen.excluded).toEqual([
      { task_id: 'b', status: 'missing_module', detail: 'why b' },
      { task_id: 'd', status: 'unchecked', detail: null },
    ]);
    expect(chosen.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a table of another benchmark or data file, and a malformed one, naming the file', async () => {
    const other = writeTable(table([['a', 'passed']], { benchmark: 'ds1000' }));
    expect((await passkRejection(selectJudgeable(other, benchmark, [task('a')]))).message).toContain('"ds1000"');
    const stale = writeTable(table([['a', 'passed']], { data_sha256: 'def' }));
    expect((await passkRejection(selectJudgeable(stale, benchmark, [task('a')]))).message).toContain('another data file');
    const bad = writeTable({ ...table([['a', 'passed']]), tasks: [{ task_id: 'a', status: 'fine' }] });
    const err = await passkRejection(readReferenceTable(bad));
    expect(err.code).toBe('E_CONFIG');
    expect(err.message).toContain(bad);
    expect(err.message).toContain('tasks.0.status');
  });
});
