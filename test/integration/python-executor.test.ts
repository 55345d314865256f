/**
 * The Python executor beyond the adversarial suite: test kinds, evalplus comparison
 * semantics, reference outputs, harness faults and the one retry of a failed launch,
 * concurrency, and the rlimits fallback.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessFault } from '../../kernel/errors.js';
import type { TestSpec } from '../../kernel/task.js';
import type { Executor, Limits } from '../../sandbox/executor.js';
import type { RawOutcome } from '../../sandbox/python/classify.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import type { RunBounds, RunnerJob } from '../../sandbox/python/job.js';
import type { SandboxSetup } from '../../sandbox/python/sandbox-setup.js';
import { SubprocessPythonExecutor } from '../../sandbox/python/subprocess-executor.js';
import { runnerProcesses } from '../support/host-traces.js';
import { CONFORMANCE_LIMITS, conformanceTask } from '../support/python-conformance.js';

const limits: Limits = CONFORMANCE_LIMITS;
const executors: Executor[] = [];
function make(options: Parameters<typeof createPythonExecutor>[0] = {}): Executor {
  const executor = createPythonExecutor({ kind: 'subprocess', ...options });
  executors.push(executor);
  return executor;
}
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});

const check = (test: string, entryPoint = 'f'): TestSpec => ({ kind: 'python-check', test, entryPoint });
const differential = (
  reference: string,
  inputs: string,
  extra: Partial<Extract<TestSpec, { kind: 'python-differential' }>> = {},
): TestSpec => ({
  kind: 'python-differential',
  entryPoint: 'f',
  reference,
  inputs,
  atol: 0,
  ...extra,
});

describe('python executor (subprocess)', () => {
  const executor = make({ jobs: 2 });
  const run = (program: string, test: TestSpec, overrides: Partial<Limits> = {}) =>
    executor.execute({ program, task: conformanceTask(test), limits: { ...limits, ...overrides } });

  it('reports bubblewrap and the interpreter in its facts', async () => {
    const facts = await executor.facts();
    expect(facts).toMatchObject({ executor: 'python-subprocess', language: 'python' });
    expect(facts.runtime).toMatch(/^Python 3\.\d+\.\d+ \(/);
    expect(facts.isolation).toMatch(/^bubblewrap/);
  });

  it('runs HumanEval-style checks, asserts, and tells syntax errors apart', async () => {
    const spec = check('def check(candidate):\n    assert candidate(3) == 9\n');
    expect((await run('def f(x):\n    return x * x\n', spec)).verdict).toBe('passed');
    expect(await run('def f(x):\n    return x + x\n', spec)).toMatchObject({ verdict: 'failed', detail: 'AssertionError' });
    expect(await run('def f(x):\n    return x.y\n', spec)).toMatchObject({
      verdict: 'error',
      detail: expect.stringMatching(/AttributeError/),
    });
    expect(await run('def f(x)\n    return x\n', spec)).toMatchObject({
      verdict: 'syntax_error',
      detail: expect.stringMatching(/SyntaxError.*line 1/),
    });
    expect(await run('def g(x):\n    return x\n', spec)).toMatchObject({ verdict: 'error', detail: "NameError: name 'f' is not defined" });
    const asserts: TestSpec = { kind: 'python-asserts', asserts: 'assert add(1, 2) == 3\nassert add(2, 2) == 4\n' };
    expect((await run('def add(a, b):\n    return a + b\n', asserts)).verdict).toBe('passed');
    expect((await run('def add(a, b):\n    return 3\n', asserts)).verdict).toBe('failed');
  });

  it('keeps a few KiB of the output in the record', async () => {
    const e = await run(
      "import sys\nprint('hello')\nprint('x' * 100000)\nsys.stderr.write('warn')\ndef f(x):\n    return x * x\n",
      check('def check(c):\n    assert c(2) == 4\n'),
    );
    expect(e.verdict).toBe('passed');
    expect(e.stdout?.startsWith('hello\nxxx')).toBe(true);
    expect(e.stdout?.length).toBeLessThanOrEqual(4096);
    expect(e.stderr).toBe('warn');
  });

  it('turns an unusable test into a harness fault, not a verdict', async () => {
    await expect(run('def f(x):\n    return x\n', check('def check(c)\n    pass\n'))).rejects.toBeInstanceOf(HarnessFault);
    await expect(run('def f(x):\n    return x\n', check('x = 1\n'))).rejects.toThrow(/no check\(\) function/);
  });

  describe('differential tests (evalplus semantics)', () => {
    it('compares with the reference, naming the first failing input', async () => {
      const spec = differential('def f(a, b):\n    return a + b\n', '[[1, 2], [3, 4], [5, 6]]');
      expect((await run('def f(a, b):\n    return b + a\n', spec)).verdict).toBe('passed');
      expect(await run('def f(a, b):\n    return 3 if a == 1 else 0\n', spec)).toMatchObject({
        verdict: 'failed',
        detail: 'input 1: expected 7, got 0',
      });
      expect(await run('def f(a, b):\n    return 3 if a == 1 else a / 0\n', spec)).toMatchObject({
        verdict: 'error',
        detail: expect.stringMatching(/^input 1: ZeroDivisionError/),
      });
    });

    it('compares floats with atol 1e-6 when the task says 0, and with the task atol otherwise', async () => {
      const spec = differential('def f(x):\n    return x / 3\n', '[[1.0], [2.0]]');
      expect((await run('def f(x):\n    return x / 3 + 1e-7\n', spec)).verdict).toBe('passed');
      expect((await run('def f(x):\n    return x / 3 + 1e-5\n', spec)).verdict).toBe('failed');
      const loose = differential('def f(x):\n    return x / 3\n', '[[1.0], [2.0]]', { atol: 1e-4 });
      expect((await run('def f(x):\n    return x / 3 + 1e-5\n', loose)).verdict).toBe('passed');
      // allclose needs the same type and length: an int is not a float.
      const ints = differential('def f(x):\n    return 1.0\n', '[[0]]', { atol: 0.5 });
      expect((await run('def f(x):\n    return 1\n', ints)).verdict).toBe('passed'); // exact: 1 == 1.0
      expect((await run('def f(x):\n    return 2\n', ints)).verdict).toBe('failed');
      const lists = differential('def f(x):\n    return [0.5, 1.5]\n', '[[0]]');
      expect((await run('def f(x):\n    return [0.5000001, 1.5]\n', lists)).verdict).toBe('passed');
      expect((await run('def f(x):\n    return (0.5000001, 1.5)\n', lists)).verdict).toBe('failed');
      expect((await run("def f(x):\n    return [0.5, float('nan')]\n", lists)).verdict).toBe('failed');
    });

    it('applies the special oracles', async () => {
      const notNone = differential("import re\ndef f(s):\n    return re.match('a', s)\n", "[['abc'], ['xyz']]", { oracle: 'not-none' });
      expect((await run("import re\ndef f(s):\n    return re.search('^a', s)\n", notNone)).verdict).toBe('passed');
      expect((await run("def f(s):\n    return s.startswith('a')\n", notNone)).verdict).toBe('passed');
      expect((await run('def f(s):\n    return True\n', notNone)).verdict).toBe('failed');
      const any = differential('def f(x):\n    return x\n', '[[1]]', { oracle: 'any-output' });
      expect((await run("def f(x):\n    return 'whatever'\n", any)).verdict).toBe('passed');
      const zero = differential('def f(x):\n    return x + 1\n', '[[1]]', { oracle: 'zero-or-equal' });
      expect((await run('def f(x):\n    return 0\n', zero)).verdict).toBe('passed');
      expect((await run('def f(x):\n    return 1\n', zero)).verdict).toBe('failed');
      // find_zero: any root of the polynomial passes.
      const root = differential('def f(xs):\n    return 1.0\n', '[[[-1.0, 0.0, 1.0]]]', { oracle: 'poly-root', atol: 1e-6 });
      expect((await run('def f(xs):\n    return -1.0\n', root)).verdict).toBe('passed');
      expect((await run('def f(xs):\n    return 0.5\n', root)).verdict).toBe('failed');
    });

    it('runs the reference on deep copies and with the same hash seed as the candidate', async () => {
      // The reference empties its input (like Mbpp/635): expected outputs must not see that.
      const mutating = differential(
        'def f(xs):\n    out = []\n    while xs:\n        out.append(xs.pop())\n    return out\n',
        '[[[1, 2, 3]], [[4]]]',
      );
      expect((await run('def f(xs):\n    return xs[::-1]\n', mutating)).verdict).toBe('passed');
      // Iteration order of a set of strings depends on PYTHONHASHSEED (like Mbpp/2).
      const words = JSON.stringify([[['apple', 'pear', 'fig', 'kiwi', 'plum', 'lime', 'date']]]);
      const order = differential('def f(ws):\n    return list(set(ws))\n', words);
      for (let i = 0; i < 3; i++) expect((await run('def f(ws):\n    return list({w for w in ws})\n', order)).verdict).toBe('passed');
    });

    it('turns a failing reference into a harness fault naming the function', async () => {
      const broken = differential('def f(x):\n    return 1 / x\n', '[[1], [0]]');
      await expect(run('def f(x):\n    return 1\n', broken)).rejects.toThrow(/reference outputs of f\(\).*ZeroDivisionError/);
    });
  });

  it('bounds the sandboxes running at once by `jobs`', async () => {
    const single = make({ jobs: 1 });
    const sleeper = 'import time\ndef f(x):\n    time.sleep(0.4)\n    return 2 * x\n';
    const spec = check('def check(c):\n    assert c(2) == 4\n');
    await single.execute({ program: sleeper, task: conformanceTask(spec), limits }); // warm: isolation probe done
    const baseline = runnerProcesses().length;
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, runnerProcesses().length - baseline);
    }, 20);
    const results = await Promise.all([1, 2, 3].map(() => single.execute({ program: sleeper, task: conformanceTask(spec), limits })));
    clearInterval(sampler);
    expect(results.map((r) => r.verdict)).toEqual(['passed', 'passed', 'passed']);
    expect(most).toBe(1);
  });

  it('rejects with a harness fault when the interpreter does not exist', async () => {
    const missing = make({ python: '/nonexistent/python3' });
    await expect(missing.execute({ program: 'def f(x):\n    return x\n', task: conformanceTask(), limits })).rejects.toBeInstanceOf(
      HarnessFault,
    );
    await expect(missing.facts()).rejects.toThrow(/cannot run Python/);
  });
});

/** A real subprocess executor whose first `failing` launches fail as a sandbox that cannot start would. */
class FailingLaunches extends SubprocessPythonExecutor {
  launches = 0;
  constructor(readonly failing: number) {
    super({ jobs: 1 });
  }
  protected override launch(setup: SandboxSetup, job: RunnerJob, limits: Limits, bounds: RunBounds): Promise<RawOutcome> {
    this.launches++;
    if (this.launches <= this.failing) return Promise.reject(new HarnessFault('python-sandbox', `launch ${this.launches} failed`));
    return super.launch(setup, job, limits, bounds);
  }
}

describe('python executor: the only retry layer', () => {
  const request = { program: 'def f(x):\n    return 2 * x\n', task: conformanceTask(), limits };

  it('tries a launch that failed with a harness fault once more', async () => {
    const executor = new FailingLaunches(1);
    executors.push(executor);
    expect((await executor.execute(request)).verdict).toBe('passed');
    expect(executor.launches).toBe(2);
  });

  it('lets the second failure propagate: one program never launches more than twice', async () => {
    const executor = new FailingLaunches(Infinity);
    executors.push(executor);
    await expect(executor.execute(request)).rejects.toThrow(/launch 2 failed/);
    expect(executor.launches).toBe(2);
  });
});

describe('python executor without bubblewrap (rlimits fallback)', () => {
  const executor = make({ isolation: 'none' });
  const run = (program: string) => executor.execute({ program, task: conformanceTask(), limits });

  it('says so in its facts', async () => {
    const facts = await executor.facts();
    expect(facts.isolation).toMatch(/^rlimits only/);
    expect(facts.warnings.join(' ')).toMatch(/bubblewrap is not in force/);
  });

  it('still gives the right verdicts, stops runaway programs and blocks escapes', async () => {
    expect((await run('def f(x):\n    return 2 * x\n')).verdict).toBe('passed');
    expect((await run('def f(x):\n    return 0\n')).verdict).toBe('failed');
    expect((await run('def f(x):\n    while True:\n        pass\n')).verdict).toBe('timeout');
    expect(await run("def f(x):\n    open('/tmp/passk-escape-test', 'w')\n")).toMatchObject({
      verdict: 'error',
      detail: expect.stringMatching(/writing outside the work folder/),
    });
    expect(await run('import os\ndef f(x):\n    os.kill(os.getppid(), 9)\n')).toMatchObject({
      verdict: 'error',
      detail: expect.stringMatching(/not allowed/),
    });
    expect(
      await run("import os\ndef f(x):\n    open('own.txt', 'w').write('ok')\n    return 2 * x if open('own.txt').read() == 'ok' else 0\n"),
    ).toMatchObject({ verdict: 'passed' });
  });
});
