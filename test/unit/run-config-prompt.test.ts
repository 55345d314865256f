/**
 * The run config's prompt fields (run-config/prompt-fields.ts, validate.ts): a style and a
 * template of one's own exclude each other, chat goes over the chat API (its default there),
 * a system message needs chat messages, markdown belongs to instruct's baseline and full
 * models, styles are for served models, think markers come as a pair; each problem names
 * its field.
 */
import { describe, expect, it } from 'vitest';
import { PasskError } from '../../kernel/errors.js';
import { makeLocate, modelApi, validateRunConfig } from '../../harness/run-config/validate.js';

const served = { endpoints: ['http://localhost:8000/v1'], model: 'm', format: 'baseline' };
const validate = (model: Record<string, unknown>, run: Record<string, unknown> = {}) =>
  validateRunConfig({ benchmark: 'builtin', models: [{ ...served, ...model }], ...run }, makeLocate([], null));

function problems(model: Record<string, unknown>): string {
  try {
    validate(model);
  } catch (err) {
    expect(err).toBeInstanceOf(PasskError);
    return (err as PasskError).message;
  }
  throw new Error('the config was accepted');
}

describe('prompt fields of the run config', () => {
  it('defaults: the template style, the paper stops on for base, <think> markers, no markdown', () => {
    const m = validate({}).models[0]!;
    expect(m).toMatchObject({ prompt_style: 'template', style_stops: true, markdown: false, think_markers: ['<think>', '</think>'] });
    expect(modelApi(m)).toBe('completions');
    expect(modelApi(validate({ prompt_style: 'chat', format: 'full' }).models[0]!)).toBe('chat');
    expect(validate({}, { instructions: 'hep.jsonl' }).instructions).toBe('hep.jsonl');
  });

  it('refuses what does not go together, naming the field', () => {
    expect(problems({ prompt_style: 'instruct', prompt_template: '{prompt}' })).toContain('models[0].prompt_style');
    expect(problems({ prompt_style: 'chat', api: 'completions' })).toMatch(/models\[0\]\.api.*prompt_style "chat" sends chat messages/);
    expect(problems({ system_prompt: 'Be brief.' })).toMatch(/models\[0\]\.system_prompt.*not sent chat messages/);
    expect(() => validate({ system_prompt: 'Be brief.', api: 'chat' })).not.toThrow();
    expect(problems({ markdown: true })).toContain('models[0].markdown');
    expect(problems({ prompt_style: 'instruct', format: 'editseq', markdown: true })).toContain('models[0].markdown');
    expect(() => validate({ prompt_style: 'instruct', markdown: true })).not.toThrow();
    expect(problems({ think_markers: ['<think>'] })).toMatch(/models\[0\]\.think_markers.*\[OPEN, CLOSE\]/);
    expect(() => validate({ think_markers: [] })).not.toThrow();
    expect(problems({ prompt_style: 'nice' })).toContain('models[0].prompt_style');
    expect(problems({ sampler: 'replay', samples: 's.jsonl', endpoints: undefined, model: undefined, prompt_style: 'base' })).toMatch(
      /models\[0\]\.prompt_style.*sampler "replay" is sent no prompt/,
    );
  });
});
