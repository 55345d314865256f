"""W0311 for passk's Python linter, pylint's rule: a statement that starts its line must be
indented by exactly its block depth times the indent unit (the program's own unit, four
spaces by default, as pylint's indent-string).
"""


def bad_indentation(lines, unit, s, depth):
    """The line of statement `s` (its first decorator's, if any) when its indentation is
    not `depth` units; None when it is, or when `s` does not start its line."""
    decorators = getattr(s, 'decorator_list', None)
    if decorators:
        line, col = decorators[0].lineno, decorators[0].col_offset - 1
    else:
        line, col = s.lineno, s.col_offset
    if line - 1 >= len(lines) or col < 0:
        return None
    ws = lines[line - 1][:col]
    if ws.strip(' \t\f'):
        return None  # not the first statement on its line
    n = len(unit)
    level = 0
    while ws.startswith(unit):
        ws = ws[n:]
        level += 1
    return line if level != depth or ws else None
