/**
 * Before a run starts: every endpoint of a model must answer GET /v1/models (a few quick
 * tries, so a server still starting gets a moment) and list the model id. Errors say which
 * URL and what it serves, so a typo in the model id is obvious (a configuration error,
 * exit 3); a server that never answers is a harness fault (exit 4), as it is during a run.
 * A server without /v1/models (404) cannot be checked; that is a warning, not an error.
 */
import { APIError } from 'openai';
import { HarnessFault, PasskError } from '../../kernel/errors.js';
import type { EndpointPool } from './endpoint-pool.js';
import { classifyFailure, sleep } from './retry.js';

export interface EndpointFacts {
  url: string;
  /** vLLM: the checkpoint path (`root`) and context length, when the server says. */
  root?: string;
  max_model_len?: number;
  warning?: string;
}

const TRIES = 3;

async function listModels(pool: EndpointPool, index: number): Promise<Array<Record<string, unknown>> | 'no-endpoint'> {
  const endpoint = pool.endpoints[index]!;
  let last = '';
  for (let i = 0; i < TRIES; i++) {
    try {
      const page = await endpoint.client.models.list({ signal: AbortSignal.timeout(10_000) });
      return page.data as unknown as Array<Record<string, unknown>>;
    } catch (err) {
      if (err instanceof APIError && err.status === 404) return 'no-endpoint';
      const failure = classifyFailure(err);
      if (!failure.retry) throw new PasskError('E_SERVER', `GET /v1/models was refused: ${failure.reason}`, endpoint.url);
      last = failure.reason;
      if (i < TRIES - 1) await sleep(300 * 2 ** i);
    }
  }
  // Not the user's input but the infrastructure: a harness fault (exit 4), as during sampling.
  throw new HarnessFault(
    'model-server',
    `${endpoint.url}: the server is unreachable (${last}); is it running, and is the URL the one it serves (e.g. http://host:8000/v1)?`,
  );
}

export async function preflightEndpoints(pool: EndpointPool, model: string, name: string): Promise<EndpointFacts[]> {
  return Promise.all(
    pool.endpoints.map(async (endpoint, i): Promise<EndpointFacts> => {
      const listed = await listModels(pool, i);
      if (listed === 'no-endpoint') return { url: endpoint.url, warning: 'GET /v1/models answered 404: the model id could not be checked' };
      const entry = listed.find((m) => m.id === model);
      if (!entry) {
        const ids = listed.map((m) => String(m.id));
        throw new PasskError(
          'E_SERVER',
          `model ${name}: the server does not serve "${model}"; it serves: ${ids.length ? ids.join(', ') : '(nothing)'}`,
          endpoint.url,
        );
      }
      return {
        url: endpoint.url,
        ...(typeof entry.root === 'string' ? { root: entry.root } : {}),
        ...(typeof entry.max_model_len === 'number' ? { max_model_len: entry.max_model_len } : {}),
      };
    }),
  );
}
