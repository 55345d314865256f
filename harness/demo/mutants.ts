/**
 * Mutants of a canonical solution, for the simulated samplers' failures: line-level bugs a
 * model makes (a wrong return, a flipped comparison, an off-by-one constant, a raised
 * exception, a syntax error, an infinite loop) and truncation (output cut at max_tokens).
 * A mutant may still pass (an equivalent mutant); verdicts come from real execution.
 * Pure.
 */
const MUTANT_KINDS = ['wrong-return', 'flip-compare', 'off-by-one', 'raise', 'syntax', 'hang', 'truncate'] as const;
export type MutantKind = (typeof MUTANT_KINDS)[number];

/** A mutation of one line (replacement text may hold several lines), or a truncation point. */
export interface Mutation {
  kind: MutantKind;
  /** Index of the line changed, or the first line dropped for truncate. */
  line: number;
  replacement: string | null;
}

const FLIPS: Array<[string, string]> = [
  [' <= ', ' < '],
  [' >= ', ' > '],
  [' == ', ' != '],
  [' != ', ' == '],
  [' < ', ' <= '],
  [' > ', ' >= '],
];
const indentOf = (line: string): string => /^\s*/.exec(line)![0];
const balanced = (line: string): boolean => {
  let depth = 0;
  for (const ch of line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""')) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
};
/** A simple statement line: code, balanced, not a block opener, not a comment or docstring. */
const isStatement = (line: string): boolean => {
  const t = line.trim();
  return (
    t !== '' &&
    !t.startsWith('#') &&
    !t.startsWith('"""') &&
    !t.startsWith("'''") &&
    !t.endsWith(':') &&
    !t.endsWith('\\') &&
    balanced(t) &&
    !/^(elif|else|except|finally)\b/.test(t)
  );
};

/** The mutated text of `line` for a line-level kind, or null when the kind does not apply. */
export function mutateLine(line: string, kind: Exclude<MutantKind, 'truncate'>): string | null {
  const indent = indentOf(line);
  const code = line.trim();
  switch (kind) {
    case 'wrong-return':
      return /^return\b/.test(code) && code !== 'return None' && code !== 'return' ? `${indent}return None` : null;
    case 'flip-compare': {
      if (/["']/.test(code)) return null;
      for (const [from, to] of FLIPS) if (line.includes(from)) return line.replace(from, to);
      return null;
    }
    case 'off-by-one': {
      if (/["']/.test(code) || code.startsWith('def ')) return null;
      const m = /(?<![\w.])(\d+)(?![\w.])/.exec(line);
      return m ? line.slice(0, m.index) + String(Number(m[1]) + 1) + line.slice(m.index + m[1]!.length) : null;
    }
    case 'raise':
      return isStatement(line) && !code.startsWith('def ') ? `${indent}raise RuntimeError("simulated bug")` : null;
    case 'syntax':
      return isStatement(line) ? `${line} )` : null;
    case 'hang':
      // Before a statement, so the loop runs whenever the statement would.
      return isStatement(line) && !code.startsWith('def ') ? `${indent}while True: pass\n${line}` : null;
  }
}

/** Every mutation that applies to these lines (truncation points after the first line). */
export function applicableMutations(lines: readonly string[]): Mutation[] {
  const out: Mutation[] = [];
  lines.forEach((line, i) => {
    for (const kind of MUTANT_KINDS) {
      if (kind === 'truncate') continue;
      const replacement = mutateLine(line, kind);
      if (replacement !== null) out.push({ kind, line: i, replacement });
    }
    if (i >= 1 && i < lines.length - 1) out.push({ kind: 'truncate', line: i, replacement: null });
  });
  return out;
}

export function applyMutation(lines: readonly string[], m: Mutation): string[] {
  if (m.kind === 'truncate') return lines.slice(0, m.line);
  return lines.flatMap((line, i) => (i === m.line ? m.replacement!.split('\n') : [line]));
}
