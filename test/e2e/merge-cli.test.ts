/**
 * passk merge through the CLI, as a user runs it after a batch scheduler's array: shards of
 * `passk eval --shard I/N` over the built-in suite's canonical solutions; a missing shard is
 * refused by name with exit 3 and nothing written; all of them merge into one complete run
 * folder with every task.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../kernel/errors.js';
import { passk } from '../support/cli.js';

const TASKS = 6;

describe('passk merge (the CLI)', () => {
  it('refuses a missing shard by name with exit 3, then merges all three into one complete run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passk-merge-e2e-'));
    const shards = [0, 1, 2].map((i) => join(dir, `shard${i}`));
    for (const [i, out] of shards.entries()) {
      const r = await passk([
        'eval',
        '--benchmark',
        'builtin',
        '--samples',
        'canonical',
        '--limit',
        String(TASKS),
        '--shard',
        `${i}/3`,
        '--out',
        out,
      ]);
      expect(r.exitCode, r.stderr).toBe(0);
    }

    const partial = join(dir, 'partial');
    const refused = await passk(['merge', shards[0]!, shards[2]!, '--out', partial]);
    expect(refused.exitCode).toBe(EXIT.badInput);
    expect(refused.stderr).toContain('missing shard 1/3');
    expect(existsSync(join(partial, 'samples.jsonl'))).toBe(false);

    const merged = join(dir, 'merged');
    const r = await passk(['merge', ...shards, '--out', merged, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { tasks: Record<string, { n: number; c: number }> };
    expect(Object.keys(summary.tasks)).toHaveLength(TASKS);
    expect(Object.values(summary.tasks).every((t) => t.n === 1 && t.c === 1)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(merged, 'manifest.json'), 'utf8')) as { status: string; merged_from: unknown[] };
    expect(manifest.status).toBe('complete');
    expect(manifest.merged_from).toHaveLength(3);
  }, 180_000);
});
