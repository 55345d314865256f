/**
 * From a backward path to LintSeq's forward edits: the program states after each round of
 * deletions, reversed (from the empty program to the full one), and the diff between each
 * pair of consecutive states in the reference text format.
 *
 * Where passk differs from the reference (pylintseq `inflate_edit_path` / `get_diff`), it
 * is to keep every edit an insertion, so that rebuilding gives the program back:
 * - line ends are normalized to "\n" first;
 * - a state is trimmed of leading and trailing blank lines only (the reference strips
 *   whitespace, which also cuts the last line's trailing spaces and then diffs that line
 *   as changed once it is no longer last);
 * - where difflib's matcher would still express an insertion with '-' lines (it is not a
 *   longest-common-subsequence diff), the hunks are written from the known inserted lines.
 * Empty diffs are dropped, as pylintseq drops them.
 *
 * Round-trip rule: rebuilding the diffs gives `normalizeProgram(program)`, i.e. the
 * program with "\n" line ends and without leading or trailing blank lines. No comment or
 * blank line inside the program is lost: comment lines are never chosen for deletion, so
 * the ones left at the end come back in the first edit, as in the reference.
 */
import { pyStrip } from '../rebuild/python-str.js';
import { insertionDiff, unifiedDiffN0 } from './difflib.js';

export function normalizeNewlines(code: string): string {
  return code.replace(/\r\n?/g, '\n');
}

/** Indices of `kept` without leading and trailing blank lines. */
function trimmedIndices(lines: readonly string[], kept: readonly number[]): number[] {
  let s = 0;
  let e = kept.length;
  while (s < e && pyStrip(lines[kept[s]!]!) === '') s++;
  while (e > s && pyStrip(lines[kept[e - 1]!]!) === '') e--;
  return kept.slice(s, e);
}

/** The program as LintSeq's edits rebuild it. */
export function normalizeProgram(code: string): string {
  const lines = normalizeNewlines(code).split('\n');
  return trimmedIndices(
    lines,
    lines.map((_, i) => i),
  )
    .map((i) => lines[i])
    .join('\n');
}

function isInsertOnly(diff: string): boolean {
  return !diff.split('\n').some((line) => line.startsWith('-'));
}

/** The diff from state `a` to state `b` (original line indices, `a` a subset of `b`). */
function stateDiff(lines: readonly string[], a: readonly number[], b: readonly number[]): string {
  const ta = trimmedIndices(lines, a);
  const tb = trimmedIndices(lines, b);
  const textA = ta.map((i) => lines[i]!);
  const textB = tb.map((i) => lines[i]!);
  const diff = unifiedDiffN0(textA, textB);
  if (isInsertOnly(diff)) return diff;
  const old = new Set(ta);
  const inserted: number[] = [];
  tb.forEach((line, pos) => {
    if (!old.has(line)) inserted.push(pos);
  });
  return insertionDiff(textB, inserted);
}

/** Forward states (kept line indices, from the emptiest to the full program) of a backward path. */
export function forwardStates(lineCount: number, edits: ReadonlyArray<ReadonlySet<number>>): number[][] {
  const states: number[][] = [];
  const gone = new Set<number>();
  const all = Array.from({ length: lineCount }, (_, i) => i);
  states.push(all);
  for (const edit of edits) {
    for (const line of edit) gone.add(line);
    states.push(all.filter((i) => !gone.has(i)));
  }
  if (states[states.length - 1]!.length > 0) states.push([]);
  return states.reverse();
}

/** The forward diffs of a backward path, empty ones dropped. */
export function forwardDiffs(lines: readonly string[], edits: ReadonlyArray<ReadonlySet<number>>): string[] {
  const states = forwardStates(lines.length, edits);
  const diffs: string[] = [];
  for (let k = 0; k + 1 < states.length; k++) {
    const diff = stateDiff(lines, states[k]!, states[k + 1]!);
    if (diff !== '') diffs.push(diff);
  }
  return diffs;
}
