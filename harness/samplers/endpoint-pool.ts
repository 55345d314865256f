/**
 * The base URLs serving one model. A request for a task goes to the task's endpoint:
 * rendezvous (highest-random-weight) hashing of (endpoint, task id) ranks the endpoints
 * the same way for every request of the task, so all its samples reach one server while it
 * is healthy and its prefix cache serves the task's shared prompt; when that endpoint is
 * down, the next in the task's ranking takes over, so a failed endpoint's tasks move and
 * no other task does (docs/distributed.md, "Endpoint affinity"). Affinity is strict: an
 * endpoint whose tasks are many holds more requests than the others (the run's requests in
 * flight stay bounded as a whole). A request for no task (preflight) goes to the endpoint
 * with the fewest requests in flight.
 *
 * An endpoint that fails cools down for a time that doubles with its consecutive failures
 * (a dead server looks idle, so it would keep being chosen), and a retry goes to another
 * endpoint when one is available. Retries are counted by reason for the run's report, and
 * each endpoint counts its requests, failures, samples and tokens for the manifest.
 */
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { HarnessFault, PasskError } from '../../kernel/errors.js';
import { backoffMs, classifyFailure, isCallerAbort, sleep, type RetryPolicy } from './retry.js';

export interface Endpoint {
  url: string;
  client: OpenAI;
  /** A client at the server root (vLLM serves /tokenize there, not under /v1). */
  rootClient: OpenAI;
  inFlight: number;
  downUntil: number;
  /** Consecutive failed attempts (0 after a success). */
  failures: number;
  stats: EndpointStats;
}

/** What one endpoint did (the manifest's `endpoints`, docs/records.md). */
export interface EndpointStats {
  url: string;
  requests: number;
  failures: number;
  samples: number;
  promptTokens: number;
  completionTokens: number;
  tasks: Set<string>;
}

/** The rendezvous weight of an endpoint for a task: the first 48 bits of sha256(url, task). */
function weight(url: string, key: string): number {
  return parseInt(createHash('sha256').update(url).update('\u0000').update(key).digest('hex').slice(0, 12), 16);
}

const COOL_DOWN_MS = { first: 250, max: 30_000 };

export interface PoolOptions {
  apiKey: string;
  policy: RetryPolicy;
  /** One attempt, response body included. */
  attemptTimeoutMs: number;
}

function serverRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

export class EndpointPool {
  readonly endpoints: Endpoint[];
  /** Retries so far, by reason (e.g. "HTTP 429": 3). */
  readonly retries = new Map<string, number>();
  private turn = 0;

  constructor(
    urls: readonly string[],
    private readonly options: PoolOptions,
  ) {
    const make = (baseURL: string) =>
      new OpenAI({ baseURL, apiKey: options.apiKey, maxRetries: 0, timeout: options.attemptTimeoutMs + 5000 });
    this.endpoints = urls.map((url) => ({
      url,
      client: make(url),
      rootClient: make(serverRoot(url)),
      inFlight: 0,
      downUntil: 0,
      failures: 0,
      stats: { url, requests: 0, failures: 0, samples: 0, promptTokens: 0, completionTokens: 0, tasks: new Set<string>() },
    }));
  }

  /** The endpoints in the order a task's requests try them (the same order for every request of the task). */
  ranking(task: string): Endpoint[] {
    return this.endpoints
      .map((e) => ({ e, w: weight(e.url, task) }))
      .sort((a, b) => b.w - a.w || (a.e.url < b.e.url ? -1 : 1))
      .map((x) => x.e);
  }

  private pick(avoid: Endpoint | null, task: string | undefined): Endpoint {
    const now = Date.now();
    const order = task === undefined ? this.endpoints : this.ranking(task);
    const live = order.filter((e) => e.downUntil <= now);
    const others = live.filter((e) => e !== avoid);
    const up = others.length ? others : live;
    const candidates = up.length ? up : [...this.endpoints].sort((a, b) => a.downUntil - b.downUntil).slice(0, 1);
    if (task !== undefined) return candidates[0]!;
    // Fewest in flight; ties rotate so that idle endpoints share the first requests.
    this.turn = (this.turn + 1) % this.endpoints.length;
    let best = candidates[0]!;
    for (let k = 0; k < candidates.length; k++) {
      const e = candidates[(k + this.turn) % candidates.length]!;
      if (e.inFlight < best.inFlight) best = e;
    }
    return best;
  }

  /**
   * Runs `attempt` on an endpoint (the task's, when a task is given), retrying transient
   * failures; resolves with the answer and the endpoint that gave it. A non-retryable answer
   * (400, 401, 404...) is a PasskError E_SERVER; running out of retries a HarnessFault.
   */
  async call<T>(
    label: string,
    attempt: (endpoint: Endpoint, signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
    task?: string,
  ): Promise<{ result: T; endpoint: Endpoint }> {
    const { policy, attemptTimeoutMs } = this.options;
    let last = '';
    let failed: Endpoint | null = null;
    for (let i = 0; i <= policy.retries; i++) {
      const endpoint = this.pick(failed, task);
      endpoint.stats.requests++;
      // One controller per attempt, cleared when the attempt ends (AbortSignal.timeout would
      // keep a timer alive for the whole timeout after every request).
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException('attempt timed out', 'TimeoutError'));
      }, attemptTimeoutMs);
      const onAbort = (): void => controller.abort(signal!.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      endpoint.inFlight++;
      try {
        const result = await attempt(endpoint, controller.signal);
        endpoint.failures = 0;
        return { result, endpoint };
      } catch (err) {
        if (isCallerAbort(err, signal)) throw err;
        endpoint.stats.failures++;
        const failure = timedOut
          ? { retry: true as const, reason: `timed out after ${attemptTimeoutMs / 1000}s`, retryAfterMs: null }
          : classifyFailure(err);
        if (!failure.retry) throw new PasskError('E_SERVER', `${label}: the server refused the request: ${failure.reason}`, endpoint.url);
        last = `${endpoint.url}: ${failure.reason}`;
        this.retries.set(failure.reason.replace(/ \(.*$/, ''), (this.retries.get(failure.reason.replace(/ \(.*$/, '')) ?? 0) + 1);
        const wait = Math.max(failure.retryAfterMs ?? 0, backoffMs(i, policy));
        endpoint.failures++;
        endpoint.downUntil =
          Date.now() +
          Math.max(failure.retryAfterMs ?? 0, Math.min(COOL_DOWN_MS.max, COOL_DOWN_MS.first * 2 ** Math.min(endpoint.failures - 1, 10)));
        failed = endpoint;
        if (i < policy.retries) await sleep(wait, signal);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        endpoint.inFlight--;
      }
    }
    throw new HarnessFault(
      'sampler',
      `${label}: no answer after ${policy.retries + 1} attempts (last: ${last}); the records so far are kept, run the same command to resume`,
    );
  }
}
