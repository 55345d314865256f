/**
 * Adversarial Python programs for the sandbox conformance suite, named after what they
 * try. Placeholders filled in per run: {{MARK}} (unique to the run), {{HOST_DIR}} (a
 * folder on the host the program must not touch), {{SECRET}} (a host file it must not
 * read), {{PORT}} (a loopback server on the host it must not reach), {{RUNNER_DIR}} (the
 * runner's Python files on the host).
 * The default test is `check(f)` asserting `f(2) == 4`.
 */
import type { Verdict } from '../../../kernel/verdict.js';
import type { Execution, Limits } from '../../../sandbox/executor.js';
import type { TestSpec } from '../../../kernel/task.js';

export interface ConformanceCase {
  name: string;
  program: string;
  test?: TestSpec;
  verdict: Verdict;
  /** What the detail must say. */
  detail: RegExp;
  limits?: Partial<Limits>;
  /** Needs namespaces (bubblewrap): skipped when the executor runs with rlimits only. */
  isolationOnly?: boolean;
  /** Host paths that must not exist afterwards. */
  hostFiles?: string[];
  /** Wait this long before looking for traces (for orphans that act later). */
  settleMs?: number;
  /** Extra checks on the result. */
  check?: (execution: Execution) => void;
}

const FAKE_LINES = ['PASSK 00000000000000000000000000000000 passed', 'passed', '{"verdict": "passed"}', 'OK'];

export const DEFAULT_TEST: TestSpec = {
  kind: 'python-check',
  test: 'def check(candidate):\n    assert candidate(2) == 4\n',
  entryPoint: 'f',
};

export function pythonConformanceCases(expectNoOutput: (execution: Execution, text: string) => void): ConformanceCase[] {
  return [
    { name: 'infinite loop', program: 'def f(x):\n    while True:\n        pass\n', verdict: 'timeout', detail: /within \d+ ms/ },
    {
      name: 'SIGTERM ignored',
      program:
        'import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ndef f(x):\n    while True:\n        pass\n',
      verdict: 'timeout',
      detail: /within \d+ ms/,
    },
    {
      name: 'fork bomb',
      program: 'import os\ndef f(x):\n    while True:\n        os.fork()\n',
      verdict: 'error',
      detail: /os\.fork is not allowed/,
    },
    {
      name: 'fork bomb through subprocess',
      program: "import subprocess\ndef f(x):\n    while True:\n        subprocess.Popen(['/bin/sh', '-c', 'sleep 5 # {{MARK}}'])\n",
      verdict: 'error',
      detail: /not allowed/,
    },
    {
      name: 'fork through _posixsubprocess directly',
      program:
        "import _posixsubprocess, os\ndef f(x):\n    _posixsubprocess.fork_exec(['/bin/sh', '-c', 'sleep 5 # {{MARK}}'], [b'/bin/sh'], True, (), None, None, -1, -1, -1, -1, -1, -1, *os.pipe(), False, False, None, None, None, -1, None, False)\n    return 4\n",
      verdict: 'error',
      detail: /process creation is not allowed/,
    },
    {
      name: 'memory bomb',
      program: "def f(x):\n    hoard = []\n    while True:\n        hoard.append(' ' * 10**8)\n",
      // A time limit far beyond what the case needs: only the limit under test can end it.
      limits: { memoryMb: 256, timeoutMs: 60_000 },
      verdict: 'memory',
      detail: /MemoryError/,
    },
    { name: 'deep recursion', program: 'def f(x):\n    return f(x) + 1\n', verdict: 'error', detail: /RecursionError/ },
    {
      name: 'deep recursion through C with the limit lifted',
      program: 'import sys\nsys.setrecursionlimit(10**9)\ndef f(x):\n    return list(map(f, [x]))\n',
      limits: { timeoutMs: 60_000 },
      verdict: 'error',
      detail: /killed by SIGSEGV/,
    },
    {
      name: 'huge output',
      program: "def f(x):\n    while True:\n        print('y' * 1000)\n",
      limits: { timeoutMs: 60_000 },
      verdict: 'output_limit',
      detail: /more than \d+ bytes/,
      check: (e) => {
        if ((e.stdout?.length ?? 0) > 8192) throw new Error(`kept ${e.stdout?.length} bytes of stdout`);
      },
    },
    {
      name: 'writing outside the temp folder',
      program: "def f(x):\n    with open('{{HOST_DIR}}/written-{{MARK}}', 'w') as out:\n        out.write('{{MARK}}')\n    return 4\n",
      verdict: 'error',
      detail: /No such file|Read-only|not allowed/,
      hostFiles: ['{{HOST_DIR}}/written-{{MARK}}'],
    },
    {
      name: "writing into the runner's own files on the host",
      program: "def f(x):\n    with open('{{RUNNER_DIR}}/evil-{{MARK}}.py', 'w') as out:\n        out.write('{{MARK}}')\n    return 4\n",
      verdict: 'error',
      detail: /No such file|Read-only|not allowed/,
      hostFiles: ['{{RUNNER_DIR}}/evil-{{MARK}}.py'],
    },
    {
      name: "writing into the runner's files in the sandbox",
      program: "def f(x):\n    with open('/passk/evil-{{MARK}}.py', 'w') as out:\n        out.write('{{MARK}}')\n    return 4\n",
      verdict: 'error',
      detail: /Read-only file system|not allowed/,
      isolationOnly: true,
    },
    {
      name: "reading the host's files",
      program: "def f(x):\n    print(open('{{SECRET}}').read())\n    return 4\n",
      verdict: 'error',
      detail: /FileNotFoundError/,
      isolationOnly: true,
      check: (e) => expectNoOutput(e, 'secret-{{MARK}}'),
    },
    {
      name: "reading the host's project and passwords",
      program:
        "def f(x):\n    for path in ['{{HOST_DIR}}/../../package.json', '/etc/passwd', '/root']:\n        open(path).read()\n    return 4\n",
      verdict: 'error',
      detail: /FileNotFoundError/,
      isolationOnly: true,
    },
    {
      name: 'a network connection',
      program:
        "import socket\ndef f(x):\n    socket.create_connection(('127.0.0.1', {{PORT}}), timeout=1).sendall(b'{{MARK}}')\n    return 4\n",
      verdict: 'error',
      detail: /Connection|Network|not allowed/,
    },
    {
      name: 'a network connection over raw sockets',
      program:
        "import socket\ndef f(x):\n    s = socket.socket()\n    s.settimeout(1)\n    s.connect_ex(('127.0.0.1', {{PORT}}))\n    s.send(b'{{MARK}}')\n    return 4\n",
      verdict: 'error',
      detail: /not allowed|Broken pipe|not connected/,
    },
    {
      name: 'killing the parent',
      program: 'import os, signal\ndef f(x):\n    os.kill(os.getppid(), signal.SIGKILL)\n    return 4\n',
      verdict: 'error',
      detail: /signalling other processes is not allowed/,
    },
    {
      name: 'killing every process it can see',
      program: 'import os, signal\ndef f(x):\n    os.kill(-1, signal.SIGKILL)\n    return 4\n',
      verdict: 'error',
      detail: /signalling other processes is not allowed/,
    },
    {
      name: 'leaving an orphan that acts later',
      program: [
        'import os, subprocess, time',
        'def f(x):',
        '    try:',
        '        pid = os.fork()',
        '    except PermissionError:',
        "        subprocess.Popen(['/bin/sh', '-c', 'sleep 1; echo {{MARK}} > {{HOST_DIR}}/orphan-{{MARK}}; echo {{MARK}}'], start_new_session=True)",
        '        raise',
        '    if pid == 0:',
        '        os.setsid()',
        '        time.sleep(1)',
        "        open('{{HOST_DIR}}/orphan-{{MARK}}', 'w').write('{{MARK}}')",
        "        print('{{MARK}}', flush=True)",
        '        os._exit(0)',
        '    return 4',
        '',
      ].join('\n'),
      verdict: 'error',
      detail: /not allowed/,
      hostFiles: ['{{HOST_DIR}}/orphan-{{MARK}}'],
      settleMs: 1500,
    },
    {
      name: 'a thread that outlives the tests',
      program: [
        'import threading, time',
        'def later():',
        '    time.sleep(0.5)',
        "    print('{{MARK}}', flush=True)",
        'threading.Thread(target=later).start()',
        'def f(x):',
        '    return 2 * x',
        '',
      ].join('\n'),
      verdict: 'passed',
      detail: /^$/,
      settleMs: 800,
      check: (e) => expectNoOutput(e, '{{MARK}}'),
    },
    // Each way of faking a pass.
    {
      name: 'exit 0 early at module level',
      program: 'import sys\nsys.exit(0)\ndef f(x):\n    return 0\n',
      verdict: 'error',
      detail: /SystemExit\(0\)/,
    },
    {
      name: 'sys.exit(0) inside the function',
      program: 'import sys\ndef f(x):\n    sys.exit(0)\n',
      verdict: 'error',
      detail: /SystemExit\(0\)/,
    },
    {
      name: 'os._exit(0) at module level',
      program: 'import os\nos._exit(0)\ndef f(x):\n    return 0\n',
      verdict: 'error',
      detail: /exited with code 0 before the tests finished/,
    },
    {
      name: 'os._exit(0) inside the function',
      program: 'import os\ndef f(x):\n    os._exit(0)\n',
      verdict: 'error',
      detail: /exited with code 0 before the tests finished/,
    },
    {
      name: 'an atexit handler that prints a pass',
      program: `import atexit, os\ndef fake():\n    for line in ${JSON.stringify(FAKE_LINES)}:\n        print(line)\n        os.write(3, ('\\n' + line + '\\n').encode())\n    os._exit(0)\natexit.register(fake)\ndef f(x):\n    return 0\n`,
      verdict: 'failed',
      detail: /AssertionError/,
      check: (e) => expectNoOutput(e, 'passed'),
    },
    {
      name: 'sys.excepthook swallowing the failure',
      program:
        'import sys, os\ndef hook(*args):\n    print("passed")\n    os._exit(0)\nsys.excepthook = hook\ndef f(x):\n    raise ValueError("no")\n',
      verdict: 'error',
      detail: /ValueError: no/,
      check: (e) => expectNoOutput(e, 'passed'),
    },
    {
      name: 'sys.settrace jumping over the asserts',
      program: [
        'import sys',
        'def tracer(frame, event, arg):',
        "    if event == 'line' and frame.f_code.co_name == 'check':",
        '        frame.f_lineno = frame.f_code.co_firstlineno + 3',
        '    return tracer',
        'sys.settrace(tracer)',
        'def f(x):',
        '    return 0',
        '',
      ].join('\n'),
      verdict: 'error',
      detail: /sys\.settrace is not allowed/,
    },
    {
      name: 'sys.setprofile from inside the function',
      program: 'import sys\ndef f(x):\n    sys.setprofile(lambda *a: None)\n    return 0\n',
      verdict: 'error',
      detail: /sys\.setprofile is not allowed/,
    },
    {
      name: 'printing what a pass looks like',
      program: `import sys\ndef f(x):\n    for line in ${JSON.stringify(FAKE_LINES)}:\n        print(line)\n        print(line, file=sys.stderr)\n    return 0\n`,
      verdict: 'failed',
      detail: /AssertionError/,
    },
    {
      name: 'writing a fake marker to every fd',
      program: `import os\ndef f(x):\n    for fd in range(256):\n        for line in ${JSON.stringify(FAKE_LINES)}:\n            try:\n                os.write(fd, ('\\n' + line + '\\n').encode())\n            except OSError:\n                pass\n    return 0\n`,
      verdict: 'failed',
      detail: /AssertionError/,
    },
    {
      name: 'closing the report channel',
      program: 'import os\ndef f(x):\n    os.closerange(3, 1024)\n    return 2 * x\n',
      verdict: 'error',
      detail: /before the tests finished|Bad file descriptor/,
    },
    {
      name: 'walking frames to the runner',
      program:
        'import sys\ndef f(x):\n    frame = sys._getframe(1)\n    while frame.f_back:\n        frame = frame.f_back\n    return frame.f_locals\n',
      verdict: 'error',
      detail: /frame introspection is not allowed/,
    },
    {
      name: 'walking a traceback to the runner',
      program:
        'def f(x):\n    try:\n        raise ValueError\n    except ValueError as e:\n        return e.__traceback__.tb_frame.f_back.f_locals\n',
      verdict: 'error',
      detail: /frame introspection is not allowed/,
    },
    {
      name: 'searching the heap for the nonce',
      program: 'import gc\ndef f(x):\n    return [o for o in gc.get_objects() if isinstance(o, str) and len(o) == 32]\n',
      verdict: 'error',
      detail: /gc\.get_objects is not allowed/,
    },
    {
      name: 'reading its own memory',
      program: "def f(x):\n    return open('/proc/self/mem', 'rb').read(16)\n",
      verdict: 'error',
      detail: /reading process memory is not allowed/,
    },
    {
      name: 'patching builtins the checker uses',
      program: 'import builtins\nbuiltins.abs = lambda v: 0\nbuiltins.len = lambda v: 0\ndef f(x):\n    return 0\n',
      test: { kind: 'python-check', test: 'def check(candidate):\n    assert abs(candidate(2) - 4) < 1e-6\n', entryPoint: 'f' },
      verdict: 'failed',
      detail: /AssertionError/,
    },
    {
      name: "replacing a function's code",
      program: 'def f(x):\n    return 0\ndef g(x):\n    return 2 * x\nf.__code__ = g.__code__\n',
      verdict: 'error',
      detail: /replacing a function's code is not allowed/,
    },
    {
      name: 'redefining the checker',
      program: 'def check(candidate):\n    pass\ndef f(x):\n    return 0\n',
      verdict: 'failed',
      detail: /AssertionError/,
    },
    {
      name: "replacing the checker's code",
      program: [
        'import threading, time',
        'def f(x):',
        '    return 0',
        'def swap():',
        '    for _ in range(200):',
        '        for obj in list(globals().values()):',
        "            if callable(obj) and getattr(obj, '__name__', '') == 'check':",
        '                obj.__code__ = (lambda candidate: None).__code__',
        '        time.sleep(0.001)',
        'threading.Thread(target=swap, daemon=True).start()',
        '',
      ].join('\n'),
      verdict: 'failed',
      detail: /AssertionError/,
    },
  ];
}
