/**
 * The job a Python runner receives on stdin (py/passk_core.py reads it): the program, how
 * to test it, the per-execution nonce and the limits the runner applies to itself.
 */
import { randomBytes } from 'node:crypto';
import type { DifferentialOracle, StdioChecker, StdioTest, TestSpec } from '../../kernel/task.js';
import type { Limits } from '../executor.js';
import { HarnessFault } from '../../kernel/errors.js';

type JobKind =
  'python-check' | 'python-asserts' | 'python-differential' | 'python-unittest' | 'python-code-context' | 'reference' | 'stdio';

export interface RunnerLimits {
  memoryBytes: number;
  cpuSeconds: number;
  fileSizeBytes: number;
  openFiles: number;
  /** 0: not limited (rlimit NPROC is per user and meaningless outside a user namespace). */
  maxProcesses: number;
}

export interface RunnerJob {
  nonce: string;
  kind: JobKind;
  program: string;
  test?: string;
  entryPoint?: string;
  inputs?: string;
  /** python-differential: base64 marshal of the inputs' compiled literal, from the reference's run (used instead of `inputs`). */
  inputsCode?: string;
  /** base64 pickle of the reference outputs (python-differential). */
  expected?: string;
  /** Library jobs (unittest, code-context) in bubblewrap: the program may start processes. */
  allowProcesses?: boolean;
  /** python-differential under the per-input rule: each input's own wall-clock limit. */
  inputLimitsMs?: readonly number[];
  atol?: number;
  oracle?: DifferentialOracle;
  /** reference: CPU milliseconds an input's call may take before the input is dropped. */
  inputBudgetMs?: number;
  /** reference: largest pickled output kept; a larger one drops its input. */
  outputCapBytes?: number;
  /** stdio: the tests (public first), how output is compared, each test's wall-clock limit. */
  tests?: readonly StdioTest[];
  publicTests?: number;
  checker?: StdioChecker;
  testLimitsMs?: readonly number[];
  /** stdio: run every test instead of stopping at the first failure. */
  allTests?: boolean;
  /** stdio: run every input and report one digest of the outputs (n@k's clustering). */
  outputDigest?: boolean;
  /** stdio: stdout (and stderr) bytes one test may write. */
  outputBytes?: number;
  limits: RunnerLimits;
}

/** What one run of a job is bounded by, whoever runs it (a one-shot sandbox or a warm worker). */
export interface RunBounds {
  timeoutMs: number;
  /** Limit on the runner's own start (interpreter start-up and preparation). */
  startupTimeoutMs: number;
  outputBytes: number;
  /** Bytes of stdout and of stderr kept in an Execution. */
  keepBytes: number;
  /** Longest report line accepted (reference outputs are one long line). */
  maxReportBytes: number;
  /** The request's place in the run's schedule (ExecutionRequest.order): a pool that must queue starts the lowest first. */
  order?: number;
}

const OPEN_FILES = 128;
/** Reference outputs pickled larger than this are dropped (Mbpp/255 has outputs of hundreds of MB). */
const REFERENCE_OUTPUT_CAP_BYTES = 8 << 20;
/** Processes inside a one-shot sandbox besides the program's own: bubblewrap's init and the runner. */
export const ONE_SHOT_PROCESSES = 2;
/** In a fork-server sandbox: bubblewrap's init, the worker and the forked runner. */
export const FORKSERVER_PROCESSES = 3;

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function runnerLimits(limits: Limits, countsProcesses: boolean, ownProcesses = ONE_SHOT_PROCESSES): RunnerLimits {
  return {
    memoryBytes: limits.memoryMb * 1024 * 1024,
    // A backstop if the harness dies: the wall-clock timer normally fires first.
    cpuSeconds: Math.ceil(limits.timeoutMs / 1000) + 1,
    fileSizeBytes: limits.fileSizeBytes,
    openFiles: OPEN_FILES,
    maxProcesses: countsProcesses ? limits.maxProcesses + ownProcesses : 0,
  };
}

/** The job that runs a candidate program against its tests. */
export function candidateJob(
  program: string,
  test: TestSpec,
  nonce: string,
  limits: RunnerLimits,
  reference?: { expected: string; inputsCode: string },
  inputLimitsMs?: readonly number[],
  options: { allowProcesses?: boolean } = {},
): RunnerJob {
  switch (test.kind) {
    case 'python-check':
      return { nonce, kind: test.kind, program, test: test.test, entryPoint: test.entryPoint, limits };
    case 'python-asserts':
      return { nonce, kind: test.kind, program, test: test.asserts, limits };
    case 'python-unittest':
      return { nonce, kind: test.kind, program, test: test.test, limits, ...(options.allowProcesses ? { allowProcesses: true } : {}) };
    case 'python-code-context':
      return {
        nonce,
        kind: test.kind,
        program,
        test: test.codeContext,
        limits,
        ...(options.allowProcesses ? { allowProcesses: true } : {}),
      };
    case 'python-differential':
      if (reference === undefined) throw new HarnessFault('python-executor', 'differential job without expected outputs');
      return {
        nonce,
        kind: test.kind,
        program,
        entryPoint: test.entryPoint,
        inputsCode: reference.inputsCode,
        expected: reference.expected,
        atol: test.atol,
        ...(test.oracle ? { oracle: test.oracle } : {}),
        ...(inputLimitsMs ? { inputLimitsMs } : {}),
        limits,
      };
    default:
      throw new HarnessFault('python-executor', `cannot run test kind ${test.kind} in Python`);
  }
}

/**
 * The job that judges a stdin/stdout program (py/passk_stdio.py): each test under its own
 * limit (`limits.inputTimeoutsMs`, else the whole limit each), the problem's memory limit,
 * and an rlimit on CPU a second above the longest test's wall-clock limit.
 */
export function stdioJob(
  program: string,
  test: Extract<TestSpec, { kind: 'stdio' }>,
  nonce: string,
  limits: Limits,
  countsProcesses: boolean,
  ownProcesses: number,
): RunnerJob {
  const testLimitsMs = limits.inputTimeoutsMs ?? test.tests.map(() => limits.timeoutMs);
  if (testLimitsMs.length !== test.tests.length)
    throw new HarnessFault('python-executor', `${testLimitsMs.length} per-test limits for ${test.tests.length} tests`);
  const runner = runnerLimits({ ...limits, memoryMb: test.memoryLimitMb }, countsProcesses, ownProcesses);
  runner.cpuSeconds = Math.ceil(Math.max(...testLimitsMs) / 1000) + 1;
  return {
    nonce,
    kind: 'stdio',
    program,
    tests: test.tests,
    publicTests: test.publicTests,
    checker: test.checker,
    testLimitsMs,
    allTests: limits.allTests ?? false,
    ...(limits.outputDigest ? { outputDigest: true } : {}),
    outputBytes: limits.outputBytes,
    limits: runner,
  };
}

/** The job that computes the reference outputs of a differential test. */
export function referenceJob(
  test: Extract<TestSpec, { kind: 'python-differential' }>,
  nonce: string,
  limits: RunnerLimits,
  inputBudgetMs: number,
): RunnerJob {
  return {
    nonce,
    kind: 'reference',
    program: test.reference,
    entryPoint: test.entryPoint,
    inputs: test.inputs,
    ...(test.oracle ? { oracle: test.oracle } : {}),
    inputBudgetMs,
    outputCapBytes: REFERENCE_OUTPUT_CAP_BYTES,
    limits,
  };
}
