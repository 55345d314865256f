/**
 * Reads an evalplus file (HumanEval+ or MBPP+: one task per line with prompt,
 * canonical_solution, entry_point, base_input, plus_input, atol, contract[, assertion]).
 * Lines are parsed losslessly (big integers, `1.0` versus `1`, NaN/Infinity), checked
 * against a schema (errors name `file:line` and the field), and the argument lists are
 * kept as JSON nodes for Python source generation.
 */
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import { readText, validateLine } from '../../kernel/jsonl.js';
import { field, parseLossless, toPlain, JsonSyntaxError, type JsonNode } from './lossless-json.js';

const argumentLists = z.array(z.array(z.unknown()), { error: 'expected a list of argument lists' });

const evalplusRowSchema = z.object({
  task_id: z.string().min(1),
  prompt: z.string(),
  entry_point: z.string().regex(/^[A-Za-z_]\w*$/, 'expected a Python identifier'),
  canonical_solution: z.string(),
  base_input: argumentLists,
  // One snapshot row (Mbpp/793) has `{}` here: evalplus iterates it as no inputs.
  plus_input: z.union([argumentLists, z.object({}).strict()], { error: 'expected a list of argument lists' }),
  atol: z.number().nonnegative(),
  contract: z.string().optional(),
  assertion: z.string().optional(),
});
export type EvalplusRow = z.infer<typeof evalplusRowSchema>;

export interface PlusFileRow {
  row: EvalplusRow;
  line: number;
  baseInputs: JsonNode[];
  plusInputs: JsonNode[];
}

function itemsOf(node: JsonNode | undefined): JsonNode[] {
  return node?.t === 'arr' ? node.items : [];
}

export async function readPlusFile(path: string): Promise<PlusFileRow[]> {
  const text = await readText(path);
  const rows: PlusFileRow[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const line = i + 1;
    let node: JsonNode;
    try {
      node = parseLossless(raw);
    } catch (err) {
      if (!(err instanceof JsonSyntaxError)) throw err;
      throw new PasskError('E_DATASET', `not valid JSON (${err.message}); expected one evalplus task object per line`, `${path}:${line}`);
    }
    const row = validateLine(evalplusRowSchema, { line, value: toPlain(node) }, path, 'E_DATASET');
    const earlier = seen.get(row.task_id);
    if (earlier !== undefined) {
      throw new PasskError(
        'E_DATASET',
        `field "task_id": "${row.task_id}" appears twice (first on line ${earlier}); expected unique task ids`,
        `${path}:${line}`,
      );
    }
    seen.set(row.task_id, line);
    rows.push({ row, line, baseInputs: itemsOf(field(node, 'base_input')), plusInputs: itemsOf(field(node, 'plus_input')) });
  }
  if (rows.length === 0) throw new PasskError('E_DATASET', 'the file holds no tasks; expected one evalplus task object per line', path);
  return rows;
}
