/**
 * Prompt styles (samplers/prompt-style.ts): the template each style sends per format, the
 * instruction standing in for {instruction} literally, chat messages, the stop sequences of
 * `base`, and which answer rule each style and format reads outputs with.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language, Task } from '../../kernel/task.js';
import { OUTPUT_FORMATS } from '../../harness/rebuild/output-format.js';
import { DEFAULT_TEMPLATES } from '../../harness/samplers/prompt.js';
import {
  answerRule,
  BASE_STOPS,
  PROMPT_STYLES,
  sentPrompt,
  styleNeedsInstructions,
  styleStops,
  styleTemplate,
  TEMPLATE_PROMPTING,
  type Prompting,
} from '../../harness/samplers/prompt-style.js';

const task: Task = {
  id: 'HumanEval/0',
  benchmark: 'humaneval',
  language: 'python',
  prompt: 'def f(x):\n    """Return x."""\n',
  entryPoint: 'f',
  canonicalSolution: '    return x\n',
  test: { kind: 'python-asserts', asserts: '' },
};

const prompting = (p: Partial<Prompting>): Prompting => ({ ...TEMPLATE_PROMPTING, ...p });

describe('prompt styles', () => {
  it('instruct sends the instruction, then "\\n<|diff|>" to an edit-sequence model and "\\n" (or an opened fence) to the others', () => {
    fc.assert(
      fc.property(fc.string(), (instruction) => {
        const p = prompting({ style: 'instruct', instructions: new Map([[task.id, instruction]]) });
        const send = (format: 'editseq' | 'baseline' | 'full', markdown = false) =>
          sentPrompt(styleTemplate({ style: 'instruct', format, markdown, language: 'python' }), p, task).text;
        expect(send('editseq')).toBe(`${instruction}\n<|diff|>`);
        expect(send('baseline')).toBe(`${instruction}\n`);
        expect(send('full')).toBe(`${instruction}\n`);
        expect(send('baseline', true)).toBe(`${instruction}\n\`\`\`python\n`);
      }),
    );
    expect(styleTemplate({ style: 'instruct', format: 'full', markdown: true, language: 'javascript' })).toBe(
      '{instruction}\n```javascript\n',
    );
  });

  it('base sends the raw prompt ("\\n<|diff|>" after it for an edit-sequence model) with the paper\'s stop sequences', () => {
    const send = (format: 'editseq' | 'baseline') =>
      sentPrompt(styleTemplate({ style: 'base', format, markdown: false, language: 'python' }), prompting({ style: 'base' }), task).text;
    expect(send('baseline')).toBe(task.prompt);
    expect(send('editseq')).toBe(`${task.prompt}\n<|diff|>`);
    expect(styleStops('base', 'python')).toEqual(['\nclass', '\ndef', '\n#', '\nif', '\nprint']);
    for (const language of ['python', 'javascript', 'typescript'] as Language[]) {
      expect(styleStops('base', language)).toEqual(BASE_STOPS[language]);
      for (const style of PROMPT_STYLES.filter((s) => s !== 'base')) expect(styleStops(style, language)).toEqual([]);
    }
  });

  it("template keeps a template of its own, or the format's default", () => {
    for (const format of OUTPUT_FORMATS) {
      expect(styleTemplate({ style: 'template', format, markdown: false, language: 'python' })).toBe(DEFAULT_TEMPLATES[format]);
      expect(styleTemplate({ style: 'template', format, markdown: false, language: 'python', template: '# {task_id}\n{prompt}' })).toBe(
        '# {task_id}\n{prompt}',
      );
    }
  });

  it('chat sends a system message and the instruction as the user message', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: null }), (instruction, system) => {
        const p = prompting({ style: 'chat', chat: true, system, instructions: new Map([[task.id, instruction]]) });
        const sent = sentPrompt(styleTemplate({ style: 'chat', format: 'full', markdown: false, language: 'python' }), p, task);
        expect(sent.text).toBe(instruction);
        expect(sent.messages).toEqual([
          ...(system === null ? [] : [{ role: 'system', content: system }]),
          { role: 'user', content: instruction },
        ]);
      }),
    );
  });

  it('an instruction is sent as it is, braces and placeholders included', () => {
    fc.assert(
      fc.property(fc.constantFrom('{prompt}', '{{x}}', '{', '}', '{task_id}'), fc.string(), (brace, text) => {
        const instruction = `${text}${brace}${text}`;
        const p = prompting({ style: 'instruct', instructions: new Map([[task.id, instruction]]) });
        expect(sentPrompt('{instruction}\n', p, task).text).toBe(`${instruction}\n`);
      }),
    );
  });

  it("without an instruction source {instruction} is the task's own, else its prompt", () => {
    expect(sentPrompt('{instruction}', TEMPLATE_PROMPTING, task).text).toBe(task.prompt);
    expect(sentPrompt('{instruction}', TEMPLATE_PROMPTING, { ...task, instruction: 'Do it.' }).text).toBe('Do it.');
    expect(sentPrompt('{instruction}', TEMPLATE_PROMPTING, task).messages).toBeNull();
  });

  it('reads chat answers and whole programs from their fence, and a prompt-opened fence to its close', () => {
    const think = { open: '<think>', close: '</think>' };
    expect(answerRule(prompting({ style: 'chat', think }), 'baseline')).toEqual({ think, code: 'fenced' });
    expect(answerRule(prompting({ style: 'instruct' }), 'full').code).toBe('fenced');
    expect(answerRule(prompting({ style: 'instruct', markdown: true }), 'baseline').code).toBe('prompt-fence');
    expect(answerRule(prompting({ style: 'instruct', markdown: true }), 'full').code).toBe('prompt-fence');
    for (const style of ['template', 'instruct', 'base'] as const) {
      expect(answerRule(prompting({ style }), 'baseline').code).toBe('as-is');
      expect(answerRule(prompting({ style }), 'editseq').code).toBe('as-is');
    }
    expect(PROMPT_STYLES.filter(styleNeedsInstructions)).toEqual(['instruct', 'chat']);
  });
});
