/** Small file and error helpers shared by the unit tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { PasskError } from '../../kernel/errors.js';

/** Writes `lines` (objects as JSON, strings as they are) to a new file `name` in a fresh temp folder. */
export function writeLines(name: string, lines: unknown[], options: { gzip?: boolean } = {}): string {
  const path = join(mkdtempSync(join(tmpdir(), 'passk-test-')), name);
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
  writeFileSync(path, options.gzip ? gzipSync(text) : text);
  return path;
}

/** The PasskError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function passkRejection(p: Promise<unknown>): Promise<PasskError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PasskError);
  return err as PasskError;
}
