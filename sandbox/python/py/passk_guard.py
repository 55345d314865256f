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


def make_hook(workdir):
    root = normalize(workdir).rstrip("/") + "/"

    def check_write(path):
        target = normalize(path)
        if target is None or target.startswith(root) or target in WRITABLE_DEVICES:
            return
        raise PermissionError("sandbox: writing outside the work folder is not allowed: " + target)

    def hook(event, args):
        if event in DENIED:
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
            if args[1] in FRAME_ATTRIBUTES:
                raise PermissionError("sandbox: frame introspection is not allowed")
        elif event == "sys._getframe":
            # What the standard library expects on platforms without frames.
            raise ValueError("sandbox: frame introspection is not allowed")
        elif event == "object.__setattr__":
            if args[1] == "__code__":
                raise PermissionError("sandbox: replacing a function's code is not allowed")
        elif event == "import":
            if args[0].split(".")[0] in BLOCKED_IMPORTS:
                raise ImportError("sandbox: module " + args[0] + " is not available")
        elif event.startswith("ctypes."):
            raise PermissionError("sandbox: ctypes is not allowed")
        elif event == "os.kill":
            if args[0] != _getpid():
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


def disable_fork_exec():
    """Replaces the one process-creation entry point that raises no audit event. Done once
    in a fork-server's zygote, it holds for all of its children."""
    global _fork_exec_disabled
    if _fork_exec_disabled:
        return
    _fork_exec_disabled = True
    import _posixsubprocess

    def fork_exec(*args, **kwargs):
        raise PermissionError("sandbox: process creation is not allowed")

    _posixsubprocess.fork_exec = fork_exec


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


def install(workdir):
    """After this call, untrusted code may run. Cannot be undone."""
    disable_fork_exec()
    sys.addaudithook(make_hook(workdir))
