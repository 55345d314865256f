import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real sandboxes and subprocesses; the machine has 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Runs keep differential references in this folder, not the user's ~/.cache (tests that
    // check the cache name folders of their own).
    env: { PASSK_REFERENCE_CACHE: join(tmpdir(), 'passk-test-reference-cache') },
  },
});
