/**
 * --only-judgeable: the tasks a reference-check table says this environment can judge
 * (their reference passed), and the ones it excludes, with why. The table must be of the
 * same benchmark and data file; a task the table does not list is excluded as unchecked,
 * never silently scored.
 */
import { sha256 } from '../../kernel/hash.js';
import { PasskError } from '../../kernel/errors.js';
import type { Task } from '../../kernel/task.js';
import { readFile } from 'node:fs/promises';
import { readReferenceTable } from './reference-table.js';

export interface Judgeable {
  file: string;
  sha256: string;
  /** The tasks run and scored. */
  tasks: Task[];
  excluded: Array<{ task_id: string; status: string; detail: string | null }>;
}

export async function selectJudgeable(
  file: string,
  benchmark: { name: string; dataSha256: string | null },
  tasks: readonly Task[],
): Promise<Judgeable> {
  const table = await readReferenceTable(file);
  if (table.benchmark !== benchmark.name) {
    throw new PasskError('E_CONFIG', `the table checks benchmark "${table.benchmark}", this run is "${benchmark.name}"`, file);
  }
  if (table.data_sha256 !== benchmark.dataSha256) {
    throw new PasskError(
      'E_CONFIG',
      'the table was written for another data file (sha256 differs); run passk check-references on this one',
      file,
    );
  }
  const rows = new Map(table.tasks.map((row) => [row.task_id, row]));
  const kept: Task[] = [];
  const excluded: Judgeable['excluded'] = [];
  for (const task of tasks) {
    const row = rows.get(task.id);
    if (row?.status === 'passed') kept.push(task);
    else excluded.push({ task_id: task.id, status: row?.status ?? 'unchecked', detail: row?.detail ?? null });
  }
  return { file, sha256: sha256(await readFile(file)), tasks: kept, excluded };
}
