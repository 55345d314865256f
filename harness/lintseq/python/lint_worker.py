"""passk's Python linter, run as a warm worker by harness/lintseq/linters/python.ts (the walk
is passk_walk.py with passk_expressions.py, name resolution passk_names.py).

It reports what deleting lines from a program causes, agreeing with LintSeq's reference
linter (pylint 2.16 with conventions and refactors disabled, counting E and F messages plus
W0311 and W0231) on clean versus dirty:

- E0001 syntax errors, from CPython's own parser (as astroid parses: type comments on,
  source + "\\n"), on the line pylint's message names ("... on line N" names line N);
- W0311 bad indentation: a statement's indentation is not depth x the indent unit (the
  program's own unit, four spaces by default, as pylint's indent-string);
- E0602 undefined names and E0601 names used before their assignment, with pylint's
  rules: only the first use of a name in a scope is checked, by statement line; a use
  inside a `for` loop that assigns the name (or an `if` whose body assigns it) counts as
  defined; `x += 1` with no earlier definition is undefined; a statement whose value holds
  a conditional expression may use and assign at once; functions defined later at module
  level are not "used before assignment";
- E0104/E0105/E0103/E0117 return/yield outside a function, break/continue outside a
  loop, nonlocal without a binding;
- E1111/E1128 assigning the result of a call to a function that returns nothing / None;
- E0401 imports of top-level modules that do not exist.

Protocol: one JSON line in, one JSON line out. In: a list of [id, "lint", source,
indent_unit] and [id, "indent", source], [id, "normalize", source] and [id, "describe", source] requests.
Out: a list of [id, reply]: for "lint", [[line, code, message], ...]; for "indent", the
first INDENT's whitespace or null; for "normalize", the normalized program
(passk_normalize.py) or null; for "describe", [lint issues with the program's own indent
unit, normalized program or null].
"""
import ast
import json
import sys

from passk_names import resolve
from passk_normalize import normalize
from passk_walk import Walker

MISPLACED = 'misplaced type annotation'


def parse(source):
    try:
        return ast.parse(source + '\n', type_comments=True)
    except SyntaxError as e:
        if e.msg != MISPLACED:
            raise
        return ast.parse(source + '\n')


def syntax_issue(e):
    msg = e.msg or 'invalid syntax'
    line = e.lineno or 1
    # pylint's E0001 for "... on line N" messages, as LintSeq reads it, names line N.
    idx = msg.rfind(' on line ')
    if idx >= 0:
        tail = msg[idx + len(' on line '):].split(' ')[0].rstrip(')')
        if tail.isdigit():
            line = int(tail)
    return [line, 'E0001', msg]


def lint(source, unit=None):
    try:
        tree = parse(source)
    except SyntaxError as e:
        return [syntax_issue(e)]
    except (ValueError, MemoryError, RecursionError) as e:
        return [[1, 'E0001', str(e)]]
    walker = Walker(source, unit)
    try:
        walker.body(tree.body, walker.module, 0)
        resolve(walker)
    except RecursionError:
        return [[1, 'F0002', 'too deeply nested']]
    return walker.issues


def first_indent(source):
    """The first INDENT token's whitespace: the program's indent unit, or None."""
    import io
    import tokenize
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.INDENT:
                return tok.string
    except Exception:  # TokenError, IndentationError, ...: no usable unit
        return None
    return None


def main():
    out = sys.stdout
    for raw in sys.stdin:
        replies = []
        for req in json.loads(raw):
            try:
                if req[1] == 'indent':
                    replies.append([req[0], first_indent(req[2])])
                elif req[1] == 'normalize':
                    replies.append([req[0], normalize(req[2])])
                elif req[1] == 'describe':
                    # One round trip for the report's sample views: lint (with the program's own indent unit) and normalize.
                    replies.append([req[0], [lint(req[2], first_indent(req[2])), normalize(req[2])]])
                else:
                    replies.append([req[0], lint(req[2], req[3])])
            except Exception as e:  # a linter crash makes the program dirty, as pylint's F0002 does
                crash = [[1, 'F0002', 'linter crash: %r' % e]]
                replies.append([req[0], None if req[1] in ('indent', 'normalize') else [crash, None] if req[1] == 'describe' else crash])
        out.write(json.dumps(replies))
        out.write('\n')
        out.flush()


if __name__ == '__main__':
    main()
