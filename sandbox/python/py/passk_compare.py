"""Output comparison for differential tests, following evalplus's `unsafe_execute`.

Per input: `exact = out == exp`, then the task's special oracle if it has one, then, when
the expected output is a float (or a non-empty list/tuple of floats) and atol is 0, atol
becomes 1e-6 for this and every later input (evalplus mutates its loop variable); a
non-exact output passes when its type (and length) match and `np.allclose(out, exp,
rtol=1e-07, atol=atol)` holds. numpy is not needed: `allclose` below implements its
semantics (broadcasting, inf equal to inf of the same sign, nan never close).

Loaded privately (passk_loader): the program cannot patch these functions.
"""

import math

_pow = math.pow
_isfinite = math.isfinite
RTOL = 1e-07
FLOAT_ATOL = 1e-6


def is_floats(x):
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)) and x:
        return all(isinstance(i, float) for i in x)
    return False


def poly(xs, x):
    return sum([c * _pow(x, i) for i, c in enumerate(xs)])


def _shape(x):
    if isinstance(x, (list, tuple)):
        if not x:
            return (0,)
        shapes = [_shape(e) for e in x]
        for s in shapes:
            if s != shapes[0]:
                raise ValueError("ragged nested sequence")
        return (len(x),) + shapes[0]
    if isinstance(x, (bool, int, float, complex)):
        return ()
    raise TypeError("not a number: " + type(x).__name__)


def _broadcast(a, b):
    a = (1,) * (len(b) - len(a)) + a
    b = (1,) * (len(a) - len(b)) + b
    shape = []
    for m, n in zip(a, b):
        if m != n and m != 1 and n != 1:
            raise ValueError("shapes do not broadcast")
        shape.append(n if m == 1 else m)
    return tuple(shape)


def _at(x, shape, index):
    # Leading broadcast dimensions are skipped; a dimension of size 1 repeats.
    for dim, i in zip(shape, index[len(index) - len(shape):]):
        x = x[0 if dim == 1 else i]
    return x


def _indexes(shape):
    if not shape:
        yield ()
        return
    for i in range(shape[0]):
        for rest in _indexes(shape[1:]):
            yield (i,) + rest


def _finite(v):
    if isinstance(v, complex):
        return _isfinite(v.real) and _isfinite(v.imag)
    return _isfinite(v)


def allclose(out, exp, rtol, atol):
    a, b = _shape(out), _shape(exp)
    shape = _broadcast(a, b)
    for index in _indexes(shape):
        x, y = _at(out, a, index), _at(exp, b, index)
        if _finite(x) and _finite(y):
            if not abs(x - y) <= atol + rtol * abs(y):
                return False
        elif not x == y:
            return False
    return True


def matches(out, exp, inp, atol, oracle):
    """(passed, atol for the next input). Exceptions mean "not passed" (as in evalplus)."""
    if oracle == "poly-root":
        return abs(poly(*inp, out)) <= atol, atol
    exact = out == exp
    if oracle == "any-output":
        exact = True
    elif oracle == "zero-or-equal":
        exact = exact or out == 0
    elif oracle == "not-none":
        exact = out == exp if isinstance(out, bool) else exp == (out is not None)
    if atol == 0 and is_floats(exp):
        atol = FLOAT_ATOL
    if not exact and atol != 0:
        if type(out) != type(exp):
            return False, atol
        if isinstance(exp, (list, tuple)) and len(out) != len(exp):
            return False, atol
        return allclose(out, exp, RTOL, atol), atol
    return bool(exact), atol
