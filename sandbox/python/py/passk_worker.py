"""Warm fork-server worker: a long-lived, trusted supervisor inside one bubblewrap sandbox.
It imports the standard library benchmarks use, forks a zygote from that warm state
(passk_zygote: it forks one child per program and touches nothing else), and does the
per-job work itself: it hands each job to a fresh child, enforces the time and output
limits, kills the child's whole tree, reports what it saw, and then, before it reads the
next job, kills whatever is left and empties the scratch folder.

Channels: stdin: one JSON job per line from the harness; fd 3: one JSON outcome per line
to the harness. A child never holds either: its fds 0-3 are /dev/null and three fresh
pipes, everything else is closed. Neither the supervisor nor the zygote runs untrusted
code, so each child starts from the same pristine state: nothing a program patches, sets
or imports survives it. Files: the scratch folder (the program's cwd, HOME and TMPDIR; the
audit hook allows writes nowhere else) is emptied after every job. Processes: the child's
session is killed; with --pid-namespace (bubblewrap), everything in the namespace except
its init (pid 1), the supervisor and the zygote is killed too, after checking that the
supervisor really is pid 2 under that init: run on the host, such a sweep would kill the
host's processes.

Usage: passk_worker.py --scratch DIR [--pid-namespace] [--preload MODULE,MODULE...]
"""

import gc
import json
import os
import select
import shutil
import signal
import socket
import sys
import time

import passk_zygote

# The modules benchmark programs and tests import most: imported once here, shared by
# every child through fork.
WARM_MODULES = [
    "abc", "array", "bisect", "cmath", "collections", "copy", "dataclasses", "datetime",
    "decimal", "enum", "fractions", "functools", "hashlib", "heapq", "io", "itertools",
    "json", "math", "numbers", "operator", "random", "re", "statistics", "string",
    "struct", "textwrap", "typing", "unicodedata",
]

JOB_FD = 0
RESULT_FD = 3
CHUNK = 65536
STDERR_TAIL = 2048
KILL_GRACE = 2.0


def warm_up(preload):
    """Imports the standard modules, then the benchmark's own libraries (--preload): each
    program then pays only for its own work. A library that is missing or fails to import
    is simply not preloaded: the program's own import reports it."""
    for name in WARM_MODULES:
        try:
            __import__(name)
        except ImportError:
            pass
    for name in preload:
        try:
            __import__(name)
        except BaseException:
            pass


def read_jobs():
    """Yields one job dict per line on stdin; ends on EOF. A job can be megabytes (expected
    outputs) and a pipe gives at most 64 KiB a read: the buffered reader joins a line's
    pieces once, where appending each piece to the pending bytes copied them all again
    (about 10 ms a job on MBPP+)."""
    with os.fdopen(JOB_FD, "rb", buffering=1 << 16) as jobs:
        for line in jobs:
            if line.strip():
                yield json.loads(line)


def write_result(result):
    data = (json.dumps(result, separators=(",", ":")) + "\n").encode("utf-8")
    view = memoryview(data)
    while view:
        view = view[os.write(RESULT_FD, view):]


class Capture:
    def __init__(self, keep):
        self.keep = keep
        self.head = bytearray()
        self.tail = b""

    def push(self, data):
        if len(self.head) < self.keep:
            self.head += data[: self.keep - len(self.head)]
        self.tail = (self.tail + data)[-STDERR_TAIL:]


class Reports:
    """The child's report channel: lines tagged with this job's nonce; the rest dropped."""

    def __init__(self, nonce, max_line):
        self.prefix = b"PASSK " + nonce.encode("ascii") + b" "
        self.max_line = max_line
        self.partial = bytearray()
        self.dropping = False
        self.started = False
        self.final = None
        # The runner's `tests <json>` line, passed on as it came (the harness parses it).
        self.tests = None
        # The last per-input mark, (input index, limit in ms): see passk_core's report protocol.
        self.input = None

    def push(self, data):
        while data:
            newline = data.find(b"\n")
            piece, data = (data, b"") if newline < 0 else (data[:newline], data[newline + 1 :])
            if not self.dropping:
                self.partial += piece
                n = min(len(self.partial), len(self.prefix))
                if self.partial[:n] != self.prefix[:n] or len(self.partial) > self.max_line:
                    self.partial = bytearray()
                    self.dropping = True
            if newline >= 0:
                self.end_line()

    def end_line(self):
        line, self.partial, dropping, self.dropping = bytes(self.partial), bytearray(), self.dropping, False
        if dropping or len(line) <= len(self.prefix):
            return
        token, _, detail = line[len(self.prefix):].decode("utf-8", "replace").partition(" ")
        if token == "started":
            self.started = True
        elif token == "input":
            parts = detail.split(" ")
            if self.final is None and len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                self.input = (int(parts[0]), int(parts[1]))
        elif token == "tests":
            if self.final is None:
                self.tests = detail
        elif self.final is None and token:
            self.final = {"token": token, "detail": detail}


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


def sweep_processes(keep):
    """Kills every process in this pid namespace except its init and `keep`."""
    spared = {1, os.getpid(), *keep}
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in spared:
            try:
                os.kill(int(name), signal.SIGKILL)
            except OSError:
                pass


def exit_of(status):
    """(exit code, signal name) from a wait status."""
    if os.WIFSIGNALED(status):
        return None, signal.Signals(os.WTERMSIG(status)).name
    return os.WEXITSTATUS(status), None


class Zygote:
    """The supervisor's end of the zygote (see passk_zygote)."""

    def __init__(self, core, scratch):
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.pid = os.fork()
        if self.pid == 0:
            self.sock.close()
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)  # the harness's channels stay with the supervisor
            os.dup2(null, 3)
            core["guard"]["disable_fork_exec"]()  # once here rather than in every child
            gc.collect()
            gc.freeze()  # the children's collector never walks (and copies) the warm heap
            passk_zygote.serve(core, theirs, scratch)
        theirs.close()

    def start(self, fds):
        socket.send_fds(self.sock, [b"J"], fds)
        return self.expect(b"P")

    def expect(self, kind):
        data = b""
        while len(data) < passk_zygote.MESSAGE.size:
            chunk = self.sock.recv(passk_zygote.MESSAGE.size - len(data))
            if not chunk:
                raise SystemExit("passk_worker: the zygote died")
            data += chunk
        got, value = passk_zygote.MESSAGE.unpack(data)
        if got != kind:
            raise SystemExit("passk_worker: unexpected zygote message")
        return value


class Watch:
    """The parent's view of one running child: output, report, time limits."""

    def __init__(self, pid, request, nonce):
        self.pid = pid
        self.request = request
        self.reports = Reports(nonce, request["maxReportBytes"])
        self.out, self.err = Capture(request["keepBytes"]), Capture(request["keepBytes"])
        self.total = 0
        self.spawned = time.monotonic()
        self.started_at = self.finished_at = None
        self.deadline = self.spawned + request["startupTimeoutMs"] / 1000
        self.timed_out = self.output_exceeded = self.killed = False
        self.input = self.binding_input = None

    def kill(self):
        self.killed = True
        for kill in (os.killpg, os.kill):  # before its setsid the child has no group of its own
            try:
                kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def wait_time(self, exited):
        if self.killed or exited or self.finished_at is not None:
            return KILL_GRACE  # only the end of the pipes is left to see
        return max(0.0, self.deadline - time.monotonic())

    def on_report(self, data):
        self.reports.push(data)
        if self.reports.started and self.started_at is None:
            self.started_at = time.monotonic()
            self.deadline = self.started_at + self.request["timeoutMs"] / 1000
        if self.reports.input is not self.input and self.started_at is not None:
            # Per-input rule: this input's own limit, within the whole program's.
            self.input = self.reports.input
            whole = self.started_at + self.request["timeoutMs"] / 1000
            own = time.monotonic() + self.input[1] / 1000
            self.deadline = min(whole, own)
            self.binding_input = self.input if own < whole else None
        if self.reports.final is not None and self.finished_at is None:
            self.finished_at = time.monotonic()

    def on_output(self, sink, data):
        sink.push(data)
        self.total += len(data)
        if self.total > self.request["outputBytes"] and self.reports.final is None and not self.killed:
            self.output_exceeded = True
            self.kill()


def run(zygote, request, scratch, sweep):
    job = request.pop("job")
    nonce = job["nonce"] = os.urandom(16).hex()
    payload = memoryview(json.dumps(job).encode("utf-8"))
    del job
    job_read, job_write = os.pipe()
    pipes = [os.pipe() for _ in range(3)]
    pid = zygote.start([job_read] + [write_end for _, write_end in pipes])
    os.close(job_read)
    for _, write_end in pipes:
        os.close(write_end)
    watch = Watch(pid, request, nonce)
    os.set_blocking(job_write, False)
    writers = [job_write]
    sinks = {pipes[0][0]: watch.out, pipes[1][0]: watch.err, pipes[2][0]: watch.reports}
    status = None
    while sinks or status is None:
        ready, writable, _ = select.select(list(sinks) + [zygote.sock], writers, [], watch.wait_time(status is not None))
        if not ready and not writable:
            if status is not None or watch.finished_at is not None or watch.killed:
                sweep()  # whatever still holds the pipes
                if status is None:
                    watch.kill()  # never once reaped: its pid could be reused
                for fd in sinks:
                    os.close(fd)
                sinks.clear()
                if status is None:
                    status = zygote.expect(b"S")
            else:
                watch.timed_out = True
                watch.kill()
            continue
        if writable:
            try:
                payload = payload[os.write(job_write, payload):]
            except BrokenPipeError:
                payload = payload[:0]  # the child is gone
            if not payload:
                os.close(job_write)
                writers = []
        for fd in ready:
            if fd is zygote.sock:
                status = zygote.expect(b"S")
                continue
            data = os.read(fd, CHUNK)
            if not data:
                os.close(fd)
                del sinks[fd]
            elif sinks[fd] is watch.reports:
                watch.on_report(data)
            else:
                watch.on_output(sinks[fd], data)
    if writers:
        os.close(job_write)
    exit_code, signal_name = exit_of(status)
    end = watch.finished_at or time.monotonic()
    timed_out = watch.timed_out and watch.reports.final is None
    result = {
        "started": watch.reports.started,
        "final": watch.reports.final,
        "timedOut": timed_out,
        "outputExceeded": watch.output_exceeded,
        "exitCode": exit_code,
        "signal": signal_name,
        "durationMs": round((end - (watch.started_at or watch.spawned)) * 1000),
        "stdout": watch.out.head.decode("utf-8", "replace"),
        "stderr": watch.err.head.decode("utf-8", "replace"),
        "stderrTail": watch.err.tail.decode("utf-8", "replace"),
        "timeoutMs": request["timeoutMs"],
        "outputBytes": request["outputBytes"],
    }
    if watch.reports.tests is not None:
        result["tests"] = watch.reports.tests
    if timed_out and watch.binding_input is not None:
        result["timedOutInput"] = {"index": watch.binding_input[0], "limitMs": watch.binding_input[1]}
    return result


def parse_args(argv):
    scratch, in_namespace, preload = None, False, []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--scratch" and args:
            scratch = os.path.abspath(args.pop(0))
        elif arg == "--preload" and args:
            preload = [name for name in args.pop(0).split(",") if name]
        elif arg == "--pid-namespace":
            in_namespace = True
        else:
            raise SystemExit("passk_worker: unexpected argument " + arg)
    if not scratch or not os.path.isdir(scratch) or scratch == "/":
        raise SystemExit("passk_worker: --scratch must name an existing folder")
    if in_namespace and (os.getpid() != 2 or os.getppid() != 1):
        raise SystemExit("passk_worker: --pid-namespace given, but this is not pid 2 under a namespace init")
    if not in_namespace and not os.path.basename(scratch).startswith("passk-"):
        raise SystemExit("passk_worker: outside a sandbox the scratch folder must be a passk- temp folder")
    return scratch, in_namespace, preload


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    scratch, in_namespace, preload = parse_args(sys.argv[1:])
    import passk_loader

    core = passk_loader.load_runner()
    if sys.path and os.path.abspath(sys.path[0]) == here:
        del sys.path[0]
    warm_up(preload)
    empty_folder(scratch)
    zygote = Zygote(core, scratch)
    sweep = (lambda: sweep_processes([zygote.pid])) if in_namespace else (lambda: None)
    write_result({"ready": True, "pid": os.getpid()})
    for request in read_jobs():
        result = run(zygote, request, scratch, sweep)
        result["id"] = request["id"]
        write_result(result)
        # The outcome goes out first (the harness handles it meanwhile); what the child left
        # is killed and removed before the next job is even read.
        sweep()
        empty_folder(scratch)
    zygote.sock.close()  # the zygote ends on end of file
    os.waitpid(zygote.pid, 0)


main()
