/**
 * Normalization of a JavaScript/TypeScript program for diversity counts (docs/formulas.md,
 * "Diversity"), with the TypeScript parser LintSeq's linter uses: each outermost function's
 * local names (parameters, variables, inner functions and classes) are renamed v0, v1, ...
 * in order of first appearance, and the tree is printed back without comments as its tokens
 * one space apart, so programs that differ only in local names, comments or layout print the
 * same. Null when the
 * program has syntax errors (the caller keeps its text). In-process; does no I/O.
 */
import ts from 'typescript';
import { isReference } from './linters/js-references.js';

type WithParseDiagnostics = ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] };

function bindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bindingNames(e.name, into);
}

/** The names a function declares inside itself (its own name excluded). */
function localNames(fn: ts.SignatureDeclaration): Set<string> {
  const names = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isParameter(node) || ts.isVariableDeclaration(node)) bindingNames(node.name, names);
    else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node !== fn && node.name) names.add(node.name.text);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(fn, walk);
  return names;
}

/** Whether an identifier names the binding itself (a declaration) rather than a property or label. */
function isBindingOrUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isShorthandPropertyAssignment(p)) return false; // renaming would change the object's key
  if (ts.isParameter(p) || ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p)) return p.name === id;
  if (ts.isBindingElement(p)) return p.name === id;
  return isReference(id);
}

export function normalizeJavaScript(source: string, language: 'javascript' | 'typescript'): string | null {
  const kind = language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile(language === 'typescript' ? '/main.ts' : '/main.js', source, ts.ScriptTarget.Latest, true, kind);
  if (((file as WithParseDiagnostics).parseDiagnostics ?? []).length > 0) return null;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const renameIn = (fn: ts.SignatureDeclaration): void => {
    const names = localNames(fn);
    const mapping = new Map<string, string>();
    const walk = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && names.has(node.text) && isBindingOrUse(node)) {
        if (!mapping.has(node.text)) mapping.set(node.text, `v${mapping.size}`);
        edits.push({ start: node.getStart(file), end: node.getEnd(), text: mapping.get(node.text)! });
      }
      ts.forEachChild(node, walk);
    };
    ts.forEachChild(fn, (child) => {
      // The function's own name is not local.
      if (!(ts.isFunctionDeclaration(fn) && child === fn.name)) walk(child);
    });
  };
  const top = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) renameIn(node);
    else ts.forEachChild(node, top);
  };
  top(file);
  let text = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  // Printed without comments, then its tokens one space apart: layout no longer counts.
  const renamed = ts.createSourceFile(file.fileName, text, ts.ScriptTarget.Latest, false, kind);
  const printed = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed }).printFile(renamed);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, printed);
  const tokens: string[] = [];
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) tokens.push(scanner.getTokenText());
  return tokens.join(' ');
}
