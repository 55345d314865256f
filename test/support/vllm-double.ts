/**
 * A vLLM test double: a loopback HTTP server speaking the OpenAI-compatible protocol as
 * vLLM does (GET /v1/models, POST /v1/completions and /v1/chat/completions with `n`,
 * usage, logprobs, stop strings, max_tokens; POST /tokenize at the server root; vLLM's
 * error bodies). Seeds are honoured as vLLM V1 does: choice i of a request with seed s is
 * generated from seed s + i, deterministically. It can wait before answering and inject
 * faults (429, 500, connection resets, bodies cut off, slow answers). It listens on
 * 127.0.0.1 only and stops by itself after a lifetime or an idle period.
 *
 * Tokens are a simple split (words, runs of spaces, single symbols); the end-of-sequence
 * token is counted as vLLM counts it (in usage and in logprobs, with empty text). With
 * `reasoningParser`, a chat answer's `<think>...</think>` block comes back apart in
 * `reasoning_content`, as vLLM's reasoning parsers return it (usage and logprobs still
 * cover every generated token).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mulberry32, type Rng } from '../../harness/metrics/random.js';

export type FaultKind = '429' | '500' | 'reset' | 'truncated' | 'truncated-json' | 'slow';

export interface RespondContext {
  model: string;
  prompt: string;
  /** Seeded from the request seed + choice index when a seed was sent. */
  rng: Rng;
  seed: number | null;
  choice: number;
  body: Record<string, unknown>;
}

export interface DoubleOptions {
  models: string[];
  /** The text a choice generates before stops and max_tokens apply. */
  respond?: (ctx: RespondContext) => string;
  /** Wait before each generation answer (ms). */
  latencyMs?: number;
  faults?: { rate: number; kinds: FaultKind[]; seed?: number };
  /** How long a 'slow' fault waits (ms). */
  slowMs?: number;
  /** Serve /tokenize (vLLM does); off to test servers without it. */
  tokenize?: boolean;
  /** Honour logprobs requests; off to test servers that ignore them. */
  logprobs?: boolean;
  /** Answer at most this many choices, as servers that ignore `n` do (llama.cpp). */
  maxChoices?: number;
  /** Chat: return a think block apart, in `reasoning_content` (vLLM --reasoning-parser). */
  reasoningParser?: boolean;
  /** Keep request bodies and emitted choices (off for benchmarks). */
  record?: boolean;
  /** The server closes itself after this long (default 10 minutes) or this long without requests (default 2 minutes). */
  lifetimeMs?: number;
  idleMs?: number;
}

export interface EmittedChoice {
  text: string;
  promptTokens: number;
  completionTokens: number;
  finishReason: string;
}

export interface VllmDouble {
  /** Base URL, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown>; fault: FaultKind | null }>;
  /** By emittedKey(model, prompt, seed of the choice). */
  emitted: Map<string, EmittedChoice>;
  stats: { requests: number; generations: number; choices: number; faults: Record<string, number> };
  close(): Promise<void>;
}

export function emittedKey(model: string, prompt: string, seed: number | null, temperature: unknown): string {
  return `${model}\u0000${seed}\u0000${String(temperature)}\u0000${prompt}`;
}

const TOKEN = /\s+|\w+|[^\s\w]/g;
export function doubleTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const WORDS = ['return', 'x', 'for', 'in', 'range', '(', ')', ':', 'if', 'else', '+', '1', 'n', '=', 'def', 'list'];
function defaultRespond(ctx: RespondContext): string {
  const count = 10 + Math.floor(ctx.rng() * 40);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(ctx.rng() * WORDS.length)]!);
  return ` ${words.join(' ')}\n`;
}

interface Generated extends EmittedChoice {
  tokens: string[];
  stopReason: string | null;
}

/** One choice: the raw text cut by the first stop string or max_tokens; EOS otherwise. */
function generate(raw: string, body: Record<string, unknown>, promptTokens: number): Generated {
  const tokens = doubleTokens(raw);
  const max = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
  const stops = Array.isArray(body.stop) ? (body.stop as string[]) : typeof body.stop === 'string' ? [body.stop] : [];
  let stopAt = -1;
  let stop: string | null = null;
  for (const s of stops) {
    const p = raw.indexOf(s);
    if (p >= 0 && (stopAt < 0 || p < stopAt)) [stopAt, stop] = [p, s];
  }
  if (stop !== null) {
    // Tokens generated until the stop string is complete.
    const end = stopAt + stop.length;
    let used = 0;
    let covered = 0;
    while (covered < end) covered += tokens[used++]!.length;
    if (used <= max) {
      const text = raw.slice(0, stopAt) + (body.include_stop_str_in_output === true ? stop : '');
      return { text, tokens: tokens.slice(0, used), completionTokens: used, promptTokens, finishReason: 'stop', stopReason: stop };
    }
  } else if (tokens.length + 1 <= max) {
    return {
      text: raw,
      tokens: [...tokens, ''],
      completionTokens: tokens.length + 1,
      promptTokens,
      finishReason: 'stop',
      stopReason: null,
    };
  }
  const kept = tokens.slice(0, max);
  return { text: kept.join(''), tokens: kept, completionTokens: max, promptTokens, finishReason: 'length', stopReason: null };
}

/** vLLM's reasoning parsers: the think block apart from the answer (a block that never closes is all reasoning). */
function parseReasoning(text: string): { reasoning_content: string | null; content: string | null } {
  const close = text.indexOf('</think>');
  if (close >= 0)
    return { reasoning_content: text.slice(0, close).replace(/^<think>/, ''), content: text.slice(close + '</think>'.length) };
  if (text.startsWith('<think>')) return { reasoning_content: text.slice('<think>'.length), content: null };
  return { reasoning_content: null, content: text };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function vllmError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { object: 'error', message, type, param: null, code: status });
}

export async function startVllmDouble(options: DoubleOptions): Promise<VllmDouble> {
  const respond = options.respond ?? defaultRespond;
  const record = options.record ?? true;
  const faultRng = mulberry32(options.faults?.seed ?? 12345);
  const requests: VllmDouble['requests'] = [];
  const emitted = new Map<string, EmittedChoice>();
  const stats: VllmDouble['stats'] = { requests: 0, generations: 0, choices: 0, faults: {} };
  const sockets = new Set<Socket>();
  let idleTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const pickFault = (): FaultKind | null => {
    const f = options.faults;
    if (!f || f.rate <= 0 || faultRng() >= f.rate) return null;
    return f.kinds[Math.floor(faultRng() * f.kinds.length)] ?? null;
  };

  const completionsAnswer = (body: Record<string, unknown>, chat: boolean): Record<string, unknown> => {
    const model = String(body.model);
    const prompt = chat ? (body.messages as Array<{ content: string }>).map((m) => m.content).join('\n') : String(body.prompt);
    const n = Math.min(typeof body.n === 'number' ? body.n : 1, options.maxChoices ?? Number.POSITIVE_INFINITY);
    const seed = typeof body.seed === 'number' ? body.seed : null;
    const promptTokens = doubleTokens(prompt).length;
    const wantLogprobs = (options.logprobs ?? true) && (chat ? body.logprobs === true : typeof body.logprobs === 'number');
    const choices: Array<Record<string, unknown>> = [];
    let completionTokens = 0;
    for (let i = 0; i < n; i++) {
      const choiceSeed = seed === null ? null : seed + i;
      const rng = mulberry32(choiceSeed ?? Math.floor(Math.random() * 2 ** 32));
      const g = generate(respond({ model, prompt, rng, seed: choiceSeed, choice: i, body }), body, promptTokens);
      completionTokens += g.completionTokens;
      if (record)
        emitted.set(emittedKey(model, prompt, choiceSeed, body.temperature), {
          text: g.text,
          promptTokens,
          completionTokens: g.completionTokens,
          finishReason: g.finishReason,
        });
      const lps = g.tokens.map(() => -Math.round(rng() * 3000) / 1000);
      if (chat) {
        choices.push({
          index: i,
          message: options.reasoningParser
            ? { role: 'assistant', ...parseReasoning(g.text), tool_calls: [] }
            : { role: 'assistant', content: g.text, tool_calls: [] },
          logprobs: wantLogprobs
            ? { content: g.tokens.map((t, k) => ({ token: t, logprob: lps[k], bytes: [...Buffer.from(t)], top_logprobs: [] })) }
            : null,
          finish_reason: g.finishReason,
          stop_reason: g.stopReason,
        });
      } else {
        let offset = prompt.length;
        choices.push({
          index: i,
          text: g.text,
          logprobs: wantLogprobs
            ? {
                text_offset: g.tokens.map((t) => ((offset += t.length), offset - t.length)),
                token_logprobs: lps,
                tokens: g.tokens,
                top_logprobs: g.tokens.map((t, k) => ({ [t]: lps[k] })),
              }
            : null,
          finish_reason: g.finishReason,
          stop_reason: g.stopReason,
        });
      }
    }
    stats.choices += n;
    return {
      id: `cmpl-${stats.requests}`,
      object: chat ? 'chat.completion' : 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices,
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    if (idleTimer) idleTimer.refresh();
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: options.models.map((id) => ({
          id,
          object: 'model',
          created: 0,
          owned_by: 'vllm',
          root: `/models/${id}`,
          parent: null,
          max_model_len: 4096,
        })),
      });
    }
    const isGeneration = path === '/v1/completions' || path === '/v1/chat/completions';
    if (req.method !== 'POST' || (!isGeneration && path !== '/tokenize'))
      return vllmError(res, 404, 'NotFoundError', `no route ${req.method} ${path}`);
    if (path === '/tokenize' && options.tokenize === false) return vllmError(res, 404, 'NotFoundError', 'Not Found');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return vllmError(res, 400, 'BadRequestError', 'the body is not valid JSON');
    }
    if (!options.models.includes(String(body.model)))
      return vllmError(res, 404, 'NotFoundError', `The model \`${String(body.model)}\` does not exist.`);
    const fault = pickFault();
    if (record) requests.push({ path, body, fault });
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    if (fault === '429') return vllmError(res, 429, 'RateLimitError', 'Too many requests');
    if (fault === '500') return vllmError(res, 500, 'InternalServerError', 'Internal Server Error');
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const wait = (fault === 'slow' ? (options.slowMs ?? 5000) : 0) + (isGeneration ? (options.latencyMs ?? 0) : 0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (res.destroyed) return;
    let answer: unknown;
    if (path === '/tokenize') {
      const tokens = doubleTokens(String(body.prompt ?? ''));
      answer = { count: tokens.length, max_model_len: 4096, tokens: tokens.map((t) => t.length) };
    } else {
      stats.generations++;
      answer = completionsAnswer(body, path.endsWith('/chat/completions'));
    }
    const text = JSON.stringify(answer);
    if (fault === 'truncated' || fault === 'truncated-json') {
      const cut = text.slice(0, Math.floor(text.length / 2));
      // 'truncated': the promised length never arrives; 'truncated-json': a short body that does not parse.
      const length = fault === 'truncated' ? Buffer.byteLength(text) : Buffer.byteLength(cut);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
      res.write(cut);
      if (fault === 'truncated') setImmediate(() => req.socket.destroy());
      else res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) vllmError(res, 500, 'InternalServerError', String(err));
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const close = (): Promise<void> => {
    if (closed) return Promise.resolve();
    closed = true;
    if (idleTimer) clearTimeout(idleTimer);
    clearTimeout(lifetime);
    for (const s of sockets) s.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  // Bounded: it goes away by itself even if a test forgets to close it.
  const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 10 * 60_000).unref();
  idleTimer = setTimeout(() => void close(), options.idleMs ?? 2 * 60_000).unref();

  return { url: `http://127.0.0.1:${port}/v1`, requests, emitted, stats, close };
}
