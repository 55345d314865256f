/**
 * The LintSeq edit-sequence text format (docs/formulas.md section 7). A prompt ends with
 * `"\n<|diff|>"`; the model writes zero-context unified-diff hunks (difflib `n=0`, no
 * `---`/`+++` header lines), one edit per `"\n<|diff|>"` separator, and ends with the end
 * token. A training example ends with two empty edits.
 */
export const END_TOKEN = '<|endoftext|>';
export const DIFF_TOKEN = '<|diff|>';
/** What separates two edits (and what an edit-sequence prompt ends with). */
export const EDIT_SEPARATOR = `\n${DIFF_TOKEN}`;
/** Marks a hunk header: `@@ -a,b +c,d @@`. */
export const HUNK_MARK = '@@';

/**
 * The text an edit-sequence model emits after a prompt ending in EDIT_SEPARATOR, for the
 * given diffs: as the reference training code lays out an example (the diffs, then two
 * empty edits, then the end token).
 */
export function editSequenceCompletion(diffs: readonly string[]): string {
  return [...diffs, '', ''].join(EDIT_SEPARATOR) + END_TOKEN;
}
