/**
 * Retrying requests to model servers. One policy covers every transient failure: 429 and
 * 5xx (honouring Retry-After), 408/409, timeouts, connection resets, truncated or
 * unparsable bodies, and incomplete responses. The OpenAI SDK's own retries are turned
 * off because they stop at the response headers: a body cut off mid-way would not be
 * retried. Backoff is exponential with full jitter (AWS architecture blog), so clients
 * hammered by the same outage do not come back in lockstep.
 */
import { APIError, APIUserAbortError } from 'openai';

export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 8, baseMs: 250, maxMs: 20_000 };

/** Full jitter: uniform in [0, min(max, base * 2^attempt)]. Pure given `random`. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return random() * cap;
}

/** A response that arrived whole but is not what was asked for (wrong number of choices...). */
export class IncompleteResponse extends Error {
  override name = 'IncompleteResponse';
}

export type FailureClass =
  { retry: true; reason: string; retryAfterMs: number | null } | { retry: false; reason: string; status: number | null };

function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const s = headers?.get('retry-after');
  if (!s) return null;
  if (Number.isFinite(Number(s))) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function networkCode(err: unknown): string | null {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  }
  return null;
}

/** Sorts a failure into retryable or not. Aborts by the caller are handled before this. */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof APIError && typeof err.status === 'number') {
    const s = err.status;
    if (s === 429 || s === 408 || s === 409 || s >= 500)
      return { retry: true, reason: `HTTP ${s}`, retryAfterMs: retryAfterMs(err.headers) };
    return { retry: false, reason: `HTTP ${s}: ${err.message}`, status: s };
  }
  if (err instanceof APIError) return { retry: true, reason: `connection failed (${err.message})`, retryAfterMs: null };
  if (err instanceof IncompleteResponse) return { retry: true, reason: `incomplete response (${err.message})`, retryAfterMs: null };
  // A body cut off mid-way: the JSON does not parse, or undici reports the socket closed.
  if (err instanceof SyntaxError) return { retry: true, reason: `truncated body (${err.message})`, retryAfterMs: null };
  const code = networkCode(err);
  if (code) return { retry: true, reason: `connection error ${code}`, retryAfterMs: null };
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof TypeError && /terminated|fetch failed|other side closed/i.test(message))
    return { retry: true, reason: `connection dropped (${message})`, retryAfterMs: null };
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return { retry: true, reason: 'timed out', retryAfterMs: null };
  return { retry: false, reason: message, status: null };
}

export function isCallerAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  return (
    signal?.aborted === true &&
    (err instanceof APIUserAbortError ||
      (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) ||
      err === signal.reason)
  );
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
