/**
 * Reading JSON Lines files (plain or gzip) with line numbers, so that every error can
 * name `file:line`. Validation against a zod schema turns a bad line into a PasskError
 * that names the line and the field.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { z } from 'zod';
import { PasskError, type ErrorCode } from './errors.js';

export interface JsonLine {
  line: number; // 1-based
  value: unknown;
}

function isGzip(path: string): boolean {
  return path.endsWith('.gz');
}

/** Reads the whole file (gunzipping `.gz`) as text. */
export async function readText(path: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new PasskError('E_INPUT', `cannot read file: ${(err as Error).message}`, path);
  }
  if (isGzip(path) || (buf[0] === 0x1f && buf[1] === 0x8b)) {
    try {
      buf = gunzipSync(buf);
    } catch (err) {
      throw new PasskError('E_INPUT', `not a valid gzip file: ${(err as Error).message}`, path);
    }
  }
  return buf.toString('utf8');
}

/** Parses JSON Lines text; blank lines are skipped; a bad line names `path:line`. */
export function parseJsonLines(text: string, path: string, code: ErrorCode = 'E_INPUT'): JsonLine[] {
  const out: JsonLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      throw new PasskError(code, `not valid JSON (${(err as Error).message}); expected one JSON object per line`, `${path}:${i + 1}`);
    }
  }
  return out;
}

export async function readJsonLines(path: string, code: ErrorCode = 'E_INPUT'): Promise<JsonLine[]> {
  return parseJsonLines(await readText(path), path, code);
}

/** Streams lines of a possibly huge file without loading it whole. */
export async function* streamJsonLines(path: string, code: ErrorCode = 'E_INPUT'): AsyncGenerator<JsonLine> {
  const source = createReadStream(path);
  const input = isGzip(path) ? source.pipe(createGunzip()) : source;
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    if (raw.trim() === '') continue;
    try {
      yield { line: n, value: JSON.parse(raw) };
    } catch (err) {
      throw new PasskError(code, `not valid JSON (${(err as Error).message})`, `${path}:${n}`);
    }
  }
}

/** Formats a zod error as "field.path: message" pieces. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length ? issue.path.join('.') : '(record)';
      return `field "${field}": ${issue.message}`;
    })
    .join('; ');
}

/** Validates one parsed line against a schema; errors name `path:line` and the field. */
export function validateLine<T>(schema: z.ZodType<T>, item: JsonLine, path: string, code: ErrorCode = 'E_INPUT'): T {
  const result = schema.safeParse(item.value);
  if (!result.success) {
    throw new PasskError(code, describeZodError(result.error), `${path}:${item.line}`);
  }
  return result.data;
}
