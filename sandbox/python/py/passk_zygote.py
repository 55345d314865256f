"""The fork-server's zygote: a pristine, warm interpreter that does nothing but fork.

After a fork every page is shared copy-on-write, and the first write to each page, in the
parent as in the child, is a page fault (an expensive one under virtualization). The
supervisor (passk_worker) does all the per-job work: reading jobs, watching pipes,
reporting. If it also forked, each of its writes would fault again after every fork. So
it forks this zygote once, and the zygote, which touches almost nothing between forks,
forks the children.

Protocol on the socket from the supervisor, one job at a time:
    supervisor -> zygote: b"J" with four fds: job pipe (read end), stdout, stderr and
                          report pipes (write ends)
    zygote -> supervisor: b"P" + pid (int32), then b"S" + wait status (int32) once the
                          child has exited
The child reads its job (JSON, with the nonce the supervisor drew) from the job pipe.
"""

import json
import os
import random
import socket
import struct
import sys

MESSAGE = struct.Struct("<ci")
FDS_PER_JOB = 4


def read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def child(core, fds, scratch):
    """In the forked child: never returns."""
    try:
        job_fd, out_fd, err_fd, report_fd = fds
        job = json.loads(read_all(job_fd))
        os.setsid()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.dup2(report_fd, 3)
        os.closerange(4, 65536)
        os.chdir(scratch)
        random.seed()  # a fresh interpreter would seed from urandom, not share our state
        numpy = sys.modules.get("numpy")  # preloaded: its global generator too
        if numpy is not None:
            try:
                numpy.random.seed()
            except BaseException:
                pass
        core["run_job"](job, 3, scratch)
    finally:
        os._exit(70)


def serve(core, sock, scratch):
    """The zygote's loop: never returns."""
    try:
        while True:
            message, fds, _flags, _addr = socket.recv_fds(sock, 1, FDS_PER_JOB)
            if not message:
                break
            pid = os.fork()
            if pid == 0:
                sock.close()
                child(core, fds, scratch)
            for fd in fds:
                os.close(fd)
            sock.sendall(MESSAGE.pack(b"P", pid))
            _, status = os.waitpid(pid, 0)
            sock.sendall(MESSAGE.pack(b"S", status))
    finally:
        os._exit(0)
