/**
 * Reading a run folder: manifest.json, samples.jsonl, time-limits.jsonl and summary.json,
 * each validated against its versioned schema with errors naming `file:line` and the
 * field. Records of earlier schema versions are upgraded as they are read.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import { describeZodError, parseJsonLines, validateLine } from '../../kernel/jsonl.js';
import { upgradeManifest, upgradeSample } from './legacy-records.js';
import {
  manifestSchema,
  sampleKey,
  sampleRecordSchema,
  summarySchema,
  timeLimitRecordSchema,
  type Manifest,
  type SampleRecord,
  type Summary,
  type TimeLimitRecord,
} from './records.js';

export const RUN_FILES = {
  manifest: 'manifest.json',
  samples: 'samples.jsonl',
  timeLimits: 'time-limits.jsonl',
  summary: 'summary.json',
  lock: '.lock',
} as const;

export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, upgrade: (value: unknown) => unknown = (v) => v): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PasskError('E_INPUT', `cannot read: ${(err as Error).message}`, path);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PasskError('E_INPUT', `not valid JSON: ${(err as Error).message}`, path);
  }
  const parsed = schema.safeParse(upgrade(value));
  if (!parsed.success) throw new PasskError('E_INPUT', describeZodError(parsed.error), path);
  return parsed.data;
}

export function readManifest(dir: string): Promise<Manifest> {
  return readJsonFile(join(dir, RUN_FILES.manifest), manifestSchema, upgradeManifest);
}

export async function readSummary(dir: string): Promise<Summary | null> {
  const path = join(dir, RUN_FILES.summary);
  return existsSync(path) ? readJsonFile(path, summarySchema) : null;
}

/**
 * Splits samples.jsonl text into complete lines and a torn tail: a crash can leave a last
 * line without its newline, which is not a record (it is re-planned on resume).
 */
export function splitTornTail(text: string): { complete: string; tornBytes: number } {
  if (text === '' || text.endsWith('\n')) return { complete: text, tornBytes: 0 };
  const cut = text.lastIndexOf('\n') + 1;
  return { complete: text.slice(0, cut), tornBytes: Buffer.byteLength(text.slice(cut)) };
}

export interface SamplesRead {
  samples: SampleRecord[];
  tornBytes: number;
  duplicates: number;
}

export async function readSamples(dir: string): Promise<SamplesRead> {
  const path = join(dir, RUN_FILES.samples);
  if (!existsSync(path)) return { samples: [], tornBytes: 0, duplicates: 0 };
  const { complete, tornBytes } = splitTornTail(await readFile(path, 'utf8'));
  const seen = new Set<string>();
  const samples: SampleRecord[] = [];
  let duplicates = 0;
  for (const line of parseJsonLines(complete, path)) {
    const record = validateLine(sampleRecordSchema, { line: line.line, value: upgradeSample(line.value) }, path);
    const key = sampleKey(record);
    // Keep the first record of a key: later ones can only come from a concurrent writer.
    if (seen.has(key)) duplicates++;
    else {
      seen.add(key);
      samples.push(record);
    }
  }
  return { samples, tornBytes, duplicates };
}

/** The time limits an earlier invocation decided (a torn last line is not a record). */
export async function readTimeLimits(dir: string): Promise<TimeLimitRecord[]> {
  const path = join(dir, RUN_FILES.timeLimits);
  if (!existsSync(path)) return [];
  const { complete } = splitTornTail(await readFile(path, 'utf8'));
  return parseJsonLines(complete, path).map((line) => validateLine(timeLimitRecordSchema, line, path));
}

export interface RunData {
  dir: string;
  manifest: Manifest;
  samples: SampleRecord[];
  summary: Summary | null;
}

/** Reads a whole run folder (for fit, plot, report, compare). */
export async function readRun(dir: string): Promise<RunData> {
  if (!existsSync(join(dir, RUN_FILES.manifest))) {
    throw new PasskError('E_INPUT', `not a passk run folder (no ${RUN_FILES.manifest})`, dir);
  }
  const [manifest, { samples }, summary] = await Promise.all([readManifest(dir), readSamples(dir), readSummary(dir)]);
  return { dir, manifest, samples, summary };
}
