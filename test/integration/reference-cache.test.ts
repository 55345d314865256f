/**
 * Differential references kept on disk across runs (sandbox/python/reference-cache.ts), with
 * real sandboxes: a second executor on the same folder computes nothing and gives the same
 * verdicts, times and dropped-input note; an edited input, another Python environment or a
 * damaged entry is computed again (never a stale output); a folder that cannot be written
 * costs one note, not the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestSpec } from '../../kernel/task.js';
import { ForkserverPythonExecutor } from '../../sandbox/python/forkserver-executor.js';
import type { PythonExecutor, PythonSandboxOptions } from '../../sandbox/python/python-executor.js';
import { ReferenceCache } from '../../sandbox/python/reference-cache.js';
import { SubprocessPythonExecutor } from '../../sandbox/python/subprocess-executor.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

const executors: PythonExecutor[] = [];
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});

const root = mkdtempSync(join(tmpdir(), 'passk-reference-cache-'));
const differential = (inputs: string): TestSpec => ({
  kind: 'python-differential',
  entryPoint: 'f',
  // Input 1 cannot be allocated: the reference drops it for every candidate.
  reference: "def f(n):\n    return 'x' * n\n",
  inputs,
  atol: 0,
});
const TEST = differential('[[3], [10 ** 12], [5]]');
const RIGHT = "def f(n):\n    return 'x' * n\n";
/** Right on the inputs of TEST only. */
const MEMORIZED = "def f(n):\n    return {3: 'xxx', 5: 'xxxxx'}.get(n, '')\n";

function make(cache: ReferenceCache, options: PythonSandboxOptions = {}, kind: 'forkserver' | 'subprocess' = 'forkserver'): PythonExecutor {
  const all = { jobs: 1, limits: CONFORMANCE_LIMITS, referenceCache: cache, ...options };
  const executor = kind === 'forkserver' ? new ForkserverPythonExecutor(all) : new SubprocessPythonExecutor(all);
  executors.push(executor);
  return executor;
}

async function verdicts(executor: PythonExecutor, test: TestSpec, id: string): Promise<string[]> {
  const task = conformanceTask(test, id);
  const run = async (program: string) => (await executor.execute({ program, task, limits: CONFORMANCE_LIMITS })).verdict;
  return [await run(RIGHT), await run(MEMORIZED)];
}

describe('the on-disk reference cache', () => {
  for (const kind of ['forkserver', 'subprocess'] as const) {
    it(`${kind}: a second executor reads the reference the first computed: same verdicts, times and note, nothing computed`, async () => {
      const dir = join(root, `shared-${kind}`);
      const id = `cached-${kind}`;
      const notes: string[][] = [[], []];
      const caches = [new ReferenceCache(dir), new ReferenceCache(dir)];
      const first = make(caches[0]!, { onNote: (line) => notes[0]!.push(line) }, kind);
      expect(await verdicts(first, TEST, id)).toEqual(['passed', 'passed']);
      const task = conformanceTask(TEST, id);
      const times = [await first.referenceMs(task), await first.referenceInputsMs(task)];
      expect(first.referencesComputed).toBe(1);
      expect(caches[0]!.stats).toEqual({ loaded: 0, stored: 1, writeError: null });

      const second = make(caches[1]!, { onNote: (line) => notes[1]!.push(line) }, kind);
      expect(await verdicts(second, TEST, id)).toEqual(['passed', 'passed']);
      expect([await second.referenceMs(task), await second.referenceInputsMs(task)]).toEqual(times);
      expect(times[1]).toHaveLength(3);
      expect((times[1] as Array<number | null>)[1]).toBeNull();
      expect(second.referencesComputed).toBe(0);
      expect(caches[1]!.stats).toEqual({ loaded: 1, stored: 0, writeError: null });
      const dropped = `passk: ${id}: 1 of 3 inputs dropped: reference raised MemoryError (input 1)`;
      expect(notes).toEqual([[dropped], [dropped]]);
    });
  }

  it('computes again after one input of the benchmark changed, and the new outputs count', async () => {
    const dir = join(root, 'edited');
    await verdicts(make(new ReferenceCache(dir)), TEST, 'edited');
    const edited = differential('[[3], [10 ** 12], [6]]');
    const cache = new ReferenceCache(dir);
    const executor = make(cache);
    // Memorized outputs of the old input 2 fail against the recomputed reference.
    expect(await verdicts(executor, edited, 'edited')).toEqual(['passed', 'failed']);
    expect(executor.referencesComputed).toBe(1);
    expect(cache.stats).toMatchObject({ loaded: 0, stored: 1 });
    // The unchanged test is still served from the folder.
    expect(await verdicts(executor, TEST, 'edited-original')).toEqual(['passed', 'passed']);
    expect(cache.stats).toMatchObject({ loaded: 1, stored: 1 });
  });

  it('computes again under another Python environment (a virtual environment of the same interpreter)', async () => {
    const dir = join(root, 'environments');
    await verdicts(make(new ReferenceCache(dir)), TEST, 'env');
    const venv = join(root, 'venv');
    execFileSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', venv]);
    const cache = new ReferenceCache(dir);
    const executor = make(cache, { python: join(venv, 'bin', 'python') });
    expect(await verdicts(executor, TEST, 'env')).toEqual(['passed', 'passed']);
    expect(executor.referencesComputed).toBe(1);
    expect(cache.stats).toMatchObject({ loaded: 0, stored: 1 });
  });

  it('treats a damaged entry as missing and writes it again', async () => {
    const dir = join(root, 'damaged');
    await verdicts(make(new ReferenceCache(dir)), TEST, 'damaged');
    const outputs = join(dir, 'outputs');
    const [bucket] = readdirSync(outputs);
    const [file] = readdirSync(join(outputs, bucket!));
    writeFileSync(join(outputs, bucket!, file!), '{"format":1,"key":');
    const cache = new ReferenceCache(dir);
    const executor = make(cache);
    expect(await verdicts(executor, TEST, 'damaged')).toEqual(['passed', 'passed']);
    expect(cache.stats).toMatchObject({ loaded: 0, stored: 1 });
    expect((await verdicts(make(new ReferenceCache(dir)), TEST, 'damaged-again'))[0]).toBe('passed');
  });

  it('runs on, with one note, when the folder cannot be written', async () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, '');
    const notes: string[] = [];
    const cache = new ReferenceCache(join(blocker, 'refs'));
    const executor = make(cache, { onNote: (line) => notes.push(line) });
    expect(await verdicts(executor, TEST, 'unwritable')).toEqual(['passed', 'passed']);
    expect(await verdicts(executor, differential('[[4]]'), 'unwritable-2')).toEqual(['passed', 'failed']);
    expect(cache.stats.stored).toBe(0);
    expect(cache.stats.writeError).toMatch(/cannot write the reference cache at .*a-file\/refs/);
    expect(notes.filter((n) => n.includes('cannot write'))).toHaveLength(1);
  });
});
