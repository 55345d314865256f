/**
 * Progress of `passk run`: generation and execution side by side (each with rate and ETA),
 * as two bars on a terminal (cli-progress) or one line every few seconds otherwise. On
 * stderr, so stdout keeps the table or --json.
 */
import cliProgress from 'cli-progress';

export interface RunProgress {
  setTotal(total: number): void;
  generated(by: number): void;
  executed(by: number): void;
  stop(): void;
}

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) f();
    done = true;
  };
}

export function createRunProgress(mode: 'bar' | 'lines' | 'off' | undefined, stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000): RunProgress {
  const resolved = mode ?? (stream.isTTY && !process.env.CI ? 'bar' : 'lines');
  let total = 0;
  let gen = 0;
  let exe = 0;
  const started = Date.now();
  const rate = (done: number): number => done / Math.max(1e-3, (Date.now() - started) / 1000);
  if (resolved === 'off') return { setTotal: (t) => void (total = t), generated: (b) => void (gen += b), executed: (b) => void (exe += b), stop: () => {} };

  if (resolved === 'bar') {
    const multi = new cliProgress.MultiBar(
      { format: '{label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}', stream, hideCursor: true, etaBuffer: 200, fps: 10, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const genBar = multi.create(0, 0, { label: 'generated', rate: '0.0' });
    const exeBar = multi.create(0, 0, { label: 'executed ', rate: '0.0' });
    return {
      setTotal(t) {
        total = t;
        genBar.setTotal(t);
        exeBar.setTotal(t);
      },
      generated(by) {
        gen += by;
        genBar.update(gen, { rate: rate(gen).toFixed(1) });
      },
      executed(by) {
        exe += by;
        exeBar.update(exe, { rate: rate(exe).toFixed(1) });
      },
      stop: once(() => multi.stop()),
    };
  }

  let last = 0;
  const line = (final: boolean): void => {
    const part = (label: string, done: number): string => {
      const r = rate(done);
      return `${label} ${done}/${total} (${r.toFixed(1)}/s, ${final ? 'done' : `ETA ${eta((total - done) / r)}`})`;
    };
    stream.write(`${part('generated', gen)} · ${part('executed', exe)}${final ? ` in ${eta((Date.now() - started) / 1000)}` : ''}\n`);
  };
  const maybe = (): void => {
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      line(false);
    }
  };
  return {
    setTotal: (t) => void (total = t),
    generated(by) {
      gen += by;
      maybe();
    },
    executed(by) {
      exe += by;
      maybe();
    },
    stop: once(() => line(true)),
  };
}
