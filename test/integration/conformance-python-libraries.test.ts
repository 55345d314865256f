/**
 * Library-heavy Python (DS-1000, BigCodeBench) in the sandbox, for both executors: the
 * fork-server with the benchmark's libraries imported before it forks, and a fresh
 * interpreter per program. A wrong solution fails (each unittest's outcome recorded); a
 * program that changes pandas options or matplotlib rcParams does not affect the next one
 * (on the same warm worker, whose pandas was imported before the fork); a socket fails with
 * a clear detail; files stay in the scratch folder; a memory bomb gets `memory`; matplotlib
 * draws headless with its config in scratch; BLAS threads are pinned.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_SCIENCE_PRELOAD } from '../../benchmarks/library/profile.js';
import { referenceStatus } from '../../harness/references/reference-table.js';
import type { Task, TestSpec } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Executor, type Limits } from '../../sandbox/executor.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { probePython } from '../../sandbox/python/interpreter.js';
import { execFileSync } from 'node:child_process';
import { skipWithoutTool } from '../support/required-tools.js';

// Generous time: only the limit under test may end a program (CI is a loaded 2-core machine).
const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 60_000, memoryMb: 8192 };

function librariesProblem(): string | null {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import numpy, pandas, matplotlib, sklearn, scipy'], { stdio: 'pipe', timeout: 120_000 });
    return null;
  } catch (err) {
    return `/usr/bin/python3 cannot import numpy, pandas, matplotlib, sklearn, scipy: ${String((err as { stderr?: Buffer }).stderr ?? err)
      .trim()
      .split('\n')
      .pop()}`;
  }
}

const unittestTask = (id: string, test: string): Task => ({
  id,
  benchmark: 'bigcodebench',
  language: 'python',
  prompt: '',
  canonicalSolution: '',
  test: { kind: 'python-unittest', test },
});
const contextTask = (id: string, codeContext: string): Task => ({
  id,
  benchmark: 'ds1000',
  language: 'python',
  prompt: '',
  programPrefix: '',
  canonicalSolution: '',
  test: { kind: 'python-code-context', codeContext } satisfies TestSpec,
});

const MEAN_TESTS = `import unittest
class TestCases(unittest.TestCase):
    def test_mean(self):
        self.assertEqual(task_func([1, 2, 3]), 2.0)
    def test_type(self):
        self.assertIsInstance(task_func([4]), float)
    def test_raises(self):
        with self.assertRaises(ValueError):
            task_func([])
`;
const RIGHT_MEAN =
  'import numpy as np\ndef task_func(xs):\n    if not xs:\n        raise ValueError("empty")\n    return float(np.mean(xs))\n';
const WRONG_MEAN =
  'import numpy as np\ndef task_func(xs):\n    if not xs:\n        raise ValueError("empty")\n    return float(np.sum(xs))\n';

// DS-1000's shape: test_execution(solution) inserts the solution into exec_context.
const DS_CONTEXT = `import numpy as np
import pandas as pd

exec_context = r"""
import pandas as pd
df = test_input
[insert]
"""

def test_execution(solution: str):
    code = exec_context.replace("[insert]", solution)
    test_input = pd.DataFrame({"a": [3, 1, 2]})
    env = {"test_input": test_input}
    exec(code, env)
    assert env["result"].tolist() == [1, 2, 3]
`;

for (const kind of ['forkserver', 'subprocess'] as const) {
  describe(`library-heavy Python conformance: ${kind} executor`, () => {
    const mark = `passklib${randomBytes(6).toString('hex')}`;
    const hostDir = join(process.cwd(), '.cache', `passk-libraries-${mark}`);
    let executor: Executor;
    let server: Server;
    let port = 0;
    let connections = 0;
    let missing: string | null = null;
    let notIsolated: string | null = null;

    beforeAll(async () => {
      missing = librariesProblem();
      if (missing) return;
      mkdirSync(hostDir, { recursive: true });
      server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
      // One worker: consecutive programs run on the same warm worker, so a leak would show.
      executor = createPythonExecutor({ kind, jobs: 1, limits: LIMITS, preload: DATA_SCIENCE_PRELOAD, libraries: ['numpy', 'pandas'] });
      const facts = await executor.facts();
      if (facts.isolation.startsWith('rlimits')) notIsolated = facts.warnings.join('; ') || facts.isolation;
    }, 180_000);

    afterAll(async () => {
      await executor?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      rmSync(hostDir, { recursive: true, force: true });
    });

    const need = (ctx: Parameters<typeof skipWithoutTool>[0]) => {
      if (missing) skipWithoutTool(ctx, 'python-libraries', missing);
    };
    const run = (program: string, task: Task, limits: Partial<Limits> = {}) =>
      executor.execute({ program, task, limits: { ...LIMITS, ...limits } });

    it('records the interpreter and the library versions', async (ctx) => {
      need(ctx);
      const facts = await executor.facts();
      const python = await probePython();
      expect(facts.python_environment?.version).toBe(python.version);
      expect(facts.python_environment?.libraries.numpy).toMatch(/^\d+\.\d+/);
      expect(facts.python_environment?.libraries.pandas).toMatch(/^\d+\.\d+/);
    });

    it('passes a right BigCodeBench solution and fails a wrong one, with each test outcome', async (ctx) => {
      need(ctx);
      const task = unittestTask('lib/mean', MEAN_TESTS);
      const right = await run(RIGHT_MEAN, task);
      expect(right.verdict).toBe('passed');
      expect(right.tests?.map((t) => `${t.name}:${t.outcome}`).sort()).toEqual([
        'test_mean:passed',
        'test_raises:passed',
        'test_type:passed',
      ]);
      const wrong = await run(WRONG_MEAN, task);
      expect(wrong.verdict).toBe('failed');
      expect(wrong.detail).toMatch(/^test_mean: AssertionError: 6\.0 != 2\.0 \(1 of 3 tests did not pass\)$/);
      expect(wrong.tests?.find((t) => t.name === 'test_mean')).toMatchObject({ outcome: 'failed' });
      expect(wrong.tests?.filter((t) => t.outcome === 'passed')).toHaveLength(2);
    });

    it('passes a right DS-1000 solution inserted into its code_context, and fails a wrong one', async (ctx) => {
      need(ctx);
      const task = contextTask('lib/sort', DS_CONTEXT);
      expect((await run('result = df["a"].sort_values()\n', task)).verdict).toBe('passed');
      const wrong = await run('result = df["a"]\n', task);
      expect(wrong).toMatchObject({ verdict: 'failed', detail: 'AssertionError' });
    });

    it('does not carry pandas options or matplotlib rcParams over to the next program', async (ctx) => {
      need(ctx);
      const preloaded = kind === 'forkserver' ? 'True' : 'False';
      const change = unittestTask(
        'lib/change',
        `import unittest
class TestCases(unittest.TestCase):
    def test_changed(self):
        self.assertEqual(task_func(), (7, 9.0))
`,
      );
      const changeProgram = `import sys
assert ("pandas" in sys.modules) == ${preloaded}, "pandas preloaded: ${preloaded}"
import pandas as pd, matplotlib as mpl
def task_func():
    pd.set_option("display.max_rows", 7)
    mpl.rcParams["lines.linewidth"] = 9.0
    return pd.get_option("display.max_rows"), mpl.rcParams["lines.linewidth"]
`;
      const check = unittestTask(
        'lib/check',
        `import unittest
class TestCases(unittest.TestCase):
    def test_defaults(self):
        self.assertEqual(task_func(), (60, 1.5))
`,
      );
      const checkProgram = `import pandas as pd, matplotlib as mpl
def task_func():
    return pd.get_option("display.max_rows"), mpl.rcParams["lines.linewidth"]
`;
      for (let round = 0; round < 2; round++) {
        expect(await run(changeProgram, change)).toMatchObject({ verdict: 'passed' });
        expect(await run(checkProgram, check)).toMatchObject({ verdict: 'passed' });
      }
    });

    it('fails a program that opens a socket with a clear detail, and the reference check calls it network', async (ctx) => {
      need(ctx);
      const task = unittestTask(
        'lib/socket',
        `import unittest
class TestCases(unittest.TestCase):
    def test_fetch(self):
        self.assertEqual(task_func(), b"")
`,
      );
      const program = `import socket
def task_func():
    s = socket.create_connection(("127.0.0.1", ${port}), timeout=5)
    s.sendall(b"${mark}")
    return s.recv(10)
`;
      const execution = await run(program, task);
      expect(execution.verdict).toBe('error');
      expect(execution.detail).toMatch(/^test_fetch: PermissionError: sandbox: socket\.connect is not allowed/);
      expect(referenceStatus(execution.verdict, execution.detail)).toBe('network');
      expect(connections).toBe(0);
    });

    it('keeps written files in the scratch folder, denies the host, and empties scratch between programs', async (ctx) => {
      need(ctx);
      const write = unittestTask(
        'lib/write',
        `import unittest, os
class TestCases(unittest.TestCase):
    def test_written_here(self):
        path = task_func()
        self.assertTrue(os.path.abspath(path).startswith(os.getcwd() + "/"))
        self.assertTrue(os.path.exists("${mark}.csv"))
    def test_host_denied(self):
        # Denied (PermissionError) where the host folder is visible read-only, absent
        # (FileNotFoundError) where the sandbox's private /tmp hides it: never written.
        with self.assertRaises(OSError):
            open("${hostDir}/escape.txt", "w")
`,
      );
      const program = `import pandas as pd
def task_func():
    pd.DataFrame({"a": [1, 2]}).to_csv("${mark}.csv")
    return "${mark}.csv"
`;
      expect(await run(program, write)).toMatchObject({ verdict: 'passed' });
      expect(existsSync(join(hostDir, 'escape.txt'))).toBe(false);
      const after = unittestTask(
        'lib/after',
        `import unittest, os
class TestCases(unittest.TestCase):
    def test_gone(self):
        self.assertFalse(os.path.exists("${mark}.csv"))
`,
      );
      expect(await run('def task_func():\n    return None\n', after)).toMatchObject({ verdict: 'passed' });
    });

    it('draws with matplotlib headless, its config in scratch, BLAS threads pinned to one', async (ctx) => {
      need(ctx);
      const task = unittestTask(
        'lib/plot',
        `import unittest, os
class TestCases(unittest.TestCase):
    def test_plot(self):
        ax = task_func()
        self.assertEqual(ax.get_title(), "t")
        self.assertTrue(os.path.getsize("plot.png") > 0)
    def test_environment(self):
        import matplotlib
        self.assertEqual(matplotlib.get_backend().lower(), "agg")
        self.assertTrue(os.environ["MPLCONFIGDIR"].startswith(os.getcwd()))
        self.assertEqual(os.environ["OPENBLAS_NUM_THREADS"], "1")
        self.assertEqual(os.environ["OMP_NUM_THREADS"], "1")
`,
      );
      const program = `import matplotlib.pyplot as plt
def task_func():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    ax.set_title("t")
    fig.savefig("plot.png")
    return ax
`;
      expect(await run(program, task)).toMatchObject({ verdict: 'passed' });
    });

    it('gives a memory bomb the memory verdict', async (ctx) => {
      need(ctx);
      if (notIsolated && kind === 'subprocess') skipWithoutTool(ctx, 'bubblewrap', notIsolated);
      const task = unittestTask(
        'lib/bomb',
        `import unittest
class TestCases(unittest.TestCase):
    def test_bomb(self):
        task_func()
`,
      );
      const program = `import numpy as np
def task_func():
    blocks = []
    while True:
        blocks.append(np.ones(1 << 25))
`;
      expect(await run(program, task, { memoryMb: 2048 })).toMatchObject({ verdict: 'memory' });
      expect((await run(RIGHT_MEAN, unittestTask('lib/after-bomb', MEAN_TESTS))).verdict).toBe('passed');
    });
  });
}
