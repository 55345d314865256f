/**
 * An executor that runs each distinct (task, program, limits) once and reuses its verdict
 * for identical programs (the simulated samplers repeat the canonical solution and a few
 * mutants many times). Reused results are marked `cached`, which the sample record keeps.
 * The programs are deterministic; a timeout is reused like any verdict.
 */
import type { Execution, ExecutionRequest, Executor, SandboxFacts } from '../../sandbox/executor.js';
import { sha256 } from '../../kernel/hash.js';

export class MemoExecutor implements Executor {
  readonly name: string;
  readonly language;
  private readonly seen = new Map<string, Promise<Execution>>();
  executed = 0;
  reused = 0;

  constructor(private readonly inner: Executor) {
    this.name = `${inner.name}+memo`;
    this.language = inner.language;
  }

  async facts(): Promise<SandboxFacts> {
    const f = await this.inner.facts();
    return { ...f, executor: this.name, warnings: [...f.warnings, 'identical programs of a task are executed once; repeats reuse the verdict (cached: true)'] };
  }

  execute(request: ExecutionRequest): Promise<Execution & { cached?: boolean }> {
    const key = sha256(`${request.task.id}\u0000${JSON.stringify(request.limits)}\u0000${request.program}`);
    const known = this.seen.get(key);
    if (known) {
      this.reused++;
      return known.then((e) => ({ ...e, cached: true }));
    }
    this.executed++;
    const run = this.inner.execute(request);
    this.seen.set(key, run);
    // A harness fault is not a verdict: forget it so a retry runs the program again.
    run.catch(() => this.seen.delete(key));
    return run;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
