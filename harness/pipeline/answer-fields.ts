/**
 * What a sample keeps of its output's answer (rebuild/answer.ts), for the builder and the
 * record: the answer when it is only part of the output, or why there is none. A whole
 * program (`full`) taken from part of the output is the program itself, as the code in a
 * markdown fence always was.
 */
import type { Language } from '../../kernel/task.js';
import { takeAnswer, type AnswerRule } from '../rebuild/answer.js';
import type { OutputFormat } from '../rebuild/output-format.js';
import type { RawSample } from './raw-sample.js';

export function answerFields(
  text: string,
  rule: AnswerRule,
  language: Language,
  format: OutputFormat,
): Pick<RawSample, 'program' | 'answer' | 'noAnswer'> {
  const answer = takeAnswer(text, rule, language);
  if (answer.kind === 'none') return { noAnswer: answer.detail };
  if (answer.text === text) return {};
  return format === 'full' ? { program: answer.text, answer: answer.text } : { answer: answer.text };
}
