/**
 * Writes a real suite folder (suite.json through the store, and one synthetic run folder
 * per benchmark, test/support/synthetic-run.ts) without executing anything: fixtures for
 * the suite report and the suite gate.
 */
import { join } from 'node:path';
import { writeSuiteManifest } from '../../harness/store/suite-manifest.js';
import { writeSyntheticRun, type SyntheticRun } from './synthetic-run.js';

export function writeSyntheticSuite(dir: string, name: string, runs: ReadonlyArray<{ name: string } & Omit<SyntheticRun, 'dir'>>): string {
  for (const r of runs) writeSyntheticRun({ ...r, dir: join(dir, r.name) });
  const now = new Date(0).toISOString();
  writeSuiteManifest(dir, {
    schema: 'passk.suite/1',
    passk_version: 'test',
    name,
    data_dir: null,
    benchmarks: runs.map((r) => ({
      name: r.name,
      benchmark: r.benchmark ?? 'toy',
      folder: r.name,
      status: 'complete',
      samples: r.groups.reduce((s, g) => s + g.outcomes.flat().length, 0),
    })),
    status: 'complete',
    started_at: now,
    ended_at: now,
  });
  return dir;
}
