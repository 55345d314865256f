"""Limits and the audit hook, applied in the process that runs one program, just before
the program's code runs. Loaded privately (passk_loader), so the program cannot patch it.

The hook is defence in depth next to bubblewrap: it blocks what could fake a pass
(tracing, frame and object introspection, raw memory access) and what could escape or
outlive the run when bubblewrap is missing (process creation, signals to other
processes, writes outside the work folder, sockets). `sys.addaudithook` hooks cannot be
removed. Denials raise exceptions that well-behaved code tolerates where the standard
library expects them (ValueError for sys._getframe, ImportError for imports).

Residual risk (documented, not solved): the program runs in the same interpreter as the
test code, so a program that finds a way to inspect memory or frames that CPython 3.11
does not audit (for instance hand-crafted bytecode loaded through marshal) could in
principle reach the runner's state. Bubblewrap still confines such a program.
"""

import os
import resource
from pathlib import PurePath as _PurePath
import signal
import sys

_getcwd = os.getcwd
_getpid = os.getpid

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

# Events denied outright (PermissionError).
DENIED = frozenset(
    [
        "sys.settrace",
        "sys.setprofile",
        "sys._current_frames",
        "sys._current_exceptions",
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "os.fork",
        "os.forkpty",
        "os.exec",
        "os.spawn",
        "os.posix_spawn",
        "os.system",
        "os.killpg",
        "subprocess.Popen",
        "pty.spawn",
        "code.__new__",
        "os.symlink",
        "os.link",
        "socket.connect",
        "socket.bind",
        "socket.sendto",
        "socket.sendmsg",
        "resource.prlimit",
    ]
)
# Frame objects reachable from tracebacks, generators and coroutines.
FRAME_ATTRIBUTES = frozenset(["tb_frame", "gi_frame", "cr_frame", "ag_frame"])
# Modules that give raw memory access, process creation or a second interpreter.
BLOCKED_IMPORTS = frozenset(
    ["ctypes", "_ctypes", "_testcapi", "_testinternalcapi", "_posixsubprocess", "_xxsubinterpreters"]
)
# Events whose listed arguments are paths the program modifies.
PATH_EVENTS = {
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.rename": (0, 1),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "os.mkfifo": (0,),
    "os.mknod": (0,),
    "shutil.rmtree": (0,),
}
WRITABLE_DEVICES = frozenset(["/dev/null"])
SECRET_PROC_FILES = frozenset(["mem", "pagemap", "environ"])


def normalize(path):
    """Absolute, lexically normalized text of a path argument, or None for an fd."""
    if isinstance(path, int):
        return None
    if isinstance(path, _PurePath):
        # The base class's own method: a subclass cannot make it say something else.
        path = _PurePath.__str__(path)
    if isinstance(path, bytes):
        path = path.decode("utf-8", "surrogateescape")
    if not isinstance(path, str):
        raise PermissionError("sandbox: unexpected path argument")
    path = "".join((path,))  # an exact str, whatever subclass came in
    if not path.startswith("/"):
        path = _getcwd() + "/" + path
    parts = []
    for part in path.split("/"):
        if part == "" or part == ".":
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/" + "/".join(parts)


# The library profile (DS-1000, BigCodeBench: see docs/architecture.md, "Library-heavy
# Python"): unittest's assertRaises, pandas' warnings and inspect walk frames, and
# scikit-learn's threadpoolctl and shapely reach C libraries through ctypes. These are
# allowed there; tracing, sockets and writes outside the work folder stay denied (process
# creation too, outside bubblewrap). Residual risk: a program that walks frames or memory on
# purpose could read the report nonce and fake a pass; bubblewrap still confines it.
# Code objects are made by libraries (mock, numba-style helpers, dataclass-like factories);
# with frames allowed, denying them protects nothing more.
# The collector's introspection too (some libraries measure objects with it).
LIBRARY_ALLOWED = frozenset(["code.__new__", "gc.get_objects", "gc.get_referrers", "gc.get_referents"])


# Library jobs in bubblewrap may start processes, as BigCodeBench's own harness lets them
# (some tasks run a command): the pid namespace, the process cap and the read-only system
# confine them, and the fork-server kills whatever is left after the job.
PROCESS_EVENTS = frozenset(["os.fork", "os.forkpty", "os.exec", "os.spawn", "os.posix_spawn", "os.system", "subprocess.Popen", "os.killpg"])


def make_hook(workdir, library=False, processes=False):
    root = normalize(workdir).rstrip("/") + "/"
    allowed = (LIBRARY_ALLOWED if library else frozenset()) | (PROCESS_EVENTS if processes else frozenset())
    blocked_imports = BLOCKED_IMPORTS - {"ctypes", "_ctypes"} if library else BLOCKED_IMPORTS
    frames_allowed = library

    def check_write(path):
        target = normalize(path)
        if target is None or target.startswith(root) or target + "/" == root or target in WRITABLE_DEVICES:
            return
        raise PermissionError("sandbox: writing outside the work folder is not allowed: " + target)

    def hook(event, args):
        if event in DENIED and event not in allowed:
            raise PermissionError("sandbox: " + event + " is not allowed")
        if event == "open":
            target = normalize(args[0])
            if target is not None:
                if target.startswith("/proc/") and target.rsplit("/", 1)[-1] in SECRET_PROC_FILES:
                    raise PermissionError("sandbox: reading process memory is not allowed")
                flags = args[2]
                if isinstance(flags, int) and flags & WRITE_FLAGS:
                    check_write(target)
        elif event == "object.__getattr__":
            if args[1] in FRAME_ATTRIBUTES and not frames_allowed:
                raise PermissionError("sandbox: frame introspection is not allowed")
        elif event == "sys._getframe":
            if not frames_allowed:
                # What the standard library expects on platforms without frames.
                raise ValueError("sandbox: frame introspection is not allowed")
        elif event == "object.__setattr__":
            if args[1] == "__code__" and not library:
                raise PermissionError("sandbox: replacing a function's code is not allowed")
        elif event == "import":
            if args[0].split(".")[0] in blocked_imports:
                raise ImportError("sandbox: module " + args[0] + " is not available")
        elif event.startswith("ctypes."):
            if library:
                return
            raise PermissionError("sandbox: ctypes is not allowed")
        elif event == "os.kill":
            if args[0] != _getpid() and not processes:
                raise PermissionError("sandbox: signalling other processes is not allowed")
        elif event == "sys.addaudithook":
            raise RuntimeError("sandbox: adding audit hooks is not allowed")
        else:
            indexes = PATH_EVENTS.get(event)
            if indexes is not None:
                for i in indexes:
                    check_write(args[i])

    return hook


_fork_exec_disabled = False
_real_fork_exec = None


def disable_fork_exec():
    """Replaces the one process-creation entry point that raises no audit event. Done once
    in a fork-server's zygote, it holds for all of its children."""
    global _fork_exec_disabled, _real_fork_exec
    if _fork_exec_disabled:
        return
    _fork_exec_disabled = True
    import _posixsubprocess

    def fork_exec(*args, **kwargs):
        raise PermissionError("sandbox: process creation is not allowed")

    _real_fork_exec = _posixsubprocess.fork_exec
    _posixsubprocess.fork_exec = fork_exec


def enable_fork_exec():
    """Puts process creation back, for a job that may start processes (see install)."""
    import _posixsubprocess

    if _real_fork_exec is not None:
        _posixsubprocess.fork_exec = _real_fork_exec


# Hard limit above the soft one: CPU: the soft limit sends SIGXCPU (reported as a timeout)
# before the hard one kills; memory: a reserve the runner frees to report a MemoryError.
HEADROOM = {resource.RLIMIT_CPU: 1, resource.RLIMIT_AS: 64 << 20}


def apply_limits(limits):
    """rlimits for this process (and anything it could start). The program cannot raise a
    soft limit above its hard limit, and the hard limits are the ones we want."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    pairs = [
        (resource.RLIMIT_AS, limits.get("memoryBytes")),
        (resource.RLIMIT_CPU, limits.get("cpuSeconds")),
        (resource.RLIMIT_FSIZE, limits.get("fileSizeBytes")),
        (resource.RLIMIT_NOFILE, limits.get("openFiles")),
        (resource.RLIMIT_NPROC, limits.get("maxProcesses")),
    ]
    for which, value in pairs:
        if value:
            resource.setrlimit(which, (value, value + HEADROOM.get(which, 0)))
    # A write past RLIMIT_FSIZE fails with an OSError instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def release_memory_reserve():
    """Lets the runner report after the program exhausted its memory."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def install(workdir, library=False, processes=False):
    """After this call, untrusted code may run. Cannot be undone. `processes`: the job may
    start processes (library jobs in bubblewrap only: the harness decides)."""
    disable_fork_exec()
    if processes:
        enable_fork_exec()
    sys.addaudithook(make_hook(workdir, library, processes))
