/**
 * Samplers by kind, from a validated model config: the one place a run config's model
 * becomes a back-end.
 */
import { PasskError } from '../../kernel/errors.js';
import { thinkMarkers } from '../rebuild/answer.js';
import type { ModelConfig, RunConfig } from '../run-config/schema.js';
import { modelApi, modelName } from '../run-config/validate.js';
import { OpenAiCompatibleSampler } from './openai-compatible.js';
import { ReplaySampler } from './replay.js';
import type { Sampler } from './sampler.js';

/** A server root (http://host:8000) means its OpenAI-compatible API under /v1, as vLLM, SGLang and TGI serve it. */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return new URL(trimmed).pathname.replace(/\/+$/, '') === '' ? `${trimmed}/v1` : trimmed;
}

function apiKey(m: ModelConfig, index: number): string | undefined {
  if (!m.api_key_env) return undefined;
  const key = process.env[m.api_key_env];
  if (!key)
    throw new PasskError(
      'E_CONFIG',
      `the environment variable ${m.api_key_env} (models[${index}].api_key_env) is not set`,
      `models[${index}].api_key_env`,
    );
  return key;
}

export async function createSampler(m: ModelConfig, index: number, config: RunConfig): Promise<Sampler> {
  switch (m.sampler) {
    case 'openai':
      return new OpenAiCompatibleSampler({
        name: modelName(m),
        endpoints: m.endpoints!.map(normalizeBaseUrl),
        model: m.model!,
        api: modelApi(m),
        stop: m.stop,
        includeStopStrInOutput: m.include_stop_str_in_output,
        tokenCounts: m.token_counts,
        nPerRequest: m.n_per_request,
        concurrency: config.client.concurrency,
        requestTimeoutMs: config.client.request_timeout * 1000,
        retry: { retries: config.client.retries },
        apiKey: apiKey(m, index),
        extraBody: m.extra_body,
        think: thinkMarkers(m.think_markers),
      });
    case 'replay':
      return new ReplaySampler(m.samples!, m.format ?? null);
    case 'oracle': {
      // Loaded on demand: LintSeq brings the Python linting machinery with it.
      const { OracleSampler } = await import('./oracle-sampler.js');
      return new OracleSampler(config.seed, m.format === 'baseline' ? 'baseline' : 'editseq');
    }
  }
}
