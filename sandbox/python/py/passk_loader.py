"""Loads the trusted runner modules into private namespaces.

The runner's own modules (passk_guard, passk_compare, passk_stdio, passk_core) are executed into plain
dicts that are never registered in sys.modules and get their own copy of the builtins,
taken before any untrusted code runs. A program can therefore neither patch them
(`sys.modules[...]`, `import builtins; builtins.len = ...`) nor reach their globals,
except through frame introspection, which the audit hook blocks (see passk_guard).
"""

import builtins
import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_PRISTINE_BUILTINS = dict(builtins.__dict__)


def pristine_builtins():
    """A fresh copy of the builtins as they were when the runner started."""
    return dict(_PRISTINE_BUILTINS)


def load_private(name, extra=None):
    """Executes py/<name>.py into a private namespace and returns that dict."""
    path = os.path.join(_HERE, name + ".py")
    with open(path, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__name__": name, "__file__": path, "__builtins__": pristine_builtins()}
    if extra:
        namespace.update(extra)
    exec(compile(source, path, "exec", dont_inherit=True), namespace)
    return namespace


def load_runner():
    """The private core, wired to private guard and compare modules."""
    guard = load_private("passk_guard")
    compare = load_private("passk_compare")
    stdio = load_private("passk_stdio", {"guard": guard})
    return load_private(
        "passk_core",
        {"guard": guard, "compare": compare, "stdio": stdio, "PRISTINE_BUILTINS": pristine_builtins()},
    )
