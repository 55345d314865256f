/**
 * A model's answer, before it becomes a program (docs/architecture.md, "Prompt styles and
 * answers"). A reasoning model's think block is set aside first: the answer is what follows
 * the block, and a block that never closes leaves no answer (the sample is `empty`, never a
 * syntax error). Then the code is taken from the answer as the prompt style says:
 *   as-is         the answer itself
 *   fenced        the code of its first fenced block (one tagged with the task's language
 *                 first; sample-files/extract-code.ts), or the whole answer when it has no
 *                 fence: chat answers and whole programs (`full`)
 *   prompt-fence  the prompt opened a ```python fence: the answer runs to the fence's close
 *                 (the LintSeq evaluation's markdown strip, markdown.ts)
 * Pure.
 */
import type { Language } from '../../kernel/task.js';
import { extractCode, hasFence } from '../sample-files/extract-code.js';
import { stripMarkdownFence } from './markdown.js';

export interface ThinkMarkers {
  open: string;
  close: string;
}

/** Markers from a config's [open, close] pair; null for [] (outputs have no think block). */
export function thinkMarkers(pair: readonly string[]): ThinkMarkers | null {
  return pair.length === 2 ? { open: pair[0]!, close: pair[1]! } : null;
}

export type CodeRule = 'as-is' | 'fenced' | 'prompt-fence';

export interface AnswerRule {
  /** The think block's markers; null: outputs are answers through and through. */
  think: ThinkMarkers | null;
  code: CodeRule;
}

/**
 * Where a think block is in a text. `closed`: the answer starts at `answerAt`. A block opens
 * at its open marker, or at the start when the close marker comes first (a chat template
 * that opened the block in the prompt); it closes at the first close marker after that.
 */
export type ThinkSplit = { kind: 'none' } | { kind: 'closed'; answerAt: number } | { kind: 'unclosed' };

export function splitThink(text: string, markers: ThinkMarkers): ThinkSplit {
  const openAt = text.indexOf(markers.open);
  const firstClose = text.indexOf(markers.close);
  if (openAt < 0 || (firstClose >= 0 && firstClose < openAt))
    return firstClose < 0 ? { kind: 'none' } : { kind: 'closed', answerAt: firstClose + markers.close.length };
  const closeAt = text.indexOf(markers.close, openAt + markers.open.length);
  return closeAt < 0 ? { kind: 'unclosed' } : { kind: 'closed', answerAt: closeAt + markers.close.length };
}

/** The text a program is built from, or why there is none. */
export type Answer = { kind: 'text'; text: string } | { kind: 'none'; detail: string };

// The blank lines a reasoning model puts after its block; the first code line keeps its indentation.
const LEADING_BLANK_LINES = /^(?:[ \t]*\r?\n)+/;

function codeOf(text: string, rule: CodeRule, language: Language): string {
  switch (rule) {
    case 'as-is':
      return text;
    case 'fenced':
      return hasFence(text) ? extractCode(text, language) : text;
    case 'prompt-fence':
      return stripMarkdownFence(text, language);
  }
}

export function takeAnswer(completion: string, rule: AnswerRule, language: Language): Answer {
  let text = completion;
  if (rule.think !== null) {
    const split = splitThink(completion, rule.think);
    if (split.kind === 'unclosed')
      return { kind: 'none', detail: `the think block never closes (no ${rule.think.close}): there is no answer after the reasoning` };
    if (split.kind === 'closed') text = completion.slice(split.answerAt).replace(LEADING_BLANK_LINES, '');
  }
  return { kind: 'text', text: codeOf(text, rule.code, language) };
}
