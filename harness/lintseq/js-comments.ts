/**
 * Which lines of a JavaScript/TypeScript program hold only comments (or nothing), from the
 * TypeScript parser's tokens, so that `//` inside strings, template literals spanning lines
 * and lines inside block comments are told apart correctly. LintSeq never chooses such
 * lines for deletion.
 */
import ts from 'typescript';

export function commentOnlyLines(code: string, language: 'javascript' | 'typescript'): Set<number> {
  const kind = language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile('lines.ts', code, ts.ScriptTarget.Latest, true, kind);
  const hasCode = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(file);
    if (children.length === 0) {
      if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
      const start = node.getStart(file);
      const end = Math.max(start, node.getEnd() - 1);
      const first = file.getLineAndCharacterOfPosition(start).line;
      const last = file.getLineAndCharacterOfPosition(end).line;
      for (let l = first; l <= last; l++) hasCode.add(l);
      return;
    }
    for (const child of children) visit(child);
  };
  visit(file);
  const out = new Set<number>();
  const lineCount = file.getLineStarts().length;
  for (let l = 0; l < lineCount; l++) if (!hasCode.has(l)) out.add(l);
  return out;
}
