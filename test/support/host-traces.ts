/**
 * What a sandboxed program may have left on the host: processes (read from /proc) and
 * files. Used by the sandbox conformance suites.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface HostProcess {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProcess(pid: number): HostProcess | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is parenthesized and may contain spaces: fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (state === 'Z' || state === 'X') return undefined; // exited, not yet reaped
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(fields[1]), cmdline };
  } catch {
    return undefined; // gone meanwhile
  }
}

function hostProcesses(): HostProcess[] {
  const out: HostProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProcess(Number(name));
    if (p) out.push(p);
  }
  return out;
}

/** Processes below `root` (children, grandchildren...). */
export function descendantsOf(root: number, all: HostProcess[] = hostProcesses()): HostProcess[] {
  const children = new Map<number, HostProcess[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: HostProcess[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

/** Host processes whose command line contains `marker`. */
export function processesWithMarker(marker: string): HostProcess[] {
  return hostProcesses().filter((p) => p.cmdline.includes(marker) && p.pid !== process.pid);
}

/**
 * Python runner processes (one-shot drivers, warm workers and their forks) below this
 * process; bubblewrap's own processes, whose command lines name the runner too, are not counted.
 */
export function runnerProcesses(): HostProcess[] {
  return descendantsOf(process.pid).filter(
    (p) => /passk_(driver|worker)\.py/.test(p.cmdline) && /python[\d.]*$/.test(p.cmdline.split(' ')[0] ?? ''),
  );
}

export async function waitFor(condition: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
