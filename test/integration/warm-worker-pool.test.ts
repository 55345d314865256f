/**
 * The warm-worker pool starts waiting jobs in the run's order (RunBounds.order), not in the
 * order they reached it: the runner's slowest-first schedule survives whatever the jobs
 * awaited on the way (a reference loading from disk). Real workers in real sandboxes; the
 * start order is read from a one-worker pool, where jobs run one after another, so it never
 * depends on timing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import type { RawOutcome } from '../../sandbox/python/classify.js';
import { candidateJob, runnerLimits, type RunBounds } from '../../sandbox/python/job.js';
import { setUpSandbox, tmpfsBytes } from '../../sandbox/python/sandbox-setup.js';
import { WarmWorker } from '../../sandbox/python/warm-worker.js';
import { WarmWorkerPool } from '../../sandbox/python/warm-worker-pool.js';

const pools: WarmWorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const bounds = (order?: number): RunBounds => ({
  timeoutMs: 20_000,
  startupTimeoutMs: 60_000,
  outputBytes: 1 << 20,
  keepBytes: 4096,
  maxReportBytes: 1 << 20,
  ...(order === undefined ? {} : { order }),
});

async function pool(size: number, onStart: () => void = () => undefined): Promise<WarmWorkerPool> {
  const setup = await setUpSandbox({}, () => undefined);
  const made = new WarmWorkerPool(size, () => {
    onStart();
    return WarmWorker.start(setup.isolation, tmpfsBytes(DEFAULT_LIMITS));
  });
  pools.push(made);
  return made;
}
const onePool = () => pool(1);

/** A job that passes, named by what it prints. */
function job(name: string) {
  const test = { kind: 'python-asserts' as const, asserts: 'assert True' };
  return candidateJob(`print(${JSON.stringify(name)})`, test, '', runnerLimits(DEFAULT_LIMITS, true, 3));
}

describe('warm-worker pool order', () => {
  it('starts the waiting jobs lowest order first, unranked jobs (references) before all, whatever order they arrived in', async () => {
    const pool = await onePool();
    const started: string[] = [];
    const submit = (name: string, order?: number): Promise<RawOutcome> =>
      pool.run(job(name), bounds(order)).then((raw) => {
        started.push(raw.stdout.trim());
        return raw;
      });
    // All arrive in one tick, before the pool's only worker is ready: the first to arrive
    // (order 5) must not take it.
    const runs = [submit('five', 5), submit('two', 2), submit('nine', 9), submit('reference'), submit('one', 1), submit('seven', 7)];
    const raws = await Promise.all(runs);
    expect(raws.map((r) => r.final?.token)).toEqual(Array(6).fill('passed'));
    expect(started).toEqual(['reference', 'one', 'two', 'five', 'seven', 'nine']);

    // Jobs arriving while the worker is busy are ranked too; equal orders keep their arrival.
    started.length = 0;
    await Promise.all([submit('first', 3), submit('late-low', 0), submit('tie-a', 1), submit('tie-b', 1)]);
    expect(started).toEqual(['first', 'late-low', 'tie-a', 'tie-b']);
  });

  it('starts every worker on prestart, before any job, and no more for the jobs that follow', async () => {
    let starts = 0;
    const two = await pool(2, () => starts++);
    two.prestart();
    expect(starts).toBe(2);
    two.prestart();
    const raws = await Promise.all(['a', 'b', 'c'].map((name, i) => two.run(job(name), bounds(i))));
    expect(raws.map((r) => r.stdout.trim())).toEqual(['a', 'b', 'c']);
    expect(starts).toBe(2);
  });
});
