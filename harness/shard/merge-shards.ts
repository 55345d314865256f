/**
 * `passk merge`: joins the folders of a run's shards (`--shard I/N`, shard.ts) into one run
 * folder whose records and summary are those the unsharded run would have written. It first
 * checks that the folders are the shards of one run and all of them: every folder is a
 * complete shard; all have the same identity, benchmark data, passk version and shard count
 * and the same full task list; each index appears once; the tasks are disjoint and cover the
 * full run. A folder that breaks a rule is named in the refusal.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { PasskError } from '../../kernel/errors.js';
import { summarizeRun } from '../pipeline/summarize.js';
import { summaryBootstrap } from '../run/run-description.js';
import { identityDifferences } from '../store/open-run.js';
import {
  sampleKey,
  type Manifest,
  type SampleRecord,
  type SandboxRecord,
  type ShardMark,
  type Summary,
  type TimeLimitRecord,
} from '../store/records.js';
import { RUN_FILES, readManifest, readSamples, readTimeLimits } from '../store/run-files.js';
import { RunWriter } from '../store/run-writer.js';

export interface MergeOptions {
  /** Accept shards that ran under different sandboxes (the manifest then lists each). */
  allowMixed?: boolean;
}

interface ShardFolder {
  dir: string;
  manifest: Manifest;
  mark: ShardMark;
}

export interface MergeResult {
  summary: Summary;
  manifest: Manifest;
  samples: number;
}

const sandboxLabel = (s: SandboxRecord): string => `${s.executor}, ${s.isolation}, ${s.runtime}`;

async function readShard(dir: string): Promise<ShardFolder> {
  if (!existsSync(join(dir, RUN_FILES.manifest))) throw new PasskError('E_INPUT', `not a passk run folder (no ${RUN_FILES.manifest})`, dir);
  const manifest = await readManifest(dir);
  if (!manifest.shard)
    throw new PasskError('E_INPUT', 'not a shard: its manifest has no shard marking (it was not run with --shard I/N)', dir);
  if (manifest.status !== 'complete')
    throw new PasskError(
      'E_INPUT',
      `shard ${manifest.shard.index}/${manifest.shard.count} is ${manifest.status}, not complete: run its command again to finish it, then merge`,
      dir,
    );
  return { dir, manifest, mark: manifest.shard };
}

/** Why `shard` is not a shard of the same run as `first`; null when it is. */
function otherRun(first: ShardFolder, shard: ShardFolder): string | null {
  const [a, b] = [first.manifest, shard.manifest];
  if (a.benchmark.name !== b.benchmark.name) return `benchmark "${b.benchmark.name}" != "${a.benchmark.name}"`;
  if (a.benchmark.data_sha256 !== b.benchmark.data_sha256) return 'the dataset file differs (sha256)';
  if (a.identity === null || b.identity === null) return 'a manifest without an identity';
  const differences = identityDifferences(a.identity, b.identity);
  if (differences.length) return `the run's settings differ (${differences.join(', ')})`;
  if (a.passk_version !== b.passk_version) return `passk ${b.passk_version} != ${a.passk_version}`;
  if (first.mark.count !== shard.mark.count) return `it is one of ${shard.mark.count} shards, not ${first.mark.count}`;
  if (canonicalJson(first.mark.all_tasks) !== canonicalJson(shard.mark.all_tasks)) return 'the full run has other tasks';
  if (canonicalJson(first.mark.ks) !== canonicalJson(shard.mark.ks) || first.mark.bootstrap !== shard.mark.bootstrap)
    return 'the summary settings (ks, bootstrap) differ';
  return null;
}

function checkShards(shards: readonly ShardFolder[], options: MergeOptions): void {
  const first = shards[0]!;
  for (const shard of shards.slice(1)) {
    const why = otherRun(first, shard);
    if (why) throw new PasskError('E_RUN_MISMATCH', `not a shard of the same run as ${first.dir}: ${why}`, shard.dir);
  }
  const count = first.mark.count;
  const byIndex = new Map<number, ShardFolder>();
  for (const shard of shards) {
    const twin = byIndex.get(shard.mark.index);
    if (twin)
      throw new PasskError('E_INPUT', `${twin.dir} and ${shard.dir} are both shard ${shard.mark.index}/${count}: give each shard once`);
    byIndex.set(shard.mark.index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new PasskError(
      'E_INPUT',
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (given: ${shards
        .map((s) => `${s.mark.index}/${count} ${s.dir}`)
        .join(', ')})`,
    );
  const owner = new Map<string, string>();
  for (const shard of shards) {
    for (const id of shard.mark.tasks) {
      const other = owner.get(id);
      if (other) throw new PasskError('E_RUN_MISMATCH', `task ${id} is in this shard and in ${other}`, shard.dir);
      owner.set(id, shard.dir);
    }
  }
  const uncovered = first.mark.all_tasks.filter((id) => !owner.has(id));
  if (uncovered.length || owner.size !== first.mark.all_tasks.length)
    throw new PasskError('E_RUN_MISMATCH', `the shards do not cover the run: ${uncovered.slice(0, 5).join(', ')} not run`);
  const sandboxes = new Set(shards.map((s) => sandboxLabel(s.manifest.sandbox)));
  if (sandboxes.size > 1 && !options.allowMixed)
    throw new PasskError(
      'E_RUN_MISMATCH',
      `the shards ran under different sandboxes (${shards.map((s) => `${s.dir}: ${sandboxLabel(s.manifest.sandbox)}`).join('; ')}); --allow-mixed merges them anyway (the manifest then lists each)`,
    );
}

function mergedManifest(shards: readonly ShardFolder[], samples: Map<string, number>): Manifest {
  const first = shards[0]!;
  const sandboxes: SandboxRecord[] = [];
  for (const s of shards.flatMap((x) => x.manifest.mixed?.sandboxes ?? [x.manifest.sandbox]))
    if (!sandboxes.some((t) => sandboxLabel(t) === sandboxLabel(s))) sandboxes.push(s);
  const faults = shards.flatMap((s) => s.manifest.harness_faults.examples);
  const { shard: _mark, ...base } = first.manifest;
  return {
    ...base,
    benchmark: { ...base.benchmark, tasks: first.mark.all_tasks.length },
    mixed: sandboxes.length > 1 ? { passk_versions: [base.passk_version], sandboxes } : null,
    status: 'complete',
    started_at: shards.map((s) => s.manifest.started_at).sort()[0]!,
    ended_at: shards
      .map((s) => s.manifest.ended_at ?? '')
      .sort()
      .at(-1)!,
    harness_faults: { count: shards.reduce((n, s) => n + s.manifest.harness_faults.count, 0), examples: faults.slice(-5) },
    merged_from: shards.map((s) => ({
      dir: s.dir,
      index: s.mark.index,
      count: s.mark.count,
      samples: samples.get(s.dir) ?? 0,
      started_at: s.manifest.started_at,
      ended_at: s.manifest.ended_at,
      host: s.manifest.host,
    })),
  };
}

export async function mergeShards(dirs: readonly string[], out: string, options: MergeOptions = {}): Promise<MergeResult> {
  if (dirs.length === 0) throw new PasskError('E_CONFIG', 'name the shard folders to merge');
  if (existsSync(join(out, RUN_FILES.manifest)))
    throw new PasskError('E_CONFIG', 'already a run folder: merge writes a new one (choose another --out)', out);
  const shards = (await Promise.all(dirs.map(readShard))).sort((a, b) => a.mark.index - b.mark.index);
  checkShards(shards, options);

  const all: SampleRecord[] = [];
  const limits: TimeLimitRecord[] = [];
  const perShard = new Map<string, number>();
  for (const shard of shards) {
    const mine = new Set(shard.mark.tasks);
    const { samples } = await readSamples(shard.dir);
    const stray = samples.find((s) => !mine.has(s.task_id));
    if (stray) throw new PasskError('E_RUN_MISMATCH', `holds a sample of task ${stray.task_id}, which is not in its shard`, shard.dir);
    all.push(...samples);
    perShard.set(shard.dir, samples.length);
    limits.push(...(await readTimeLimits(shard.dir)).filter((l) => mine.has(l.task_id)));
  }
  const keys = new Set(all.map(sampleKey));
  if (keys.size !== all.length) throw new PasskError('E_RUN_MISMATCH', 'the shards hold the same sample twice');

  const first = shards[0]!;
  const manifest = mergedManifest(shards, perShard);
  const summary = summarizeRun(all, {
    benchmark: manifest.benchmark.name,
    taskIds: first.mark.all_tasks,
    ...(first.mark.ks ? { ks: first.mark.ks } : {}),
    bootstrap: summaryBootstrap({ bootstrapReplicates: first.mark.bootstrap, seed: first.manifest.identity!.seed }),
    harnessFaults: manifest.harness_faults.count,
    complete: true,
  });
  const writer = RunWriter.open(out);
  try {
    for (const record of all) writer.append(record);
    for (const limit of limits) writer.appendTimeLimit(limit);
    writer.writeSummary(summary);
    writer.writeManifest(manifest);
  } finally {
    writer.close();
  }
  return { summary, manifest, samples: all.length };
}
