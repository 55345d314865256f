/**
 * LintSeq (Piterbarg et al. 2024): a program becomes edit sequences, each edit an
 * insertion that keeps the program linter-clean. Backward sampling (backward.ts) deletes
 * lines until nothing is left; the reversed states are diffed (forward.ts) in the reference
 * text format. One path per (seed, key, path index), independent of scheduling.
 */
import type { Linter } from '../linters/types.js';
import { sampleBackward, type BackwardStats } from './backward.js';
import { forwardDiffs, normalizeNewlines } from './forward.js';
import { commentOnlyLines } from './js-comments.js';
import { lineModel, type LineLanguage } from './lines.js';
import { seededRandom, type Random } from './rng.js';

export interface EditPath {
  /** The forward diffs, in order (reference text format, empty diffs dropped). */
  diffs: string[];
  /** How many times the linter ran. */
  lints: number;
}

export interface PathOptions {
  language: LineLanguage;
  linter: Linter;
  random: Random;
}

/** One edit path of `program`, or null when it has no line that can be deleted. */
export async function lintseqPath(program: string, options: PathOptions): Promise<EditPath | null> {
  const code = normalizeNewlines(program);
  const comments = options.language === 'python' ? undefined : commentOnlyLines(code, options.language);
  const model = lineModel(code, options.language, comments);
  const linter = options.linter.forProgram ? await options.linter.forProgram(code) : options.linter;
  const stats: BackwardStats = { lints: 0 };
  const edits = await sampleBackward(model, linter, options.random, stats);
  if (edits === null) return null;
  return { diffs: forwardDiffs(model.lines, edits), lints: stats.lints };
}

export interface PathsOptions {
  language: LineLanguage;
  linter: Linter;
  seed: number | string;
  /** What identifies the program within a run (a record index, a task id). */
  key: number | string;
  paths: number;
}

/** `paths` independent edit paths of one program (null entries where none exists). */
export function lintseqPaths(program: string, options: PathsOptions): Promise<Array<EditPath | null>> {
  return Promise.all(
    Array.from({ length: options.paths }, (_, p) =>
      lintseqPath(program, { language: options.language, linter: options.linter, random: seededRandom(options.seed, options.key, p) }),
    ),
  );
}
