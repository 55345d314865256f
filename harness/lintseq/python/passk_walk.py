"""The single AST pass of passk's Python linter: scopes and their bindings in source order,
every use of a name with its statement and enclosing for/if/with/except, statements out of
context (return/yield outside a function, break/continue outside a loop, E0104/E0105/E0103),
bad indentation (W0311, pylint's rule with the program's indent unit), imports of missing
modules (E0401), and what each class's __init__ calls (for W0231). Resolution happens
afterwards (passk_names.py).
"""
import ast
import importlib.util

LOOP = ast.For, ast.AsyncFor
FUNCTION = ast.FunctionDef, ast.AsyncFunctionDef
COMPREHENSION = ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp
# Newer syntax, absent from older Pythons' ast (an absent type never matches).
MATCH = getattr(ast, 'Match', ())
MATCH_NAMES = tuple(getattr(ast, n) for n in ('MatchAs', 'MatchStar') if hasattr(ast, n))
MATCH_MAPPING = getattr(ast, 'MatchMapping', ())
TRY = tuple(getattr(ast, n) for n in ('Try', 'TryStar') if hasattr(ast, n))
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
    __slots__ = ('kind', 'parent', 'first', 'consumed', 'globals', 'nonlocals', 'defs', 'other', 'typed', 'classes')

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
        self.classes = {}  # name -> [ClassInfo] bound by class statements


class FunctionInfo:
    __slots__ = ('node', 'valued', 'returns', 'generator')

    def __init__(self, node):
        self.node = node
        self.valued = False  # has `return <not None>`
        self.returns = False  # has any return
        self.generator = False


class ClassInfo:
    """A class statement, for W0231: its bases and what its own __init__ calls."""
    __slots__ = ('node', 'scope', 'init', 'super_called', 'direct_calls')

    def __init__(self, node, scope):
        self.node = node
        self.scope = scope  # where the class statement is (its bases resolve there)
        self.init = None  # its own __init__ FunctionDef
        self.super_called = False
        self.direct_calls = set()  # X in X.__init__(...) calls inside its __init__


class Context:
    """An enclosing for/if/with/except whose bindings make a later-line use 'defined before'."""
    __slots__ = ('parent', 'kind', 'names', 'scope')

    def __init__(self, parent, kind, names, scope):
        self.parent = parent
        self.kind = kind
        self.names = names  # name -> first line bound inside
        self.scope = scope


class Walker:
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
        self.class_infos = []
        self.klass = None  # the class whose body is being walked (not its methods' bodies)
        self.init_of = None  # the ClassInfo whose __init__ body is being walked
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
            info = ClassInfo(s, scope)
            scope.classes.setdefault(s.name, []).append(info)
            self.class_infos.append(info)
            inner = Scope('class', scope)
            saved = self.func, self.loops, self.ctx, self.klass
            self.func, self.loops, self.klass = None, 0, info
            self.body(s.body, inner, self.inner(s, s.body, depth))
            self.func, self.loops, self.ctx, self.klass = saved
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
        elif t in TRY:
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
        elif t is MATCH:
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

    def defaults(self, a, scope):
        """Default values are evaluated in the enclosing scope, when the def or lambda runs."""
        for d in a.defaults:
            self.expr(d, scope)
        for d in a.kw_defaults:
            if d is not None:
                self.expr(d, scope)

    def function(self, s, scope, depth):
        for e in s.decorator_list:
            self.expr(e, scope)
        a = s.args
        self.defaults(a, scope)
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
        klass = self.klass
        if klass is not None and s.name == '__init__' and scope.kind == 'class' and klass.init is None:
            klass.init = s
        saved = self.func, self.loops, self.ctx, self.init_of
        self.func, self.loops, self.ctx = info, 0, None
        self.init_of = klass if klass is not None and klass.init is s else None
        self.klass = None
        self.body(s.body, inner, self.inner(s, s.body, depth))
        self.func, self.loops, self.ctx, self.init_of = saved
        self.klass = klass
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
            f = e.func
            if self.init_of is not None and type(f) is ast.Attribute and f.attr == '__init__':
                v = f.value
                if type(v) is ast.Call and type(v.func) is ast.Name and v.func.id == 'super':
                    self.init_of.super_called = True
                elif type(v) is ast.Name:
                    self.init_of.direct_calls.add(v.id)
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
            self.defaults(a, scope)
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
        elif t in MATCH_NAMES:
            if e.name:
                self.bind(scope, e.name)
        elif t is MATCH_MAPPING and e.rest:
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
