"""The single AST pass of passk's Python linter, its statement half: scopes and their
bindings in source order, every use of a name with its statement and enclosing
for/if/with/except, statements out of context (return/yield outside a function, break/
continue outside a loop: E0104/E0105/E0103), bad indentation (W0311, passk_indent.py),
imports of missing modules (E0401, passk_imports.py), and what each class's __init__ calls
(for W0231). Expressions are walked by the Expressions mixin (passk_expressions.py); what
the walk records is in passk_scopes.py; resolution happens afterwards (passk_names.py).
"""
import ast

from passk_expressions import Expressions
from passk_imports import module_exists
from passk_indent import bad_indentation
from passk_scopes import ClassInfo, Context, FunctionInfo, Scope

LOOP = ast.For, ast.AsyncFor
FUNCTION = ast.FunctionDef, ast.AsyncFunctionDef
# Newer syntax, absent from older Pythons' ast (an absent type never matches).
MATCH = getattr(ast, 'Match', ())
TRY = tuple(getattr(ast, n) for n in ('Try', 'TryStar') if hasattr(ast, n))


class Walker(Expressions):
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
        line = bad_indentation(self.lines, self.unit, s, depth)
        if line is not None:
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
