/** What a LintSeq batch job is, shared by the pool (main thread) and its worker threads. */
import type { LineLanguage } from '../lines.js';

export type LinterName = 'passk' | 'pylint';

export interface JobConfig {
  language: LineLanguage;
  linter: LinterName;
  seed: number;
  paths: number;
}

export interface ProgramJob {
  /** Row index in the input (0-based), which also keys the random streams. */
  index: number;
  code: string;
}

export interface ProgramResult {
  index: number;
  /** One entry per path: its diffs, or null where the program has no deletable line. */
  paths: Array<string[] | null>;
  lints: number;
}
