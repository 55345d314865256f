import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { CompletionBuffer } from '../../harness/pipeline/completion-buffer.js';
import { consecutiveRuns, generateSamples, plannedSamples, planRequests, type GenerationModel } from '../../harness/pipeline/generate.js';
import { expandGrid } from '../../harness/samplers/grid.js';
import type { SampledCompletion, Sampler, SampleRequest } from '../../harness/samplers/sampler.js';
import { sampleKey } from '../../harness/store/records.js';

const sampler = (maxBatch: number): Sampler => ({
  kind: 'fake',
  offline: false,
  maxBatch,
  concurrency: 1,
  preflight: async () => ({ kind: 'fake' }),
  sample: async () => [],
  close: async () => {},
});
const tasks = (k: number): Task[] =>
  Array.from({ length: k }, (_, i) => ({
    id: `T/${i}`,
    benchmark: 'b',
    language: 'python',
    prompt: '',
    canonicalSolution: '',
    test: { kind: 'python-asserts', asserts: '' },
  }));

describe('planning requests', () => {
  it('splits indices into consecutive runs of bounded length, losing none', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(60)), fc.integer({ min: 1, max: 8 }), (raw, max) => {
        const sorted = [...raw].sort((a, b) => a - b);
        const runs = consecutiveRuns(sorted, max);
        expect(runs.flat()).toEqual(sorted);
        for (const r of runs) {
          expect(r.length).toBeLessThanOrEqual(max);
          r.forEach((v, i) => i > 0 && expect(v).toBe(r[i - 1]! + 1));
        }
      }),
    );
  });

  it('plans every missing key exactly once and nothing recorded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (k, n, batch, mask) => {
          const models: GenerationModel[] = ['a', 'b'].map((name) => ({
            name,
            format: 'baseline',
            template: '{prompt}',
            sampler: sampler(batch),
          }));
          const configs = expandGrid({ temperature: [0.2, 0.8] });
          const all: string[] = [];
          for (const m of models)
            for (const t of tasks(k))
              for (const c of configs)
                for (let i = 0; i < n; i++) all.push(sampleKey({ model: m.name, config: c.name, task_id: t.id, index: i }));
          const recorded = new Set(all.filter((_, i) => mask[i % Math.max(1, mask.length)] === true));
          const plan = planRequests({ tasks: tasks(k), models, configs, n, recorded });
          const planned = [...plan.values()]
            .flat()
            .flatMap((r) => r.indices.map((i) => sampleKey({ model: r.model.name, config: r.config.name, task_id: r.task.id, index: i })));
          expect(new Set(planned).size).toBe(planned.length);
          expect(new Set(planned)).toEqual(new Set(all.filter((key) => !recorded.has(key))));
          expect(plannedSamples(plan)).toBe(planned.length);
        },
      ),
    );
  });
});

describe('completion buffer', () => {
  it('never holds more than its capacity and delivers everything once, in arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        async (capacity, sizes, producers) => {
          const buffer = new CompletionBuffer<number>(capacity);
          const signal = new AbortController().signal;
          let next = 0;
          let id = 0;
          let maxHeld = 0;
          const work = Array.from({ length: producers }, async () => {
            for (let s = sizes[next++]; s !== undefined; s = sizes[next++]) {
              await buffer.reserve(s, signal);
              maxHeld = Math.max(maxHeld, buffer.held);
              await new Promise((r) => setTimeout(r, 0));
              buffer.push(
                Array.from({ length: s }, () => id++),
                s,
              );
            }
          });
          void Promise.all(work).then(() => buffer.finish());
          const got: number[] = [];
          for await (const x of buffer.drain()) {
            got.push(x);
            if (got.length % 3 === 0) await new Promise((r) => setTimeout(r, 0));
          }
          expect(got).toEqual(Array.from({ length: sizes.reduce((a, b) => a + b, 0) }, (_, i) => i));
          expect(maxHeld).toBeLessThanOrEqual(Math.max(capacity, ...sizes));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('delivers what arrived before a failure, then the failure', async () => {
    const buffer = new CompletionBuffer<string>(10);
    const signal = new AbortController().signal;
    await buffer.reserve(2, signal);
    buffer.push(['a', 'b'], 2);
    buffer.fail(new Error('server gone'));
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const x of buffer.drain()) got.push(x);
      })(),
    ).rejects.toThrow('server gone');
    expect(got).toEqual(['a', 'b']);
  });

  it('an aborted wait for room rejects and frees its place', async () => {
    const buffer = new CompletionBuffer<string>(2);
    const controller = new AbortController();
    await buffer.reserve(2, controller.signal);
    const waiting = buffer.reserve(1, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    buffer.release(2);
    expect(buffer.held).toBe(0);
  });
});

/** A back-end that answers from a function after a short wait, counting requests in flight. */
function scripted(answer: (req: SampleRequest) => string, options: { concurrency?: number; failOn?: string } = {}) {
  const state = { inFlight: 0, maxInFlight: 0, requests: 0, aborted: 0 };
  const s: Sampler = {
    kind: 'scripted',
    offline: false,
    maxBatch: 3,
    concurrency: options.concurrency ?? 2,
    preflight: async () => ({ kind: 'scripted' }),
    close: async () => {},
    sample: async (req) => {
      state.requests++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        await new Promise<void>((resolve, reject) => {
          const onAbort = (): void => {
            clearTimeout(t);
            state.aborted++;
            reject(req.signal!.reason);
          };
          const t = setTimeout(() => (req.signal?.removeEventListener('abort', onAbort), resolve()), 2);
          req.signal?.addEventListener('abort', onAbort, { once: true });
        });
        if (options.failOn === req.task.id) throw new Error(`server gone at ${req.task.id}`);
        return req.indices.map((index, i): SampledCompletion => ({
          index,
          text: answer(req),
          promptTokens: 3,
          completionTokens: 4,
          tokenSource: 'usage',
          finishReason: 'stop',
          seed: req.seeds[i]!,
          sampleMs: 2,
        }));
      } finally {
        state.inFlight--;
      }
    },
  };
  return { sampler: s, state };
}

describe('generateSamples', () => {
  const configs = expandGrid({ temperature: 0.8 });

  it('yields every planned sample once with its seed, keeping each model within its concurrency', async () => {
    const a = scripted(() => 'x');
    const b = scripted(() => 'y', { concurrency: 1 });
    const models: GenerationModel[] = [
      { name: 'a', format: 'baseline', template: '{prompt}', sampler: a.sampler },
      { name: 'b', format: 'baseline', template: '{prompt}', sampler: b.sampler },
    ];
    const plan = planRequests({ tasks: tasks(5), models, configs, n: 7, recorded: new Set() });
    const got = [];
    for await (const s of generateSamples({ plan, seed: 1, buffer: 4 })) got.push(s);
    expect(got).toHaveLength(2 * 5 * 7);
    expect(new Set(got.map((s) => `${s.model}/${s.taskId}/${s.index}`)).size).toBe(70);
    expect(a.state.maxInFlight).toBeLessThanOrEqual(2);
    expect(b.state.maxInFlight).toBe(1);
    const seeds = got
      .filter((s) => s.model === 'a' && s.taskId === 'T/0')
      .sort((x, y) => x.index - y.index)
      .map((s) => s.seed!);
    seeds.forEach((seed, i) => expect(seed - seeds[0]!).toBe(i));
  });

  it('runs the code in a markdown fence for whole-program output', async () => {
    const chat = scripted(() => 'Here it is:\n```python\ndef f():\n    return 1\n```\n');
    const plan = planRequests({
      tasks: tasks(1),
      models: [{ name: 'c', format: 'full', template: '{prompt}', sampler: chat.sampler }],
      configs,
      n: 1,
      recorded: new Set(),
    });
    const got = [];
    for await (const x of generateSamples({ plan, seed: 0, buffer: 4 })) got.push(x);
    const s = got[0];
    expect(s!.program).toBe('def f():\n    return 1\n');
    expect(s!.completion).toContain('Here it is');
  });

  it('a failing request fails the stream after what arrived, and cancels the rest', async () => {
    const f = scripted(() => 'x', { failOn: 'T/3' });
    const plan = planRequests({
      tasks: tasks(8),
      models: [{ name: 'a', format: 'baseline', template: '{prompt}', sampler: f.sampler }],
      configs,
      n: 3,
      recorded: new Set(),
    });
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const s of generateSamples({ plan, seed: 0, buffer: 100 })) got.push(s.taskId);
      })(),
    ).rejects.toThrow('server gone at T/3');
    expect(got).toContain('T/0');
    expect(got).not.toContain('T/3');
    expect(f.state.requests).toBeLessThan(8);
  });

  it('a consumer that stops early cancels the requests in flight', async () => {
    const f = scripted(() => 'x', { concurrency: 3 });
    const plan = planRequests({
      tasks: tasks(20),
      models: [{ name: 'a', format: 'baseline', template: '{prompt}', sampler: f.sampler }],
      configs,
      n: 3,
      recorded: new Set(),
    });
    for await (const s of generateSamples({ plan, seed: 0, buffer: 6 })) if (s.taskId === 'T/1') break;
    expect(f.state.inFlight).toBe(0);
    expect(f.state.requests).toBeLessThan(20);
  });
});
