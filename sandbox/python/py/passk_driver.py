"""One-shot runner: one job per process (the subprocess executor).

stdin: one JSON job (see passk_core); fd 3: the report channel; fd 1 and 2: the
program's own output, which never counts. Started inside bubblewrap (cwd: a private
tmpfs) or, without bubblewrap, in a private temp folder with a cleared environment.
"""

import json
import os
import sys

REPORT_FD = 3


def read_job():
    chunks = []
    while True:
        chunk = os.read(0, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return json.loads(b"".join(chunks))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    import passk_loader

    core = passk_loader.load_runner()
    if sys.path and os.path.abspath(sys.path[0]) == here:
        del sys.path[0]
    job = read_job()
    core["run_job"](job, REPORT_FD, os.getcwd())


main()
