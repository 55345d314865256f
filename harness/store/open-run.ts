/**
 * Opening a run folder: a new run writes its manifest; an existing one is resumed only
 * when it was made by the same spec over the same data (otherwise its records would mix
 * two experiments), and the keys it already recorded are returned so that they are not
 * planned again.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { MANIFEST_SCHEMA, sampleKey, type Manifest } from './records.js';
import { RUN_FILES, readManifest, readSamples } from './run-files.js';
import { RunWriter } from './run-writer.js';
import { PASSK_VERSION } from '../version.js';

export interface RunIdentity {
  command: string;
  spec: Record<string, unknown>;
  benchmark: Manifest['benchmark'];
  samplesSource: Manifest['samples_source'];
  models: Manifest['models'];
  seed: number | null;
}

export interface OpenedRun {
  writer: RunWriter;
  manifest: Manifest;
  resumed: boolean;
  recorded: Set<string>;
}

function sameExperiment(a: Manifest, b: RunIdentity): string | null {
  if (canonicalJson(a.spec) !== canonicalJson(b.spec)) return 'the run spec differs';
  if (a.benchmark.name !== b.benchmark.name) return `benchmark "${a.benchmark.name}" != "${b.benchmark.name}"`;
  if (a.benchmark.data_sha256 !== b.benchmark.data_sha256) return 'the dataset file differs (sha256)';
  if ((a.samples_source?.sha256 ?? null) !== (b.samplesSource?.sha256 ?? null)) return 'the samples file differs (sha256)';
  return null;
}

export async function openRun(dir: string, identity: RunIdentity, sandbox: Record<string, unknown>): Promise<OpenedRun> {
  const exists = existsSync(join(dir, RUN_FILES.manifest));
  let manifest: Manifest;
  let recorded = new Set<string>();
  if (exists) {
    const previous = await readManifest(dir);
    const why = sameExperiment(previous, identity);
    if (why) {
      throw new PasskError('E_RUN_MISMATCH', `cannot resume: ${why}; use a new --out folder for a different experiment`, dir);
    }
    recorded = new Set((await readSamples(dir)).samples.map(sampleKey));
    manifest = { ...previous, status: 'running', ended_at: null, sandbox, passk_version: PASSK_VERSION };
  } else {
    manifest = {
      schema: MANIFEST_SCHEMA,
      passk_version: PASSK_VERSION,
      command: identity.command,
      spec: identity.spec,
      benchmark: identity.benchmark,
      samples_source: identity.samplesSource,
      models: identity.models,
      sandbox,
      seed: identity.seed,
      status: 'running',
      started_at: new Date().toISOString(),
      ended_at: null,
      harness_faults: { count: 0, examples: [] },
      host: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length },
    };
  }
  const writer = RunWriter.open(dir);
  writer.writeManifest(manifest);
  return { writer, manifest, resumed: exists, recorded };
}
