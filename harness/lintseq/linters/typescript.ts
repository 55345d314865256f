/**
 * LintSeq's linter for JavaScript and TypeScript: the TypeScript compiler API's parser
 * diagnostics (syntax errors), then unresolved names resolved over its syntax tree
 * (js-scope.ts) with the codes the checker would give (TS2304, TS2448, TS1108, ...).
 * In-process and synchronous underneath; about a millisecond per program.
 */
import ts from 'typescript';
import { unresolvedNames } from './js-scope.js';
import type { Linter, LintIssue } from './types.js';

type WithParseDiagnostics = ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] };

function syntaxDiagnostics(file: WithParseDiagnostics, options: ts.CompilerOptions): readonly ts.Diagnostic[] {
  if (file.parseDiagnostics) return file.parseDiagnostics;
  // Not exposed by this TypeScript version: ask a one-file program (slower, same answer).
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, lang) => (name === file.fileName ? file : getSourceFile(name, lang));
  return ts.createProgram({ rootNames: [file.fileName], options, host }).getSyntacticDiagnostics(file);
}

export function lintJavaScript(source: string, language: 'javascript' | 'typescript'): LintIssue[] {
  const kind = language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const fileName = language === 'typescript' ? '/main.ts' : '/main.js';
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind) as WithParseDiagnostics;
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const syntax = syntaxDiagnostics(file, { allowJs: true, noEmit: true, noLib: true, noResolve: true });
  if (syntax.length > 0) {
    return syntax.map((d) => ({
      line: lineOf(d.start ?? 0),
      code: `TS${d.code}`,
      message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    }));
  }
  return unresolvedNames(file).map((i) => ({ line: lineOf(i.node.getStart(file)), code: i.code, message: i.message }));
}

export class TypeScriptLinter implements Linter {
  readonly name = 'typescript';
  constructor(readonly language: 'javascript' | 'typescript') {}

  async lint(source: string): Promise<LintIssue[]> {
    return lintJavaScript(source, this.language);
  }

  async close(): Promise<void> {}
}
