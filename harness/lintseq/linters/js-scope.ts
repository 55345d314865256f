/**
 * Unresolved names in a JavaScript/TypeScript syntax tree, the way the TypeScript checker
 * reports them (TS2304 "Cannot find name", TS2448/2449 "used before its declaration"), and
 * the statement-context errors it reports (TS1108 return outside a function, TS1104/1105
 * continue/break outside a loop). Creating a checker costs tens of milliseconds per
 * program, far too slow for LintSeq's linting loop, so names are resolved here over the
 * parser's tree: var and function declarations hoist to their function, let/const/class
 * are block-scoped, parameters and a named function expression's own name are local,
 * types (TypeScript) live in their own space. Agreement with the real checker is measured
 * in test/integration/lintseq-typescript-fidelity.test.ts.
 */
import ts from 'typescript';
import { globalNames } from './js-globals.js';
import { isReference, isTypePosition } from './js-references.js';

export interface NameIssue {
  node: ts.Node;
  code: string;
  message: string;
}

type Space = 'value' | 'type';
interface Declaration {
  end: number;
  blockScoped: boolean;
  fn: ts.Node | undefined;
}

class Scope {
  readonly values = new Map<string, Declaration>();
  readonly types = new Set<string>();
  constructor(
    readonly parent: Scope | null,
    readonly isFunction: boolean,
    readonly fn: ts.Node | undefined,
  ) {}
  functionScope(): Scope {
    return this.isFunction || !this.parent ? this : this.parent.functionScope();
  }
}

interface Reference {
  id: ts.Identifier;
  scope: Scope;
  space: Space;
  fn: ts.Node | undefined;
}

function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
}

export function unresolvedNames(file: ts.SourceFile): NameIssue[] {
  const refs: Reference[] = [];
  const issues: NameIssue[] = [];
  const global = new Scope(null, true, undefined);
  let fn: ts.Node | undefined;
  let loops = 0;

  /** Declares `name`; `end` is where it becomes usable (for let/const, after the initializer). */
  const declare = (
    scope: Scope,
    name: ts.BindingName | ts.Identifier,
    blockScoped: boolean,
    space: 'value' | 'both' | 'type' = 'value',
    end = name.getEnd(),
  ): void => {
    if (ts.isIdentifier(name)) {
      if (space !== 'type' && !scope.values.has(name.text)) scope.values.set(name.text, { end, blockScoped, fn });
      if (space !== 'value') scope.types.add(name.text);
      return;
    }
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) declare(scope, element.name, blockScoped, 'value', end);
  };

  /** Declarations that hoist to the top of a block or function before anything runs there. */
  const hoist = (statements: readonly ts.Statement[], block: Scope): void => {
    const hoistVars = (node: ts.Node): void => {
      if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
        for (const d of node.declarations) declare(block.functionScope(), d.name, false);
      }
      if (isFunctionLike(node) || ts.isClassLike(node)) return;
      ts.forEachChild(node, hoistVars);
    };
    for (const s of statements) {
      if (ts.isFunctionDeclaration(s) && s.name) {
        declare(block, s.name, false);
        declare(block.functionScope(), s.name, false);
      } else if (ts.isClassDeclaration(s) && s.name) {
        declare(block, s.name, true, 'both');
      } else if (ts.isVariableStatement(s) && s.declarationList.flags & ts.NodeFlags.BlockScoped) {
        for (const d of s.declarationList.declarations) declare(block, d.name, true, 'value', d.getEnd());
      } else if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) {
        declare(block, s.name, true, 'type');
      } else if (ts.isEnumDeclaration(s)) {
        declare(block, s.name, false, 'both');
      } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
        declare(block, s.name, false, 'both');
      } else if (ts.isImportDeclaration(s) && s.importClause) {
        const c = s.importClause;
        if (c.name) declare(block, c.name, false, 'both');
        const b = c.namedBindings;
        if (b && ts.isNamespaceImport(b)) declare(block, b.name, false, 'both');
        if (b && ts.isNamedImports(b)) for (const e of b.elements) declare(block, e.name, false, 'both');
      } else if (ts.isImportEqualsDeclaration(s)) {
        declare(block, s.name, false, 'both');
      }
      hoistVars(s);
    }
  };

  const typeParameters = (node: ts.Node, scope: Scope): void => {
    const params = (node as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (params) for (const p of params) scope.types.add(p.name.text);
  };

  const visitFunction = (node: ts.SignatureDeclaration, outer: Scope): void => {
    const scope = new Scope(outer, true, node);
    if (ts.isFunctionExpression(node) && node.name) declare(scope, node.name, false);
    typeParameters(node, scope);
    const saved = { fn, loops };
    fn = node;
    loops = 0;
    if (!ts.isArrowFunction(node)) scope.values.set('arguments', { end: 0, blockScoped: false, fn: node });
    for (const p of node.parameters) declare(scope, p.name, false);
    for (const p of node.parameters) visit(p, scope);
    if (node.type) visit(node.type, scope);
    const body = (node as { body?: ts.Node }).body;
    if (body && ts.isBlock(body)) {
      hoist(body.statements, scope);
      for (const s of body.statements) visit(s, scope);
    } else if (body) {
      visit(body, scope);
    }
    ({ fn, loops } = saved);
  };

  const visitBlock = (statements: readonly ts.Statement[], outer: Scope): void => {
    const scope = new Scope(outer, false, fn);
    hoist(statements, scope);
    for (const s of statements) visit(s, scope);
  };

  const visit = (node: ts.Node, scope: Scope): void => {
    if (ts.isIdentifier(node)) {
      if (isReference(node)) {
        refs.push({ id: node, scope, space: isTypePosition(node) ? 'type' : 'value', fn });
      }
      return;
    }
    if (ts.isQualifiedName(node)) {
      // `A.B` in a type: A may be a namespace, enum or class; resolve it in either space.
      let left: ts.EntityName = node;
      while (ts.isQualifiedName(left)) left = left.left;
      refs.push({ id: left, scope, space: ts.isTypeReferenceNode(node.parent) ? 'type' : 'value', fn });
      return;
    }
    if (isFunctionLike(node) && !ts.isClassStaticBlockDeclaration(node)) {
      const f = node as ts.SignatureDeclaration;
      if (f.name && ts.isComputedPropertyName(f.name)) visit(f.name, scope);
      if (ts.canHaveDecorators(node)) for (const d of ts.getDecorators(node) ?? []) visit(d, scope);
      visitFunction(f, scope);
      return;
    }
    if (ts.isClassLike(node)) {
      const inner = new Scope(scope, false, fn);
      if (ts.isClassExpression(node) && node.name) declare(inner, node.name, true, 'both');
      typeParameters(node, inner);
      for (const d of ts.getDecorators(node) ?? []) visit(d, scope);
      for (const h of node.heritageClauses ?? []) visit(h, inner);
      const saved = { fn, loops };
      fn = node; // member initializers run later, not where the class is declared
      loops = 0;
      for (const m of node.members) visit(m, inner);
      ({ fn, loops } = saved);
      return;
    }
    if (ts.isClassStaticBlockDeclaration(node)) {
      visitBlock(node.body.statements, new Scope(scope, true, node));
      return;
    }
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      const inner = new Scope(scope, false, fn);
      typeParameters(node, inner);
      ts.forEachChild(node, (child) => {
        if (child !== node.name && !ts.isTypeParameterDeclaration(child)) visit(child, inner);
        else if (ts.isTypeParameterDeclaration(child)) visit(child, inner);
      });
      return;
    }
    if (ts.isMappedTypeNode(node)) {
      const inner = new Scope(scope, false, fn);
      inner.types.add(node.typeParameter.name.text);
      ts.forEachChild(node, (child) => visit(child, inner));
      return;
    }
    if (ts.isConditionalTypeNode(node)) {
      const inner = new Scope(scope, false, fn);
      const collectInfer = (n: ts.Node): void => {
        if (ts.isInferTypeNode(n)) inner.types.add(n.typeParameter.name.text);
        ts.forEachChild(n, collectInfer);
      };
      collectInfer(node.extendsType);
      ts.forEachChild(node, (child) => visit(child, inner));
      return;
    }
    if (ts.isTypeParameterDeclaration(node)) {
      if (node.constraint) visit(node.constraint, scope);
      if (node.default) visit(node.default, scope);
      return;
    }
    if (ts.isModuleDeclaration(node)) {
      if (node.body && ts.isModuleBlock(node.body)) visitBlock(node.body.statements, new Scope(scope, true, fn));
      else if (node.body) visit(node.body, scope);
      return;
    }
    if (ts.isEnumDeclaration(node)) {
      const inner = new Scope(scope, false, fn);
      for (const m of node.members) if (ts.isIdentifier(m.name)) declare(inner, m.name, false);
      for (const m of node.members) if (m.initializer) visit(m.initializer, inner);
      return;
    }
    if (ts.isBlock(node)) {
      visitBlock(node.statements, scope);
      return;
    }
    if (ts.isCaseBlock(node)) {
      const statements = node.clauses.flatMap((c) => [...c.statements]);
      const inner = new Scope(scope, false, fn);
      hoist(statements, inner);
      loops++; // `break` is legal in a switch
      for (const c of node.clauses) ts.forEachChild(c, (child) => visit(child, inner));
      loops--;
      return;
    }
    if (ts.isCatchClause(node)) {
      const inner = new Scope(scope, false, fn);
      if (node.variableDeclaration) {
        declare(inner, node.variableDeclaration.name, true);
        visit(node.variableDeclaration, inner);
      }
      visitBlock(node.block.statements, inner);
      return;
    }
    if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
      const inner = new Scope(scope, false, fn);
      const init = node.initializer;
      if (init && ts.isVariableDeclarationList(init) && init.flags & ts.NodeFlags.BlockScoped) {
        for (const d of init.declarations) declare(inner, d.name, true, 'value', d.getEnd());
      }
      ts.forEachChild(node, (child) => {
        if (child === node.statement) {
          loops++;
          visit(child, inner);
          loops--;
        } else {
          visit(child, inner);
        }
      });
      return;
    }
    if (ts.isWhileStatement(node) || ts.isDoStatement(node)) {
      visit(node.expression, scope);
      loops++;
      visit(node.statement, scope);
      loops--;
      return;
    }
    if (ts.isLabeledStatement(node)) {
      loops++; // a labelled block may be left with `break label`
      visit(node.statement, scope);
      loops--;
      return;
    }
    if (ts.isReturnStatement(node) && fn === undefined) {
      issues.push({ node, code: 'TS1108', message: "A 'return' statement can only be used within a function body." });
    }
    if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && loops === 0) {
      issues.push({
        node,
        code: ts.isBreakStatement(node) ? 'TS1105' : 'TS1104',
        message: `'${ts.isBreakStatement(node) ? 'break' : 'continue'}' outside a loop.`,
      });
    }
    if (ts.isVariableDeclaration(node) || ts.isBindingElement(node) || ts.isParameter(node)) {
      // Names were declared by hoisting or by the function; visit types, defaults, computed keys.
      ts.forEachChild(node, (child) => {
        if (child !== node.name || !ts.isIdentifier(child)) visit(child, scope);
      });
      return;
    }
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return;
    if (ts.isExportDeclaration(node)) return;
    ts.forEachChild(node, (child) => visit(child, scope));
  };

  hoist(file.statements, global);
  for (const s of file.statements) visit(s, global);

  const globals = globalNames();
  for (const ref of refs) {
    const name = ref.id.text;
    let found: Declaration | true | undefined;
    for (let s: Scope | null = ref.scope; s && !found; s = s.parent) {
      if (ref.space === 'type') {
        if (s.types.has(name)) found = true;
        else if (s.values.has(name) && ts.isQualifiedName(ref.id.parent)) found = true;
      } else {
        found = s.values.get(name) ?? (s.types.has(name) && ts.isQualifiedName(ref.id.parent) ? true : undefined);
      }
    }
    if (!found) {
      const known = ref.space === 'type' ? globals.types.has(name) || globals.values.has(name) : globals.values.has(name);
      if (!known) issues.push({ node: ref.id, code: 'TS2304', message: `Cannot find name '${name}'.` });
      continue;
    }
    if (found !== true && found.blockScoped && found.fn === ref.fn && ref.id.getStart() < found.end) {
      issues.push({ node: ref.id, code: 'TS2448', message: `Block-scoped variable '${name}' used before its declaration.` });
    }
  }
  return issues;
}
