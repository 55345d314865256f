/**
 * The default `passk demo` (n=20, B=2000), timed in-process: wall time by phase and its
 * ratio to the one-minute budget on a 2-core machine. Startup of the CLI (loading the
 * TypeScript) comes on top.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../harness/demo/run-demo.js';

export async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'passk-bench-demo-'));
  const phases: string[] = [];
  const cpu0 = process.cpuUsage();
  try {
    const r = await runDemo({
      out,
      n: 20,
      seed: 0,
      jobs: availableParallelism(),
      bootstrap: 2000,
      timeoutMs: 2000,
      log: (l) => phases.push(l),
    });
    const cpu = process.cpuUsage(cpu0);
    for (const p of phases) process.stdout.write(`  ${p}\n`);
    process.stdout.write(
      `  demo wall ${(r.wallMs / 1000).toFixed(1)} s on ${availableParallelism()} cores (load average ${loadavg()[0]!.toFixed(1)}); ratio to the 60 s budget ${(r.wallMs / 60_000).toFixed(2)}\n`,
    );
    process.stdout.write(
      `  harness CPU (this process, sandboxes excluded) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; ${r.executed} programs executed, ${r.reused} verdicts reused\n`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
