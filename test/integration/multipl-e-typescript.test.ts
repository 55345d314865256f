/**
 * MultiPL-E's TypeScript and JavaScript sets in the isolate, with the solutions written for these
 * tests (test/fixtures/multipl-e): every correct solution passes, type-checked and stripped; a
 * type error fails when type-checked, naming its first diagnostic, and passes when stripped; a
 * wrong answer fails at the assert.deepEqual it breaks; the JavaScript sets pass the same
 * solutions with their types stripped; adversarial programs get the verdict they must.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { programFromCompletion, type Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Execution, type Limits } from '../../sandbox/executor.js';
import { createJavaScriptExecutor, type JavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import { IsolateWorkerPool } from '../../sandbox/javascript/isolate-worker-pool.js';
import { toExecution } from '../../sandbox/javascript/outcome.js';
import { workerDataCapBytes } from '../../sandbox/javascript/worker-process.js';
import type { TypeScriptMode } from '../../sandbox/javascript/typescript-mode.js';
import { ADVERSARIAL } from '../fixtures/multipl-e/adversarial.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { readFixtureSolutions, stripTypes, type FixtureSolution, type FixtureSuite } from '../support/multipl-e-fixtures.js';

const FILES = [
  'multiple_humaneval_ts.jsonl.gz',
  'multiple_mbpp_ts.jsonl.gz',
  'multiple_humaneval_js.jsonl.gz',
  'multiple_mbpp_js.jsonl.gz',
];
const noData = skipWithoutDatasets(...FILES);
// Far above what any of these programs needs: only a verdict, never machine speed, decides.
const LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 20_000 };
const SUITES: FixtureSuite[] = ['humaneval', 'mbpp'];
const WRONG_ANSWER = /^assert\.deepEqual failed at test \(test\.js:\d+:\d+\): expected .* to loosely deep-equal /;

describe.skipIf(noData)('MultiPL-E TypeScript and JavaScript in the isolate', () => {
  const executors = {} as Record<TypeScriptMode | 'javascript', JavaScriptExecutor>;
  const tasks = new Map<string, Task>();
  const solutions = SUITES.flatMap((suite) => readFixtureSolutions(suite));
  const ofKind = (kind: FixtureSolution['kind']) => solutions.filter((s) => s.kind === kind);

  beforeAll(async () => {
    executors.typecheck = createJavaScriptExecutor({ jobs: 2, typescript: 'typecheck' });
    executors.strip = createJavaScriptExecutor({ jobs: 2, typescript: 'strip' });
    executors.javascript = createJavaScriptExecutor({ jobs: 2 });
    for (const suite of SUITES) {
      for (const dialect of ['ts', 'js']) {
        const loaded = await loadBenchmark(`multipl-e-${suite}-${dialect}`, { data: datasetPath(`multiple_${suite}_${dialect}.jsonl.gz`) });
        for (const task of loaded.tasks) tasks.set(`${dialect}:${task.id}`, task);
      }
    }
  });
  afterAll(() => Promise.all(Object.values(executors).map((e) => e.close())));

  const taskOf = (solution: Pick<FixtureSolution, 'taskId' | 'at'>, dialect: 'ts' | 'js' = 'ts'): Task => {
    const task = tasks.get(`${dialect}:${solution.taskId}`);
    if (task === undefined) throw new Error(`${solution.at}: no task ${solution.taskId} in the ${dialect} set`);
    return task;
  };
  /** Runs each solution as a completion of its TypeScript task's prompt; verdict and detail by task id. */
  const runAll = async (list: readonly FixtureSolution[], mode: TypeScriptMode) =>
    Promise.all(
      list.map(async (s) => {
        const task = taskOf(s);
        const e: Execution = await executors[mode].execute({ program: programFromCompletion(task, s.completion), task, limits: LIMITS });
        return { id: `${s.taskId} ${s.kind}`, verdict: e.verdict, detail: e.detail ?? '' };
      }),
    );

  it('holds at least 30 HumanEval-TS and 20 MBPP-TS solutions, each for a task of its file', () => {
    const correct = (prefix: string) =>
      new Set(
        ofKind('correct')
          .filter((s) => s.taskId.startsWith(prefix))
          .map((s) => s.taskId),
      ).size;
    expect(correct('HumanEval_')).toBeGreaterThanOrEqual(30);
    expect(correct('mbpp_')).toBeGreaterThanOrEqual(20);
    for (const s of solutions) expect(taskOf(s).id).toBe(s.taskId);
  });

  it.each(['typecheck', 'strip'] as const)('passes every correct solution in %s mode', async (mode) => {
    const results = await runAll(ofKind('correct'), mode);
    expect(results.filter((r) => r.verdict !== 'passed')).toEqual([]);
  });

  it('fails a type error when type-checked, naming its first diagnostic, and passes it when stripped', async () => {
    const typeErrors = ofKind('type-error');
    expect(typeErrors.length).toBeGreaterThanOrEqual(10);
    const checked = await runAll(typeErrors, 'typecheck');
    for (const r of checked) {
      expect(r).toEqual({ id: r.id, verdict: 'syntax_error', detail: expect.stringMatching(/^type error: program\.ts:\d+:\d+ TS\d+: \S/) });
    }
    expect((await runAll(typeErrors, 'strip')).filter((r) => r.verdict !== 'passed')).toEqual([]);
  });

  it.each(['typecheck', 'strip'] as const)('fails every wrong answer in %s mode, at the assertion it breaks', async (mode) => {
    const wrong = ofKind('wrong');
    expect(wrong.length).toBeGreaterThanOrEqual(10);
    for (const r of await runAll(wrong, mode)) {
      expect(r).toEqual({ id: r.id, verdict: 'failed', detail: expect.stringMatching(WRONG_ANSWER) });
    }
  });

  it('the JavaScript sets pass the same solutions with their types stripped, and fail the wrong ones', async () => {
    const shared = solutions.filter((s) => s.kind !== 'type-error' && tasks.has(`js:${s.taskId}`));
    expect(shared.filter((s) => s.kind === 'correct').length).toBeGreaterThanOrEqual(50);
    const results = await Promise.all(
      shared.map(async (s) => {
        // The whole TypeScript program, stripped, against the JavaScript task's own tests.
        const program = stripTypes(programFromCompletion(taskOf(s), s.completion));
        const e = await executors.javascript.execute({ program, task: taskOf(s, 'js'), limits: LIMITS });
        return { id: `${s.taskId} ${s.kind}`, verdict: e.verdict };
      }),
    );
    expect(results.filter((r) => r.verdict !== (r.id.endsWith(' correct') ? 'passed' : 'failed'))).toEqual([]);
  });

  it('runs TypeScript workers under a memory cap with room for the compiler, and the compiler under a heap limit below it', async () => {
    const task = taskOf({ taskId: 'HumanEval_23_strlen', at: 'HumanEval_23_strlen' });
    await executors.typecheck.execute({ program: programFromCompletion(task, '  return string.length;\n}\n'), task, limits: LIMITS });
    const cap = String((LIMITS.memoryMb + 512 + 1024) * 1024 * 1024);
    expect(workerDataCapBytes(LIMITS.memoryMb, true)).toBe(Number(cap));
    expect(executors.typecheck.workerPids().length).toBeGreaterThan(0);
    for (const pid of executors.typecheck.workerPids()) {
      // Soft and hard: nothing in the worker can raise it again.
      expect(/^Max data size\s+(\S+)\s+(\S+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.slice(1)).toEqual([cap, cap]);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-old-space-size=768');
    }
  });

  it('a compile past its budget is a timeout, decided in the worker (here a budget of 0 ms, which any compile passes)', async () => {
    const pool = new IsolateWorkerPool({ size: 1, recycleAfter: 10, graceMs: 5000, typescript: true });
    try {
      const job = { program: 'const x: number = 1;\n', test: 'x;\n', limits: LIMITS };
      const outcome = await pool.run({ ...job, typescript: { mode: 'typecheck', budgetMs: 0 } });
      expect(outcome.events).toEqual([{ kind: 'timeout', stage: 'typecheck' }]);
      expect(toExecution(outcome, LIMITS)).toMatchObject({ verdict: 'timeout', detail: 'type checking ran past 15000 ms' });
      expect((await pool.run({ ...job, typescript: { mode: 'typecheck', budgetMs: 15_000 } })).completed).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it.each(ADVERSARIAL.map((c) => [c.name, c] as const))('adversarial: %s', async (_name, c) => {
    const task = taskOf({ taskId: 'HumanEval_23_strlen', at: 'test/fixtures/multipl-e/adversarial.ts' });
    const program = c.program ?? programFromCompletion(task, c.completion ?? '');
    for (const mode of ['typecheck', 'strip'] as const) {
      const e = await executors[mode].execute({ program, task, limits: LIMITS });
      expect({ mode, verdict: e.verdict, detail: e.detail ?? '' }).toEqual({
        mode,
        verdict: c[mode].verdict,
        detail: expect.stringMatching(c[mode].detail),
      });
    }
  });
});
