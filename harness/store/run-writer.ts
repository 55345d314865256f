/**
 * Writing a run folder crash-safely. samples.jsonl is append-only: each record is one
 * write(2) of one line, so kill -9 loses at most the samples in flight (and at worst leaves
 * a torn last line, cut off when the run is reopened). Manifest and summary are replaced
 * atomically (write a temp file, then rename). A lock file stops two processes from
 * appending to the same run.
 */
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import { RUN_FILES, splitTornTail } from './run-files.js';
import { sampleRecordSchema, type Manifest, type SampleRecord, type SampleRecordInput, type Summary } from './records.js';

export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class RunWriter {
  private fd: number | null;
  private constructor(
    readonly dir: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens (creating) the folder, takes the lock, and cuts a torn tail off samples.jsonl. */
  static open(dir: string): RunWriter {
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, RUN_FILES.lock);
    if (existsSync(lock)) {
      const pid = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) {
        throw new PasskError('E_CONFIG', `run folder is in use by process ${pid} (remove ${lock} if that is wrong)`, dir);
      }
    }
    writeFileSync(lock, String(process.pid));
    const path = join(dir, RUN_FILES.samples);
    const fd = openSync(path, 'a+');
    const size = statSync(path).size;
    if (size > 0) {
      const { tornBytes } = splitTornTail(readFileSync(path, 'utf8'));
      if (tornBytes > 0) ftruncateSync(fd, size - tornBytes);
    }
    return new RunWriter(dir, fd);
  }

  /** Appends one validated record as one line. */
  append(input: SampleRecordInput): SampleRecord {
    if (this.fd === null) throw new Error('RunWriter is closed');
    const record = sampleRecordSchema.parse(input);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    return record;
  }

  writeManifest(manifest: Manifest): void {
    writeJsonAtomic(join(this.dir, RUN_FILES.manifest), manifest);
  }

  writeSummary(summary: Summary): void {
    writeJsonAtomic(join(this.dir, RUN_FILES.summary), summary);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    try {
      unlinkSync(join(this.dir, RUN_FILES.lock));
    } catch {
      /* already gone */
    }
  }
}
