/**
 * LintSeq's backward sampling, as the reference runs it (one child per round, top-1,
 * population 1, at most 512 rounds): pick a candidate line at random (by weight), delete
 * it with its block, lint, delete every flagged line with its block, re-lint until clean;
 * the lines deleted in that round form one edit. Repeat until no candidate is left.
 */
import type { Linter, LintIssue } from './linters/types.js';
import { blockOf, type LineModel } from './lines.js';
import { weightedIndex, type Random } from './rng.js';

const MAX_ROUNDS = 512;

/** Text of the program without the deleted lines, and the original index of each kept line. */
function withoutLines(lines: readonly string[], deleted: ReadonlySet<number>): { text: string; kept: number[] } {
  const kept: number[] = [];
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (deleted.has(i)) continue;
    kept.push(i);
    parts.push(lines[i]!);
  }
  return { text: parts.join('\n'), kept };
}

/** Original line indices of the lines a lint of the text with `kept` lines flags. */
function flaggedLines(issues: readonly LintIssue[], kept: readonly number[]): number[] {
  const out: number[] = [];
  for (const issue of issues) {
    // Clamp: a parser may name the line after the last one (an error at end of file).
    const at = Math.min(Math.max(issue.line, 1), kept.length) - 1;
    if (at >= 0) out.push(kept[at]!);
  }
  return out;
}

export interface BackwardStats {
  lints: number;
}

/** One round: the lines deleted, starting from `start`, given earlier deletions. */
async function deletionRound(
  model: LineModel,
  start: number,
  before: ReadonlySet<number>,
  linter: Linter,
  stats: BackwardStats,
): Promise<Set<number>> {
  const edit = new Set<number>();
  let affected = [start];
  for (;;) {
    const grown: number[] = [];
    for (const line of affected) {
      grown.push(line);
      for (const child of blockOf(model, line)) if (!edit.has(child) && !affected.includes(child)) grown.push(child);
    }
    for (const line of grown) edit.add(line);
    const deleted = new Set([...before, ...edit]);
    const { text, kept } = withoutLines(model.lines, deleted);
    if (kept.length === 0) return edit;
    stats.lints++;
    const issues = await linter.lint(text);
    if (issues.length === 0) return edit;
    affected = flaggedLines(issues, kept);
  }
}

/**
 * The edits of one backward path: each a set of original line indices, in deletion order.
 * Null when the program has no candidate line (the reference yields no path then).
 */
export async function sampleBackward(
  model: LineModel,
  linter: Linter,
  random: Random,
  stats: BackwardStats = { lints: 0 },
): Promise<Array<Set<number>> | null> {
  if (model.candidates.length === 0) return null;
  const edits: Array<Set<number>> = [];
  const gone = new Set<number>();
  let remaining = model.candidates;
  for (let round = 0; round < MAX_ROUNDS && remaining.length > 0; round++) {
    const pick = weightedIndex(
      remaining.map((i) => model.weights[i]!),
      random,
    );
    if (pick < 0) break;
    const edit = await deletionRound(model, remaining[pick]!, gone, linter, stats);
    edits.push(edit);
    for (const line of edit) gone.add(line);
    remaining = remaining.filter((i) => !edit.has(i));
  }
  return edits;
}
