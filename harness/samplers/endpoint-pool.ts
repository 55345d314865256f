/**
 * The base URLs serving one model, load-balanced: each attempt goes to the endpoint with
 * the fewest requests in flight among those not cooling down. An endpoint that fails
 * cools down for a time that doubles with its consecutive failures (a dead server looks
 * idle, so fewest-in-flight alone would keep choosing it), and a retry goes to another
 * endpoint when one is available. Retries are counted by reason for the run's report.
 */
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
    }));
  }

  private pick(avoid: Endpoint | null): Endpoint {
    const now = Date.now();
    const live = this.endpoints.filter((e) => e.downUntil <= now);
    const others = live.filter((e) => e !== avoid);
    const up = others.length ? others : live;
    const candidates = up.length ? up : [...this.endpoints].sort((a, b) => a.downUntil - b.downUntil).slice(0, 1);
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
   * Runs `attempt` on an endpoint, retrying transient failures. A non-retryable answer
   * (400, 401, 404...) is a PasskError E_SERVER; running out of retries a HarnessFault.
   */
  async call<T>(label: string, attempt: (endpoint: Endpoint, signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { policy, attemptTimeoutMs } = this.options;
    let last = '';
    let failed: Endpoint | null = null;
    for (let i = 0; i <= policy.retries; i++) {
      const endpoint = this.pick(failed);
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
        return result;
      } catch (err) {
        if (isCallerAbort(err, signal)) throw err;
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
