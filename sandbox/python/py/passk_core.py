"""Runs one job (a candidate program and its tests, or a reference program on its inputs)
and reports the outcome on the report fd, then ends the process with os._exit.

Loaded privately by passk_loader with `guard`, `compare` and `PRISTINE_BUILTINS` injected.

Report protocol (one line each, on the report fd, never on stdout):
    \\nPASSK <nonce> started                  the trusted preparation is done
    \\nPASSK <nonce> <verdict> <detail>       the outcome; verdict in VERDICT_TOKENS
The nonce is per execution and never stored where the program can reach it (it lives in
locals of run_job, and frames are blocked by the guard). `passed` is written only on the
path where the tests returned; everything the report path needs was captured before the
program ran, and the process ends with os._exit so atexit handlers never run.
"""

import base64
import builtins
import copy
import gc
import os
import pickle
import signal
import sys
import types

_write = os.write
_exit = os._exit
_collect = gc.collect
_set_signal = signal.signal
_setitimer = signal.setitimer
_SIG_IGN = signal.SIG_IGN
_TIMERS = (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)
# The signals that can still arrive once the tests returned: the program's own timers,
# and those a leftover thread of the program could send to this process.
_QUIETED = [
    signal.SIGALRM, signal.SIGVTALRM, signal.SIGPROF, signal.SIGTERM, signal.SIGINT,
    signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGCHLD, signal.SIGIO,
]
_deepcopy = copy.deepcopy
_b64decode = base64.b64decode
_b64encode = base64.b64encode
_loads = pickle.loads
_dumps = pickle.dumps
_ModuleType = types.ModuleType
_real_builtins = builtins
_modules = sys.modules

VERDICT_TOKENS = {
    "failed": b"failed",
    "error": b"error",
    "syntax_error": b"syntax_error",
    "memory": b"memory",
    "fault": b"fault",
}
DETAIL_CHARS = 400
CANDIDATE_MODULE = "__candidate__"


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[_write(fd, view):]


def clip(text):
    text = "".join((text,)).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 3] + "..."


def describe(exc):
    try:
        name = type(exc).__name__
    except BaseException:
        name = "exception"
    if isinstance(exc, SystemExit):
        try:
            code = repr(exc.code)
        except BaseException:
            code = "?"
        return "SystemExit(" + code + "): the program exited before the tests finished"
    if isinstance(exc, MemoryError):
        return "MemoryError"
    try:
        message = str(exc)
    except BaseException:
        message = ""
    return name + ": " + message if message else name


def safe_repr(value):
    try:
        return clip(repr(value))
    except BaseException:
        return "<unprintable>"


def verdict_for(exc, assertion_fails):
    if isinstance(exc, MemoryError):
        return "memory"
    if assertion_fails and isinstance(exc, AssertionError):
        return "failed"
    return "error"


def compile_source(source, filename):
    return compile(source, filename, "exec", dont_inherit=True)


def prepare(job):
    """Trusted work before any untrusted code: compile, decode inputs and expected outputs.
    Returns (prepared, None) or (None, syntax error detail). Raises on harness faults."""
    kind = job["kind"]
    prepared = {"kind": kind}
    if kind in ("python-check", "python-asserts"):
        prepared["test"] = compile_source(job["test"], "<test>")
    if kind in ("python-differential", "reference"):
        scope = {"__builtins__": dict(PRISTINE_BUILTINS), "inf": float("inf"), "nan": float("nan")}
        prepared["inputs"] = eval(compile(job["inputs"], "<inputs>", "eval", dont_inherit=True), scope)
    if kind == "python-differential":
        prepared["expected"] = _loads(_b64decode(job["expected"]))
        if len(prepared["expected"]) != len(prepared["inputs"]):
            raise ValueError("expected outputs and inputs differ in length")
    elif kind not in ("python-check", "python-asserts", "reference"):
        raise ValueError("unknown job kind " + repr(kind))
    try:
        prepared["program"] = compile_source(job["program"], "<candidate>")
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        return None, describe(exc)
    return prepared, None


def fresh_namespace():
    module = _ModuleType(CANDIDATE_MODULE)
    _modules[CANDIDATE_MODULE] = module
    module.__dict__["__builtins__"] = _real_builtins
    return module.__dict__


def test_namespace(program_ns):
    # The tests see the program's names but pristine builtins, so patching the builtins
    # module cannot weaken the checker.
    ns = dict(program_ns)
    ns["__builtins__"] = dict(PRISTINE_BUILTINS)
    return ns


def run_tests(prepared, job, scratch):
    """Runs the untrusted part. None when the tests returned; else (verdict, detail)."""
    kind = prepared["kind"]
    program_ns = fresh_namespace()
    scratch.append(program_ns)
    try:
        exec(prepared["program"], program_ns)
        if kind == "python-differential":
            return run_differential(prepared, job, program_ns)
        ns = test_namespace(program_ns)
        scratch.append(ns)
        exec(prepared["test"], ns)
        if kind == "python-check":
            check = ns.get("check")
            if not callable(check):
                return "fault", "the test defines no check() function"
            entry = job["entryPoint"]
            if entry not in ns:
                return "error", "NameError: name '" + entry + "' is not defined"
            check(ns[entry])
        return None
    except BaseException as exc:
        return verdict_for(exc, True), describe(exc)


def run_differential(prepared, job, program_ns):
    entry = job["entryPoint"]
    fn = program_ns.get(entry)
    if not callable(fn):
        return "error", "NameError: the program defines no function " + entry
    atol = job.get("atol") or 0
    oracle = job.get("oracle")
    expected = prepared["expected"]
    for i, inp in enumerate(prepared["inputs"]):
        try:
            # A deep copy, as the reference got: lists built by a literal and by a copy
            # differ in sys.getsizeof (Mbpp/596), and the candidate may mutate its input.
            out = fn(*_deepcopy(inp))
        except BaseException as exc:
            return verdict_for(exc, False), "input " + str(i) + ": " + describe(exc)
        exp = expected[i]
        try:
            ok, atol = compare["matches"](out, exp, inp, atol, oracle)
        except BaseException:
            ok = False
        if not ok:
            return "failed", "input " + str(i) + ": expected " + safe_repr(exp) + ", got " + safe_repr(out)
    return None


def run_reference(prepared, job):
    """Trusted: the reference program's outputs on deep copies of the inputs, pickled."""
    ns = fresh_namespace()
    exec(prepared["program"], ns)
    fn = ns[job["entryPoint"]]
    outputs = []
    for inp in prepared["inputs"]:
        outputs.append(fn(*_deepcopy(inp)))
    if job.get("oracle") == "not-none":
        outputs = [out is not None for out in outputs]
    return _b64encode(_dumps(outputs, protocol=4))


def quiet_signals():
    for which in _TIMERS:
        _setitimer(which, 0)
    for sig in _QUIETED:
        try:
            _set_signal(sig, _SIG_IGN)
        except (OSError, ValueError, RuntimeError):
            pass
    try:
        _set_signal(signal.SIGPIPE, _SIG_IGN)
    except (OSError, ValueError, RuntimeError):
        pass


def run_job(job, report_fd, workdir):
    """Never returns."""
    head = b"\nPASSK " + job["nonce"].encode("ascii") + b" "
    stdout, stderr = sys.stdout, sys.stderr

    def emit(token, detail):
        line = head + token
        if detail:
            line += b" " + clip(detail).encode("utf-8", "backslashreplace")
        write_all(report_fd, line + b"\n")

    try:
        prepared, syntax_detail = prepare(job)
        if prepared is None:
            emit(b"syntax_error", syntax_detail)
            _exit(0)
        guard["apply_limits"](job["limits"])
    except BaseException as exc:
        emit(b"fault", "runner preparation failed: " + describe(exc))
        _exit(0)
    emit(b"started", None)

    if prepared["kind"] == "reference":
        try:
            guard["install"](workdir)
            payload = run_reference(prepared, job)
        except BaseException as exc:
            emit(b"fault", "the reference program raised " + describe(exc))
            _exit(0)
        write_all(report_fd, head + b"reference " + payload + b"\n")
        _exit(0)

    scratch = []
    outcome = ("error", "the runner could not start the program")
    try:
        guard["install"](workdir)
        outcome = run_tests(prepared, job, scratch)
    except BaseException as exc:
        outcome = (verdict_for(exc, True), describe(exc))
    # From here on only captured references are used; the program may have patched anything.
    try:
        quiet_signals()
        guard["release_memory_reserve"]()
        if outcome is not None and outcome[0] == "memory":
            for ns in scratch:
                ns.clear()
            scratch = None
            _collect()
        for stream in (stdout, stderr):
            stream.flush()
    except BaseException:
        pass
    if outcome is None:
        write_all(report_fd, head + b"passed\n")
        _exit(0)
    try:
        token = VERDICT_TOKENS.get(outcome[0], b"error")
        emit(token, outcome[1])
    finally:
        _exit(0)
