/**
 * Turns a raw sample into the program to execute, by output format. Edit sequences are
 * rebuilt here (harness/rebuild). Never throws on model output: what cannot become a
 * program becomes a verdict (`empty`, `malformed_edit`).
 */
import { programFromCompletion, type Task } from '../../kernel/task.js';
import type { Verdict } from '../../kernel/verdict.js';
import { rebuildForTask } from './rebuild-task.js';
import type { OutputFormat } from './output-format.js';

export interface EditseqOptions {
  mode: 'lintseq' | 'strict';
  malformed: 'skip' | 'penalize';
}

/**
 * What a program is built from: the raw output and its format, or a program the source
 * already built; `answer` replaces the output when the answer is only part of it, and
 * `noAnswer` says why there is none (rebuild/answer.ts).
 */
export interface ProgramSource {
  format: OutputFormat;
  completion: string | null;
  program?: string;
  answer?: string;
  noAnswer?: string;
}

export type BuiltProgram =
  | { kind: 'program'; program: string; rebuildMs: number }
  | { kind: 'verdict'; verdict: Extract<Verdict, 'empty' | 'malformed_edit'>; detail: string; program: string; rebuildMs: number };

type ProgramBuilder = (task: Task, raw: string, options: { editseq: EditseqOptions }) => BuiltProgram;

const BUILDERS: Record<OutputFormat, ProgramBuilder> = {
  baseline: (task, raw) => ({ kind: 'program', program: programFromCompletion(task, raw), rebuildMs: 0 }),
  full: (_task, raw) => ({ kind: 'program', program: raw, rebuildMs: 0 }),
  editseq: (task, raw, { editseq }) => {
    const started = performance.now();
    const outcome = rebuildForTask(task, raw, editseq);
    const rebuildMs = performance.now() - started;
    if ('verdict' in outcome) return { kind: 'verdict', verdict: outcome.verdict, detail: outcome.reason, program: '', rebuildMs };
    return { kind: 'program', program: outcome.program, rebuildMs };
  },
};

export function buildProgram(task: Task, sample: ProgramSource, options: { editseq: EditseqOptions }): BuiltProgram {
  if (sample.program === undefined && sample.noAnswer !== undefined)
    return { kind: 'verdict', verdict: 'empty', detail: sample.noAnswer, program: '', rebuildMs: 0 };
  const raw = sample.answer ?? sample.completion ?? '';
  if (sample.program === undefined && raw.trim() === '') {
    const what = sample.answer !== undefined && (sample.completion ?? '').trim() !== '' ? 'the answer' : 'the completion';
    return { kind: 'verdict', verdict: 'empty', detail: `${what} is empty`, program: '', rebuildMs: 0 };
  }
  if (sample.program !== undefined) {
    if (sample.program.trim() === '')
      return { kind: 'verdict', verdict: 'empty', detail: 'no code in the sample', program: '', rebuildMs: 0 };
    return { kind: 'program', program: sample.program, rebuildMs: 0 };
  }
  return BUILDERS[sample.format](task, raw, options);
}
