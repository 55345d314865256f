/**
 * Progress for long work: one bar per counter with rate and ETA on a terminal (cli-progress),
 * plain lines on a pipe or in CI (at most one every few seconds, and one at the end). Always
 * on stderr, so stdout stays clean for tables and --json. Counters share one total: for a
 * run, "generated" and "executed" samples.
 */
import cliProgress from 'cli-progress';

export type ProgressMode = 'bar' | 'lines' | 'off';

export interface Progress {
  advance(counter: string, by?: number): void;
  /** Prints a line without breaking the bars. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  counters: readonly string[];
  total: number;
  /** Overrides terminal detection (tests, --progress). */
  mode?: ProgressMode;
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}

/** Seconds as "42s", "3m05s" or "2h07m"; "?" when unknown. */
function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function defaultProgressMode(stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  return stream.isTTY && !process.env.CI ? 'bar' : 'lines';
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const mode = options.mode ?? defaultProgressMode(stream);
  const done = new Map(options.counters.map((c) => [c, 0]));
  const started = Date.now();
  const rate = (n: number): number => n / Math.max(1e-3, (Date.now() - started) / 1000);
  const width = Math.max(...options.counters.map((c) => c.length));
  let stopped = false;

  if (mode === 'off') {
    return { advance: () => {}, log: (line) => void stream.write(`${line}\n`), stop: () => {} };
  }

  if (mode === 'bar') {
    const multi = new cliProgress.MultiBar(
      {
        format: '{label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}',
        stream,
        hideCursor: true,
        etaBuffer: 200,
        fps: 10,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map(options.counters.map((c) => [c, multi.create(options.total, 0, { label: c.padEnd(width), rate: '0.0' })]));
    return {
      advance(counter, by = 1) {
        if (!done.has(counter)) return;
        const n = done.get(counter)! + by;
        done.set(counter, n);
        bars.get(counter)?.update(n, { rate: rate(n).toFixed(1) });
      },
      log: (line) => multi.log(`${line}\n`),
      stop() {
        if (!stopped) multi.stop();
        stopped = true;
      },
    };
  }

  const interval = options.intervalMs ?? 5000;
  let lastPrint = 0;
  const print = (final: boolean): void => {
    const parts = options.counters.map((c) => {
      const n = done.get(c) ?? 0;
      const r = rate(n);
      return `${c} ${n}/${options.total} (${r.toFixed(1)}/s, ${final ? 'done' : `ETA ${formatDuration((options.total - n) / r)}`})`;
    });
    stream.write(`${parts.join(' · ')}${final ? ` in ${formatDuration((Date.now() - started) / 1000)}` : ''}\n`);
  };
  return {
    advance(counter, by = 1) {
      if (!done.has(counter)) return;
      done.set(counter, done.get(counter)! + by);
      const now = Date.now();
      if (now - lastPrint >= interval) {
        lastPrint = now;
        print(false);
      }
    },
    log: (line) => void stream.write(`${line}\n`),
    stop() {
      if (!stopped) print(true);
      stopped = true;
    },
  };
}
