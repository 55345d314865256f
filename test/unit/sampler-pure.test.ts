import fc from 'fast-check';
import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { normalizeBaseUrl } from '../../harness/samplers/create.js';
import { renderPrompt, templateProblems, DEFAULT_TEMPLATES } from '../../harness/samplers/prompt.js';
import { backoffMs, classifyFailure, IncompleteResponse } from '../../harness/samplers/retry.js';
import { seedBase } from '../../harness/samplers/seeds.js';
import { choiceCounts, endTokenMissing, wantsLogprobs, type ChoiceFacts } from '../../harness/samplers/token-counts.js';

const task: Task = {
  id: 'HumanEval/0',
  benchmark: 'humaneval',
  language: 'python',
  prompt: 'def f(x):\n    """doc"""\n',
  entryPoint: 'f',
  canonicalSolution: '    return x\n',
  test: { kind: 'python-asserts', asserts: '' },
};

describe('per-sample seed bases', () => {
  // The seed a sample really gets (base + index, alone or batched) is checked on recorded runs: test/integration/sample-seeds.test.ts.
  it('leave room for 2^30 samples below 2^31, and depend on every part of the key', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), fc.string(), fc.string(), (seed, model, config, taskId) => {
        expect(seedBase(seed, model, config, taskId)).toBeLessThan(2 ** 30);
      }),
    );
    const s = seedBase(0, 'm', 'c', 't');
    expect(
      new Set([s, seedBase(1, 'm', 'c', 't'), seedBase(0, 'm2', 'c', 't'), seedBase(0, 'm', 'c2', 't'), seedBase(0, 'm', 'c', 't2')]).size,
    ).toBe(5);
  });
});

describe('prompt templates', () => {
  it('fills placeholders, keeps escaped braces, and falls back to the prompt for a missing instruction', () => {
    expect(renderPrompt('{task_id}: {{x}} {entry_point}\n{prompt}', task)).toBe(`HumanEval/0: {x} f\n${task.prompt}`);
    expect(renderPrompt(DEFAULT_TEMPLATES.editseq!, task)).toBe(`${task.prompt}\n<|diff|>`);
    expect(renderPrompt(DEFAULT_TEMPLATES.editseq!, { ...task, instruction: 'Write f.' })).toBe('Write f.\n<|diff|>');
  });

  it('reports unknown placeholders and lone braces', () => {
    expect(templateProblems('{prompt}{{ok}}')).toEqual([]);
    expect(templateProblems('{promt}')[0]).toContain('{promt}');
    expect(templateProblems('a } b')).toHaveLength(1);
  });
});

describe('token counts', () => {
  const choice = (logprobTokens: number | null, finishReason = 'stop', stopReason: ChoiceFacts['stopReason'] = null): ChoiceFacts => ({
    logprobTokens,
    finishReason,
    stopReason,
  });

  it('use usage when one sample per request, logprobs with several, tokenize when neither', () => {
    expect(choiceCounts('auto', { n: 1, usage: { prompt_tokens: 5, completion_tokens: 9 }, choices: [choice(null)], stops: [] })).toEqual([
      { completionTokens: 9, source: 'usage' },
    ]);
    expect(choiceCounts('auto', { n: 2, usage: { completion_tokens: 9 }, choices: [choice(4), choice(5)], stops: [] })).toEqual([
      { completionTokens: 4, source: 'logprobs' },
      { completionTokens: 5, source: 'logprobs' },
    ]);
    expect(choiceCounts('auto', { n: 2, usage: { completion_tokens: 9 }, choices: [choice(null), choice(null)], stops: [] })).toEqual([
      { source: 'tokenize-needed' },
      { source: 'tokenize-needed' },
    ]);
    expect(choiceCounts('logprobs', { n: 1, usage: { completion_tokens: 9 }, choices: [choice(null)], stops: [] })).toEqual([
      { completionTokens: null, source: 'none' },
    ]);
    expect(wantsLogprobs('auto', 1)).toBe(false);
    expect(wantsLogprobs('auto', 2)).toBe(true);
  });

  it('count the end-of-sequence token back only when it ended the sample', () => {
    expect(endTokenMissing(choice(null, 'stop', null), ['x'])).toBe(1);
    expect(endTokenMissing(choice(null, 'stop', 'x'), ['x'])).toBe(0);
    expect(endTokenMissing(choice(null, 'length', null), [])).toBe(0);
    // A server that does not say why it stopped (no stop_reason field at all).
    const silent: ChoiceFacts = { logprobTokens: null, finishReason: 'stop', stopReason: undefined };
    expect(endTokenMissing(silent, [])).toBe(1);
    expect(endTokenMissing(silent, ['x'])).toBe(0);
  });
});

describe('retry policy', () => {
  it('backs off with full jitter under an exponential cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const policy = { retries: 8, baseMs: 100, maxMs: 5000 };
        const ms = backoffMs(attempt, policy, () => r);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Math.min(5000, 100 * 2 ** attempt));
      }),
    );
  });

  it('retries rate limits, server errors, resets and broken bodies, not bad requests', () => {
    const status = (s: number, headers: Record<string, string> = {}) => APIError.generate(s, { message: 'x' }, 'x', new Headers(headers));
    expect(classifyFailure(status(429, { 'retry-after': '2' }))).toEqual({ retry: true, reason: 'HTTP 429', retryAfterMs: 2000 });
    expect(classifyFailure(status(503)).retry).toBe(true);
    expect(classifyFailure(status(400)).retry).toBe(false);
    expect(classifyFailure(status(404)).retry).toBe(false);
    expect(classifyFailure(new APIConnectionError({ message: 'reset' })).retry).toBe(true);
    expect(classifyFailure(new SyntaxError('Unexpected end of JSON input')).retry).toBe(true);
    expect(
      classifyFailure(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))
        .retry,
    ).toBe(true);
    expect(classifyFailure(new IncompleteResponse('2 of 3 choices')).retry).toBe(true);
    expect(classifyFailure(new RangeError('a bug')).retry).toBe(false);
  });
});

describe('base URLs', () => {
  it('a bare server root means its /v1 API; a given path is kept', () => {
    expect(normalizeBaseUrl('http://gpu1:8000')).toBe('http://gpu1:8000/v1');
    expect(normalizeBaseUrl('http://gpu1:8000/')).toBe('http://gpu1:8000/v1');
    expect(normalizeBaseUrl('http://gpu1:8000/v1/')).toBe('http://gpu1:8000/v1');
    expect(normalizeBaseUrl('https://api.example.com/openai/v1')).toBe('https://api.example.com/openai/v1');
  });
});
