/**
 * Child process for the JS executor's shutdown test: runs programs on workers that are
 * recycled after every program (so workers are exiting all the time), closes the executor
 * and prints "closed". A host that exits before close() settles ends with Node's exit
 * code 13 (an unsettled top-level await) and never prints it.
 * Usage: tsx test/support/js-pool-close.ts PROGRAMS
 */
import type { Task } from '../../kernel/task.js';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { createJavaScriptExecutor } from '../../sandbox/javascript/executor.js';

const programs = Number(process.argv[2] ?? 12);
const task: Task = {
  id: 'close/0',
  benchmark: 'test',
  language: 'javascript',
  prompt: '',
  entryPoint: 'f',
  canonicalSolution: '',
  test: { kind: 'js-asserts', test: 'console.assert(f() === 1)\n' },
};
const executor = createJavaScriptExecutor({ jobs: 2, recycleAfter: 1 });
const limits = { ...DEFAULT_LIMITS, timeoutMs: 2000 };
const verdicts = await Promise.all(
  Array.from({ length: programs }, (_, i) =>
    executor.execute({ program: `function f() { return ${i % 2}; }\n`, task, limits }).then((e) => e.verdict),
  ),
);
await executor.close();
process.stdout.write(`${JSON.stringify(verdicts)}\nclosed\n`);
