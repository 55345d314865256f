/**
 * Turns a raw sample into the program to execute, by output format. Edit sequences are
 * rebuilt here (harness/rebuild). Never throws on model output: what cannot become a
 * program becomes a verdict (`empty`, `malformed_edit`).
 */
import { PasskError } from '../../kernel/errors.js';
import { programFromCompletion, type Task } from '../../kernel/task.js';
import type { Verdict } from '../../kernel/verdict.js';
import { rebuildForTask } from './rebuild-task.js';
import type { SampleInput } from '../pipeline/raw-sample.js';

export interface EditseqOptions {
  mode: 'lintseq' | 'strict';
  malformed: 'skip' | 'penalize';
}

export type BuiltProgram =
  | { kind: 'program'; program: string; rebuildMs: number }
  | { kind: 'verdict'; verdict: Extract<Verdict, 'empty' | 'malformed_edit'>; detail: string; program: string; rebuildMs: number };

/** A program builder per output format (a registry, so specs refer to formats by name). */
export type ProgramBuilder = (task: Task, raw: string, options: { editseq: EditseqOptions }) => BuiltProgram;

const builders = new Map<string, ProgramBuilder>();

export function registerFormat(name: string, builder: ProgramBuilder): void {
  builders.set(name, builder);
}

export function knownFormats(): string[] {
  return [...builders.keys()].sort();
}

const appendToPrompt: ProgramBuilder = (task, raw) => ({ kind: 'program', program: programFromCompletion(task, raw), rebuildMs: 0 });
const wholeProgram: ProgramBuilder = (_task, raw) => ({ kind: 'program', program: raw, rebuildMs: 0 });

registerFormat('completion', appendToPrompt);
registerFormat('baseline', appendToPrompt);
registerFormat('solution', wholeProgram);
registerFormat('full', wholeProgram);
registerFormat('editseq', (task, raw, { editseq }) => {
  const started = performance.now();
  const outcome = rebuildForTask(task, raw, editseq);
  const rebuildMs = performance.now() - started;
  if ('verdict' in outcome) return { kind: 'verdict', verdict: outcome.verdict, detail: outcome.reason, program: '', rebuildMs };
  return { kind: 'program', program: outcome.program, rebuildMs };
});

export function buildProgram(task: Task, sample: SampleInput, options: { editseq: EditseqOptions }): BuiltProgram {
  const raw = sample.completion ?? '';
  if (sample.program === undefined && raw.trim() === '') {
    return { kind: 'verdict', verdict: 'empty', detail: 'the completion is empty', program: '', rebuildMs: 0 };
  }
  if (sample.program !== undefined) {
    if (sample.program.trim() === '') return { kind: 'verdict', verdict: 'empty', detail: 'no code in the sample', program: '', rebuildMs: 0 };
    return { kind: 'program', program: sample.program, rebuildMs: 0 };
  }
  const builder = builders.get(sample.format);
  if (!builder) {
    throw new PasskError('E_CONFIG', `unknown output format "${sample.format}"; expected one of ${knownFormats().join(', ')}`, 'format');
  }
  return builder(task, raw, options);
}
