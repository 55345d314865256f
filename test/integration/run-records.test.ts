/**
 * What a run folder records about how it ran, through the one runner: each task's time
 * limit once, with its reason; resuming refuses a folder written by another passk version
 * or under another sandbox unless mixing is allowed (then the manifest lists both), and a
 * folder of the older manifest format is never resumed but still read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PasskError } from '../../kernel/errors.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { executeRun } from '../../harness/run/runner.js';
import { RUN_FILES, readRun, readTimeLimits } from '../../harness/store/run-files.js';
import { PASSK_VERSION } from '../../harness/version.js';

const dir = mkdtempSync(join(tmpdir(), 'passk-records-'));

/** The canonical solutions of three built-in tasks, n times each: what `passk eval --samples canonical --n N` runs. */
const config = (out: string, extra: Record<string, unknown> = {}) =>
  runConfigSchema.parse({
    benchmark: 'builtin',
    limit: 3,
    n: 3,
    bootstrap: 100,
    models: [{ name: 'm', sampler: 'oracle', format: 'baseline' }],
    execution: { jobs: 2 },
    out,
    ...extra,
  });
const run = async (out: string, extra: Record<string, unknown> = {}) =>
  (await executeRun(await describeRun(config(out, extra), { command: 'eval', label: 'canonical' }))).result!;

const editManifest = (out: string, edit: (m: Record<string, unknown>) => void): void => {
  const path = join(out, RUN_FILES.manifest);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
};

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => new Error('the run did not fail'),
    (e: unknown) => e as Error,
  );

describe('run records', () => {
  it('records each task time limit once, with its reason, never per sample', async () => {
    const plain = join(dir, 'plain');
    await run(plain);
    const limits = await readTimeLimits(plain);
    // In the order the tasks ran: slowest first when an earlier run measured them (harness/pipeline/task-order.ts).
    expect(limits.map((l) => [l.task_id, l.timeout_ms, l.reason, l.reference_ms]).sort()).toEqual(
      [0, 1, 2].map((i) => [`builtin/${i}`, 10_000, 'configured', null]).sort(),
    );
    const lines = readFileSync(join(plain, RUN_FILES.samples), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(9);
    for (const line of lines) expect(JSON.parse(line)).not.toHaveProperty('timeout_ms');

    const scaled = join(dir, 'scaled');
    await run(scaled, { execution: { jobs: 2, timeout: 5, timeout_from_reference: 4 } });
    const measured = await readTimeLimits(scaled);
    expect(measured.map((l) => l.task_id).sort()).toEqual(['builtin/0', 'builtin/1', 'builtin/2']);
    for (const l of measured) {
      expect(l.reason).toBe('scaled-from-reference');
      // Measured (a whole number of ms: a quick reference may take 0).
      expect(l.reference_ms).toBeGreaterThanOrEqual(0);
      // The limit follows from the measurement: 4 x the reference, within the 1 s floor and the 5 s cap.
      expect(l.timeout_ms).toBe(Math.min(5000, Math.max(1000, Math.ceil(4 * l.reference_ms!))));
    }
    // A resume reuses the decided limits: nothing is measured or recorded again.
    editManifest(scaled, () => {});
    await run(scaled, { execution: { jobs: 2, timeout: 5, timeout_from_reference: 4 }, n: 4 });
    expect(await readTimeLimits(scaled)).toEqual(measured);
  });

  it('refuses to resume a folder written by another passk version unless mixing is allowed, then lists both', async () => {
    const out = join(dir, 'versions');
    await run(out, { n: 1 });
    editManifest(out, (m) => (m.passk_version = '0.0.1-old'));
    const err = await refusal(run(out, { n: 2 }));
    expect(err).toBeInstanceOf(PasskError);
    expect(err.message).toContain(`cannot resume: its records come from passk 0.0.1-old and this is passk ${PASSK_VERSION}`);
    expect(err.message).toContain('--allow-mixed');
    const mixed = await run(out, { n: 2, allow_mixed: true });
    expect(mixed.recordedNow).toBe(3);
    expect(mixed.manifest.mixed?.passk_versions).toEqual(['0.0.1-old', PASSK_VERSION]);
    expect(mixed.manifest.passk_version).toBe(PASSK_VERSION);
  });

  it('refuses to resume a folder recorded under another sandbox unless mixing is allowed', async () => {
    const out = join(dir, 'sandboxes');
    await run(out, { n: 1 });
    editManifest(out, (m) => ((m.sandbox as Record<string, unknown>).isolation = 'rlimits only (no namespaces)'));
    const err = await refusal(run(out, { n: 2 }));
    expect(err.message).toMatch(
      /they ran under python-forkserver, rlimits only \(no namespaces\), .* and this run would use python-forkserver, (?!rlimits)/,
    );
    const mixed = await run(out, { n: 2, allow_mixed: true });
    expect(mixed.manifest.mixed?.sandboxes.map((s) => s.isolation)).toEqual(['rlimits only (no namespaces)', expect.stringMatching(/\S/)]);
  });

  it('never resumes a folder of the older manifest format, and still reads it', async () => {
    const out = join(dir, 'legacy');
    await run(out, { n: 1 });
    editManifest(out, (m) => {
      m.schema = 'passk.manifest/1';
      m.spec = { benchmark: 'builtin' };
      delete m.identity;
    });
    const legacy = await readRun(out);
    expect(legacy.manifest.identity).toBeNull();
    expect(legacy.samples).toHaveLength(3);
    const err = await refusal(run(out, { n: 2 }));
    expect(err.message).toMatch(/cannot resume: it was written by passk .*, whose records do not say their settings/);
  });
});
