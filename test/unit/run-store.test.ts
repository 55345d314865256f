import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PasskError } from '../../kernel/errors.js';
import { SAMPLE_SCHEMA, type SampleRecordInput } from '../../harness/store/records.js';
import { readSamples, splitTornTail } from '../../harness/store/run-files.js';
import { RunWriter } from '../../harness/store/run-writer.js';

function record(task: string, index: number, verdict: SampleRecordInput['verdict'] = 'passed'): SampleRecordInput {
  return {
    schema: SAMPLE_SCHEMA,
    model: 'm',
    config: 'c',
    task_id: task,
    index,
    format: 'completion',
    completion: 'x',
    program: 'x',
    program_sha256: 'h',
    verdict,
    timings: {},
    recorded_at: new Date(0).toISOString(),
  };
}

const fresh = () => mkdtempSync(join(tmpdir(), 'passk-store-'));

describe('run store', () => {
  it('appends one validated line per record and reads them back', async () => {
    const dir = fresh();
    const w = RunWriter.open(dir);
    w.append(record('a', 0));
    w.append(record('a', 1, 'failed'));
    w.close();
    const { samples, tornBytes } = await readSamples(dir);
    expect(tornBytes).toBe(0);
    expect(samples.map((s) => [s.task_id, s.index, s.verdict])).toEqual([
      ['a', 0, 'passed'],
      ['a', 1, 'failed'],
    ]);
    expect(samples[0]!.prompt_tokens).toBeNull();
  });

  it('cuts a torn last line (a crash mid-write) when reopened, keeping every whole record', async () => {
    const dir = fresh();
    const w = RunWriter.open(dir);
    w.append(record('a', 0));
    w.close();
    appendFileSync(join(dir, 'samples.jsonl'), '{"schema":"passk.sample/1","model":"m","conf');
    expect((await readSamples(dir)).tornBytes).toBeGreaterThan(0);
    const w2 = RunWriter.open(dir);
    w2.append(record('a', 1));
    w2.close();
    const text = readFileSync(join(dir, 'samples.jsonl'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await readSamples(dir)).samples.map((s) => s.index)).toEqual([0, 1]);
  });

  it('names file:line and the field for a bad record', async () => {
    const dir = fresh();
    writeFileSync(
      join(dir, 'samples.jsonl'),
      `${JSON.stringify(record('a', 0))}\n${JSON.stringify({ ...record('a', 1), verdict: 'great' })}\n`,
    );
    await expect(readSamples(dir)).rejects.toThrow(/samples\.jsonl:2: field "verdict"/);
  });

  it('keeps the first of duplicated keys and counts the rest', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'samples.jsonl'), [record('a', 0), record('a', 0, 'failed')].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const read = await readSamples(dir);
    expect(read.duplicates).toBe(1);
    expect(read.samples.map((s) => s.verdict)).toEqual(['passed']);
  });

  it('refuses a folder locked by a live process', () => {
    const dir = fresh();
    writeFileSync(join(dir, '.lock'), String(process.ppid));
    expect(() => RunWriter.open(dir)).toThrow(PasskError);
  });

  it('splits torn tails exactly', () => {
    expect(splitTornTail('a\nb\n')).toEqual({ complete: 'a\nb\n', tornBytes: 0 });
    expect(splitTornTail('a\nbc')).toEqual({ complete: 'a\n', tornBytes: 2 });
    expect(splitTornTail('')).toEqual({ complete: '', tornBytes: 0 });
  });
});
