/**
 * Each model's prompt from its config: the template its style sends, how it is prompted and
 * its answers are read (samplers/prompt-style.ts), and the API and stop sequences it is
 * asked with. The run's instruction file is read, hashed and checked against the tasks here,
 * and every task must have an instruction when a style needs one (samplers/instructions.ts),
 * so that a missing one is refused before anything is sampled.
 */
import type { Task } from '../../kernel/task.js';
import { thinkMarkers } from '../rebuild/answer.js';
import { readInstructionFile } from '../samplers/instruction-file.js';
import { resolveInstructions } from '../samplers/instructions.js';
import { styleNeedsInstructions, styleStops, styleTemplate, TEMPLATE_PROMPTING, type Prompting } from '../samplers/prompt-style.js';
import type { RunConfig } from './schema.js';
import { modelApi } from './validate.js';

interface ModelPrompt {
  template: string;
  prompting: Prompting;
  api: 'completions' | 'chat';
  /** The model's stop sequences and its style's. */
  stop: string[];
}

export interface RunPrompts {
  /** The instruction file (for the manifest and the identity); null without one. */
  instructions: { path: string; sha256: string } | null;
  models: ModelPrompt[];
}

export async function modelPrompting(config: RunConfig, tasks: readonly Task[]): Promise<RunPrompts> {
  const language = tasks[0]!.language;
  const file = config.instructions === undefined ? null : await readInstructionFile(config.instructions);
  const fromFile = file === null ? null : resolveInstructions(tasks, file, false);
  const needed = config.models.some((m) => m.sampler === 'openai' && styleNeedsInstructions(m.prompt_style));
  const styled = needed ? (fromFile ?? resolveInstructions(tasks, null, true)) : null;
  return {
    instructions: file === null ? null : { path: file.path, sha256: file.sha256 },
    models: config.models.map((m): ModelPrompt => {
      const style = m.prompt_style;
      const api = modelApi(m);
      const served = m.sampler === 'openai';
      const extra = served && m.style_stops ? styleStops(style, language).filter((s) => !m.stop.includes(s)) : [];
      const template = styleTemplate({
        style,
        format: m.format ?? 'baseline',
        markdown: m.markdown,
        language,
        ...(m.prompt_template !== undefined ? { template: m.prompt_template } : {}),
      });
      // Offline back-ends are sent nothing and read their files as they are.
      const prompting: Prompting = served
        ? {
            style,
            system: m.system_prompt ?? null,
            chat: api === 'chat',
            markdown: m.markdown,
            think: thinkMarkers(m.think_markers),
            instructions: styleNeedsInstructions(style) ? styled : fromFile,
          }
        : TEMPLATE_PROMPTING;
      return { template, prompting, api, stop: [...m.stop, ...extra] };
    }),
  };
}
