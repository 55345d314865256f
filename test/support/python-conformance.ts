/**
 * The Python sandbox conformance suite, as a function so that every Python executor
 * (subprocess, forkserver) runs the very same cases. Each case asserts the whole result
 * (verdict and detail), that the host kept no trace (no files, no processes, no
 * connection to a loopback server), and that a normal program passes right after.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task, TestSpec } from '../../kernel/task.js';
import { DEFAULT_LIMITS, type Execution, type Executor, type Limits } from '../../sandbox/executor.js';
import { runnerDir } from '../../sandbox/python/runner-files.js';
import { DEFAULT_TEST, pythonConformanceCases, type ConformanceCase } from './conformance-programs/python.js';
import { processesWithMarker, runnerProcesses, waitFor } from './host-traces.js';
import { skipWithoutTool } from './required-tools.js';

export const CONFORMANCE_LIMITS: Limits = { ...DEFAULT_LIMITS, timeoutMs: 1500, memoryMb: 512 };
const NORMAL_PROGRAM = 'def f(x):\n    return 2 * x\n';

export function conformanceTask(test: TestSpec = DEFAULT_TEST, id = 'conformance'): Task {
  return { id, benchmark: 'conformance', language: 'python', prompt: '', canonicalSolution: '', test };
}

/**
 * `adapt` turns each case into another test of the same program (the stdin/stdout judge's
 * suite, conformance-python-stdio.test.ts); absent, the cases run as they are.
 */
export function runPythonConformance(
  label: string,
  makeExecutor: () => Executor,
  adapt: (c: ConformanceCase) => ConformanceCase = (c) => c,
): void {
  describe(label, () => {
    const mark = `passkconf${randomBytes(6).toString('hex')}`;
    const hostDir = join(process.cwd(), '.cache', `passk-conformance-${mark}`);
    const secret = join(hostDir, 'secret.txt');
    let executor: Executor;
    let server: Server;
    let port = 0;
    let connections = 0;
    /** Why bubblewrap is not in force (the sandbox's own warning), or null when it is. */
    let notIsolated: string | null = null;
    let baseline = 0;

    const fill = (text: string) =>
      text
        .replaceAll('{{MARK}}', mark)
        .replaceAll('{{HOST_DIR}}', hostDir)
        .replaceAll('{{SECRET}}', secret)
        .replaceAll('{{PORT}}', String(port))
        .replaceAll('{{RUNNER_DIR}}', runnerDir());
    const expectNoOutput = (execution: Execution, text: string) => {
      expect(execution.stdout ?? '').not.toContain(fill(text));
      expect(execution.stderr ?? '').not.toContain(fill(text));
    };
    const runNormal = () => executor.execute({ program: NORMAL_PROGRAM, task: conformanceTask(), limits: CONFORMANCE_LIMITS });

    beforeAll(async () => {
      mkdirSync(hostDir, { recursive: true });
      writeFileSync(secret, `secret-${mark}`);
      server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
      executor = makeExecutor();
      const facts = await executor.facts();
      if (facts.isolation.startsWith('rlimits')) notIsolated = facts.warnings.join('; ') || facts.isolation;
      expect((await runNormal()).verdict).toBe('passed');
      baseline = runnerProcesses().length;
    });

    afterAll(async () => {
      await executor?.close();
      await new Promise((resolve) => server?.close(resolve));
      rmSync(hostDir, { recursive: true, force: true });
    });

    for (const c of pythonConformanceCases(expectNoOutput).map(adapt)) {
      it(c.name, async (ctx) => {
        if (c.isolationOnly && notIsolated !== null)
          skipWithoutTool(ctx, 'bubblewrap', `this case needs the sandbox's namespaces: ${notIsolated}`);
        const before = readdirSync(hostDir).sort();
        const execution = await executor.execute({
          program: fill(c.program),
          task: conformanceTask(c.test, `conformance/${c.name}`),
          limits: { ...CONFORMANCE_LIMITS, ...c.limits },
        });
        expect({ verdict: execution.verdict, detail: execution.detail ?? '' }).toEqual({
          verdict: c.verdict,
          detail: expect.stringMatching(c.detail),
        });
        c.check?.(execution);
        if (c.settleMs) await new Promise((resolve) => setTimeout(resolve, c.settleMs));
        // No trace on the host: processes, files, connections.
        expect(await waitFor(() => runnerProcesses().length <= baseline, 5000)).toBe(true);
        expect(processesWithMarker(mark)).toEqual([]);
        for (const file of c.hostFiles ?? []) expect(existsSync(fill(file))).toBe(false);
        expect(readdirSync(hostDir).sort()).toEqual(before);
        expect(connections).toBe(0);
        // The harness went on.
        expect((await runNormal()).verdict).toBe('passed');
      });
    }
  });
}
