/**
 * The JavaScript executor on HumanEval-X JavaScript (acceptance: canonical solutions
 * 164/164 pass; one console.assert made to fail fails), its worker pool (crash,
 * retry, recycling, close), the bundled js-md5, and the pure verdict mapping.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanevalJs } from '../../benchmarks/humaneval-js.js';
import { HarnessFault, PasskError } from '../../kernel/errors.js';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import { readJsonLines } from '../../kernel/jsonl.js';
import { DEFAULT_LIMITS, type Limits } from '../../sandbox/executor.js';
import { createJavaScriptExecutor, type JavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import { toExecution, type RawEvent, type RawOutcome } from '../../sandbox/javascript/outcome.js';
import { diagnose } from '../../sandbox/javascript/isolate-worker-pool.js';
import { dataLimitFromProcLimits, workerDataCapBytes } from '../../sandbox/javascript/worker-process.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { waitFor } from '../support/host-traces.js';

const DATA = datasetPath('humaneval_js.jsonl.gz');
const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 10_000, memoryMb: 256 };

const jsTask = (test: string, id = 'js'): Task => ({
  id,
  benchmark: 'test',
  language: 'javascript',
  prompt: '',
  canonicalSolution: '',
  test: { kind: 'js-asserts', test },
});

/** The test with its first console.assert forced to fail, and the line that assert is on. */
function withFirstAssertFailing(test: string): { test: string; line: number } {
  const at = test.indexOf('console.assert(');
  const line = test.slice(0, at).split('\n').length;
  // `false && (...)`: && binds looser than every comparison, so the whole condition is false.
  return { test: test.slice(0, at) + 'console.assert(false && ' + test.slice(at + 'console.assert('.length), line };
}

describe.skipIf(skipWithoutDatasets('humaneval_js.jsonl.gz'))('javascript executor on HumanEval-X', () => {
  let tasks: Task[];
  let executor: JavaScriptExecutor;
  beforeAll(async () => {
    tasks = await humanevalJs.load(DATA, {});
    executor = createJavaScriptExecutor({ jobs: 2 });
  });
  afterAll(() => executor?.close());

  it('passes all 164 canonical solutions', async () => {
    const results = await Promise.all(
      tasks.map(async (task) => [task.id, (await executor.execute({ program: canonicalProgram(task), task, limits: LIMITS })).verdict]),
    );
    expect(results.filter(([, verdict]) => verdict !== 'passed')).toEqual([]);
    expect(results).toHaveLength(164);
  });

  it('fails every canonical solution whose first console.assert is made to fail, at that assert', async () => {
    const results = await Promise.all(
      tasks.map(async (task) => {
        const broken = withFirstAssertFailing((task.test as { test: string }).test);
        const execution = await executor.execute({ program: canonicalProgram(task), task: jsTask(broken.test, task.id), limits: LIMITS });
        return {
          id: task.id,
          verdict: execution.verdict,
          at: /\(test\.js:(\d+):\d+\)/.exec(execution.detail ?? '')?.[1],
          line: String(broken.line),
        };
      }),
    );
    expect(results.filter((r) => r.verdict !== 'failed' || r.at !== r.line)).toEqual([]);
  });

  it('fails the two canonical solutions of the public file that the adapter corrects', async () => {
    const raw = (await readJsonLines(DATA)).map(
      (l) => l.value as { task_id: string; prompt: string; canonical_solution: string; test: string },
    );
    for (const id of ['JavaScript/112', 'JavaScript/155']) {
      const row = raw.find((r) => r.task_id === id)!;
      const execution = await executor.execute({
        program: row.prompt + row.canonical_solution,
        task: jsTask(row.test, id),
        limits: LIMITS,
      });
      expect(execution).toMatchObject({
        verdict: 'failed',
        detail: expect.stringMatching(/^console\.assert failed at test\w+ \(test\.js:\d+:\d+\)/),
      });
    }
  });

  it("bundles a js-md5 that agrees with Node's crypto", async () => {
    const inputs = fc.sample(fc.oneof(fc.string({ maxLength: 70 }), fc.string({ unit: 'grapheme', maxLength: 70 })), {
      numRuns: 150,
      seed: 7,
    });
    const expected = inputs.map((s) => createHash('md5').update(s, 'utf8').digest('hex'));
    const program = "const md5 = require('js-md5')\n";
    const test = (hashes: string[]) =>
      `const inputs = ${JSON.stringify(inputs)}\nconst hashes = ${JSON.stringify(hashes)}\n` +
      'inputs.forEach((s, i) => console.assert(md5(s) === hashes[i], s))\n';
    expect(await executor.execute({ program, task: jsTask(test(expected)), limits: LIMITS })).toMatchObject({ verdict: 'passed' });
    const wrong = [...expected];
    wrong[3] = createHash('md5').update('something else').digest('hex');
    const failing = await executor.execute({ program, task: jsTask(test(wrong)), limits: LIMITS });
    expect(failing).toMatchObject({ verdict: 'failed', detail: expect.stringMatching(/^console\.assert failed at .*test\.js:3:\d+\)?: /) });
    expect(failing.detail).not.toMatch(/assertions failed/);
  });
});

describe('javascript executor: requests, output, async tests', () => {
  const executor = createJavaScriptExecutor();
  afterAll(() => executor.close());
  const run = (program: string, test: string, limits: Partial<Limits> = {}) =>
    executor.execute({ program, task: jsTask(test), limits: { ...LIMITS, ...limits } });

  it('captures console output, formatted like util.format, and records the sandbox facts', async () => {
    const result = await run("console.log('a', 1, [1, 'b', { c: null }], undefined)\nconsole.warn('w')", 'console.assert(true)');
    expect(result).toMatchObject({ verdict: 'passed', stdout: "a 1 [ 1, 'b', { c: null } ] undefined\n", stderr: 'w\n' });
    const facts = await executor.facts();
    expect(facts).toMatchObject({ executor: 'javascript-isolated-vm', language: 'javascript' });
    expect(facts.isolation).toMatch(/isolated-vm isolate per program .* child worker process/);
    expect(facts.runtime).toContain(process.versions.v8);
  });

  it('settles async tests: pass, failed assertion after an await, rejection', async () => {
    const test = 'const t = async () => { console.assert((await f()) === 1) }\nt()\n';
    expect(await run('const f = async () => 1', test)).toMatchObject({ verdict: 'passed' });
    expect(await run('const f = async () => { await null; return 2 }', test)).toMatchObject({ verdict: 'failed' });
    expect(await run("const f = async () => { await null; throw new TypeError('late') }", test)).toMatchObject({
      verdict: 'error',
      detail: expect.stringMatching(/TypeError: late/),
    });
  });

  it('answers empty programs, and refuses other test kinds and bad limits', async () => {
    expect(await run('  \n', 'console.assert(true)')).toMatchObject({ verdict: 'empty' });
    const python: Task = { ...jsTask(''), test: { kind: 'python-asserts', asserts: 'assert True' } };
    await expect(executor.execute({ program: 'x', task: python, limits: LIMITS })).rejects.toThrow(PasskError);
    await expect(run('1', 'console.assert(true)', { timeoutMs: 0 })).rejects.toThrow(/limits\.timeoutMs must be a positive number/);
  });
});

describe('javascript executor: worker pool', () => {
  it('retries a program whose worker died, and faults when it dies again', async () => {
    const executor = createJavaScriptExecutor();
    try {
      const loop = () =>
        executor.execute({ program: 'while (true) {}', task: jsTask('console.assert(true)'), limits: { ...LIMITS, timeoutMs: 3000 } });
      const killWorker = async (not?: number) => {
        expect(await waitFor(() => executor.workerPids().some((pid) => pid !== not), 10_000)).toBe(true);
        const pid = executor.workerPids().find((p) => p !== not)!;
        await new Promise((resolve) => setTimeout(resolve, 300)); // let the program start
        process.kill(pid, 'SIGKILL');
        return pid;
      };
      // Killed once: the retry on a fresh worker runs to its own verdict.
      const once = loop();
      await killWorker();
      expect(await once).toMatchObject({ verdict: 'timeout' });
      // Killed twice: a harness fault, never a verdict.
      const twice = loop();
      const first = await killWorker();
      await killWorker(first);
      await expect(twice).rejects.toThrow(HarnessFault);
      await expect(twice).rejects.toThrow(/died twice/);
      // The pool goes on.
      expect(await executor.execute({ program: 'const x = 1', task: jsTask('console.assert(x === 1)'), limits: LIMITS })).toMatchObject({
        verdict: 'passed',
      });
    } finally {
      await executor.close();
    }
  });

  it('runs every worker under a hard OS memory cap of memoryMb + 512 MiB, one worker per memory limit', async () => {
    const executor = createJavaScriptExecutor();
    const dataLimit = (pid: number) => /^Max data size\s+(\S+)\s+(\S+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.slice(1);
    try {
      const pids: number[] = [];
      for (const memoryMb of [256, 100]) {
        const run = await executor.execute({
          program: 'const x = 1',
          task: jsTask('console.assert(x === 1)'),
          limits: { ...LIMITS, memoryMb },
        });
        expect(run.verdict).toBe('passed');
        const [pid] = executor.workerPids();
        expect(executor.workerPids()).toHaveLength(1);
        // Soft and hard: the program's process cannot raise it again.
        const cap = String((memoryMb + 512) * 1024 * 1024);
        expect(dataLimit(pid!)).toEqual([cap, cap]);
        expect(workerDataCapBytes(memoryMb)).toBe(Number(cap));
        pids.push(pid!);
      }
      // The worker capped for 256 MB made room for the one capped for 100 MB.
      expect(pids[0]).not.toBe(pids[1]);
    } finally {
      await executor.close();
    }
  });

  it('recycles workers and leaves no process after close', async () => {
    const executor = createJavaScriptExecutor({ jobs: 2, recycleAfter: 2 });
    const seen = new Set<number>();
    const verdicts = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const execution = await executor.execute({ program: `const x = ${i}`, task: jsTask(`console.assert(x === ${i})`), limits: LIMITS });
        for (const pid of executor.workerPids()) seen.add(pid);
        return execution.verdict;
      }),
    );
    expect(verdicts).toEqual(Array(8).fill('passed'));
    expect(seen.size).toBeGreaterThanOrEqual(3); // 8 programs, 2 per worker
    await executor.close();
    expect(executor.workerPids()).toEqual([]);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(await waitFor(() => [...seen].every((pid) => !alive(pid)), 5000)).toBe(true);
    await expect(executor.execute({ program: '1', task: jsTask('console.assert(true)'), limits: LIMITS })).rejects.toThrow(HarnessFault);
  });

  // In its own process: inside vitest something else always keeps the event loop alive, so
  // a host that would exit before close() settles (Node's exit 13) cannot show here.
  it('settles close() in a plain Node process while workers are exiting, and the process exits 0', () => {
    const script = fileURLToPath(new URL('../support/js-pool-close.ts', import.meta.url));
    for (let round = 0; round < 3; round++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, '12'], { encoding: 'utf8', timeout: 60_000 });
      expect(out.trim().split('\n')).toEqual([
        JSON.stringify(Array.from({ length: 12 }, (_, i) => (i % 2 === 1 ? 'passed' : 'failed'))),
        'closed',
      ]);
    }
  });
});

describe('javascript outcome -> verdict (pure)', () => {
  const limits = DEFAULT_LIMITS;
  const stage = fc.constantFrom('program' as const, 'test' as const, 'harness' as const, 'worker' as const);
  const verdictEvent: fc.Arbitrary<[RawEvent, string]> = fc.oneof(
    fc
      .record({ kind: fc.constant('assert' as const), where: fc.string(), message: fc.string() })
      .map((e): [RawEvent, string] => [e, 'failed']),
    fc
      .record({ kind: fc.constant('tamper' as const), when: fc.string(), names: fc.string() })
      .map((e): [RawEvent, string] => [e, 'failed']),
    fc.record({ kind: fc.constant('output_limit' as const), bytes: fc.nat() }).map((e): [RawEvent, string] => [e, 'output_limit']),
    fc.record({ kind: fc.constant('syntax' as const), stage, message: fc.string() }).map((e): [RawEvent, string] => [e, 'syntax_error']),
    fc.record({ kind: fc.constant('timeout' as const), stage }).map((e): [RawEvent, string] => [e, 'timeout']),
    fc.record({ kind: fc.constant('memory' as const), stage, message: fc.string() }).map((e): [RawEvent, string] => [e, 'memory']),
    fc.record({ kind: fc.constant('throw' as const), stage, message: fc.string() }).map((e): [RawEvent, string] => [e, 'error']),
    fc.constant<[RawEvent, string]>([{ kind: 'pending' }, 'timeout']),
  );
  const outcome = (events: RawEvent[], completed: boolean): RawOutcome => ({
    events,
    completed,
    assertionFailures: events.filter((e) => e.kind === 'assert').length,
    stdout: '',
    stderr: '',
    outputBytes: 0,
    runMs: 1,
  });

  it('names the first thing that went wrong, whatever follows', () => {
    fc.assert(
      fc.property(verdictEvent, fc.array(verdictEvent.map(([e]) => e)), fc.boolean(), ([first, verdict], rest, completed) => {
        expect(toExecution(outcome([first, ...rest], completed), limits).verdict).toBe(verdict);
      }),
    );
  });

  it('passes only a completed run with no event, and never turns a harness failure into a verdict', () => {
    expect(toExecution(outcome([], true), limits).verdict).toBe('passed');
    expect(() => toExecution(outcome([], false), limits)).toThrow(HarnessFault);
    fc.assert(
      fc.property(fc.array(verdictEvent.map(([e]) => e)), fc.boolean(), (rest, completed) => {
        expect(() => toExecution(outcome([{ kind: 'harness', message: 'x' }, ...rest], completed), limits)).toThrow(HarnessFault);
      }),
    );
  });

  it('tells a worker that ran out of memory, or past its time limit, from any other worker crash', () => {
    const oom =
      '<--- Last few GCs --->\n[1:0x1] Mark-Compact 120 -> 120 MB\npasskjs-noise\npassk-js-worker catastrophic error: Catastrophic out-of-memory error\n';
    expect(diagnose(oom, 'exit SIGABRT')).toEqual({ cause: 'memory', description: 'exit SIGABRT: Catastrophic out-of-memory error' });
    const size = '\n#\n# Fatal error in , line 0\n# Fatal JavaScript invalid size error 268435456 (see crbug.com/1201626)\n#\n';
    expect(diagnose(size, 'exit SIGTRAP')).toMatchObject({
      cause: 'memory',
      description: expect.stringMatching(/^exit SIGTRAP: Fatal JavaScript invalid size error/),
    });
    // What the OS memory cap makes V8 (zone memory) or C++ code say.
    const zone = '<--- JS stacktrace --->\n\nFATAL ERROR: Zone Allocation failed - process out of memory\n----- Native stack trace -----\n';
    expect(diagnose(zone, 'exit SIGABRT')).toEqual({
      cause: 'memory',
      description: 'exit SIGABRT: FATAL ERROR: Zone Allocation failed - process out of memory',
    });
    expect(
      diagnose("terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n", 'exit SIGABRT'),
    ).toMatchObject({ cause: 'memory' });
    const stuck = 'passk-js-worker catastrophic error: Script failed to terminate\n';
    expect(diagnose(stuck, 'exit SIGABRT')).toEqual({ cause: 'timeout', description: 'exit SIGABRT: Script failed to terminate' });
    expect(diagnose('# Fatal error in ../src/objects.cc, line 42\n# Check failed: x.\n', 'exit SIGTRAP')).toEqual({
      cause: 'unknown',
      description: 'exit SIGTRAP: Fatal error in ../src/objects.cc, line 42',
    });
    // No last words (killed from outside): not the program's doing.
    expect(diagnose('', 'exit SIGKILL')).toEqual({ cause: 'unknown', description: 'exit SIGKILL' });
  });

  it('reads the data-segment limit from /proc/<pid>/limits', () => {
    const limits = (data: string) =>
      `Limit                     Soft Limit           Hard Limit           Units     \nMax stack size            8388608              unlimited            bytes     \nMax data size             ${data}            bytes     \n`;
    expect(dataLimitFromProcLimits(limits('603979776            603979776'))).toBe(603979776);
    expect(dataLimitFromProcLimits(limits('unlimited            unlimited'))).toBe(Infinity);
    expect(dataLimitFromProcLimits('Max stack size 8388608 unlimited bytes\n')).toBeUndefined();
  });
});
