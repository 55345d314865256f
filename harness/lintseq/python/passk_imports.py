"""E0401 for passk's Python linter: whether a top-level module can be imported, by the
interpreter's own finder, cached across programs.
"""
import importlib.util

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
