/**
 * Writing a run folder crash-safely. samples.jsonl and time-limits.jsonl are append-only:
 * each record is one write(2) of one line, so kill -9 loses at most the samples in flight
 * (and at worst leaves a torn last line, cut off when the run is reopened). Manifest and
 * summary are replaced atomically (write a temp file, then rename). A lock file stops two
 * processes from appending to the same run.
 */
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import { RUN_FILES, splitTornTail } from './run-files.js';
import {
  sampleRecordSchema,
  timeLimitRecordSchema,
  type Manifest,
  type SampleRecord,
  type SampleRecordInput,
  type Summary,
  type TimeLimitRecord,
} from './records.js';

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

/** Opens an append-only JSON Lines file, cutting a torn last line left by a crash. */
function openAppendOnly(path: string): number {
  const fd = openSync(path, 'a+');
  const size = statSync(path).size;
  if (size > 0) {
    const { tornBytes } = splitTornTail(readFileSync(path, 'utf8'));
    if (tornBytes > 0) ftruncateSync(fd, size - tornBytes);
  }
  return fd;
}

export class RunWriter {
  private fds: { samples: number; timeLimits: number } | null;
  private constructor(
    readonly dir: string,
    fds: { samples: number; timeLimits: number },
  ) {
    this.fds = fds;
  }

  /** Opens (creating) the folder, takes the lock, and cuts torn tails off the append-only files. */
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
    return new RunWriter(dir, {
      samples: openAppendOnly(join(dir, RUN_FILES.samples)),
      timeLimits: openAppendOnly(join(dir, RUN_FILES.timeLimits)),
    });
  }

  /** Appends one validated record as one line. */
  append(input: SampleRecordInput): SampleRecord {
    const record = sampleRecordSchema.parse(input);
    writeSync(this.open().samples, `${JSON.stringify(record)}\n`);
    return record;
  }

  /** Records a task's time limit (once per task and run). */
  appendTimeLimit(input: TimeLimitRecord): void {
    writeSync(this.open().timeLimits, `${JSON.stringify(timeLimitRecordSchema.parse(input))}\n`);
  }

  private open(): { samples: number; timeLimits: number } {
    if (this.fds === null) throw new Error('RunWriter is closed');
    return this.fds;
  }

  writeManifest(manifest: Manifest): void {
    writeJsonAtomic(join(this.dir, RUN_FILES.manifest), manifest);
  }

  writeSummary(summary: Summary): void {
    writeJsonAtomic(join(this.dir, RUN_FILES.summary), summary);
  }

  close(): void {
    if (this.fds === null) return;
    closeSync(this.fds.samples);
    closeSync(this.fds.timeLimits);
    this.fds = null;
    try {
      unlinkSync(join(this.dir, RUN_FILES.lock));
    } catch {
      /* already gone */
    }
  }
}
