/**
 * The fork-server executor's own promises: nothing one program does leaks into the next
 * program run by the same worker, a worker survives its programs' failures, and a worker
 * that dies is replaced (its program retried once by the executor, the only retry layer,
 * then a harness fault).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessFault } from '../../kernel/errors.js';
import type { TestSpec } from '../../kernel/task.js';
import type { Execution } from '../../sandbox/executor.js';
import { ForkserverPythonExecutor } from '../../sandbox/python/forkserver-executor.js';
import { runnerProcesses, waitFor } from '../support/host-traces.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

const limits = CONFORMANCE_LIMITS;
const executors: ForkserverPythonExecutor[] = [];
function make(options: ConstructorParameters<typeof ForkserverPythonExecutor>[0] = {}): ForkserverPythonExecutor {
  const executor = new ForkserverPythonExecutor(options);
  executors.push(executor);
  return executor;
}
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});

/** Prints the start time of the worker that forked this program: equal means same worker. */
const WORKER_ID = "print('worker', open('/proc/%d/stat' % __import__('os').getppid()).read().split()[21])\n";
const workerOf = (e: Execution) => /worker (\d+)/.exec(e.stdout ?? '')?.[1];

const POLLUTER = [
  'import builtins, collections, json, math, os, random, signal, sys, threading, time',
  WORKER_ID.trim(),
  'builtins.len = lambda v: 42',
  'builtins.LEAKED = True',
  'math.pi = 3',
  "collections.LEAKED = 'yes'",
  "os.environ['PASSK_LEAK'] = '1'",
  "os.putenv('PASSK_PUTENV_LEAK', '1')",
  "open('leak.txt', 'w').write('leak')",
  "os.mkdir('leakdir')",
  'sys.setrecursionlimit(77)',
  "sys.path.insert(0, '/leak')",
  "sys.modules['leaked_module'] = math",
  'random.seed(1234)',
  'os.umask(0o777)',
  'signal.signal(signal.SIGALRM, lambda *a: None)',
  'threading.Thread(target=time.sleep, args=(30,), daemon=True).start()',
  'def f(x):',
  '    return 2 * x',
  '',
].join('\n');

const INSPECTOR = [
  'import builtins, collections, math, os, random, sys, threading',
  WORKER_ID.trim(),
  'leaks = []',
  "if len([1, 2]) != 2: leaks.append('builtins.len')",
  "if hasattr(builtins, 'LEAKED'): leaks.append('builtins.LEAKED')",
  "if math.pi == 3: leaks.append('math.pi')",
  "if hasattr(collections, 'LEAKED'): leaks.append('collections.LEAKED')",
  "if 'PASSK_LEAK' in os.environ or 'PASSK_PUTENV_LEAK' in os.environ: leaks.append('environment')",
  "if os.listdir('.'): leaks.append('files: %s' % os.listdir('.'))",
  "if sys.getrecursionlimit() == 77: leaks.append('recursion limit')",
  "if '/leak' in sys.path: leaks.append('sys.path')",
  "if 'leaked_module' in sys.modules: leaks.append('sys.modules')",
  "if threading.active_count() != 1: leaks.append('threads: %d' % threading.active_count())",
  'old = os.umask(0o022)',
  "if old == 0o777: leaks.append('umask')",
  'def f(x):',
  '    if leaks:',
  "        raise RuntimeError('leaked: ' + ', '.join(leaks))",
  '    return 2 * x',
  '',
].join('\n');

const spec: TestSpec = { kind: 'python-check', test: 'def check(candidate):\n    assert candidate(2) == 4\n', entryPoint: 'f' };
const run = (executor: ForkserverPythonExecutor, program: string, over = {}) =>
  executor.execute({ program, task: conformanceTask(spec), limits: { ...limits, ...over } });

describe('forkserver executor', () => {
  it('says it uses warm workers', async () => {
    const facts = await make({ jobs: 1 }).facts();
    expect(facts.executor).toBe('python-forkserver');
    expect(facts.isolation).toMatch(/^bubblewrap.*fork-server workers/);
  });

  it('leaks nothing from one program to the next in the same worker', async () => {
    const executor = make({ jobs: 1 });
    const polluted = await run(executor, POLLUTER);
    expect(polluted.verdict).toBe('passed');
    const inspected = await run(executor, INSPECTOR);
    expect({ verdict: inspected.verdict, detail: inspected.detail }).toEqual({ verdict: 'passed', detail: undefined });
    expect(workerOf(inspected)).toBeDefined();
    expect(workerOf(inspected)).toBe(workerOf(polluted));
    // The inspector itself can fail: run directly after a program that leaves nothing to
    // undo, it must still see a clean state, and a leak it detects is reported.
    const selfCheck = await run(executor, INSPECTOR.replace('leaks = []', 'builtins.len = lambda v: 42\nleaks = []'));
    expect(selfCheck).toMatchObject({ verdict: 'error', detail: expect.stringMatching(/leaked: builtins\.len/) });
  });

  it('keeps the worker through timeouts, memory bombs and crashes', async () => {
    const executor = make({ jobs: 1 });
    const first = workerOf(await run(executor, `${WORKER_ID}def f(x):\n    return 2 * x\n`));
    expect((await run(executor, 'def f(x):\n    while True:\n        pass\n')).verdict).toBe('timeout');
    expect(
      (await run(executor, "def f(x):\n    b = []\n    while True:\n        b.append(' ' * 10**8)\n", { memoryMb: 256, timeoutMs: 60_000 }))
        .verdict,
    ).toBe('memory');
    expect((await run(executor, 'import os\ndef f(x):\n    os.abort()\n')).verdict).toBe('error');
    const last = await run(executor, `${WORKER_ID}def f(x):\n    return 2 * x\n`);
    expect(last.verdict).toBe('passed');
    expect(workerOf(last)).toBe(first);
    expect(executor.lostWorkers).toBe(0);
  });

  /**
   * Kills, from the host, a warm worker that is running a program: the program's process
   * is a runner whose parent (the zygote) and grandparent (the worker) are runners too.
   */
  function killBusyWorker(): boolean {
    const runners = runnerProcesses();
    const parentOf = new Map(runners.map((p) => [p.pid, p.ppid]));
    const busy = runners.find((p) => parentOf.has(p.ppid) && parentOf.has(parentOf.get(p.ppid)!));
    if (!busy) return false;
    process.kill(parentOf.get(busy.ppid)!, 'SIGKILL');
    return true;
  }

  it('replaces a worker that dies and retries its program once', async () => {
    const executor = make({ jobs: 1 });
    await run(executor, 'def f(x):\n    return 2 * x\n');
    // The program sleeps far longer than finding and killing its worker takes on a loaded
    // machine, so the kill always lands while it runs.
    const slow = run(executor, 'import time\ndef f(x):\n    time.sleep(5)\n    return 2 * x\n', { timeoutMs: 60_000 });
    expect(await waitFor(killBusyWorker, 4000)).toBe(true);
    expect((await slow).verdict).toBe('passed');
    expect(executor.lostWorkers).toBe(1);
    expect((await run(executor, 'def f(x):\n    return 2 * x\n')).verdict).toBe('passed');
  });

  it('turns a second death into a harness fault, never a verdict', async () => {
    const executor = make({ jobs: 1 });
    await run(executor, 'def f(x):\n    return 2 * x\n');
    const doomed = run(executor, 'import time\ndef f(x):\n    time.sleep(20)\n    return 2 * x\n', { timeoutMs: 60_000 });
    expect(await waitFor(killBusyWorker, 15_000)).toBe(true);
    expect(await waitFor(() => executor.lostWorkers === 1, 15_000)).toBe(true);
    expect(await waitFor(killBusyWorker, 15_000)).toBe(true);
    await expect(doomed).rejects.toBeInstanceOf(HarnessFault);
    expect((await run(executor, 'def f(x):\n    return 2 * x\n')).verdict).toBe('passed');
  });

  it('computes differential references through the pool', async () => {
    const executor = make({ jobs: 2 });
    const diff: TestSpec = {
      kind: 'python-differential',
      entryPoint: 'f',
      reference: 'def f(a):\n    return sorted(a)\n',
      inputs: '[[[3, 1, 2]], [[5, 4]]]',
      atol: 0,
    };
    const runDiff = (program: string) => executor.execute({ program, task: conformanceTask(diff), limits });
    const results = await Promise.all(
      ['def f(a):\n    return sorted(a)\n', 'def f(a):\n    return a\n', 'def f(a):\n    return list(reversed(sorted(a)))[::-1]\n'].map(
        runDiff,
      ),
    );
    expect(results.map((r) => r.verdict)).toEqual(['passed', 'failed', 'passed']);
    expect(results[1]!.detail).toBe('input 0: expected [1, 2, 3], got [3, 1, 2]');
  });

  it('carries megabytes each way: a reference report and candidate jobs of several MiB', async () => {
    const executor = make({ jobs: 1 });
    // Each output is 1.5 MiB or more, so the reference's report (one line) and each candidate's
    // job (its expected outputs) cross many 64 KiB pipe reads.
    const diff: TestSpec = {
      kind: 'python-differential',
      entryPoint: 'f',
      reference: "def f(n):\n    return ('x' * 999 + 'é') * n\n",
      inputs: '[[1500], [1600], [1700]]',
      atol: 0,
    };
    const runDiff = (program: string) => executor.execute({ program, task: conformanceTask(diff), limits });
    const same = await runDiff("def f(n):\n    return ''.join(['x' * 999 + 'é'] * n)\n");
    const wrong = await runDiff("def f(n):\n    return ('x' * 999 + 'e') * n\n");
    expect(same.verdict).toBe('passed');
    expect(wrong.verdict).toBe('failed');
    expect(wrong.detail).toMatch(/^input 0: expected 'x{100}/);
  });

  it('works without bubblewrap, emptying its scratch folder between programs', async () => {
    const executor = make({ jobs: 1, isolation: 'none' });
    expect((await executor.facts()).isolation).toMatch(/^rlimits only/);
    expect((await run(executor, POLLUTER)).verdict).toBe('passed');
    expect((await run(executor, INSPECTOR)).verdict).toBe('passed');
    expect((await run(executor, 'def f(x):\n    while True:\n        pass\n')).verdict).toBe('timeout');
    expect((await run(executor, INSPECTOR)).verdict).toBe('passed');
  });
});
