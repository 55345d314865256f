/**
 * A real redis-server for one test file: started on a free loopback port with its own
 * temporary folder (append-only file on, so a restart keeps the queue, as a production
 * Redis with persistence would), stopped and removed afterwards. No state is shared
 * between tests. `restart()` stops it (SIGKILL: a crash) and starts it again on the same
 * port and folder; `stop()` ends it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** The server's process id (the bench reads its CPU time). */
  readonly pid: number;
  /** Kill -9 and start again on the same port and folder. */
  restart(options?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** Why redis-server cannot be used here, or null when it can. */
export function redisMissing(): string | null {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) return `redis-server does not run: ${probe.error.message}`;
  return probe.status === 0 ? null : `redis-server --version exited ${probe.status}: ${probe.stderr.trim()}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode}: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not listen on 127.0.0.1:${port} within 20 s`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return child;
}

const ended = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'passk-redis-'));
  const port = await freePort();
  let child = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid!;
    },
    async restart(options = {}) {
      child.kill('SIGKILL');
      await ended(child);
      await new Promise((r) => setTimeout(r, options.downMs ?? 0));
      child = await launch(port, dir);
    },
    async stop() {
      child.kill('SIGKILL');
      await ended(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
