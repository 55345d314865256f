import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  return sha256(await readFile(path));
}
