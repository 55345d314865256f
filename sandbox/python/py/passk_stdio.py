"""The stdin/stdout judge (CodeContests): one program, many tests, a fork per test.

The process that calls judge() is trusted and runs no untrusted code: it already holds the
compiled program (compiled once per program, in passk_core.prepare) and forks one child
per test. Each child clears what it inherited of the job (tests and expected outputs), gets
the test's input on fd 0 (a memfd), pipes on fds 1 and 2, a status pipe on fd 3 and no
other fd, applies the rlimits and the audit hook (passk_guard), then runs the code object as
__main__. Nothing one test does reaches the next: every child is forked from the same state,
and the scratch folder is emptied between tests. The parent enforces each test's wall-clock
limit and the output cap, and compares the output under the problem's checker rules (the
same rules as benchmarks/codecontests/output-match.ts; docs/formulas.md, "Stdin/stdout
judging").

Loaded privately by passk_loader with `guard` injected.
"""

import atexit
import builtins
import hashlib
import os
import random
import re
import select
import shutil
import signal
import sys
import time
import types

_exit = os._exit
_write = os.write
_monotonic = time.monotonic
_ModuleType = types.ModuleType
_real_builtins = builtins
_modules = sys.modules

CHUNK = 65536
STDERR_TAIL = 2048
KEEP_STDOUT = 4096
KILL_GRACE = 2.0
DECIMAL = re.compile(rb"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
# What a child may write on its status pipe: its own view of how it ended (advisory only:
# a pass comes from the output comparison made here, never from the child).
STATUS_BYTES = 512


def tokens_match(want, have, case_insensitive, tolerance):
    if want == have:
        return True
    if case_insensitive and want.lower() == have.lower():
        return True
    if tolerance is not None and DECIMAL.match(want) and DECIMAL.match(have):
        try:
            a, b = float(have), float(want)
        except (ValueError, OverflowError):
            return False
        return abs(a - b) <= tolerance * max(1.0, abs(b)) + 1e-15
    return False


def clip_token(token):
    if token is None:
        return "end of output"
    text = token.decode("utf-8", "replace")
    return '"' + (text if len(text) <= 40 else text[:37] + "...") + '"'


def match_output(expected, got, checker):
    """None when they match; else where they first differ."""
    want, have = expected.split(), got.split()
    case_insensitive = bool(checker.get("caseInsensitive"))
    tolerance = checker.get("floatTolerance")
    for i in range(max(len(want), len(have))):
        a = want[i] if i < len(want) else None
        b = have[i] if i < len(have) else None
        if a is None or b is None or not tokens_match(a, b, case_insensitive, tolerance):
            return "token %d: expected %s, got %s" % (i + 1, clip_token(a), clip_token(b))
    return None


def empty_folder(folder):
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[_write(fd, view):]


def run_child(code, limits, workdir, encoding):
    """In the forked child, fds already in place: runs the program as __main__. Never returns."""
    rc = 1
    try:
        sys.stdin = sys.__stdin__ = open(0, "r", encoding=encoding, closefd=False)
        out = sys.stdout = sys.__stdout__ = open(1, "w", encoding=encoding, closefd=False)
        sys.stderr = sys.__stderr__ = open(2, "w", encoding=encoding, errors="backslashreplace", buffering=1, closefd=False)
        guard["apply_limits"](limits)
        random.seed()
        module = _ModuleType("__main__")
        module.__dict__["__builtins__"] = _real_builtins
        _modules["__main__"] = module
        atexit._clear()  # the handlers the warm process registered are not the program's
        guard["install"](workdir)
    except BaseException:
        _exit(70)
    status = b"ok"
    try:
        exec(code, module.__dict__)
        rc = 0
    except SystemExit as exc:
        code_ = exc.code
        if code_ is None or code_ is True or code_ is False or isinstance(code_, int):
            rc = int(code_ or 0) & 0xFF
        else:
            try:
                sys.stderr.write(str(code_) + "\n")
            except BaseException:
                pass
            rc = 1
        status = b"exit"
    except MemoryError:
        guard["release_memory_reserve"]()
        status, rc = b"memory", 1
    except BaseException as exc:
        guard["release_memory_reserve"]()
        # The exception's own line only: a traceback (even traceback's one-line forms) walks
        # frames, which the hook blocks.
        try:
            message = str(exc)
            line = type(exc).__name__ + (": " + message if message else "")
            line = line.replace("\n", " ")
        except BaseException:
            line = "exception"
        status, rc = b"error " + line.encode("utf-8", "backslashreplace"), 1
        try:
            sys.stderr.write(line + "\n")
        except BaseException:
            pass
    # As at interpreter exit: wait for the program's threads (solutions often run main() in a
    # thread with a bigger stack), run its atexit handlers, flush whatever sys.stdout now
    # is, then the original stream.
    for finish in ("threading", "atexit"):
        module_ = _modules.get(finish)
        try:
            if finish == "threading" and module_ is not None:
                module_._shutdown()
            elif module_ is not None:
                module_._run_exitfuncs()
        except BaseException:
            pass
    for stream in (getattr(sys, "stdout", None), out, getattr(sys, "stderr", None)):
        try:
            stream.flush()
        except BaseException:
            pass
    try:
        write_all(3, status[:STATUS_BYTES])
    except BaseException:
        pass
    _exit(rc)


class Watch:
    """The parent's view of one test's child."""

    def __init__(self, pid, limit_s, cap):
        self.pid = pid
        self.cap = cap
        self.started = _monotonic()
        self.deadline = self.started + limit_s
        self.ended = None
        self.stdout = bytearray()
        self.stdout_bytes = self.stderr_bytes = 0
        self.stderr_tail = b""
        self.status = b""
        self.timed_out = self.output_exceeded = self.killed = False

    def kill(self):
        self.killed = True
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
            except OSError:
                pass


def watch_child(watch, out_r, err_r, status_r, pidfd):
    sinks = {out_r, err_r, status_r}
    exited = False
    while sinks or not exited:
        now = _monotonic()
        if watch.killed:
            wait = KILL_GRACE
        else:
            wait = watch.deadline - now
            if wait <= 0:
                watch.timed_out = True
                watch.kill()
                continue
        fds = list(sinks) + ([] if exited else [pidfd])
        ready, _, _ = select.select(fds, [], [], wait)
        if not ready:
            if watch.killed:
                break  # what still holds the pipes is gone with the child's group
            continue
        for fd in ready:
            if fd == pidfd:
                exited = True
                if watch.ended is None:
                    watch.ended = _monotonic()
                continue
            data = os.read(fd, CHUNK)
            if not data:
                sinks.discard(fd)
                continue
            if fd == out_r:
                watch.stdout_bytes += len(data)
                if len(watch.stdout) <= watch.cap:
                    watch.stdout += data[: watch.cap + 1 - len(watch.stdout)]
            elif fd == err_r:
                watch.stderr_bytes += len(data)
                watch.stderr_tail = (watch.stderr_tail + data)[-STDERR_TAIL:]
            elif len(watch.status) < STATUS_BYTES:
                watch.status += data
            if (watch.stdout_bytes > watch.cap or watch.stderr_bytes > watch.cap) and not watch.killed:
                watch.output_exceeded = True
                watch.kill()
    for fd in (out_r, err_r, status_r):
        os.close(fd)


def run_test(code, data, limit_s, cap, limits, workdir, encoding, forget):
    """Runs the program on one input. Returns (verdict, what, watch, cpu seconds)."""
    stdin = os.memfd_create("passk-stdin", 0)
    write_all(stdin, data)
    os.lseek(stdin, 0, os.SEEK_SET)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    status_r, status_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setpgid(0, 0)
            os.dup2(stdin, 0, inheritable=True)
            os.dup2(out_w, 1, inheritable=True)
            os.dup2(err_w, 2, inheritable=True)
            os.dup2(status_w, 3, inheritable=True)
            os.closerange(4, 65536)
            forget()
            run_child(code, limits, workdir, encoding)
        finally:
            _exit(70)
    for fd in (stdin, out_w, err_w, status_w):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    watch = Watch(pid, limit_s, cap)
    try:
        watch_child(watch, out_r, err_r, status_r, pidfd)
        if not watch.killed and watch.ended is None:
            watch.kill()  # its pipes closed but it still runs: it gets no more time
        _, status, usage = os.wait4(pid, 0)
    finally:
        os.close(pidfd)
    if watch.ended is None:
        watch.ended = _monotonic()
    cpu = usage.ru_utime + usage.ru_stime
    if watch.output_exceeded:
        return "output_limit", "more than %d bytes of output" % cap, watch, cpu
    signalled = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    if watch.timed_out or signalled == signal.SIGXCPU:
        return "timeout", "no result within %d ms" % round(limit_s * 1000), watch, cpu
    said = bytes(watch.status)
    tail = watch.stderr_tail.decode("utf-8", "replace")
    if said == b"memory" or "MemoryError" in tail:
        return "memory", "out of memory (MemoryError)", watch, cpu
    if signalled is not None:
        name = signal.Signals(signalled).name if signalled in signal.Signals._value2member_map_ else str(signalled)
        return "error", "killed by " + name, watch, cpu
    rc = os.WEXITSTATUS(status)
    if rc == 70 and not said:
        raise RuntimeError("the judge's child could not set up the test (exit 70, nothing said)")
    if rc != 0:
        # The child's own words on the exception (advisory: they only word an error's detail).
        why = ": " + said[6:].decode("utf-8", "replace") if said.startswith(b"error ") else ""
        return "error", "exit code %d%s" % (rc, why), watch, cpu
    return None, None, watch, cpu


def output_key(verdict, stdout, checker):
    """What one input contributes to an output digest: the normalized tokens (case-folded where
    the checker ignores case), or how the run ended when it did not end normally."""
    if verdict is not None:
        return b"!" + verdict.encode("ascii")
    tokens = stdout.split()
    if checker.get("caseInsensitive"):
        tokens = [t.lower() for t in tokens]
    return b" ".join(tokens)


def judge(prepared, job, workdir, emit_started):
    """Runs every test (or up to the first failure). Returns (verdict, detail, stdout, stderr)."""
    code = prepared["program"]
    tests = job.pop("tests")
    checker = job.pop("checker")
    limits_ms = job.pop("testLimitsMs")
    public = job.get("publicTests", 0)
    all_tests = bool(job.get("allTests"))
    # Digest mode (n@k's clustering): run every input, compare nothing, report one digest.
    digest = hashlib.sha256() if job.get("outputDigest") else None
    cap = job["outputBytes"]
    limits = job["limits"]
    encoding = job.get("encoding") or "utf-8"
    if len(limits_ms) != len(tests):
        raise ValueError("per-test limits and tests differ in length")
    box = [tests, checker, job, prepared]

    def forget():
        # In the child: drop the references to the job (expected outputs included). What is
        # left (freed memory, this frame's locals) is out of reach behind the audit hook.
        for item in box:
            item.clear()

    emit_started()
    first = None
    passed = 0
    total_ms = 0.0
    for i, test in enumerate(tests):
        data = test["input"].encode("utf-8")
        box.append(test)
        verdict, what, watch, _cpu = run_test(code, data, limits_ms[i] / 1000, cap, limits, workdir, encoding, forget)
        box.pop()
        data = None
        empty_folder(workdir)
        total_ms += (watch.ended - watch.started) * 1000
        if digest is not None:
            key = output_key(verdict, bytes(watch.stdout), checker)
            digest.update(b"%d:" % len(key) + key)
            continue
        if verdict is None:
            wrong = match_output(test["output"].encode("utf-8"), bytes(watch.stdout), checker)
            if wrong is not None:
                verdict, what = "failed", "wrong answer: " + wrong
        if verdict is None:
            passed += 1
            continue
        if first is None:
            where = "public" if i < public else "hidden"
            first = (verdict, "test %d (%s): %s" % (i, where, what), bytes(watch.stdout[:KEEP_STDOUT]), watch.stderr_tail)
        if not all_tests:
            break
    if digest is not None:
        return "passed", "outputs %s on %d inputs" % (digest.hexdigest()[:32], len(tests)), b"", b""
    if first is None:
        return "passed", "%d tests, %d ms" % (len(tests), round(total_ms)), b"", b""
    verdict, detail, out, err = first
    if all_tests:
        detail = "%d/%d tests passed; first failure %s" % (passed, len(tests), detail)
    return verdict, detail, out, err
