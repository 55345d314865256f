/**
 * Which identifiers in a TypeScript syntax tree are uses of a name (as opposed to
 * declarations, property names, labels), and which uses name a type.
 */
import ts from 'typescript';

const K = ts.SyntaxKind;

/** Whether an identifier is a name being used (not declared, not a property or label). */
export function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  switch (p.kind) {
    case K.PropertyAccessExpression:
      return (p as ts.PropertyAccessExpression).expression === id;
    case K.QualifiedName:
      return (p as ts.QualifiedName).left === id;
    case K.PropertyAssignment:
    case K.PropertyDeclaration:
    case K.PropertySignature:
    case K.MethodDeclaration:
    case K.MethodSignature:
    case K.GetAccessor:
    case K.SetAccessor:
    case K.EnumMember:
      return (p as ts.NamedDeclaration).name !== id;
    case K.BindingElement:
    case K.VariableDeclaration:
    case K.Parameter:
    case K.FunctionDeclaration:
    case K.FunctionExpression:
    case K.ClassDeclaration:
    case K.ClassExpression:
    case K.InterfaceDeclaration:
    case K.TypeAliasDeclaration:
    case K.EnumDeclaration:
    case K.ModuleDeclaration:
    case K.TypeParameter:
    case K.ImportClause:
    case K.NamespaceImport:
    case K.ImportSpecifier:
    case K.ImportEqualsDeclaration:
    case K.NamespaceExport:
    case K.ExportSpecifier:
    case K.NamespaceExportDeclaration:
    case K.LabeledStatement:
    case K.BreakStatement:
    case K.ContinueStatement:
    case K.MetaProperty:
    case K.TypePredicate:
    case K.NamedTupleMember:
    case K.JsxAttribute:
      return false;
    default:
      return true;
  }
}

/** A use in a type position: `let x: Foo`, `implements Foo`, `interface A extends Foo`. */
export function isTypePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isTypeReferenceNode(p)) return p.typeName === id;
  if (ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent)) {
    return p.parent.token === K.ImplementsKeyword || ts.isInterfaceDeclaration(p.parent.parent);
  }
  return false;
}
