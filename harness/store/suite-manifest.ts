/**
 * A suite folder's manifest, `suite.json` (schema passk.suite/1, docs/records.md "Suites"):
 * the suite's name, its data folder, and each benchmark's run folder (relative to the suite
 * folder) with its status. Each run folder keeps its own manifest, samples and summary;
 * this file only says which folders make the suite. Written atomically at every change.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './run-files.js';
import { writeJsonAtomic } from './run-writer.js';

export const SUITE_SCHEMA = 'passk.suite/1';
const SUITE_FILE = 'suite.json';

const benchmarkStatus = z.enum(['pending', 'running', 'complete', 'interrupted', 'failed']);

const suiteManifestSchema = z.object({
  schema: z.literal(SUITE_SCHEMA),
  passk_version: z.string(),
  name: z.string(),
  /** --data-dir or the spec's data_dir; null: paths as written. */
  data_dir: z.string().nullable(),
  benchmarks: z.array(
    z.object({
      /** The entry's name; its run folder is `folder` under the suite folder. */
      name: z.string(),
      benchmark: z.string(),
      folder: z.string(),
      status: benchmarkStatus,
      /** Samples recorded in its folder when it last ended; null before. */
      samples: z.number().int().nullable(),
    }),
  ),
  status: z.enum(['running', 'complete', 'interrupted', 'failed']),
  started_at: z.string(),
  ended_at: z.string().nullable(),
});
export type SuiteManifest = z.infer<typeof suiteManifestSchema>;
export type SuiteBenchmarkStatus = z.infer<typeof benchmarkStatus>;

export function isSuiteFolder(dir: string): boolean {
  return existsSync(join(dir, SUITE_FILE));
}

export function readSuiteManifest(dir: string): Promise<SuiteManifest> {
  return readJsonFile(join(dir, SUITE_FILE), suiteManifestSchema);
}

export function writeSuiteManifest(dir: string, manifest: SuiteManifest): void {
  writeJsonAtomic(join(dir, SUITE_FILE), suiteManifestSchema.parse(manifest));
}
