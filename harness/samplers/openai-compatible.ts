/**
 * Sampling from an OpenAI-compatible server (vLLM, SGLang, TGI, llama.cpp's server,
 * OpenAI) through the `openai` SDK: /v1/completions or /v1/chat/completions with `n`, the
 * vLLM extras (min_p, top_k, min_tokens, include_stop_str_in_output) sent only when set
 * (OpenAI rejects unknown fields), and a seed per request that gives each sample its own
 * seed (seeds.ts). Token counts per sample: token-counts.ts; a think block's apart:
 * reasoning-tokens.ts. A chat answer whose reasoning the server parsed out (vLLM's
 * `reasoning_content`) is put back in front of it between the think markers, as generated
 * (without the close marker when there is no content: the block never closed).
 */
import type { Completion } from 'openai/resources/completions';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import type { ThinkMarkers } from '../rebuild/answer.js';
import { EndpointPool, type EndpointStats } from './endpoint-pool.js';
import { DEFAULT_RETRY, IncompleteResponse, type RetryPolicy } from './retry.js';
import type { SampledCompletion, Sampler, SamplerFacts, SampleRequest } from './sampler.js';
import { choiceCounts, endTokenMissing, promptTokensOf, wantsLogprobs, type ChoiceFacts, type TokenCountMode } from './token-counts.js';
import { preflightEndpoints } from './preflight.js';
import { thinkPart, thinkTokensOfPieces, usageReasoningTokens } from './reasoning-tokens.js';

export interface OpenAiSamplerOptions {
  /** The name records use (for messages). */
  name: string;
  endpoints: readonly string[];
  model: string;
  api: 'completions' | 'chat';
  stop: readonly string[];
  includeStopStrInOutput: boolean;
  tokenCounts: TokenCountMode;
  /** Largest n per request; undefined = no limit. */
  nPerRequest?: number;
  /** Requests in flight per endpoint. */
  concurrency: number;
  requestTimeoutMs: number;
  retry?: Partial<RetryPolicy>;
  apiKey?: string;
  extraBody?: Record<string, unknown>;
  /** A reasoning model's think block (counted apart); null or absent: not looked for. */
  think?: ThinkMarkers | null;
}

interface Normalized {
  texts: string[];
  choices: ChoiceFacts[];
  /** Each choice's logprob token texts, when the server sent them. */
  pieces: Array<string[] | null>;
  usage: Completion['usage'] | null;
}

/** The choices of a response, which must be n of them. */
function choicesOf<C>(res: { choices?: C[] } | null | undefined, n: number): C[] {
  const choices = Array.isArray(res?.choices) ? res.choices : null;
  if (!choices || choices.length === 0 || choices.length > n)
    throw new IncompleteResponse(`expected ${n} choices, got ${choices?.length ?? 'none'}`);
  // A whole answer with fewer choices is what a server that ignores `n` sends, every time.
  if (choices.length < n)
    throw new PasskError(
      'E_SERVER',
      `asked for n=${n} samples, the server answered ${choices.length}; it may not support n > 1: set n_per_request: 1 for this model`,
    );
  return choices;
}

function normalizeCompletion(res: Completion, n: number): Normalized {
  const choices = choicesOf(res, n);
  const texts: string[] = new Array(n);
  const facts: ChoiceFacts[] = new Array(n);
  const pieces: Array<string[] | null> = new Array(n).fill(null);
  for (const c of choices) {
    if (!Number.isInteger(c.index) || c.index < 0 || c.index >= n || texts[c.index] !== undefined || typeof c.text !== 'string')
      throw new IncompleteResponse(`choice ${c.index} is missing or repeated`);
    texts[c.index] = c.text;
    if (Array.isArray(c.logprobs?.tokens)) pieces[c.index] = c.logprobs.tokens;
    const lp = c.logprobs?.tokens ?? c.logprobs?.token_logprobs;
    facts[c.index] = {
      logprobTokens: Array.isArray(lp) ? lp.length : null,
      finishReason: c.finish_reason ?? null,
      stopReason: (c as { stop_reason?: string | number | null }).stop_reason,
    };
  }
  return { texts, choices: facts, pieces, usage: res.usage ?? null };
}

/** The reasoning a server parsed out of a chat answer (vLLM: `reasoning_content`, newer: `reasoning`). */
function parsedReasoning(message: object): string | null {
  const m = message as { reasoning_content?: unknown; reasoning?: unknown };
  const text = typeof m.reasoning_content === 'string' ? m.reasoning_content : m.reasoning;
  return typeof text === 'string' && text !== '' ? text : null;
}

function normalizeChat(res: ChatCompletion, n: number, think: ThinkMarkers | null): Normalized {
  const choices = choicesOf(res, n);
  const texts: string[] = new Array(n);
  const facts: ChoiceFacts[] = new Array(n);
  const pieces: Array<string[] | null> = new Array(n).fill(null);
  for (const c of choices) {
    if (!Number.isInteger(c.index) || c.index < 0 || c.index >= n || texts[c.index] !== undefined || !c.message)
      throw new IncompleteResponse(`choice ${c.index} is missing or repeated`);
    // Reasoning without content: vLLM's parsers say so when the block never closed.
    const reasoning = think ? parsedReasoning(c.message) : null;
    const content = c.message.content;
    if (reasoning === null) texts[c.index] = content ?? '';
    else texts[c.index] = `${think!.open}${reasoning}${content === null ? '' : `${think!.close}${content}`}`;
    const lp = c.logprobs?.content;
    if (Array.isArray(lp)) pieces[c.index] = lp.map((e) => e.token);
    facts[c.index] = {
      logprobTokens: Array.isArray(lp) ? lp.length : null,
      finishReason: c.finish_reason ?? null,
      stopReason: (c as { stop_reason?: string | number | null }).stop_reason,
    };
  }
  return { texts, choices: facts, pieces, usage: res.usage ?? null };
}

export class OpenAiCompatibleSampler implements Sampler {
  readonly kind = 'openai';
  readonly offline = false;
  readonly maxBatch: number;
  readonly concurrency: number;
  readonly pool: EndpointPool;
  private tokenizeMissing = false;
  readonly warnings: string[] = [];

  constructor(private readonly options: OpenAiSamplerOptions) {
    // Usage counts a whole request: counting from usage alone needs one sample per request.
    this.maxBatch = options.tokenCounts === 'usage' ? 1 : (options.nPerRequest ?? Number.POSITIVE_INFINITY);
    this.concurrency = options.endpoints.length * options.concurrency;
    this.pool = new EndpointPool(options.endpoints, {
      apiKey: options.apiKey ?? 'EMPTY',
      policy: { ...DEFAULT_RETRY, ...options.retry },
      attemptTimeoutMs: options.requestTimeoutMs,
    });
  }

  preflight(): Promise<SamplerFacts> {
    return preflightEndpoints(this.pool, this.options.model, this.options.name).then((endpoints) => ({
      kind: this.kind,
      api: this.options.api,
      model: this.options.model,
      endpoints,
    }));
  }

  private body(req: SampleRequest, n: number, logprobs: boolean): Record<string, unknown> {
    const p = req.config.params;
    const o = this.options;
    const body: Record<string, unknown> = {
      model: o.model,
      n,
      temperature: p.temperature,
      top_p: p.top_p,
      max_tokens: p.max_tokens,
      seed: req.seeds[0],
    };
    if (o.stop.length) body.stop = [...o.stop];
    if (p.min_p > 0) body.min_p = p.min_p;
    if (p.top_k > 0) body.top_k = p.top_k;
    if (p.min_tokens > 0) body.min_tokens = p.min_tokens;
    if (o.includeStopStrInOutput) body.include_stop_str_in_output = true;
    if (o.api === 'chat') {
      body.messages = req.messages ?? [{ role: 'user', content: req.prompt }];
      if (logprobs) body.logprobs = true;
    } else {
      body.prompt = req.prompt;
      if (logprobs) body.logprobs = 0;
    }
    return { ...body, ...o.extraBody };
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const n = req.indices.length;
    const o = this.options;
    const body = this.body(req, n, wantsLogprobs(o.tokenCounts, n));
    const label = `model ${o.name}, ${req.task.id} #${req.indices[0]}..${req.indices[n - 1]}`;
    const started = performance.now();
    const { result: res, endpoint: answered } = await this.pool.call(
      label,
      async (endpoint, signal) => {
        if (o.api === 'chat')
          return normalizeChat(
            (await endpoint.client.chat.completions.create(body as never, { signal })) as ChatCompletion,
            n,
            o.think ?? null,
          );
        return normalizeCompletion((await endpoint.client.completions.create(body as never, { signal })) as Completion, n);
      },
      req.signal,
      req.task.id,
    );
    const sampleMs = performance.now() - started;
    const facts = { n, usage: res.usage, choices: res.choices, stops: o.stop };
    const promptTokens = promptTokensOf(facts);
    const counts = choiceCounts(o.tokenCounts, facts);
    const samples = await Promise.all(
      counts.map(async (count, i): Promise<SampledCompletion> => {
        let completionTokens: number | null = null;
        let tokenSource: SampledCompletion['tokenSource'] = 'none';
        if (count.source === 'tokenize-needed') {
          const t = await this.tokenize(res.texts[i]!, req.task, req.signal);
          if (t !== null) [completionTokens, tokenSource] = [t + endTokenMissing(res.choices[i]!, o.stop), 'tokenize'];
        } else [completionTokens, tokenSource] = [count.completionTokens, count.source];
        const reasoningTokens = o.think ? await this.reasoningTokens(res, i, completionTokens, req.task, req.signal) : undefined;
        return {
          index: req.indices[i]!,
          text: res.texts[i]!,
          promptTokens,
          completionTokens,
          ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
          tokenSource,
          finishReason: res.choices[i]!.finishReason,
          seed: req.seeds[i] ?? null,
          sampleMs,
        };
      }),
    );
    const stats = answered.stats;
    stats.samples += n;
    stats.promptTokens += promptTokens ?? 0;
    for (const c of samples) stats.completionTokens += c.completionTokens ?? 0;
    stats.tasks.add(req.task.id);
    return samples;
  }

  /** The think block's tokens of choice i (reasoning-tokens.ts); null when nothing can count them. */
  private async reasoningTokens(
    res: Normalized,
    i: number,
    completionTokens: number | null,
    task: Task,
    signal?: AbortSignal,
  ): Promise<number | null> {
    const fromUsage = usageReasoningTokens(res.usage, res.texts.length);
    const part = thinkPart(res.texts[i]!, this.options.think!);
    if (part.kind === 'none') return fromUsage ?? 0;
    if (fromUsage !== null && fromUsage > 0) return fromUsage;
    const pieces = res.pieces[i];
    let count: number | null;
    if (pieces) count = thinkTokensOfPieces(pieces, this.options.think!);
    else if (part.kind === 'unclosed') count = completionTokens;
    else count = await this.tokenize(part.text, task, signal);
    return count !== null && completionTokens !== null ? Math.min(count, completionTokens) : count;
  }

  /** Token count of a text by the server's tokenize endpoint (vLLM, SGLang); null when it has none. */
  private async tokenize(text: string, task: Task, signal?: AbortSignal): Promise<number | null> {
    if (this.tokenizeMissing) return null;
    try {
      const { result: res } = await this.pool.call(
        `tokenize (${task.id})`,
        (endpoint, s) =>
          endpoint.rootClient.post<{ count?: number; tokens?: unknown[] }>('/tokenize', {
            body: { model: this.options.model, prompt: text, add_special_tokens: false },
            signal: s,
          }),
        signal,
        task.id,
      );
      const count = typeof res.count === 'number' ? res.count : Array.isArray(res.tokens) ? res.tokens.length : null;
      if (count === null) throw new PasskError('E_SERVER', 'the tokenize endpoint answered without "count" or "tokens"');
      return count;
    } catch (err) {
      if (!(err instanceof PasskError)) throw err;
      this.tokenizeMissing = true;
      this.warnings.push(`model ${this.options.name}: no per-sample token counts (no logprobs, and ${err.message}); FLOPs need them`);
      return null;
    }
  }

  notes(): string[] {
    const retries = [...this.pool.retries];
    const out = retries.length
      ? [
          `model ${this.options.name}: ${retries.reduce((a, [, c]) => a + c, 0)} requests retried (${retries.map(([r, c]) => `${r}: ${c}`).join(', ')})`,
        ]
      : [];
    return [...out, ...this.warnings.slice(0, 3)];
  }

  endpointStats(): EndpointStats[] {
    return this.pool.endpoints.map((e) => e.stats);
  }

  async close(): Promise<void> {}
}
