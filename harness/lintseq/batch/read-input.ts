/** Input rows for `passk lintseq`: a JSON Lines file whose objects hold the code in a field. */
import { PasskError } from '../../../kernel/errors.js';
import { readJsonLines } from '../../../kernel/jsonl.js';

export interface InputRow {
  index: number;
  code: string;
  instruction?: string;
}

function stringField(value: unknown, field: string, where: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PasskError('E_INPUT', `expected a JSON object with a string field "${field}"`, where);
  }
  const v = (value as Record<string, unknown>)[field];
  if (typeof v !== 'string') {
    throw new PasskError(
      'E_INPUT',
      `field "${field}" is ${v === undefined ? 'missing' : `a ${Array.isArray(v) ? 'list' : typeof v}`}; expected a string`,
      where,
    );
  }
  return v;
}

export async function readInputRows(path: string, field: string, instructionField?: string): Promise<InputRow[]> {
  const lines = await readJsonLines(path);
  return lines.map(({ line, value }, index) => {
    const where = `${path}:${line}`;
    const row: InputRow = { index, code: stringField(value, field, where) };
    if (instructionField !== undefined) row.instruction = stringField(value, instructionField, where);
    return row;
  });
}
