/**
 * Per-sample token counts from an OpenAI-compatible response. A server's usage covers the
 * whole request (vLLM: the prompt once, the completions summed), so it is a per-sample
 * count only when n = 1; with n > 1 each choice's logprobs list its tokens; failing both,
 * the server's tokenize endpoint re-tokenizes the text. Which source was used is recorded.
 * Pure.
 */
import type { TokenSource } from './sampler.js';

export type TokenCountMode = 'auto' | 'usage' | 'logprobs' | 'tokenize';

export interface ChoiceFacts {
  /** Tokens listed in the choice's logprobs (null when the server sent none). */
  logprobTokens: number | null;
  finishReason: string | null;
  /** vLLM: null when the end-of-sequence token stopped it, else the stop string or token id; undefined when the server does not say. */
  stopReason: string | number | null | undefined;
}

export interface ResponseFacts {
  n: number;
  usage: { prompt_tokens?: number | null; completion_tokens?: number | null } | null | undefined;
  choices: readonly ChoiceFacts[];
  /** Stop sequences of the request (to tell an end-of-sequence stop from a stop string). */
  stops: readonly string[];
}

export type ChoiceCount = { completionTokens: number | null; source: TokenSource } | { source: 'tokenize-needed' };

/** Whether a request should ask for logprobs to count tokens per choice. */
export function wantsLogprobs(mode: TokenCountMode, n: number): boolean {
  return mode === 'logprobs' || (mode === 'auto' && n > 1);
}

export function promptTokensOf(facts: ResponseFacts): number | null {
  const p = facts.usage?.prompt_tokens;
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 ? p : null;
}

export function choiceCounts(mode: TokenCountMode, facts: ResponseFacts): ChoiceCount[] {
  const usageTokens = facts.usage?.completion_tokens;
  return facts.choices.map((c) => {
    if ((mode === 'auto' || mode === 'usage') && facts.n === 1 && typeof usageTokens === 'number')
      return { completionTokens: usageTokens, source: 'usage' };
    if ((mode === 'auto' || mode === 'logprobs') && c.logprobTokens !== null)
      return { completionTokens: c.logprobTokens, source: 'logprobs' };
    if (mode === 'auto' || mode === 'tokenize') return { source: 'tokenize-needed' };
    return { completionTokens: null, source: 'none' };
  });
}

/**
 * The end-of-sequence token is generated (and counted by the server, and by FLOPs) but is
 * not in the text; re-tokenized text misses it. Counted back when the server says the
 * stop was not a stop string (vLLM's stop_reason null), or when no stop strings were set.
 */
export function endTokenMissing(choice: ChoiceFacts, stops: readonly string[]): number {
  if (choice.finishReason !== 'stop') return 0;
  if (choice.stopReason === null) return 1;
  return choice.stopReason === undefined && stops.length === 0 ? 1 : 0;
}
