/**
 * `passk check-references`: every task's reference solution run in the sandbox, under the
 * benchmark's limits and with its libraries preloaded, as a candidate would be; the table
 * (reference-table.ts) says which tasks this environment can judge. A harness fault on a
 * task is retried by the executor; a second one is recorded as the task's error with a
 * "harness fault" detail, never as a pass.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import type { LoadedBenchmark } from '../../benchmarks/types.js';
import { HarnessFault } from '../../kernel/errors.js';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import type { Executor, Limits } from '../../sandbox/executor.js';
import { countStatuses, referenceStatus, REFERENCE_TABLE_SCHEMA, type ReferenceRow, type ReferenceTable } from './reference-table.js';

export interface CheckReferencesOptions {
  benchmark: LoadedBenchmark;
  tasks: readonly Task[];
  executor: Executor;
  limits: Limits;
  /** Programs in flight (the executor bounds what runs at once). */
  concurrency: number;
  onChecked?: (row: ReferenceRow) => void;
}

export async function checkReferences(options: CheckReferencesOptions): Promise<ReferenceTable> {
  const { benchmark, executor, limits } = options;
  const facts = await executor.facts();
  const slots = pLimit(Math.max(1, options.concurrency));
  const rows = await Promise.all(
    options.tasks.map((task) =>
      slots(async (): Promise<ReferenceRow> => {
        let row: ReferenceRow;
        try {
          const execution = await executor.execute({ program: canonicalProgram(task), task, limits });
          row = {
            task_id: task.id,
            status: referenceStatus(execution.verdict, execution.detail),
            verdict: execution.verdict,
            detail: execution.detail ?? null,
            duration_ms: execution.durationMs,
          };
        } catch (err) {
          if (!(err instanceof HarnessFault)) throw err;
          row = { task_id: task.id, status: 'error', verdict: 'error', detail: `harness fault: ${err.message}`, duration_ms: 0 };
        }
        options.onChecked?.(row);
        return row;
      }),
    ),
  );
  return {
    schema: REFERENCE_TABLE_SCHEMA,
    benchmark: benchmark.name,
    data_path: benchmark.dataPath,
    data_sha256: benchmark.dataSha256,
    checked_at: new Date().toISOString(),
    sandbox: { executor: facts.executor, isolation: facts.isolation, runtime: facts.runtime },
    python_environment: facts.python_environment ?? null,
    limits: { timeout_ms: limits.timeoutMs, memory_mb: limits.memoryMb },
    counts: countStatuses(rows),
    tasks: rows,
  };
}

export async function writeReferenceTable(path: string, table: ReferenceTable): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(table, null, 2)}\n`);
}
