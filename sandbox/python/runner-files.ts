/**
 * Where the runner's Python files are on the host: next to this module in the source
 * tree (tsx, vitest), or found by walking up from a compiled copy (dist/).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'passk_driver.py';
let cached: string | undefined;

export function runnerDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  const tried: string[] = [];
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'py'), join(dir, 'sandbox', 'python', 'py')]) {
      tried.push(candidate);
      if (existsSync(join(candidate, MARKER))) return (cached = candidate);
    }
    dir = dirname(dir);
  }
  throw new Error(`passk: the Python runner files are missing (looked in ${tried.join(', ')})`);
}

/** Hash of the runner's Python files: part of the execution cache key. */
export function runnerVersion(): string {
  const dir = runnerDir();
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.py'))
    .sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(dir, name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
