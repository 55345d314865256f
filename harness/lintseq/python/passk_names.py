"""Name resolution for passk's Python linter, after the walk (passk_walk.py) has seen every
binding: undefined names and uses before assignment with pylint 2.16's rules, nonlocal
names without a binding, assignments from calls to functions that return nothing, and
__init__ methods that do not call a base class's __init__ (W0231; bases defined in the
program only, as builtin bases are not reported by pylint either).
"""
import ast
import builtins

BUILTINS = frozenset(dir(builtins)) | {'__file__', '__path__', '__dict__', '__builtins__'}
CONTAINER = ast.List, ast.Tuple, ast.Set


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


def find(w, scope, name):
    """The scope whose binding a use of `name` in `scope` reads, and whether a
    function or lambda boundary lies between them."""
    s = scope
    deferred = False
    while s is not None:
        if name in s.globals:
            return (w.module if name in w.module.first else None), True
        if (s is scope or s.kind != 'class') and name not in s.nonlocals and (name in s.first or name in s.typed):
            return s, deferred
        if s.kind in ('function', 'lambda'):
            deferred = True
        s = s.parent
    return None, deferred


def defined_before(name, line, ctx, module_level):
    c = ctx
    while c is not None:
        first = c.names.get(name)
        if first is not None and (not module_level or first < line):
            return True
        c = c.parent
    return False


def resolve(w):
    """Adds the name issues of a finished walk `w` to `w.issues`."""
    for scope, name, line in w.nonlocal_uses:
        s = scope.parent
        while s is not None and not (s.kind in ('function', 'lambda') and name in s.first):
            s = s.parent
        if s is None:
            w.issue(line, 'E0117', 'nonlocal name %r found without binding' % name)
    for scope, name, line, stmt_line, stmt, ctx, augassign in w.loads:
        owner, deferred = find(w, scope, name)
        while True:
            if owner is None:
                if not (name in BUILTINS or w.star or name in ('__class__', '__module__', '__qualname__')):
                    w.issue(line, 'E0602', 'undefined variable %r' % name)
                break
            if name in owner.consumed:
                break
            owner.consumed.add(name)
            if name in owner.typed and name not in owner.first:
                w.issue(line, 'E0601', 'used before assignment %r' % name)
                break
            if deferred or owner.kind == 'lambda' or owner.kind == 'comp':
                break
            def_line, def_stmt, kind = owner.first[name]
            if kind == 'def' and owner.kind == 'module':
                break  # as pylint does: a module-level function lives in another frame
            if stmt_line > def_line or defined_before(name, line, ctx, owner.kind == 'module'):
                break
            if def_stmt is stmt:
                if augassign:
                    # `x += 1` defines x by itself: look further out, as pylint does.
                    owner, deferred = find(w, owner.parent, name) if owner.parent else (None, True)
                    deferred = True
                    continue
                if stmt_line == def_line and maybe_used_and_assigned_at_once(stmt):
                    break
            w.issue(line, 'E0601', 'used before assignment %r' % name)
            break
    check_init_calls(w)
    for scope, call, line in w.assign_calls:
        info = callee(w, scope, call.func)
        if info is None:
            continue
        node = info.node
        if node.decorator_list or info.generator or type(node) is ast.AsyncFunctionDef:
            continue
        body = [b for b in node.body if not (type(b) is ast.Expr and type(b.value) is ast.Constant)]
        if len(body) == 1 and type(body[0]) is ast.Raise:
            continue  # abstract or error-only functions
        if not info.returns:
            w.issue(line, 'E1111', 'assignment from no return')
        elif not info.valued:
            w.issue(line, 'E1128', 'assignment from none')


def callee(w, scope, func):
    if type(func) is not ast.Name:
        return None
    owner, _ = find(w, scope, func.id)
    if owner is None or func.id in owner.other:
        return None
    defs = owner.defs.get(func.id)
    return defs[0] if defs and len(defs) == 1 else None


def class_of(w, scope, base):
    """The one class statement a base expression names, or None."""
    if type(base) is not ast.Name:
        return None
    owner, _ = find(w, scope, base.id)
    if owner is None or base.id in owner.defs:
        return None
    infos = owner.classes.get(base.id)
    return infos[0] if infos and len(infos) == 1 else None


def has_init(w, info, depth=0):
    """Whether a class defines __init__ itself or through bases defined in the program."""
    if info.init is not None:
        return True
    if depth > 20:
        return False
    return any(has_init(w, b, depth + 1) for b in (class_of(w, info.scope, x) for x in info.node.bases) if b is not None)


def check_init_calls(w):
    for info in w.class_infos:
        if info.init is None or info.super_called:
            continue
        for base in info.node.bases:
            b = class_of(w, info.scope, base)
            if b is not None and has_init(w, b) and base.id not in info.direct_calls:
                w.issue(info.init.lineno, 'W0231', '__init__ method from base class %r is not called' % base.id)

