/**
 * The tokens of a reasoning model's think block, counted apart from the answer's
 * (docs/formulas.md, "FLOPs per sample": both are generated, so both are in G). Sources, in
 * the order the sampler tries them: the server's own count (usage's
 * completion_tokens_details.reasoning_tokens, when a request carries one sample); the
 * choice's logprob tokens, up to the one that completes the block; the tokenize endpoint on
 * the block's text. A block that never closes is all the output. Pure.
 */
import { splitThink, type ThinkMarkers } from '../rebuild/answer.js';

/** What a choice's think block is: none, the text up to the end of the block, or all of it. */
export type ThinkPart = { kind: 'none' } | { kind: 'closed'; text: string } | { kind: 'unclosed' };

export function thinkPart(text: string, markers: ThinkMarkers): ThinkPart {
  const split = splitThink(text, markers);
  if (split.kind === 'closed') return { kind: 'closed', text: text.slice(0, split.answerAt) };
  return split;
}

/**
 * The think block's tokens among a choice's token pieces (their texts, in order): those up
 * to the piece that completes the block; every piece when it never closes; 0 without one.
 */
export function thinkTokensOfPieces(pieces: readonly string[], markers: ThinkMarkers): number {
  const split = splitThink(pieces.join(''), markers);
  if (split.kind === 'none') return 0;
  if (split.kind === 'unclosed') return pieces.length;
  let covered = 0;
  let count = 0;
  while (covered < split.answerAt && count < pieces.length) covered += pieces[count++]!.length;
  return count;
}

/** The server's reasoning count from usage (OpenAI's completion_tokens_details), when a request carries one sample. */
export function usageReasoningTokens(usage: unknown, n: number): number | null {
  if (n !== 1 || typeof usage !== 'object' || usage === null) return null;
  const details = (usage as { completion_tokens_details?: { reasoning_tokens?: unknown } | null }).completion_tokens_details;
  const count = details?.reasoning_tokens;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null;
}
