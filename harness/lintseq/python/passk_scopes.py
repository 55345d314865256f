"""What the walk of passk's Python linter (passk_walk.py) records and name resolution
(passk_names.py) reads: scopes with their bindings in source order, the functions and
classes defined, and the enclosing for/if/with/except of each use.
"""


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
