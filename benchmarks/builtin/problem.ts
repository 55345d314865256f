/**
 * The shape of a built-in problem, written HumanEval-style: `prompt` is the signature and
 * docstring, `solution` the body that completes it, `check` a `check(candidate)` function.
 * Code is written in String.raw template literals starting with a newline; `problem()`
 * drops that first newline so the source reads naturally in the problem files.
 */
export interface BuiltinProblem {
  entryPoint: string;
  /** What to write, in words, for instruction-tuned and edit-sequence models. */
  instruction: string;
  prompt: string;
  solution: string;
  check: string;
}

const dropFirstNewline = (s: string): string => (s.startsWith('\n') ? s.slice(1) : s);

export function problem(p: BuiltinProblem): BuiltinProblem {
  return {
    entryPoint: p.entryPoint,
    instruction: p.instruction.trim(),
    prompt: dropFirstNewline(p.prompt),
    solution: dropFirstNewline(p.solution),
    check: '\n\n' + dropFirstNewline(p.check),
  };
}
