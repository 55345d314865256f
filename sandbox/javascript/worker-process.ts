/**
 * Starts one isolate worker process (worker/isolate-worker.mjs) under a hard OS memory cap.
 *
 * isolated-vm's memoryLimit bounds only the isolate's V8 heap, and only roughly: memory that V8
 * takes outside that heap is not counted (WebAssembly.Memory pages, the zone memory of a regexp
 * being compiled, a string split near the heap limit overshooting it ten times), so one program
 * could fill the host. The worker therefore runs under RLIMIT_DATA, set by `/bin/sh` just before
 * it execs Node. Since Linux 4.7 RLIMIT_DATA counts private writable mappings (heap pages, malloc
 * arenas, wasm pages made writable, thread stacks) but not V8's PROT_NONE address reservations,
 * so it bounds what the process can really use without breaking V8's large reservations (which
 * RLIMIT_AS would). An allocation past it fails: V8 then aborts the process ("out of memory"),
 * or throws a catchable RangeError (ArrayBuffer, WebAssembly.Memory); either way the program's
 * verdict is `memory` (see isolate-worker-pool.ts and worker/run-in-isolate.mjs).
 *
 * Core dumps are turned off as well: every V8 abort would otherwise write one.
 *
 * A worker for TypeScript programs also holds the TypeScript compiler and the standard library
 * declarations (worker/typescript-compiler.mjs), with room for them in its cap; its own V8 heap is
 * capped below that room, so a program that makes the checker allocate without end ends in V8's
 * heap-limit abort (an out-of-memory crash, the program's `memory`) rather than in the OS cap.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER_PATH = fileURLToPath(new URL('./worker/isolate-worker.mjs', import.meta.url));

/**
 * Room above the isolate's heap limit for Node, isolated-vm and the worker's own threads (an
 * idle worker maps about 130 MiB of data) and for the heap's legitimate overshoot.
 */
export const WORKER_OVERHEAD_MB = 512;

/** Room for the TypeScript compiler: its heap limit, and what it maps besides. */
const TYPESCRIPT_HEAP_MB = 768;
const TYPESCRIPT_OVERHEAD_MB = TYPESCRIPT_HEAP_MB + 256;

/** The data-segment cap of a worker whose programs get `memoryMb` of isolate heap. */
export function workerDataCapBytes(memoryMb: number, typescript = false): number {
  return Math.ceil(memoryMb + WORKER_OVERHEAD_MB + (typescript ? TYPESCRIPT_OVERHEAD_MB : 0)) * 1024 * 1024;
}

/**
 * The worker, capped. `ulimit -d` sets the hard limit too, so nothing in the process can raise
 * it again. Should the host's own hard limit already be lower, that lower limit stays in force.
 * The worker reports the limit it sees in its 'ready' message, and the pool checks it.
 */
export function spawnCappedWorker(memoryMb: number, typescript = false): ChildProcess {
  const capKiB = workerDataCapBytes(memoryMb, typescript) / 1024;
  const script = `ulimit -c 0; ulimit -d ${capKiB} 2>/dev/null || ulimit -S -d "$(ulimit -H -d)"; exec "$0" "$@"`;
  const node = typescript
    ? [`--max-old-space-size=${TYPESCRIPT_HEAP_MB}`, '--no-node-snapshot', WORKER_PATH, '--typescript']
    : ['--no-node-snapshot', WORKER_PATH];
  return spawn('/bin/sh', ['-c', script, process.execPath, ...node], {
    env: {},
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

/** The soft RLIMIT_DATA of this process in bytes (Infinity when unlimited), from /proc/self/limits. */
export function dataLimitFromProcLimits(text: string): number | undefined {
  const match = /^Max data size\s+(\S+)/m.exec(text);
  if (match === null) return undefined;
  return match[1] === 'unlimited' ? Infinity : Number(match[1]);
}
