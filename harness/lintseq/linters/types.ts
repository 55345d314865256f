/** A linter LintSeq runs on every intermediate program. */
export interface LintIssue {
  /** 1-based line in the linted text. */
  line: number;
  /** pylint-style message id (E0602, W0311) or TypeScript diagnostic code (TS2304). */
  code: string;
  message: string;
}

export interface Linter {
  readonly name: string;
  /** The issues that make `source` dirty; empty when clean. */
  lint(source: string): Promise<LintIssue[]>;
  /** A linter specialised for one program (e.g. to its indent unit); defaults to itself. */
  forProgram?(source: string): Promise<Linter>;
  close(): Promise<void>;
}
