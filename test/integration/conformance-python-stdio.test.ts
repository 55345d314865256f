/**
 * Every adversarial case of the Python conformance suite under the stdin/stdout judge: the
 * same program, followed by `print(f(int(input())))`, judged on one test (input 2, expected
 * output 4) with a fork per test. The host-trace checks are the suite's own. Where the
 * judge's verdict differs from the function-call suite's, it is because stdin/stdout judging
 * differs, and the case says why below.
 */
import type { TestSpec } from '../../kernel/task.js';
import type { Verdict } from '../../kernel/verdict.js';
import { createPythonExecutor } from '../../sandbox/python/index.js';
import type { ConformanceCase } from '../support/conformance-programs/python.js';
import { CONFORMANCE_LIMITS, runPythonConformance } from '../support/python-conformance.js';

const WRONG_ANSWER = /^test 0 \(public\): wrong answer: /;

/** Verdicts that differ under the judge, by case name. */
const UNDER_THE_JUDGE: Record<string, { verdict: Verdict; detail: RegExp; why: string; keepCheck?: boolean }> = {
  'a thread that outlives the tests': {
    verdict: 'failed',
    detail: /^test 0 \(public\): wrong answer: token 2: expected end of output, got "passkconf/,
    why: 'as a fresh interpreter does, the judge waits for non-daemon threads before the program ends: the thread prints into the output',
  },
  'exit 0 early at module level': {
    verdict: 'failed',
    detail: WRONG_ANSWER,
    why: 'exit(0) is a normal end for a stdin/stdout program; it printed nothing',
  },
  'sys.exit(0) inside the function': { verdict: 'failed', detail: WRONG_ANSWER, why: 'a normal end before printing' },
  'os._exit(0) at module level': { verdict: 'failed', detail: WRONG_ANSWER, why: 'a normal end before printing' },
  'os._exit(0) inside the function': { verdict: 'failed', detail: WRONG_ANSWER, why: 'a normal end before printing' },
  'an atexit handler that prints a pass': {
    verdict: 'failed',
    detail: WRONG_ANSWER,
    why: "the handler's lines are the program's own output, compared like any other",
  },
  'printing what a pass looks like': { verdict: 'failed', detail: WRONG_ANSWER, why: 'its output is compared, never read as a report' },
  'writing a fake marker to every fd': { verdict: 'failed', detail: WRONG_ANSWER, why: 'the same' },
  'closing the report channel': {
    verdict: 'passed',
    detail: /^1 tests, \d+ ms$/,
    why: 'the child holds no report channel (fd 3 is its status pipe); it printed the right answer',
  },
  'patching builtins the checker uses': { verdict: 'failed', detail: WRONG_ANSWER, why: 'it returns 0; the comparison runs in the parent' },
  'redefining the checker': { verdict: 'failed', detail: WRONG_ANSWER, why: 'the same' },
  "replacing the checker's code": { verdict: 'failed', detail: WRONG_ANSWER, why: 'the same' },
};

function stdioTest(memoryMb: number): TestSpec {
  return {
    kind: 'stdio',
    tests: [{ input: '2\n', output: '4\n' }],
    publicTests: 1,
    checker: { caseInsensitive: false, floatTolerance: null },
    timeLimitMs: CONFORMANCE_LIMITS.timeoutMs,
    memoryLimitMb: memoryMb,
  };
}

function underTheJudge(c: ConformanceCase): ConformanceCase {
  const timeoutMs = c.limits?.timeoutMs ?? CONFORMANCE_LIMITS.timeoutMs;
  const adapted: ConformanceCase = {
    ...c,
    program: `${c.program}\nprint(f(int(input())))\n`,
    test: stdioTest(c.limits?.memoryMb ?? CONFORMANCE_LIMITS.memoryMb),
    // One test: its own limit is the case's, the whole program's has the judge's slack.
    limits: { ...c.limits, timeoutMs: timeoutMs + 1000, inputTimeoutsMs: [timeoutMs] },
  };
  const differs = UNDER_THE_JUDGE[c.name];
  if (!differs) return adapted;
  const { check: _check, ...rest } = adapted;
  return { ...rest, verdict: differs.verdict, detail: differs.detail };
}

runPythonConformance(
  'python conformance under the stdin/stdout judge (forkserver executor)',
  () => createPythonExecutor({ kind: 'forkserver', jobs: 2 }),
  underTheJudge,
);
