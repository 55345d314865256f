/**
 * Named prompt styles: what a served model is sent for a task and how its answer is read,
 * named so that a manifest and every sample record say which one ran (README, "Prompt
 * styles"; docs/architecture.md, "Prompt styles and answers"):
 *   template  prompt_template, or the format's default template (prompt.ts)
 *   instruct  the LintSeq evaluation's prompt_version 1: the task's instruction
 *             (instructions.ts), then "\n<|diff|>" for an edit-sequence model and "\n" for
 *             the others ("\n```python\n" with markdown, the output then running to the
 *             fence's close)
 *   base      prompt_version 0, for pretrained models: the raw benchmark prompt ("\n<|diff|>"
 *             after it for an edit-sequence model) and the paper's stop sequences
 *   chat      chat messages: an optional system message, and the instruction as the user's;
 *             the code is the answer's first fenced block, or the whole answer
 * Any style reads a reasoning model's answer after its think block (rebuild/answer.ts). Pure.
 */
import type { Language, Task } from '../../kernel/task.js';
import type { AnswerRule, CodeRule, ThinkMarkers } from '../rebuild/answer.js';
import type { OutputFormat } from '../rebuild/output-format.js';
import { DEFAULT_TEMPLATES, renderPrompt } from './prompt.js';
import type { ChatMessage } from './sampler.js';

export const PROMPT_STYLES = ['template', 'instruct', 'base', 'chat'] as const;
export type PromptStyle = (typeof PROMPT_STYLES)[number];

/**
 * The stop sequences of the `base` style: the LintSeq evaluation's for Python (its
 * use_stop_sequences); for JavaScript and TypeScript, MultiPL-E's (the paper has no
 * evaluation in either).
 */
const MULTIPL_E_STOPS = ['\nfunction ', '\n/*', '\n//', '\nconsole.log'];
export const BASE_STOPS: Readonly<Record<Language, readonly string[]>> = {
  python: ['\nclass', '\ndef', '\n#', '\nif', '\nprint'],
  javascript: MULTIPL_E_STOPS,
  typescript: MULTIPL_E_STOPS,
};

/** What the `instruct` style's markdown option ends the prompt with. */
const FENCE_OPENERS: Readonly<Record<Language, string>> = {
  python: '```python\n',
  javascript: '```javascript\n',
  typescript: '```typescript\n',
};

/** Styles whose prompt is the task's instruction. */
export function styleNeedsInstructions(style: PromptStyle): boolean {
  return style === 'instruct' || style === 'chat';
}

export interface StyleChoice {
  style: PromptStyle;
  format: OutputFormat;
  markdown: boolean;
  language: Language;
  /** The `template` style's template (default: the format's). */
  template?: string;
}

/** The template a style sends: the prompt, or the chat user message. */
export function styleTemplate(c: StyleChoice): string {
  switch (c.style) {
    case 'template':
      return c.template ?? DEFAULT_TEMPLATES[c.format]!;
    case 'instruct':
      if (c.format === 'editseq') return '{instruction}\n<|diff|>';
      return c.markdown ? `{instruction}\n${FENCE_OPENERS[c.language]}` : '{instruction}\n';
    case 'base':
      return c.format === 'editseq' ? '{prompt}\n<|diff|>' : '{prompt}';
    case 'chat':
      return '{instruction}';
  }
}

/** The stop sequences a style sends besides the model's own. */
export function styleStops(style: PromptStyle, language: Language): readonly string[] {
  return style === 'base' ? BASE_STOPS[language] : [];
}

/** How a model is prompted and how its answers are read (beside its template). */
export interface Prompting {
  style: PromptStyle;
  /** The chat system message. */
  system: string | null;
  /** Sent as chat messages (the chat API). */
  chat: boolean;
  /** The prompt opened a markdown fence (instruct). */
  markdown: boolean;
  think: ThinkMarkers | null;
  /** What {instruction} stands for, by task id; null: the task's own instruction, else its prompt. */
  instructions: ReadonlyMap<string, string> | null;
}

/** A model prompted by its template alone, answers read as they come (the demo's, the tests'). */
export const TEMPLATE_PROMPTING: Prompting = {
  style: 'template',
  system: null,
  chat: false,
  markdown: false,
  think: null,
  instructions: null,
};

/** What is sent for a task: the rendered text and, for a chat model, the messages carrying it. */
export interface SentPrompt {
  text: string;
  messages: ChatMessage[] | null;
}

export function sentPrompt(template: string, p: Prompting, task: Task): SentPrompt {
  const text = renderPrompt(template, task, p.instructions?.get(task.id));
  if (!p.chat) return { text, messages: null };
  const system: ChatMessage[] = p.system === null ? [] : [{ role: 'system', content: p.system }];
  return { text, messages: [...system, { role: 'user', content: text }] };
}

/** How the answer of one output is read (rebuild/answer.ts). */
export function answerRule(p: Prompting, format: OutputFormat): AnswerRule {
  const code: CodeRule = p.markdown && format !== 'editseq' ? 'prompt-fence' : p.style === 'chat' || format === 'full' ? 'fenced' : 'as-is';
  return { think: p.think, code };
}
