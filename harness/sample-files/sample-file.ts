/**
 * Importing human-eval and evalplus sample files as they are (.jsonl or .jsonl.gz), one
 * sample per line:
 *   {task_id, completion}  the program is task.prompt + completion (human-eval, evalplus)
 *   {task_id, solution}    the program is the solution itself (evalplus)
 * A line with both is read as a solution, as evalplus does. Other fields are ignored.
 * A line's position among its task's lines is its sample index (0-based).
 *
 * Markdown fences: when the text has a fence line, the code is extracted (extract-code.ts)
 * and a completion's code is still appended to the prompt, after a newline when the
 * prompt does not end with one (an MBPP+ prompt ends with its docstring's quotes). A
 * completion that redefines the whole function keeps the prompt in front, as human-eval
 * does: the later definition wins. Text without fences is used byte for byte.
 */
import { access } from 'node:fs/promises';
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { sha256File } from '../../kernel/hash.js';
import { streamJsonLines, validateLine } from '../../kernel/jsonl.js';
import { extractCode, hasFence } from './extract-code.js';
import { idExamples, makeTaskIdResolver } from './task-ids.js';

export interface ImportedSample {
  taskId: string;
  index: number;
  format: 'completion' | 'solution';
  /** The field's text exactly as in the file. */
  raw: string;
  /** The whole candidate program. */
  program: string;
  /** True when the program came from a fenced block of `raw`. */
  extracted: boolean;
  /** Where it came from, for messages: "file:line". */
  source: string;
}

export interface SampleImportOptions {
  /** Extract code from markdown fences (default true). */
  extractFences?: boolean;
}

const sampleLine = z
  .object({
    task_id: z.union([z.string().min(1), z.number().int().nonnegative()], {
      error: 'expected a task id (a string such as "Mbpp/2", or a number)',
    }),
    completion: z.string({ error: 'expected a string' }).optional(),
    solution: z.string({ error: 'expected a string' }).optional(),
  })
  .refine((v) => v.completion !== undefined || v.solution !== undefined, {
    path: ['completion'],
    error: 'missing; expected a "completion" (appended to the prompt) or a "solution" (a whole program) string',
  });

/** The program for one sample (pure). */
export function programOf(
  task: Task,
  format: 'completion' | 'solution',
  raw: string,
  extractFences = true,
): { program: string; extracted: boolean } {
  const extracted = extractFences && hasFence(raw);
  const code = extracted ? extractCode(raw, task.language) : raw;
  if (format === 'solution') return { program: code, extracted };
  const joint = extracted && !task.prompt.endsWith('\n') && !code.startsWith('\n') ? '\n' : '';
  return { program: task.prompt + joint + code, extracted };
}

/** Streams the samples of a file in order; errors name file:line and the field. */
async function* streamSamples(path: string, tasks: readonly Task[], options: SampleImportOptions = {}): AsyncGenerator<ImportedSample> {
  await access(path).catch((err: Error) => {
    throw new PasskError('E_SAMPLES', `cannot read the sample file: ${err.message}`, path);
  });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const resolve = makeTaskIdResolver(tasks.map((t) => t.id));
  const counts = new Map<string, number>();
  for await (const item of streamJsonLines(path, 'E_SAMPLES')) {
    const where = `${path}:${item.line}`;
    const line = validateLine(sampleLine, item, path, 'E_SAMPLES');
    const taskId = resolve(line.task_id);
    if (taskId === undefined) {
      throw new PasskError(
        'E_SAMPLES',
        `field "task_id": ${JSON.stringify(line.task_id)} is not a task of this benchmark; expected one of ${idExamples(tasks.map((t) => t.id))}`,
        where,
      );
    }
    const format = line.solution !== undefined ? 'solution' : 'completion';
    const raw = (format === 'solution' ? line.solution : line.completion)!;
    const index = counts.get(taskId) ?? 0;
    counts.set(taskId, index + 1);
    const { program, extracted } = programOf(byId.get(taskId)!, format, raw, options.extractFences ?? true);
    yield { taskId, index, format, raw, program, extracted, source: where };
  }
}

/** Reads a whole sample file, with the sha256 of its bytes (for the run manifest). */
export async function loadSamples(
  path: string,
  tasks: readonly Task[],
  options: SampleImportOptions = {},
): Promise<{ samples: ImportedSample[]; sha256: string }> {
  const samples: ImportedSample[] = [];
  for await (const s of streamSamples(path, tasks, options)) samples.push(s);
  if (samples.length === 0)
    throw new PasskError(
      'E_SAMPLES',
      'the file holds no samples; expected one {task_id, completion} or {task_id, solution} object per line',
      path,
    );
  return { samples, sha256: await sha256File(path) };
}
