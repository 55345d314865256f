/**
 * The stdin/stdout judge for JavaScript: one fresh isolate per test (the pool's), the test's
 * input as the global string `stdin`, stdout compared here, on the host, under the problem's
 * checker rules (sandbox/stdio-output-match.ts). Stops at the first failing test unless
 * `limits.allTests`; the verdict's detail names that test as the Python judge does.
 */
import { createHash } from 'node:crypto';
import type { TestSpec } from '../../kernel/task.js';
import type { Execution, Limits } from '../executor.js';
import { matchOutput } from '../stdio-output-match.js';
import type { IsolateWorkerPool } from './isolate-worker-pool.js';
import { toExecution } from './outcome.js';

const KEEP_CHARS = 4096;

export async function judgeStdio(
  pool: IsolateWorkerPool,
  program: string,
  test: Extract<TestSpec, { kind: 'stdio' }>,
  limits: Limits,
): Promise<Execution> {
  const limitsMs = limits.inputTimeoutsMs ?? test.tests.map(() => limits.timeoutMs);
  let first: Execution | null = null;
  let passed = 0;
  let totalMs = 0;
  const digest = limits.outputDigest ? createHash('sha256') : null;
  for (const [i, t] of test.tests.entries()) {
    const own: Limits = { ...limits, timeoutMs: limitsMs[i]!, memoryMb: test.memoryLimitMb };
    const outcome = await pool.run({
      program,
      test: '',
      stdin: t.input,
      limits: { timeoutMs: own.timeoutMs, memoryMb: own.memoryMb, outputBytes: own.outputBytes },
    });
    totalMs += outcome.runMs;
    let execution = toExecution(outcome, own);
    if (digest) {
      // As the Python judge's output_key: normalized tokens, or how the run ended.
      const tokens = outcome.stdout.trim() === '' ? [] : outcome.stdout.trim().split(/\s+/);
      const key =
        execution.verdict === 'passed'
          ? (test.checker.caseInsensitive ? tokens.map((t) => t.toLowerCase()) : tokens).join(' ')
          : `!${execution.verdict}`;
      digest.update(`${Buffer.byteLength(key)}:${key}`);
      continue;
    }
    if (execution.verdict === 'passed') {
      const match = matchOutput(t.output, outcome.stdout, test.checker);
      if (match.ok) {
        passed++;
        continue;
      }
      execution = { ...execution, verdict: 'failed', detail: `wrong answer: ${match.detail}` };
    }
    if (first === null) {
      const where = i < test.publicTests ? 'public' : 'hidden';
      first = {
        verdict: execution.verdict,
        detail: `test ${i} (${where}): ${execution.detail ?? execution.verdict}`,
        durationMs: 0,
        ...(outcome.stdout ? { stdout: outcome.stdout.slice(0, KEEP_CHARS) } : {}),
        ...(outcome.stderr ? { stderr: outcome.stderr.slice(-KEEP_CHARS) } : {}),
      };
    }
    if (!limits.allTests) break;
  }
  if (digest)
    return {
      verdict: 'passed',
      detail: `outputs ${digest.digest('hex').slice(0, 32)} on ${test.tests.length} inputs`,
      durationMs: totalMs,
    };
  if (first === null) return { verdict: 'passed', detail: `${test.tests.length} tests, ${Math.round(totalMs)} ms`, durationMs: totalMs };
  if (limits.allTests) first.detail = `${passed}/${test.tests.length} tests passed; first failure ${first.detail}`;
  return { ...first, durationMs: totalMs };
}
