/**
 * Progress for long work: a bar with rate and ETA on a terminal (cli-progress), plain lines
 * on a pipe or in CI (at most one every few seconds). Always on stderr, so stdout stays
 * clean for tables and --json.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Adds to the total (work discovered while running). */
  grow(by: number): void;
  tick(by?: number, note?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Overrides terminal detection (tests, --quiet). */
  mode?: 'bar' | 'lines' | 'off';
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const mode = options.mode ?? (stream.isTTY && !process.env.CI ? 'bar' : 'lines');
  let total = options.total;
  let done = 0;
  const started = Date.now();
  if (mode === 'off') return { grow: (by) => void (total += by), tick: (by = 1) => void (done += by), stop: () => {} };

  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      {
        format: `${options.label} [{bar}] {value}/{total} {percentage}% | {rate}/s | ETA {eta_formatted} {note}`,
        stream,
        hideCursor: true,
        etaBuffer: 200,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0.0', note: '' });
    return {
      grow(by) {
        total += by;
        bar.setTotal(total);
      },
      tick(by = 1, note = '') {
        done += by;
        const rate = done / Math.max(1e-3, (Date.now() - started) / 1000);
        bar.update(done, { rate: rate.toFixed(1), note });
      },
      stop: () => bar.stop(),
    };
  }

  const interval = options.intervalMs ?? 5000;
  let lastPrint = 0;
  const print = (final: boolean): void => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = done / Math.max(1e-3, elapsed);
    const eta = rate > 0 ? (total - done) / rate : Number.NaN;
    stream.write(`${options.label}: ${done}/${total} (${rate.toFixed(1)}/s, ${final ? `done in ${formatEta(elapsed)}` : `ETA ${formatEta(eta)}`})\n`);
  };
  return {
    grow: (by) => void (total += by),
    tick(by = 1) {
      done += by;
      const now = Date.now();
      if (now - lastPrint >= interval) {
        lastPrint = now;
        print(false);
      }
    },
    stop: () => print(true),
  };
}
