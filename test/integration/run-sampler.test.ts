/**
 * The OpenAI-compatible sampler against the vLLM test double over real loopback HTTP:
 * batching and seeds, vLLM extras, token counts and their sources, the chat API, retries
 * for each fault kind, load balancing, and the errors before a run starts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PasskError, HarnessFault } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { expandGrid } from '../../harness/samplers/grid.js';
import { OpenAiCompatibleSampler, type OpenAiSamplerOptions } from '../../harness/samplers/openai-compatible.js';
import { emittedKey, startVllmDouble, type DoubleOptions, type VllmDouble } from '../support/vllm-double.js';

const task: Task = {
  id: 'T/0',
  benchmark: 'b',
  language: 'python',
  prompt: 'def f(x):\n',
  canonicalSolution: '',
  test: { kind: 'python-asserts', asserts: '' },
};
const config = expandGrid({ temperature: 0.8, top_p: 0.95, max_tokens: 64 })[0]!;
const doubles: VllmDouble[] = [];

async function double(options: Partial<DoubleOptions> = {}): Promise<VllmDouble> {
  const d = await startVllmDouble({ models: ['m'], ...options });
  doubles.push(d);
  return d;
}

function sampler(urls: string[], options: Partial<OpenAiSamplerOptions> = {}): OpenAiCompatibleSampler {
  return new OpenAiCompatibleSampler({
    name: 'm',
    endpoints: urls,
    model: 'm',
    api: 'completions',
    stop: [],
    includeStopStrInOutput: false,
    tokenCounts: 'auto',
    concurrency: 4,
    requestTimeoutMs: 5000,
    retry: { baseMs: 1, maxMs: 10 },
    ...options,
  });
}

const ask = (s: OpenAiCompatibleSampler, indices: number[], base = 1000, c = config) =>
  s.sample({ task, prompt: task.prompt, config: c, indices, seeds: indices.map((i) => base + i) });

afterAll(async () => {
  await Promise.all(doubles.map((d) => d.close()));
});

describe('OpenAI-compatible sampler against the vLLM double', () => {
  it('gives each sample the same completion alone, batched, or in another batch', async () => {
    const d = await double();
    const s = sampler([d.url]);
    const batch = await ask(s, [0, 1, 2, 3, 4, 5]);
    const alone = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => ask(s, [i]).then((r) => r[0]!)));
    const tail = await ask(s, [3, 4, 5]);
    expect(batch.map((c) => c.text)).toEqual(alone.map((c) => c.text));
    expect(tail.map((c) => c.text)).toEqual(batch.slice(3).map((c) => c.text));
    expect(batch.map((c) => c.seed)).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
    expect(new Set(batch.map((c) => c.text)).size).toBeGreaterThan(1);
    // One request with n = 6 and the first sample's seed.
    expect(d.requests[0]!.body).toMatchObject({ n: 6, seed: 1000, logprobs: 0, temperature: 0.8, top_p: 0.95, max_tokens: 64 });
  });

  it('sends the vLLM extras only when they are set', async () => {
    const d = await double();
    const extras = expandGrid({ temperature: 0.5, min_p: 0.05, top_k: 40, min_tokens: 8, max_tokens: 32 })[0]!;
    await ask(sampler([d.url], { stop: ['\n\n'], includeStopStrInOutput: true, extraBody: { repetition_penalty: 1.1 } }), [0], 5, extras);
    await ask(sampler([d.url]), [0]);
    expect(d.requests[0]!.body).toMatchObject({
      min_p: 0.05,
      top_k: 40,
      min_tokens: 8,
      include_stop_str_in_output: true,
      stop: ['\n\n'],
      repetition_penalty: 1.1,
      seed: 5,
    });
    for (const key of ['min_p', 'top_k', 'min_tokens', 'include_stop_str_in_output', 'stop', 'logprobs'])
      expect(d.requests[1]!.body).not.toHaveProperty(key);
  });

  it('counts tokens per sample as the server did: usage for n=1, logprobs for n>1, tokenize without logprobs', async () => {
    const check = async (d: VllmDouble, s: OpenAiCompatibleSampler, indices: number[], source: string) => {
      const got = await ask(s, indices, 77);
      for (const c of got) {
        const sent = d.emitted.get(emittedKey('m', task.prompt, c.seed, 0.8))!;
        expect(c.text).toBe(sent.text);
        expect(c.completionTokens).toBe(sent.completionTokens);
        expect(c.promptTokens).toBe(sent.promptTokens);
        expect(c.tokenSource).toBe(source);
      }
    };
    const d = await double();
    await check(d, sampler([d.url]), [0], 'usage');
    await check(d, sampler([d.url]), [0, 1, 2, 3], 'logprobs');
    const noLogprobs = await double({ logprobs: false });
    await check(noLogprobs, sampler([noLogprobs.url]), [0, 1, 2], 'tokenize');
    const bare = await double({ logprobs: false, tokenize: false });
    const s = sampler([bare.url]);
    const got = await ask(s, [0, 1]);
    expect(got.map((c) => [c.completionTokens, c.tokenSource])).toEqual([
      [null, 'none'],
      [null, 'none'],
    ]);
    expect(s.warnings[0]).toContain('no per-sample token counts');
  });

  it('speaks chat completions', async () => {
    const d = await double();
    const got = await ask(sampler([d.url], { api: 'chat' }), [0, 1, 2]);
    expect(d.requests[0]!.path).toBe('/v1/chat/completions');
    expect(d.requests[0]!.body).toMatchObject({ messages: [{ role: 'user', content: task.prompt }], n: 3, logprobs: true });
    for (const c of got) expect(c.completionTokens).toBe(d.emitted.get(emittedKey('m', task.prompt, c.seed, 0.8))!.completionTokens);
  });

  it.each(['429', '500', 'reset', 'truncated', 'truncated-json'] as const)(
    'retries a %s and returns the same completions',
    async (kind) => {
      const clean = await double();
      const expected = (await ask(sampler([clean.url]), [0, 1, 2])).map((c) => c.text);
      const faulty = await double({ faults: { rate: 0.5, kinds: [kind], seed: 3 } });
      const s = sampler([faulty.url]);
      for (let k = 0; k < 6; k++) expect((await ask(s, [0, 1, 2])).map((c) => c.text)).toEqual(expected);
      expect(faulty.stats.faults[kind]).toBeGreaterThan(0);
      expect([...s.pool.retries.values()].reduce((a, b) => a + b, 0)).toBe(faulty.stats.faults[kind]);
    },
  );

  it('gives up on a slow answer after the attempt timeout and retries it', async () => {
    const d = await double({ faults: { rate: 1, kinds: ['slow'] }, slowMs: 3000 });
    const s = sampler([d.url], { requestTimeoutMs: 200, retry: { retries: 1, baseMs: 1, maxMs: 5 } });
    const err = await ask(s, [0]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessFault);
    expect((err as Error).message).toContain('timed out');
    expect(d.stats.faults.slow).toBe(2);
  });

  it('spreads tasks over several endpoints, each task on one, and avoids one that is down', async () => {
    const a = await double();
    const b = await double();
    const s = sampler([a.url, b.url], { concurrency: 2 });
    // 40 tasks, 3 requests each: rendezvous hashing gives each endpoint about half of the tasks.
    const tasks = Array.from({ length: 40 }, (_, i) => ({ ...task, id: `T/${i}`, prompt: `def f${i}(x):\n` }));
    await Promise.all(
      tasks.flatMap((t) => [0, 1, 2].map((i) => s.sample({ task: t, prompt: t.prompt, config, indices: [i], seeds: [i] }))),
    );
    expect(a.stats.generations).toBeGreaterThanOrEqual(15);
    expect(b.stats.generations).toBeGreaterThanOrEqual(15);
    const servedBy = (d: VllmDouble) => new Set(d.requests.filter((r) => r.path.endsWith('/completions')).map((r) => r.body.prompt));
    const [onA, onB] = [servedBy(a), servedBy(b)];
    expect([...onA].filter((p) => onB.has(p))).toEqual([]);
    expect(onA.size + onB.size).toBe(40);
    const down = sampler(['http://127.0.0.1:1/v1', b.url]);
    const before = b.stats.generations;
    const got = await Promise.all(Array.from({ length: 6 }, (_, i) => ask(down, [i])));
    expect(got).toHaveLength(6);
    expect(b.stats.generations - before).toBe(6);
  });

  it('checks before a run: an unknown model id is an E_SERVER error, an unreachable server a harness fault', async () => {
    const d = await double({ models: ['org/model-a', 'org/model-b'] });
    const unknown = await sampler([d.url], { model: 'org/model-c' })
      .preflight()
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(PasskError);
    expect((unknown as PasskError).code).toBe('E_SERVER');
    expect((unknown as Error).message).toContain('does not serve "org/model-c"; it serves: org/model-a, org/model-b');
    const gone = await sampler(['http://127.0.0.1:1/v1'])
      .preflight()
      .catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(HarnessFault);
    expect((gone as Error).message).toContain('http://127.0.0.1:1/v1: the server is unreachable');
    const facts = await sampler([d.url], { model: 'org/model-b' }).preflight();
    expect(facts).toMatchObject({ model: 'org/model-b', endpoints: [{ url: d.url, root: '/models/org/model-b', max_model_len: 4096 }] });
  });

  it('a server that ignores n is an E_SERVER error that says to send one sample per request', async () => {
    const d = await double({ maxChoices: 1 });
    const err = await ask(sampler([d.url]), [0, 1, 2]).catch((e: unknown) => e);
    expect((err as PasskError).code).toBe('E_SERVER');
    expect((err as Error).message).toContain('set n_per_request: 1');
    expect(d.stats.generations).toBe(1);
    expect(await ask(sampler([d.url], { nPerRequest: 1 }), [0])).toHaveLength(1);
  });

  it('a request the server refuses is an E_SERVER error, not retried', async () => {
    const d = await double();
    const err = await ask(sampler([d.url], { model: 'not-served' }), [0]).catch((e: unknown) => e);
    expect((err as PasskError).code).toBe('E_SERVER');
    expect((err as Error).message).toContain('404');
    expect(d.stats.requests).toBe(1);
  });
});
