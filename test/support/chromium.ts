/** Headless Chromium for the report render checks: finding it, and a page's console messages. */
import { spawnSync } from 'node:child_process';

export function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

/** Console messages Chromium logged while loading a page (dbus and GPU warnings ignored). */
export function chromiumConsole(binary: string, file: string): { dom: string; console: string[] } {
  const r = spawnSync(
    binary,
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', '--dump-dom', `file://${file}`],
    { encoding: 'utf8', timeout: 90_000 },
  );
  return { dom: r.stdout, console: r.stderr.split('\n').filter((l) => /:CONSOLE|Uncaught|net::ERR_/.test(l)) };
}
