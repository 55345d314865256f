"""The expression half of the walk of passk's Python linter: binding targets, default
values, and every expression: name loads and stores, the calls an __init__ makes (for
W0231), lambdas and comprehensions with their own scopes, walrus targets, yield outside a
function (E0105), match-pattern captures. A mixin of passk_walk.Walker, whose state
(scopes, bindings, the enclosing function and context) it reads and updates.
"""
import ast

from passk_scopes import FunctionInfo, Scope

COMPREHENSION = ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp
# Newer syntax, absent from older Pythons' ast (an absent type never matches).
MATCH_NAMES = tuple(getattr(ast, n) for n in ('MatchAs', 'MatchStar') if hasattr(ast, n))
MATCH_MAPPING = getattr(ast, 'MatchMapping', ())


class Expressions:
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
