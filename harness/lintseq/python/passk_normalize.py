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


_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _function(node):
    """Renames the locals of one outermost function, by order of first appearance in the source."""
    nodes = list(ast.walk(node))
    bound, declared = set(), set()
    for n in nodes:
        if isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, ast.Name):
            if not isinstance(n.ctx, ast.Load):
                bound.add(n.id)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            declared.update(n.names)
        elif isinstance(n, _DEFS):
            n.body = _strip_docstring(n.body)
            # Nested functions' and classes' own names are locals too; the function's own name is not.
            if n is not node:
                bound.add(n.name)
    names = bound - declared
    uses = []
    for n in nodes:
        if isinstance(n, ast.Name):
            if n.id in names:
                uses.append((n.lineno, n.col_offset, n, 'id'))
        elif isinstance(n, ast.arg):
            if n.arg in names:
                uses.append((n.lineno, n.col_offset, n, 'arg'))
        elif n is not node and isinstance(n, _DEFS) and n.name in names:
            uses.append((n.lineno, n.col_offset, n, 'name'))
    # Source order: renaming keeps the order of names on a line, so renamed copies map alike.
    uses.sort(key=lambda u: (u[0], u[1]))
    mapping = {}
    for _, _, n, field in uses:
        old = getattr(n, field)
        new = mapping.get(old)
        if new is None:
            new = mapping[old] = 'v%d' % len(mapping)
        setattr(n, field, new)


def _outermost_functions(body):
    """Functions not nested in another function: module-level ones, methods, and those inside module-level blocks."""
    stack = list(body)
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield n
        else:
            if isinstance(n, ast.ClassDef):
                n.body = _strip_docstring(n.body)
            stack.extend(ast.iter_child_nodes(n))


def normalize(source):
    try:
        tree = ast.parse(source + '\n')
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    tree.body = _strip_docstring(tree.body)
    # Only outermost functions (and methods) own locals; names inside nested ones are theirs.
    for fn in list(_outermost_functions(tree.body)):
        _function(fn)
    try:
        return ast.unparse(tree)
    except (ValueError, RecursionError):
        return None
