/**
 * Task costs (harness/run/task-costs.ts): the expected time of one sample from what earlier
 * runs observed, how one invocation's observations merge into the earlier ones, and the
 * file's round trip (a missing or malformed file is no knowledge, never an error).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedSampleMs,
  readTaskCosts,
  TaskCostLog,
  taskCostsFile,
  writeTaskCosts,
  type TaskCost,
} from '../../harness/run/task-costs.js';

const sample = (task_id: string, verdict: 'passed' | 'timeout' | 'failed', execute_ms: number) => ({
  task_id,
  verdict,
  timings: { sample_ms: null, request_samples: null, rebuild_ms: null, execute_ms },
});

describe('expectedSampleMs', () => {
  it('is the mean observed time, a timeout counting as the limit of the new run; else the reference; else unknown', () => {
    const cost: TaskCost = { reference_ms: 5, samples: 4, finished_ms: 300, timeouts: 1 };
    expect(expectedSampleMs(cost, 10_000)).toBe((300 + 10_000) / 4);
    expect(expectedSampleMs(cost, 2_000)).toBe((300 + 2_000) / 4);
    expect(expectedSampleMs({ ...cost, samples: 0, finished_ms: 0, timeouts: 0 }, 10_000)).toBe(5);
    expect(expectedSampleMs({ reference_ms: null, samples: 0, finished_ms: 0, timeouts: 0 }, 10_000)).toBeUndefined();
    expect(expectedSampleMs(undefined, 10_000)).toBeUndefined();
  });
});

describe('TaskCostLog', () => {
  it('replaces the tasks it observed and keeps the others', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ task: fc.constantFrom('a', 'b', 'c'), timeout: fc.boolean(), ms: fc.nat(10_000) }), { maxLength: 20 }),
        (observations) => {
          const earlier: Record<string, TaskCost> = {
            a: { reference_ms: 7, samples: 9, finished_ms: 9, timeouts: 0 },
            d: { reference_ms: null, samples: 1, finished_ms: 1, timeouts: 1 },
          };
          const log = new TaskCostLog();
          for (const o of observations) log.sample(sample(o.task, o.timeout ? 'timeout' : 'passed', o.ms));
          const merged = log.merge(earlier);
          expect(merged.d).toEqual(earlier.d);
          for (const id of ['a', 'b', 'c']) {
            const mine = observations.filter((o) => o.task === id);
            if (mine.length === 0) {
              expect(merged[id]).toEqual(earlier[id]);
              continue;
            }
            expect(merged[id]).toEqual({
              reference_ms: id === 'a' ? 7 : null,
              samples: mine.length,
              finished_ms: mine.filter((o) => !o.timeout).reduce((s, o) => s + o.ms, 0),
              timeouts: mine.filter((o) => o.timeout).length,
            });
          }
        },
      ),
    );
  });

  it('records a measured reference time even for a task whose samples were all recorded earlier', () => {
    const log = new TaskCostLog();
    log.reference('a', 12);
    log.reference('b', null);
    expect(log.merge({ a: { reference_ms: 3, samples: 2, finished_ms: 8, timeouts: 0 } })).toEqual({
      a: { reference_ms: 12, samples: 2, finished_ms: 8, timeouts: 0 },
    });
    expect(log.size).toBe(1);
  });
});

describe('the task-costs file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passk-task-costs-'));

  it('round-trips, one file per benchmark, data file and asserts', async () => {
    const file = taskCostsFile(dir, { name: 'mbppplus', dataSha256: 'abc', originalAsserts: false });
    expect(file).not.toBe(taskCostsFile(dir, { name: 'mbpp', dataSha256: 'abc', originalAsserts: false }));
    expect(file).not.toBe(taskCostsFile(dir, { name: 'mbppplus', dataSha256: 'abd', originalAsserts: false }));
    expect(file).not.toBe(taskCostsFile(dir, { name: 'mbppplus', dataSha256: 'abc', originalAsserts: true }));
    expect(await readTaskCosts(file)).toEqual({});
    const costs = { 'Mbpp/6': { reference_ms: 0.4, samples: 1, finished_ms: 0, timeouts: 1 } };
    await writeTaskCosts(file, costs);
    expect(await readTaskCosts(file)).toEqual(costs);
  });

  it('reads a malformed file as no knowledge, and leaves out entries that are not costs', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"format":"passk.task-costs/1","tasks":');
    expect(await readTaskCosts(file)).toEqual({});
    writeFileSync(
      file,
      JSON.stringify({
        format: 'passk.task-costs/1',
        tasks: { a: { samples: 'x' }, b: { reference_ms: null, samples: 1, finished_ms: 2, timeouts: 0 } },
      }),
    );
    expect(await readTaskCosts(file)).toEqual({ b: { reference_ms: null, samples: 1, finished_ms: 2, timeouts: 0 } });
  });
});
