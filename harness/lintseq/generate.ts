/**
 * LintSeq (Piterbarg et al. 2024): a program becomes edit sequences, each edit an
 * insertion that keeps the program linter-clean. Backward sampling (backward.ts) deletes
 * lines until nothing is left; the reversed states are diffed (forward.ts) in the reference
 * text format. One path per (seed, key, path index), independent of scheduling.
 */
import type { Linter, LintIssue } from './linters/types.js';
import { sampleBackward, type BackwardStats } from './backward.js';
import { forwardDiffs, normalizeNewlines } from './forward.js';
import { lineModel, type LineLanguage, type LineModel } from './lines.js';
import { seededRandom, type Random } from './rng.js';

export interface EditPath {
  /** The forward diffs, in order (reference text format, empty diffs dropped). */
  diffs: string[];
  /** How many lints the path asked for (answers cached for its program included). */
  lints: number;
}

/** A program ready for sampling: its line model and its linter (set to its indent unit). */
interface PreparedProgram {
  model: LineModel;
  linter: Linter;
}

async function prepareProgram(program: string, language: LineLanguage, linter: Linter): Promise<PreparedProgram> {
  const code = normalizeNewlines(program);
  // The TypeScript package is big: loaded only for brace languages.
  const comments = language === 'python' ? undefined : (await import('./js-comments.js')).commentOnlyLines(code, language);
  const own = linter.forProgram ? await linter.forProgram(code) : linter;
  return { model: lineModel(code, language, comments), linter: memoized(own) };
}

/**
 * The paths of one program revisit the same states (the same first deletions, the same
 * clean-up rounds), so its lint answers are kept while it is being sampled.
 */
function memoized(linter: Linter, limit = 4096): Linter {
  const answers = new Map<string, Promise<LintIssue[]>>();
  return {
    name: linter.name,
    lint(source) {
      let answer = answers.get(source);
      if (!answer) {
        if (answers.size >= limit) answers.clear();
        answer = linter.lint(source);
        answers.set(source, answer);
        answer.catch(() => answers.delete(source));
      }
      return answer;
    },
    close: async () => {}, // a view for one program; whoever made `linter` closes it
  };
}

/** One edit path, or null when the program has no line that can be deleted. */
async function samplePath(prepared: PreparedProgram, random: Random): Promise<EditPath | null> {
  const stats: BackwardStats = { lints: 0 };
  const edits = await sampleBackward(prepared.model, prepared.linter, random, stats);
  if (edits === null) return null;
  return { diffs: forwardDiffs(prepared.model.lines, edits), lints: stats.lints };
}

export interface PathsOptions {
  language: LineLanguage;
  linter: Linter;
  seed: number | string;
  /** What identifies the program within a run (a record index, a task id). */
  key: number | string;
  paths: number;
  /** First path index (default 0): path p uses the stream (seed, key, p). */
  first?: number;
}

/** Edit paths first..first+paths-1 of one program (null entries where none exists). */
export async function lintseqPaths(program: string, options: PathsOptions): Promise<Array<EditPath | null>> {
  const prepared = await prepareProgram(program, options.language, options.linter);
  const first = options.first ?? 0;
  return Promise.all(
    Array.from({ length: options.paths }, (_, p) => samplePath(prepared, seededRandom(options.seed, options.key, first + p))),
  );
}
