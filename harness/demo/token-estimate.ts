/**
 * Token counts for simulated samples: an estimate close to what a code BPE tokenizer gives
 * (a word or number piece, each punctuation mark, each newline and each 4-space indent
 * unit is about one token; special tokens are one each). Recorded with token source
 * "estimate". Pure.
 */
const SPECIAL = /<\|[a-z_]+\|>/g;
const PIECES = /[A-Za-z_]{1,8}|\d{1,3}|\n| {4}|[^\sA-Za-z_\d]/g;

export function estimateTokens(text: string): number {
  const specials = text.match(SPECIAL)?.length ?? 0;
  const rest = text.replace(SPECIAL, ' ');
  return specials + (rest.match(PIECES)?.length ?? 0);
}
