/**
 * The line model LintSeq samples over, with the reference's rules
 * (upiterbarg/pylintseq `lintseq_backward_sampling_pythonic` with the settings its
 * generator uses: indent_bias_sampling_factor=1, ignore_comments, ignore_global_defs):
 *
 * - a line's indent is its leading whitespace length (a tab counts one), except that a line
 *   of at most one visible character (`)`, `]`, blank) takes the indent of the line before;
 * - deleting a line deletes the block it opens: the lines right after it with a deeper indent;
 * - candidates for deletion are non-blank, non-comment lines, minus the continuation lines
 *   of an upper-case global like `TABLE = [` ... `]`;
 * - a candidate's weight is 1 at indent 0, else indent / (the first non-zero indent seen).
 *
 * JavaScript/TypeScript adds two rules, since braces, not indentation, close blocks: a
 * block's closing line (`}`, `} else {`, `});` at the opener's indent) goes with the
 * opener, and a line starting with a closer is never chosen on its own.
 */
import { pyLstrip, pyRstrip } from '../rebuild/python-str.js';

export type LineLanguage = 'python' | 'javascript' | 'typescript';

export interface LineModel {
  lines: string[];
  indents: number[];
  /** Candidate line indices, ascending. */
  candidates: number[];
  /** Sampling weight per line (0 for non-candidates). */
  weights: number[];
  language: LineLanguage;
}

/** Python's `str.isupper()` on the text before `=`, for the global-definition rule. */
function pyIsUpper(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s);
}

function lineIndents(lines: readonly string[]): number[] {
  let li = 0;
  return lines.map((line) => {
    const rest = pyLstrip(line);
    if (rest.length > 1) li = line.length - rest.length;
    return li;
  });
}

/** Excludes the continuation lines of `UPPER = [` / `UPPER = (` definitions. */
function dropGlobalDefinitionBodies(lines: readonly string[], candidates: number[]): number[] {
  const kept: number[] = [];
  let open: ')' | ']' | null = null;
  for (const i of candidates) {
    const line = lines[i]!;
    const last = pyRstrip(line).slice(-1);
    if (open === null) kept.push(i);
    if (open !== null) {
      if (last === open) open = null;
    } else if (line.includes('=') && pyIsUpper(line.slice(0, line.indexOf('=')).replaceAll(' ', '')) && (last === '(' || last === '[')) {
      open = last === '(' ? ')' : ']';
    }
  }
  return kept;
}

/**
 * Builds the model. `commentLines` marks lines that are comments in languages where `#`
 * is not the comment marker (computed by the caller with a real scanner).
 */
export function lineModel(code: string, language: LineLanguage, commentLines?: ReadonlySet<number>): LineModel {
  const lines = code.split('\n');
  const indents = lineIndents(lines);
  let candidates = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line, i }) => {
      const rest = pyLstrip(line);
      if (rest.length === 0) return false;
      // Brace languages: a line starting with a closer goes with its opener, never alone.
      return language === 'python' ? rest[0] !== '#' : !commentLines?.has(i) && !/^[}\])]/.test(rest);
    })
    .map(({ i }) => i);
  candidates = dropGlobalDefinitionBodies(lines, candidates);
  let tabWidth = 0;
  for (const li of indents)
    if (li > 0) {
      tabWidth = li;
      break;
    }
  const weights = new Array<number>(lines.length).fill(0);
  for (const i of candidates) {
    const li = indents[i]!;
    weights[i] = li === 0 || tabWidth === 0 ? 1 : li / tabWidth;
  }
  return { lines, indents, candidates, weights, language };
}

/** The lines a deletion of `target` takes with it (its block). */
export function blockOf(model: LineModel, target: number): number[] {
  const { indents, lines } = model;
  const out: number[] = [];
  const indent = indents[target]!;
  let j = target + 1;
  while (j < indents.length && indents[j]! > indent) out.push(j++);
  if (model.language === 'python' || out.length === 0) return out;
  // A brace language: the closing line at the opener's indent goes too, and if it opens
  // another block (`} else {`), so does that block.
  const closer = lines[j];
  if (closer !== undefined && indents[j] === indent && /^[}\])]/.test(pyLstrip(closer))) {
    out.push(j, ...blockOf(model, j));
  }
  return out;
}
