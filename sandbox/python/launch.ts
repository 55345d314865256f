/**
 * Starts one sandboxed runner process and watches it: feeds the job on stdin, caps the
 * program's output, reads the report channel (fd 3), enforces the startup and program
 * time limits, and kills the whole tree (bubblewrap's pid namespace, or the process
 * group without it). Resolves with what it saw; classification is classify.ts's job.
 */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { RawOutcome } from './classify.js';
import type { RunBounds } from './job.js';
import { ReportScanner, type InputMark } from './report.js';

export interface LaunchSpec extends RunBounds {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Start in a new process group and kill the group (no pid namespace to do it). */
  ownGroup: boolean;
  input: string;
  nonce: string;
}

export interface LaunchResult extends RawOutcome {
  spawnError?: Error;
}

const STDERR_TAIL = 2048;
/** After the runner exits, how long stragglers may keep the pipes open. */
const CLOSE_GRACE_MS = 1000;

class Capture {
  head: Buffer[] = [];
  headBytes = 0;
  tail = Buffer.alloc(0);
  constructor(readonly keep: number) {}
  push(chunk: Buffer): void {
    if (this.headBytes < this.keep) {
      const piece = chunk.subarray(0, this.keep - this.headBytes);
      this.head.push(piece);
      this.headBytes += piece.length;
    }
    this.tail = Buffer.concat([this.tail, chunk]).subarray(-STDERR_TAIL);
  }
  text(): string {
    return Buffer.concat(this.head).toString('utf8');
  }
}

export function launch(spec: LaunchSpec): Promise<LaunchResult> {
  return new Promise((resolve) => {
    const spawnedAt = performance.now();
    const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      detached: spec.ownGroup,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const scanner = new ReportScanner(spec.nonce, spec.maxReportBytes);
    const stdout = new Capture(spec.keepBytes);
    const stderr = new Capture(spec.keepBytes);
    let outputTotal = 0;
    let timedOut = false;
    let outputExceeded = false;
    let startedAt: number | undefined;
    let bindingInput: InputMark | undefined;
    let finishedAt: number | undefined;
    let exit: { code: number | null; signal: string | null } | undefined;
    let spawnError: Error | undefined;
    let settled = false;

    const kill = () => {
      try {
        if (spec.ownGroup && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    let timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, spec.startupTimeoutMs);

    const onOutput = (capture: Capture) => (chunk: Buffer) => {
      outputTotal += chunk.length;
      if (outputTotal > spec.outputBytes && !outputExceeded && !scanner.final) {
        outputExceeded = true;
        kill();
      }
      capture.push(chunk);
    };
    (child.stdout as Readable).on('data', onOutput(stdout));
    (child.stderr as Readable).on('data', onOutput(stderr));
    const expire = (inMs: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          timedOut = true;
          kill();
        },
        Math.max(0, inMs),
      );
    };
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      const wasStarted = scanner.started;
      const lastInput = scanner.input;
      scanner.push(chunk);
      if (scanner.started && !wasStarted) {
        startedAt = performance.now();
        clearTimeout(timer);
        if (!scanner.final) expire(spec.timeoutMs);
      }
      if (scanner.input !== lastInput && startedAt !== undefined && !scanner.final) {
        // Per-input rule: this input's own limit, within the whole program's.
        const now = performance.now();
        const whole = startedAt + spec.timeoutMs;
        const own = now + scanner.input!.limitMs;
        bindingInput = own < whole ? scanner.input : undefined;
        expire(Math.min(whole, own) - now);
      }
      if (scanner.final && finishedAt === undefined) {
        finishedAt = performance.now();
        clearTimeout(timer);
      }
    });
    const stdin = child.stdin as Writable;
    stdin.on('error', () => undefined); // the runner may exit before reading everything
    stdin.end(spec.input);

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const stream of [child.stdout, child.stderr, child.stdio[3]]) (stream as Readable | null)?.destroy();
      const end = finishedAt ?? performance.now();
      resolve({
        started: scanner.started,
        final: scanner.final,
        timedOut: timedOut && !scanner.final,
        outputExceeded,
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        durationMs: Math.round(end - (startedAt ?? spawnedAt)),
        stdout: stdout.text(),
        stderr: stderr.text(),
        stderrTail: stderr.tail.toString('utf8'),
        timeoutMs: spec.timeoutMs,
        outputBytes: spec.outputBytes,
        ...(timedOut && !scanner.final && bindingInput ? { timedOutInput: bindingInput } : {}),
        ...(spawnError ? { spawnError } : {}),
        ...(scanner.tests ? { tests: scanner.tests } : {}),
      });
    };
    child.on('error', (err) => {
      spawnError = err;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Without a pid namespace, anything left in the group dies now.
      if (spec.ownGroup && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is empty
        }
      }
      setTimeout(finish, CLOSE_GRACE_MS).unref();
    });
    child.on('close', finish);
  });
}
