/**
 * The run config fields of prompt styles (samplers/prompt-style.ts), answers and instruction
 * sources (samplers/instructions.ts): a model's `prompt_style`, `system_prompt`, `markdown`,
 * `style_stops` and `think_markers`, and the run's `instructions`. schema.ts puts them in
 * its model and run objects; their rules relating fields are in validate.ts.
 */
import { z } from 'zod';
import { PROMPT_STYLES } from '../samplers/prompt-style.js';
import { meta, optionalText } from './field-meta.js';

export const promptFields = {
  prompt_style: z
    .enum(PROMPT_STYLES)
    .default('template')
    .meta(
      meta({
        description:
          'what the model is sent (README, "Prompt styles"): template (prompt_template); instruct (the LintSeq paper\'s instruction prompt: the task\'s instruction, then "\\n<|diff|>" for editseq, "\\n" for the others); base (the raw benchmark prompt and the paper\'s stop sequences, for pretrained models); chat (a system message and the instruction over /v1/chat/completions; the code is the first fenced block of the answer)',
        flag: 'prompt-style',
      }),
    ),
  system_prompt: z
    .string()
    .optional()
    .meta(meta({ description: 'the system message of a chat model (api chat)', flag: 'system-prompt' })),
  markdown: z
    .boolean()
    .default(false)
    .meta(
      meta({
        description:
          "instruct, for baseline and full: end the prompt with an opened ```python fence (the paper's use_markdown); the output runs to its close",
        flag: 'markdown',
      }),
    ),
  style_stops: z
    .boolean()
    .default(true)
    .meta(
      meta({
        description:
          'base: send the paper\'s stop sequences besides stop ("\\nclass" "\\ndef" "\\n#" "\\nif" "\\nprint"; MultiPL-E\'s for JavaScript); --no-style-stops leaves them out',
        flag: 'style-stops',
      }),
    ),
  think_markers: z
    .array(z.string().min(1))
    .refine((m) => m.length === 0 || m.length === 2, 'expected [OPEN, CLOSE], or [] to read outputs without a think block')
    .default(['<think>', '</think>'])
    .meta(
      meta({
        description:
          "a reasoning model's think block, OPEN CLOSE: an output is scored on what follows it (one that never closes is empty), and its tokens are counted apart; [] turns this off",
        flag: 'think-markers',
      }),
    ),
};

export const instructionsField = optionalText({
  description:
    "the instruction of every task, for prompt_style instruct and chat and for {instruction}: a JSON Lines file with task_id and instruction, such as HumanEvalPack's humanevalpack_python.jsonl.gz (Python/N stands for HumanEval/N)",
  flag: 'instructions',
});
