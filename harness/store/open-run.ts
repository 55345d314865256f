/**
 * Opening a run folder: a new run writes its manifest; an existing one is resumed only when
 * it is the same experiment (same identity, benchmark data) recorded by the same passk
 * version under the same sandbox, so that one folder never silently mixes records of
 * different settings, code or isolation. `allowMixed` accepts another version or sandbox
 * (never other settings) and the manifest then lists every version and sandbox it holds.
 * The keys already recorded and the time limits already decided are returned, so that
 * neither is planned or measured again.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { PasskError } from '../../kernel/errors.js';
import { PASSK_VERSION } from '../version.js';
import {
  MANIFEST_SCHEMA,
  sampleKey,
  type Manifest,
  type ModelProvenance,
  type RunIdentity,
  type SandboxRecord,
  type ShardMark,
  type TimeLimitRecord,
} from './records.js';
import { RUN_FILES, readManifest, readSamples, readTimeLimits } from './run-files.js';
import { RunWriter } from './run-writer.js';

export interface RunOpening {
  command: string;
  identity: RunIdentity;
  benchmark: Manifest['benchmark'];
  models: ModelProvenance[];
  seed: number;
  sandbox: SandboxRecord;
  /** Resume a folder written by another passk version or under another sandbox. */
  allowMixed: boolean;
  /** A shard's marking (harness/shard/shard.ts); null for a whole run. */
  shard?: ShardMark | null;
}

export interface OpenedRun {
  writer: RunWriter;
  manifest: Manifest;
  resumed: boolean;
  recorded: Set<string>;
  timeLimits: TimeLimitRecord[];
}

/** The identity paths that differ (objects compared key by key, two levels deep). */
export function identityDifferences(a: RunIdentity, b: RunIdentity): string[] {
  const out: string[] = [];
  for (const key of Object.keys(b) as Array<keyof RunIdentity>) {
    const [x, y] = [a[key], b[key]];
    if (canonicalJson(x) === canonicalJson(y)) continue;
    if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x)) {
      const inner = Object.keys(y).filter(
        (k) => canonicalJson((x as Record<string, unknown>)[k]) !== canonicalJson((y as Record<string, unknown>)[k]),
      );
      out.push(...inner.map((k) => `${key}.${k}`));
    } else out.push(key);
  }
  return out;
}

function sandboxLabel(s: SandboxRecord): string {
  return `${s.executor}, ${s.isolation}, ${s.runtime}`;
}

const sameSandbox = (a: SandboxRecord, b: SandboxRecord): boolean => sandboxLabel(a) === sandboxLabel(b);

function differentExperiment(previous: Manifest, opening: RunOpening): string | null {
  if (previous.identity === null)
    return `it was written by passk ${previous.passk_version}, whose records do not say their settings in a form this version can compare`;
  if (previous.benchmark.name !== opening.benchmark.name) return `benchmark "${previous.benchmark.name}" != "${opening.benchmark.name}"`;
  if (previous.benchmark.data_sha256 !== opening.benchmark.data_sha256) return 'the dataset file differs (sha256)';
  const differences = identityDifferences(previous.identity, opening.identity);
  if (differences.length) return `the run's settings differ (${differences.join(', ')})`;
  const shard = (m: ShardMark | null | undefined) => (m ? `shard ${m.index}/${m.count} of ${m.all_tasks.length} tasks` : 'the whole run');
  if (shard(previous.shard) !== shard(opening.shard)) return `it holds ${shard(previous.shard)} and this is ${shard(opening.shard)}`;
  return null;
}

/** What would be mixed into the folder: another passk version, another sandbox. */
function mixing(previous: Manifest, opening: RunOpening): string[] {
  const versions = previous.mixed?.passk_versions ?? [previous.passk_version];
  const sandboxes = previous.mixed?.sandboxes ?? [previous.sandbox];
  const out: string[] = [];
  if (!versions.includes(PASSK_VERSION)) out.push(`its records come from passk ${versions.join(', ')} and this is passk ${PASSK_VERSION}`);
  if (!sandboxes.some((s) => sameSandbox(s, opening.sandbox)))
    out.push(`they ran under ${sandboxes.map(sandboxLabel).join(' / ')} and this run would use ${sandboxLabel(opening.sandbox)}`);
  return out;
}

function resumedManifest(previous: Manifest, opening: RunOpening): Manifest {
  const why = differentExperiment(previous, opening);
  if (why) throw new PasskError('E_RUN_MISMATCH', `cannot resume: ${why}; use a new --out folder for a different experiment`);
  const mixed = mixing(previous, opening);
  if (mixed.length && !opening.allowMixed) {
    throw new PasskError(
      'E_RUN_MISMATCH',
      `cannot resume: ${mixed.join('; ')}. Use a new --out folder, or --allow-mixed to add records to this one anyway (the manifest then lists every version and sandbox)`,
    );
  }
  const manifest: Manifest = { ...previous, status: 'running', ended_at: null };
  if (mixed.length) {
    const versions = previous.mixed?.passk_versions ?? [previous.passk_version];
    const sandboxes = previous.mixed?.sandboxes ?? [previous.sandbox];
    manifest.mixed = {
      passk_versions: [...new Set([...versions, PASSK_VERSION])],
      sandboxes: sandboxes.some((s) => sameSandbox(s, opening.sandbox)) ? sandboxes : [...sandboxes, opening.sandbox],
    };
    manifest.passk_version = PASSK_VERSION;
    manifest.sandbox = opening.sandbox;
  }
  return manifest;
}

export async function openRun(dir: string, opening: RunOpening): Promise<OpenedRun> {
  const exists = existsSync(join(dir, RUN_FILES.manifest));
  let manifest: Manifest;
  let recorded = new Set<string>();
  let timeLimits: TimeLimitRecord[] = [];
  if (exists) {
    try {
      manifest = resumedManifest(await readManifest(dir), opening);
    } catch (err) {
      if (err instanceof PasskError && err.where === undefined) throw new PasskError(err.code, err.message, dir);
      throw err;
    }
    recorded = new Set((await readSamples(dir)).samples.map(sampleKey));
    timeLimits = await readTimeLimits(dir);
  } else {
    manifest = {
      schema: MANIFEST_SCHEMA,
      passk_version: PASSK_VERSION,
      command: opening.command,
      identity: opening.identity,
      benchmark: opening.benchmark,
      models: opening.models,
      sandbox: opening.sandbox,
      mixed: null,
      seed: opening.seed,
      status: 'running',
      started_at: new Date().toISOString(),
      ended_at: null,
      harness_faults: { count: 0, examples: [] },
      host: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length },
      ...(opening.shard ? { shard: opening.shard } : {}),
    };
  }
  const writer = RunWriter.open(dir);
  writer.writeManifest(manifest);
  return { writer, manifest, resumed: exists, recorded, timeLimits };
}
