/** Running the real passk CLI as a child process, as a user would. */
import { execa, type ResultPromise } from 'execa';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/passk.js', import.meta.url));

export function passk(
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): ResultPromise<{ reject: false; cwd: string; timeout: number; env: Record<string, string> }> {
  return execa(process.execPath, [BIN, ...args], {
    reject: false,
    cwd: PROJECT_ROOT,
    timeout: options.timeoutMs ?? 300_000,
    env: { CI: '1', ...options.env },
  });
}
