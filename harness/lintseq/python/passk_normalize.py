"""Normalization of a Python program for diversity counts (docs/formulas.md, "Diversity").

Parses with CPython's parser (the linter's), drops docstrings, renames each function's local
names (parameters and names it binds, not globals it declares) to v0, v1, ... in order of
first appearance, and prints the tree back with ast.unparse, which drops comments and
layout. Two programs that differ only in local names, comments, docstrings or formatting
print the same; a changed operator or constant does not. Returns None when the program
does not parse (the caller then keeps its text).
"""
import ast


def _strip_docstring(body):
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        return body[1:] or [ast.Pass()]
    return body


class _Locals(ast.NodeVisitor):
    """The names a function binds (its parameters and assignment targets), minus global/nonlocal ones."""

    def __init__(self):
        self.bound = set()
        self.declared = set()

    def visit_arg(self, node):
        self.bound.add(node.arg)

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.bound.add(node.id)

    def visit_Global(self, node):
        self.declared.update(node.names)

    visit_Nonlocal = visit_Global


class _Rename(ast.NodeTransformer):
    def __init__(self, names):
        self.names = names
        self.mapping = {}

    def _new(self, name):
        if name not in self.mapping:
            self.mapping[name] = 'v%d' % len(self.mapping)
        return self.mapping[name]

    def visit_arg(self, node):
        if node.arg in self.names:
            node.arg = self._new(node.arg)
        self.generic_visit(node)
        return node

    def visit_Name(self, node):
        if node.id in self.names:
            node.id = self._new(node.id)
        return node


def _function(node):
    finder = _Locals()
    for arg in ast.walk(node.args):
        if isinstance(arg, ast.arg):
            finder.visit_arg(arg)
    for stmt in node.body:
        finder.visit(stmt)
    names = finder.bound - finder.declared
    # Nested functions' own names are locals too; the function's own name is not.
    for stmt in ast.walk(node):
        if stmt is not node and isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
    renamer = _Rename(names)
    renamer.visit(node.args)
    node.body = [renamer.visit(s) for s in node.body]
    for stmt in ast.walk(node):
        if stmt is not node and isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.name in renamer.mapping:
            stmt.name = renamer.mapping[stmt.name]


def normalize(source):
    try:
        tree = ast.parse(source + '\n')
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node.body = _strip_docstring(node.body)
    # Only top-level functions (and methods) own locals; names inside nested ones are theirs.
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not getattr(node, '_passk_seen', False):
            for inner in ast.walk(node):
                inner._passk_seen = True
            _function(node)
    try:
        return ast.unparse(tree)
    except (ValueError, RecursionError):
        return None
