/**
 * Reading an instruction file: JSON Lines (plain or .gz) with `task_id` and `instruction` on
 * every line, such as HumanEvalPack's humanevalpack_python.jsonl.gz (other fields are left
 * alone). Ids are matched to task ids by instructions.ts; the file's sha256 goes into the
 * manifest and the run's identity, like the dataset's. Errors name file:line and the field.
 */
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import { sha256File } from '../../kernel/hash.js';
import { readJsonLines, validateLine } from '../../kernel/jsonl.js';
import { instructionTaskId, type InstructionFileEntries } from './instructions.js';

const instructionRow = z.looseObject({
  task_id: z.string().min(1),
  instruction: z.string().refine((s) => s.trim() !== '', 'expected a non-empty instruction'),
});

export interface InstructionFile extends InstructionFileEntries {
  /** sha256 of the file's bytes as given (.gz included). */
  sha256: string;
}

export async function readInstructionFile(path: string): Promise<InstructionFile> {
  const byTask = new Map<string, string>();
  for (const item of await readJsonLines(path, 'E_INPUT')) {
    const row = validateLine(instructionRow, item, path, 'E_INPUT');
    const id = instructionTaskId(row.task_id);
    if (byTask.has(id))
      throw new PasskError(
        'E_INPUT',
        `field "task_id": "${row.task_id}" (task ${id}) appears twice; expected one instruction per task`,
        `${path}:${item.line}`,
      );
    byTask.set(id, row.instruction);
  }
  if (byTask.size === 0)
    throw new PasskError('E_INPUT', 'the instruction file holds no lines; expected {task_id, instruction} per line', path);
  return { path, byTask, sha256: await sha256File(path) };
}
