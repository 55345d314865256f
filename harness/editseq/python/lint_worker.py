"""passk's Python linter, run as a warm worker by harness/editseq/python-linter.ts.

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
indent_unit] and [id, "indent", source] requests. Out: a list of [id, reply]: for "lint",
[[line, code, message], ...]; for "indent", the first INDENT's whitespace or null.
"""
import ast
import builtins
import importlib.util
import json
import sys

BUILTINS = frozenset(dir(builtins)) | {'__file__', '__path__', '__dict__', '__builtins__'}
LOOP = ast.For, ast.AsyncFor
FUNCTION = ast.FunctionDef, ast.AsyncFunctionDef
COMPREHENSION = ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp
CONTAINER = ast.List, ast.Tuple, ast.Set
_spec_cache = {}


def module_exists(name):
    found = _spec_cache.get(name)
    if found is None:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        _spec_cache[name] = found
    return found


class Scope:
    __slots__ = ('kind', 'parent', 'first', 'consumed', 'globals', 'nonlocals', 'defs', 'other', 'typed')

    def __init__(self, kind, parent):
        self.kind = kind  # module | function | lambda | class | comp
        self.parent = parent
        self.first = {}  # name -> (statement line, statement node, binding kind) of the first binding
        self.consumed = set()
        self.globals = set()
        self.nonlocals = set()
        self.defs = {}  # name -> [FunctionInfo] bound by def
        self.other = set()  # names also bound by something other than def
        self.typed = set()  # names only annotated (`x: int`)


class FunctionInfo:
    __slots__ = ('node', 'valued', 'returns', 'generator')

    def __init__(self, node):
        self.node = node
        self.valued = False  # has `return <not None>`
        self.returns = False  # has any return
        self.generator = False


class Context:
    """An enclosing for/if/with/except whose bindings make a later-line use 'defined before'."""
    __slots__ = ('parent', 'kind', 'names', 'scope')

    def __init__(self, parent, kind, names, scope):
        self.parent = parent
        self.kind = kind
        self.names = names  # name -> first line bound inside
        self.scope = scope


def maybe_used_and_assigned_at_once(stmt):
    """pylint's exemption for `x = a if x else b`-like statements."""
    value = getattr(stmt, 'value', None)
    if value is None:
        return False
    t = type(value)
    if t is ast.IfExp:
        return True
    if t in CONTAINER:
        return any(type(e) is ast.IfExp for e in value.elts)
    if t is ast.Lambda:
        return type(value.body) is ast.IfExp
    if t is ast.Dict:
        return any(type(k) is ast.IfExp or type(v) is ast.IfExp for k, v in zip(value.keys, value.values))
    if t is not ast.Call:
        return False
    for call in ast.walk(value):
        if type(call) is ast.Call:
            if any(type(a) is ast.IfExp for a in call.args) or any(type(k.value) is ast.IfExp for k in call.keywords):
                return True
            if type(call.func) is ast.Attribute and type(call.func.value) is ast.IfExp:
                return True
    return False


class Linter:
    def __init__(self, source, unit):
        self.lines = source.split('\n')
        self.unit = unit or '    '
        self.issues = []
        self.module = Scope('module', None)
        self.loads = []  # (scope, name, line, stmt_line, stmt, context, augassign)
        self.stmt = None  # the statement being visited
        self.stmt_line = 0
        self.ctx = None
        self.func = None
        self.loops = 0
        self.assign_calls = []
        self.nonlocal_uses = []
        self.star = False

    def issue(self, line, code, message):
        self.issues.append([line, code, message])

    # ---- bindings and loads
    def bind(self, scope, name, kind='other', info=None):
        if name in scope.globals:
            self.module.first.setdefault(name, (0, None, 'global'))
            self.module.other.add(name)
            return
        if name in scope.nonlocals:
            return
        if name not in scope.first:
            scope.first[name] = (self.stmt_line, self.stmt, kind)
        if info is None:
            scope.other.add(name)
        else:
            scope.defs.setdefault(name, []).append(info)
        c = self.ctx
        while c is not None and c.scope is scope:
            if c.kind == 'for' and name not in c.names:
                c.names[name] = self.stmt_line
            c = c.parent

    def load(self, scope, name, line, augassign=False):
        self.loads.append((scope, name, line, self.stmt_line, self.stmt, self.ctx, augassign))

    # ---- statements
    def body(self, stmts, scope, depth):
        for s in stmts:
            self.check_indent(s, depth)
            self.statement(s, scope, depth)

    def check_indent(self, s, depth):
        decorators = getattr(s, 'decorator_list', None)
        if decorators:
            line, col = decorators[0].lineno, decorators[0].col_offset - 1
        else:
            line, col = s.lineno, s.col_offset
        if line - 1 >= len(self.lines) or col < 0:
            return
        ws = self.lines[line - 1][:col]
        if ws.strip(' \t\f'):
            return  # not the first statement on its line
        unit = self.unit
        n = len(unit)
        level = 0
        while ws.startswith(unit):
            ws = ws[n:]
            level += 1
        if level != depth or ws:
            self.issue(line, 'W0311', 'bad indentation')

    @staticmethod
    def inner(header, stmts, depth):
        return depth + 1 if stmts and stmts[0].lineno > header.lineno else depth

    def enter(self, s):
        self.stmt = s
        self.stmt_line = s.lineno

    def statement(self, s, scope, depth):
        self.enter(s)
        t = type(s)
        if t is ast.Assign:
            for target in s.targets:
                self.target(target, scope)
            self.expr(s.value, scope)
            if type(s.value) is ast.Call:
                self.assign_calls.append((scope, s.value, s.lineno))
        elif t is ast.AugAssign:
            target = s.target
            if type(target) is ast.Name:
                self.load(scope, target.id, target.lineno, True)
            self.target(target, scope)
            self.expr(s.value, scope)
        elif t is ast.AnnAssign:
            if s.value is None and type(s.target) is ast.Name:
                scope.typed.add(s.target.id)
            else:
                self.target(s.target, scope)
            self.expr(s.annotation, scope)
            if s.value is not None:
                self.expr(s.value, scope)
        elif t in FUNCTION:
            self.function(s, scope, depth)
        elif t is ast.ClassDef:
            for e in s.decorator_list:
                self.expr(e, scope)
            for e in s.bases:
                self.expr(e, scope)
            for k in s.keywords:
                self.expr(k.value, scope)
            self.bind(scope, s.name, 'class')
            inner = Scope('class', scope)
            saved = self.func, self.loops, self.ctx
            self.func, self.loops = None, 0
            self.body(s.body, inner, self.inner(s, s.body, depth))
            self.func, self.loops, self.ctx = saved
        elif t in LOOP:
            saved = self.ctx
            self.ctx = Context(saved, 'for', {}, scope)
            self.target(s.target, scope)
            self.expr(s.iter, scope)
            self.loops += 1
            self.body(s.body, scope, self.inner(s, s.body, depth))
            self.loops -= 1
            self.body(s.orelse, scope, self.inner(s, s.orelse, depth))
            self.ctx = saved
        elif t is ast.While:
            self.expr(s.test, scope)
            self.loops += 1
            self.body(s.body, scope, self.inner(s, s.body, depth))
            self.loops -= 1
            self.body(s.orelse, scope, self.inner(s, s.orelse, depth))
        elif t is ast.If:
            names = {}
            for b in s.body:
                if type(b) is ast.Assign:
                    for target in b.targets:
                        if type(target) is ast.Name:
                            names.setdefault(target.id, b.lineno)
            saved = self.ctx
            self.ctx = Context(saved, 'if', names, scope)
            self.expr(s.test, scope)
            self.body(s.body, scope, self.inner(s, s.body, depth))
            self.ctx = saved
            orelse = s.orelse
            if len(orelse) == 1 and type(orelse[0]) is ast.If and orelse[0].col_offset == s.col_offset and orelse[0].lineno > s.lineno:
                self.check_indent(orelse[0], depth)  # elif
                self.statement(orelse[0], scope, depth)
            else:
                self.body(orelse, scope, self.inner(s, orelse, depth))
        elif t is ast.With or t is ast.AsyncWith:
            names = {}
            saved = self.ctx
            self.ctx = Context(saved, 'with', names, scope)
            for item in s.items:
                self.expr(item.context_expr, scope)
                if item.optional_vars is not None:
                    self.target(item.optional_vars, scope)
                    if type(item.optional_vars) is ast.Name:
                        names.setdefault(item.optional_vars.id, s.lineno)
            self.body(s.body, scope, self.inner(s, s.body, depth))
            self.ctx = saved
        elif t is ast.Try or t is getattr(ast, 'TryStar', None):
            self.body(s.body, scope, self.inner(s, s.body, depth))
            for h in s.handlers:
                self.check_indent(h, depth)
                self.enter(h)
                if h.type is not None:
                    self.expr(h.type, scope)
                saved = self.ctx
                if h.name:
                    self.bind(scope, h.name)
                    self.ctx = Context(saved, 'except', {h.name: h.lineno}, scope)
                self.body(h.body, scope, self.inner(h, h.body, depth))
                self.ctx = saved
            self.body(s.orelse, scope, self.inner(s, s.orelse, depth))
            self.body(s.finalbody, scope, self.inner(s, s.finalbody, depth))
        elif t is ast.Return:
            if self.func is None:
                self.issue(s.lineno, 'E0104', "'return' outside function")
            else:
                self.func.returns = True
                v = s.value
                if v is not None and not (type(v) is ast.Constant and v.value is None):
                    self.func.valued = True
            if s.value is not None:
                self.expr(s.value, scope)
        elif t is ast.Break or t is ast.Continue:
            if self.loops == 0:
                self.issue(s.lineno, 'E0103', 'not in loop')
        elif t is ast.Import:
            for a in s.names:
                if not module_exists(a.name.split('.')[0]):
                    self.issue(s.lineno, 'E0401', 'import error')
                self.bind(scope, a.asname or a.name.split('.')[0])
        elif t is ast.ImportFrom:
            if s.level == 0 and s.module and not module_exists(s.module.split('.')[0]):
                self.issue(s.lineno, 'E0401', 'import error')
            for a in s.names:
                if a.name == '*':
                    self.star = True
                else:
                    self.bind(scope, a.asname or a.name)
        elif t is ast.Global:
            if scope is not self.module:
                scope.globals.update(s.names)
        elif t is ast.Nonlocal:
            scope.nonlocals.update(s.names)
            for n in s.names:
                self.nonlocal_uses.append((scope, n, s.lineno))
        elif t is ast.Delete:
            for target in s.targets:
                if type(target) is ast.Name:
                    self.load(scope, target.id, target.lineno)
                else:
                    self.expr(target, scope)
        elif t is ast.Match:
            self.expr(s.subject, scope)
            for case in s.cases:
                self.expr(case.pattern, scope)
                if case.guard is not None:
                    self.expr(case.guard, scope)
                self.body(case.body, scope, self.inner(case.pattern, case.body, depth + 1))
        elif t is ast.Expr:
            self.expr(s.value, scope)
        else:  # Pass, Raise, Assert
            for field in s._fields:
                v = getattr(s, field)
                if isinstance(v, ast.AST):
                    self.expr(v, scope)

    def target(self, e, scope):
        t = type(e)
        if t is ast.Name:
            self.bind(scope, e.id)
        elif t is ast.Tuple or t is ast.List:
            for x in e.elts:
                self.target(x, scope)
        elif t is ast.Starred:
            self.target(e.value, scope)
        else:  # subscript or attribute: loads
            self.expr(e, scope)

    def function(self, s, scope, depth):
        for e in s.decorator_list:
            self.expr(e, scope)
        a = s.args
        for d in a.defaults:
            self.expr(d, scope)
        for d in a.kw_defaults:
            if d is not None:
                self.expr(d, scope)
        params = a.posonlyargs + a.args + a.kwonlyargs
        if a.vararg:
            params.append(a.vararg)
        if a.kwarg:
            params.append(a.kwarg)
        for arg in params:
            if arg.annotation is not None:
                self.expr(arg.annotation, scope)
        if s.returns is not None:
            self.expr(s.returns, scope)
        info = FunctionInfo(s)
        self.bind(scope, s.name, 'def', info)
        inner = Scope('function', scope)
        for arg in params:
            inner.first[arg.arg] = (0, None, 'arg')
            inner.other.add(arg.arg)
        saved = self.func, self.loops, self.ctx
        self.func, self.loops, self.ctx = info, 0, None
        self.body(s.body, inner, self.inner(s, s.body, depth))
        self.func, self.loops, self.ctx = saved
        self.enter(s)

    # ---- expressions
    def expr(self, e, scope):
        t = type(e)
        if t is ast.Name:
            if type(e.ctx) is ast.Load:
                self.load(scope, e.id, e.lineno)
            else:
                self.bind(scope, e.id)
            return
        if t is ast.Constant:
            return
        if t is ast.Attribute:
            self.expr(e.value, scope)
            return
        if t is ast.Call:
            self.expr(e.func, scope)
            for x in e.args:
                self.expr(x, scope)
            for k in e.keywords:
                self.expr(k.value, scope)
            return
        if t is ast.BinOp:
            self.expr(e.left, scope)
            self.expr(e.right, scope)
            return
        if t is ast.Compare:
            self.expr(e.left, scope)
            for x in e.comparators:
                self.expr(x, scope)
            return
        if t is ast.Subscript:
            self.expr(e.value, scope)
            self.expr(e.slice, scope)
            return
        if t is ast.Lambda:
            a = e.args
            for d in a.defaults:
                self.expr(d, scope)
            for d in a.kw_defaults:
                if d is not None:
                    self.expr(d, scope)
            inner = Scope('lambda', scope)
            for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
                if arg is not None:
                    inner.first[arg.arg] = (0, None, 'arg')
            saved = self.func, self.loops, self.ctx
            self.func, self.loops, self.ctx = FunctionInfo(e), 0, None
            self.expr(e.body, inner)
            self.func, self.loops, self.ctx = saved
            return
        if t in COMPREHENSION:
            gens = e.generators
            self.expr(gens[0].iter, scope)
            inner = Scope('comp', scope)
            saved = self.ctx
            self.ctx = None
            for i, g in enumerate(gens):
                if i:
                    self.expr(g.iter, inner)
                self.target(g.target, inner)
                for c in g.ifs:
                    self.expr(c, inner)
            if t is ast.DictComp:
                self.expr(e.key, inner)
                self.expr(e.value, inner)
            else:
                self.expr(e.elt, inner)
            self.ctx = saved
            return
        if t is ast.NamedExpr:
            self.expr(e.value, scope)
            target_scope = scope
            while target_scope.kind == 'comp':
                target_scope = target_scope.parent
            self.bind(target_scope, e.target.id)
            return
        if t is ast.Yield or t is ast.YieldFrom:
            if self.func is None:
                self.issue(e.lineno, 'E0105', "'yield' outside function")
            else:
                self.func.generator = True
        elif t is ast.MatchAs or t is ast.MatchStar:
            if e.name:
                self.bind(scope, e.name)
        elif t is ast.MatchMapping and e.rest:
            self.bind(scope, e.rest)
        for field in e._fields:
            v = getattr(e, field)
            if isinstance(v, ast.AST):
                self.expr(v, scope)
            elif type(v) is list:
                for x in v:
                    if isinstance(x, ast.AST):
                        self.expr(x, scope)

    # ---- resolution, after the walk (every binding is known)
    def find(self, scope, name):
        """The scope whose binding a use of `name` in `scope` reads, and whether a
        function or lambda boundary lies between them."""
        s = scope
        deferred = False
        while s is not None:
            if name in s.globals:
                return (self.module if name in self.module.first else None), True
            if (s is scope or s.kind != 'class') and name not in s.nonlocals and (name in s.first or name in s.typed):
                return s, deferred
            if s.kind in ('function', 'lambda'):
                deferred = True
            s = s.parent
        return None, deferred

    @staticmethod
    def defined_before(name, line, ctx, module_level):
        c = ctx
        while c is not None:
            first = c.names.get(name)
            if first is not None and (not module_level or first < line):
                return True
            c = c.parent
        return False

    def resolve(self):
        for scope, name, line in self.nonlocal_uses:
            s = scope.parent
            while s is not None and not (s.kind in ('function', 'lambda') and name in s.first):
                s = s.parent
            if s is None:
                self.issue(line, 'E0117', 'nonlocal name %r found without binding' % name)
        for scope, name, line, stmt_line, stmt, ctx, augassign in self.loads:
            owner, deferred = self.find(scope, name)
            while True:
                if owner is None:
                    if not (name in BUILTINS or self.star or name in ('__class__', '__module__', '__qualname__')):
                        self.issue(line, 'E0602', 'undefined variable %r' % name)
                    break
                if name in owner.consumed:
                    break
                owner.consumed.add(name)
                if name in owner.typed and name not in owner.first:
                    self.issue(line, 'E0601', 'used before assignment %r' % name)
                    break
                if deferred or owner.kind == 'lambda' or owner.kind == 'comp':
                    break
                def_line, def_stmt, kind = owner.first[name]
                if kind == 'def' and owner.kind == 'module':
                    break  # pylint: a module-level function is found in another frame
                if stmt_line > def_line or self.defined_before(name, line, ctx, owner.kind == 'module'):
                    break
                if def_stmt is stmt:
                    if augassign:
                        # `x += 1` defines x by itself: look further out, as pylint does.
                        owner, deferred = self.find(owner.parent, name) if owner.parent else (None, True)
                        deferred = True
                        continue
                    if stmt_line == def_line and maybe_used_and_assigned_at_once(stmt):
                        break
                self.issue(line, 'E0601', 'used before assignment %r' % name)
                break
        for scope, call, line in self.assign_calls:
            info = self.callee(scope, call.func)
            if info is None:
                continue
            node = info.node
            if node.decorator_list or info.generator or type(node) is ast.AsyncFunctionDef:
                continue
            body = [b for b in node.body if not (type(b) is ast.Expr and type(b.value) is ast.Constant)]
            if len(body) == 1 and type(body[0]) is ast.Raise:
                continue  # abstract or error-only functions
            if not info.returns:
                self.issue(line, 'E1111', 'assignment from no return')
            elif not info.valued:
                self.issue(line, 'E1128', 'assignment from none')

    def callee(self, scope, func):
        if type(func) is not ast.Name:
            return None
        owner, _ = self.find(scope, func.id)
        if owner is None or func.id in owner.other:
            return None
        defs = owner.defs.get(func.id)
        return defs[0] if defs and len(defs) == 1 else None


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
    linter = Linter(source, unit)
    try:
        linter.body(tree.body, linter.module, 0)
        linter.resolve()
    except RecursionError:
        return [[1, 'F0002', 'too deeply nested']]
    return linter.issues


def first_indent(source):
    """The first INDENT token's whitespace: the program's indent unit, or None."""
    import io
    import tokenize
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.INDENT:
                return tok.string
    except (tokenize.TokenError, SyntaxError):
        return None
    return None


def main():
    out = sys.stdout
    for raw in sys.stdin:
        replies = []
        for req in json.loads(raw):
            if req[1] == 'indent':
                replies.append([req[0], first_indent(req[2])])
            else:
                replies.append([req[0], lint(req[2], req[3])])
        out.write(json.dumps(replies))
        out.write('\n')
        out.flush()


if __name__ == '__main__':
    main()
