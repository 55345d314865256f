/**
 * The JavaScript sandbox conformance suite, for JavaScript programs and for the same programs
 * run as TypeScript (test/integration/conformance-js.test.ts, conformance-ts.test.ts): every
 * adversarial program gets the right verdict and detail, none passes, the host keeps no trace (no
 * files, no stray processes, no connection to a loopback server, its own globals untouched), and a
 * normal program passes right after on the same worker (one worker, so nothing can leak past an
 * isolate without this suite seeing it), unless the program brought that worker down. Memory
 * bombs are bounded by the worker's OS memory cap, never by the host.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import type { Execution } from '../../sandbox/executor.js';
import { createJavaScriptExecutor, type JavaScriptExecutor } from '../../sandbox/javascript/executor.js';
import type { TypeScriptMode } from '../../sandbox/javascript/typescript-mode.js';
import { CASES, LIMITS, NORMAL, SYNC_TEST, type Case } from './conformance-programs/javascript.js';
import { descendantsOf, waitFor } from './host-traces.js';

/** What a case gets instead when run as TypeScript; `crashesWorker: 'either'` when both are right. */
export type CaseOverride = Partial<Pick<Case, 'verdict' | 'detail' | 'or' | 'stdout'>> & { crashesWorker?: boolean | 'either' };

export interface ConformanceOptions {
  /** Run every case as a TypeScript program, compiled this way. */
  typescript?: TypeScriptMode;
  /** By case name: what differs from the JavaScript expectation (every name must be a case). */
  overrides?: Readonly<Record<string, CaseOverride>>;
}

/** The host's own global names, which no program may change. */
const hostGlobals = (): string[] => Object.getOwnPropertyNames(globalThis).sort();

export function describeJsConformance(title: string, options: ConformanceOptions = {}): void {
  const overrides = options.overrides ?? {};
  describe(title, () => {
    const mark = `passkjs${randomBytes(6).toString('hex')}`;
    const hostDir = join(process.cwd(), '.cache', `passk-conformance-${mark}`);
    const builtins = () => [Array.prototype.map, JSON.stringify, console.assert, Object.prototype.toString, process.exit];
    const builtinsBefore = builtins();
    let executor: JavaScriptExecutor;
    let server: Server;
    let port = 0;
    let connections = 0;
    let globalsBefore: string[] = [];
    const seenPids = new Set<number>();

    const fill = (text: string) => text.replaceAll('{{HOST_DIR}}', hostDir).replaceAll('{{PORT}}', String(port));
    const task = (test: string, id: string): Task => ({
      id,
      benchmark: 'conformance-js',
      language: options.typescript ? 'typescript' : 'javascript',
      prompt: '',
      canonicalSolution: NORMAL,
      test: { kind: 'js-asserts', test },
    });
    const runNormal = (): Promise<Execution> => executor.execute({ program: NORMAL, task: task(SYNC_TEST, 'normal'), limits: LIMITS });
    const strays = () => {
      const workers = new Set(executor.workerPids());
      for (const pid of workers) seenPids.add(pid);
      return descendantsOf(process.pid).filter((p) => !workers.has(p.pid));
    };

    beforeAll(async () => {
      mkdirSync(hostDir, { recursive: true });
      server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
      executor = createJavaScriptExecutor({ jobs: 1, ...(options.typescript ? { typescript: options.typescript } : {}) });
      expect((await runNormal()).verdict).toBe('passed');
      globalsBefore = hostGlobals();
    });

    afterAll(async () => {
      await executor?.close();
      await new Promise((resolve) => server?.close(resolve));
      rmSync(hostDir, { recursive: true, force: true });
      // Every worker this suite saw is gone.
      expect([...seenPids].filter((pid) => descendantsOf(process.pid).some((p) => p.pid === pid))).toEqual([]);
    });

    it('overrides only cases that exist', () => {
      expect(Object.keys(overrides).filter((name) => !CASES.some((c) => c.name === name))).toEqual([]);
    });

    for (const original of CASES) {
      const override = overrides[original.name] ?? {};
      const c = { ...original, ...override };
      it(c.name, async () => {
        const pidsBefore = executor.workerPids();
        const execution = await executor.execute({
          program: fill(c.program),
          task: task(c.test ?? SYNC_TEST, `conformance-js/${c.name}`),
          limits: { ...LIMITS, ...c.limits },
        });
        const expected = c.or && execution.verdict === c.or.verdict ? c.or : c;
        expect({ verdict: execution.verdict, detail: execution.detail ?? '' }).toEqual({
          verdict: expected.verdict,
          detail: expect.stringMatching(expected.detail),
        });
        if (c.stdout !== undefined) {
          expect(execution.stdout ?? '').toEqual(typeof c.stdout === 'string' ? c.stdout : expect.stringMatching(c.stdout));
        }
        // No trace on the host: files, processes, connections, its own globals.
        for (const file of c.hostFiles ?? []) expect(existsSync(fill(file))).toBe(false);
        expect(readdirSync(hostDir)).toEqual([]);
        expect(await waitFor(() => strays().length === 0, 5000)).toBe(true);
        expect(executor.workerPids().length).toBeLessThanOrEqual(1);
        expect(connections).toBe(0);
        expect(hostGlobals()).toEqual(globalsBefore);
        builtins().forEach((fn, i) => expect(fn).toBe(builtinsBefore[i]));
        // The harness went on, on the same worker unless V8 brought it down.
        expect(await runNormal()).toMatchObject({ verdict: 'passed' });
        const replaced = !executor.workerPids().some((pid) => pidsBefore.includes(pid));
        if (c.crashesWorker !== 'either') expect(replaced).toBe(c.crashesWorker === true);
      });
    }
  });
}
