"""Runs one job (a candidate program and its tests, or a reference program on its inputs)
and reports the outcome on the report fd, then ends the process with os._exit.

Loaded privately by passk_loader with `guard`, `compare` and `PRISTINE_BUILTINS` injected.

Report protocol (one line each, on the report fd, never on stdout):
    \\nPASSK <nonce> started                  the trusted preparation is done
    \\nPASSK <nonce> input <i> <ms>           per-input rule: input i is called now, limit ms
    \\nPASSK <nonce> tests <json>             unittest jobs: each test's own outcome
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
import json
import marshal
import os
import pickle
import signal
import sys
import time
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
_marshal_dumps = marshal.dumps
_marshal_loads = marshal.loads
_CodeType = types.CodeType
_dumps = pickle.dumps
_Pickler = pickle.Pickler
_perf_counter = time.perf_counter
_process_time = time.process_time
_ModuleType = types.ModuleType
_real_builtins = builtins
_modules = sys.modules
_json_dumps = json.dumps
_os_module = os
_sys_module = sys

VERDICT_TOKENS = {
    "passed": b"passed",
    "failed": b"failed",
    "timeout": b"timeout",
    "output_limit": b"output_limit",
    "error": b"error",
    "syntax_error": b"syntax_error",
    "memory": b"memory",
    "fault": b"fault",
}
DETAIL_CHARS = 400
CANDIDATE_MODULE = "__candidate__"
# BigCodeBench runs program and tests as this module (bigcodebench/eval unsafe_execute).
UNITTEST_MODULE = "__test__"
TEST_DETAIL_CHARS = 200
# Jobs whose programs import third-party libraries: the guard's library profile (passk_guard).
LIBRARY_KINDS = ("python-unittest", "python-code-context")
# A reference output whose pickle is larger than this is dropped (its input is skipped).
DEFAULT_OUTPUT_CAP_BYTES = 8 << 20


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


def inputs_code(job):
    """The inputs' literal, compiled. A reference compiles it, and passes the code on as
    marshal (what a .pyc holds); its candidates load that instead of compiling a large
    literal per program. The reference evaluates the loaded copy too, so candidates and
    reference build their inputs from the same code. Returns (code, marshal bytes)."""
    packed = job.get("inputsCode")
    if packed is None:
        packed = _marshal_dumps(compile(job["inputs"], "<inputs>", "eval", dont_inherit=True))
    else:
        packed = _b64decode(packed)
    code = _marshal_loads(packed)
    if type(code) is not _CodeType:
        raise ValueError("the inputs' code is not a code object")
    return code, packed


def prepare(job):
    """Trusted work before any untrusted code: compile, decode inputs and expected outputs.
    Returns (prepared, None) or (None, syntax error detail). Raises on harness faults."""
    kind = job["kind"]
    prepared = {"kind": kind}
    if kind in ("python-check", "python-asserts", "python-unittest", "python-code-context"):
        prepared["test"] = compile_source(job["test"], "<test>")
    if kind == "python-unittest":
        import unittest

        prepared["unittest"] = (unittest.TestLoader(), unittest_result_class(unittest))
    if kind in ("python-differential", "reference"):
        scope = {"__builtins__": dict(PRISTINE_BUILTINS), "inf": float("inf"), "nan": float("nan")}
        code, prepared["inputs_code"] = inputs_code(job)
        prepared["inputs"] = eval(code, scope)
    if kind == "python-differential":
        # One pickle per output; None where the reference dropped the input (run_reference).
        pickled = _loads(_b64decode(job["expected"]))
        if len(pickled) != len(prepared["inputs"]):
            raise ValueError("expected outputs and inputs differ in length")
        prepared["dropped"] = frozenset(i for i, p in enumerate(pickled) if p is None)
        prepared["expected"] = [None if p is None else _loads(p) for p in pickled]
        limits_ms = job.get("inputLimitsMs")
        if limits_ms is not None:
            if len(limits_ms) != len(pickled):
                raise ValueError("per-input limits and inputs differ in length")
            # The per-input rule's marks, formatted now: nothing the program patches reaches them.
            prepared["marks"] = [b"input %d %d" % (i, int(ms)) for i, ms in enumerate(limits_ms)]
    elif kind not in ("python-check", "python-asserts", "reference", "stdio") + LIBRARY_KINDS:
        raise ValueError("unknown job kind " + repr(kind))
    if kind == "python-code-context":
        # The solution is text the context inserts where it belongs (often inside a function):
        # it may not compile alone. A syntax error shows when the context runs it.
        return prepared, None
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


def unittest_namespace():
    """The module BigCodeBench builds: program and tests share it, with sys, os and environ
    already bound (some of its tests use them without importing them)."""
    module = _ModuleType(UNITTEST_MODULE)
    module.__dict__.update(
        {
            "__builtins__": _real_builtins,
            "__file__": UNITTEST_MODULE + ".py",
            "__package__": None,
            "__doc__": None,
            "sys": _sys_module,
            "os": _os_module,
            "environ": _os_module.environ,
        }
    )
    _modules[UNITTEST_MODULE] = module
    return module.__dict__


def unittest_result_class(unittest):
    """A TestResult that keeps each test's outcome (name, outcome, first line of why)."""

    class Outcomes(unittest.TestResult):
        def __init__(self):
            super().__init__()
            self.outcomes = []

        def note(self, test, outcome, detail):
            try:
                name = test.id().rsplit(".", 1)[-1]
            except BaseException:
                name = "?"
            entry = {"name": name, "outcome": outcome}
            if detail:
                entry["detail"] = clip(detail)[:TEST_DETAIL_CHARS]
            self.outcomes.append(entry)

        def addSuccess(self, test):
            self.note(test, "passed", None)

        def addFailure(self, test, err):
            self.note(test, "failed", describe(err[1]))

        def addError(self, test, err):
            self.note(test, "memory" if isinstance(err[1], MemoryError) else "error", describe(err[1]))

        def addSkip(self, test, reason):
            self.note(test, "skipped", str(reason))

        def addExpectedFailure(self, test, err):
            self.note(test, "passed", None)

        def addUnexpectedSuccess(self, test):
            self.note(test, "failed", "unexpected success")

        def addSubTest(self, test, subtest, err):
            if err is not None:
                self.note(subtest, "failed" if issubclass(err[0], test.failureException) else "error", describe(err[1]))

    return Outcomes


def run_unittest(prepared, ns, report_tests):
    """BigCodeBench: every test of TestCases; the first that did not pass decides the verdict."""
    exec(prepared["test"], ns)
    cases = ns.get("TestCases")
    if not isinstance(cases, type):
        return "error", "the tests define no TestCases class"
    loader, result_class = prepared["unittest"]
    suite = loader.loadTestsFromTestCase(cases)
    result = result_class()
    suite.run(result)
    outcomes = list(result.outcomes)
    report_tests(outcomes)
    bad = [o for o in outcomes if o["outcome"] not in ("passed", "skipped")]
    if not outcomes:
        return "error", "TestCases holds no tests"
    if not bad:
        return None
    first = bad[0]
    verdict = "memory" if first["outcome"] == "memory" else "failed" if first["outcome"] == "failed" else "error"
    return verdict, "%s: %s (%d of %d tests did not pass)" % (first["name"], first.get("detail", ""), len(bad), len(outcomes))


def run_code_context(prepared, job, ns):
    """DS-1000: its code_context's test_execution (and test_string, when it has one) on the
    solution text, as DS-1000 appends `test_execution(code)` to the context."""
    exec(prepared["test"], ns)
    code = "".join((job["program"],))
    ns["test_execution"](code)
    if "test_string(" in job["test"]:
        ns["test_string"](code)
    return None


def test_namespace(program_ns):
    # The tests see the program's names but pristine builtins, so patching the builtins
    # module cannot weaken the checker.
    ns = dict(program_ns)
    ns["__builtins__"] = dict(PRISTINE_BUILTINS)
    return ns


def run_tests(prepared, job, scratch, mark, report_tests):
    """Runs the untrusted part. None when the tests returned; else (verdict, detail)."""
    kind = prepared["kind"]
    program_ns = unittest_namespace() if kind == "python-unittest" else fresh_namespace()
    scratch.append(program_ns)
    try:
        if kind == "python-code-context":
            try:
                return run_code_context(prepared, job, program_ns)
            except SyntaxError as exc:
                return "syntax_error", describe(exc)
        exec(prepared["program"], program_ns)
        if kind == "python-unittest":
            return run_unittest(prepared, program_ns, report_tests)
        if kind == "python-differential":
            return run_differential(prepared, job, program_ns, mark)
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


def run_differential(prepared, job, program_ns, mark):
    """Under the per-input rule each call is preceded by a mark on the report channel: the
    watcher then gives that input its own limit (see docs/formulas.md, "Time limits")."""
    entry = job["entryPoint"]
    fn = program_ns.get(entry)
    if not callable(fn):
        return "error", "NameError: the program defines no function " + entry
    atol = job.get("atol") or 0
    oracle = job.get("oracle")
    expected = prepared["expected"]
    dropped = prepared["dropped"]
    marks = prepared.get("marks")
    for i, inp in enumerate(prepared["inputs"]):
        if i in dropped:
            continue
        try:
            # A deep copy, as the reference got: lists built by a literal and by a copy
            # differ in sys.getsizeof (Mbpp/596), and the candidate may mutate its input.
            args = _deepcopy(inp)
            if marks is not None:
                mark(marks[i])
            out = fn(*args)
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


class OutputTooLarge(Exception):
    pass


class CappedSink:
    """A pickle's file: keeps the bytes, raises once they pass the cap (protocol 4 frames
    flush as they fill, so a huge output is never pickled whole)."""

    def __init__(self, cap):
        self.cap = cap
        self.size = 0
        self.parts = []

    def write(self, data):
        self.size += len(data)
        if self.size > self.cap:
            self.parts = []
            raise OutputTooLarge()
        self.parts.append(bytes(data))
        return len(data)


def pickle_capped(value, cap):
    sink = CappedSink(cap)
    _Pickler(sink, protocol=4).dump(value)
    return b"".join(sink.parts)


def run_reference(prepared, job):
    """Trusted: the reference program's outputs on deep copies of the inputs, each pickled
    on its own. An input is dropped (None in the list, and named in `dropped`) when its
    call raises MemoryError, uses more CPU than the per-input budget (checked once the call
    returns), or its output pickles to more than the cap: evalplus inputs whose outputs are
    hundreds of MB would otherwise fail the task for every candidate. `seconds` is the wall
    time of what a candidate repeats (module code and the kept calls): it scales the
    candidates' time limit; `inputSeconds` is each kept call's own (None where dropped),
    for the per-input rule."""
    budget = (job.get("inputBudgetMs") or 0) / 1000
    cap = job.get("outputCapBytes") or DEFAULT_OUTPUT_CAP_BYTES
    not_none = job.get("oracle") == "not-none"
    ns = fresh_namespace()
    started = _perf_counter()
    exec(prepared["program"], ns)
    fn = ns[job["entryPoint"]]
    seconds = _perf_counter() - started
    outputs, dropped, input_seconds = [], [], []
    for i, inp in enumerate(prepared["inputs"]):
        wall, cpu = _perf_counter(), _process_time()
        reason = None
        try:
            out = fn(*_deepcopy(inp))
        except MemoryError:
            out, reason = None, "reference raised MemoryError"
        call_wall, call_cpu = _perf_counter() - wall, _process_time() - cpu
        if reason is None and budget and call_cpu > budget:
            reason = "reference took over %g s of CPU time" % budget
        pickled = None
        if reason is None:
            try:
                pickled = pickle_capped((out is not None) if not_none else out, cap)
            except OutputTooLarge:
                reason = "reference output too large (pickle over %g MiB)" % (cap / (1 << 20))
            except MemoryError:
                reason = "reference output too large (MemoryError while pickling)"
        out = None
        if reason is None:
            seconds += call_wall
            input_seconds.append(call_wall)
        else:
            dropped.append({"index": i, "reason": reason})
            input_seconds.append(None)
            _collect()
        outputs.append(pickled)
    payload = _b64encode(_dumps(outputs, protocol=4)).decode("ascii")
    meta = {
        "inputsCode": _b64encode(prepared["inputs_code"]).decode("ascii"),
        "seconds": seconds,
        "inputSeconds": input_seconds,
        "inputs": len(outputs),
        "dropped": dropped,
        "outputs": payload,
    }
    return json.dumps(meta, separators=(",", ":")).encode("ascii")


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


def judge_stdio(prepared, job, workdir, emit):
    """A stdin/stdout job: this process stays trusted and forks a child per test (passk_stdio).
    Never returns."""
    try:
        verdict, detail, out, err = stdio["judge"](prepared, job, workdir, lambda: emit(b"started", None))
        # The first failing test's output, for the record (the harness keeps the head).
        for fd, data in ((1, out), (2, err)):
            try:
                write_all(fd, data)
            except OSError:
                pass
        emit(VERDICT_TOKENS[verdict], detail)
    except BaseException as exc:
        emit(b"fault", "the stdin/stdout judge failed: " + describe(exc))
    _exit(0)


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
        if prepared["kind"] == "stdio":
            judge_stdio(prepared, job, workdir, emit)
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

    def mark(payload):
        # A program that closed or replaced the report fd loses only its per-input limits.
        try:
            write_all(report_fd, head + payload + b"\n")
        except BaseException:
            pass

    tests = []

    def report_tests(outcomes):
        # Kept now, written after the program is done (with everything else it could disturb).
        tests[:] = outcomes

    scratch = []
    outcome = ("error", "the runner could not start the program")
    try:
        library = prepared["kind"] in LIBRARY_KINDS
        guard["install"](workdir, library, library and bool(job.get("allowProcesses")))
        outcome = run_tests(prepared, job, scratch, mark, report_tests)
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
    if tests:
        try:
            write_all(report_fd, head + b"tests " + _json_dumps(tests, ensure_ascii=True).encode("ascii") + b"\n")
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
