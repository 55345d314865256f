/**
 * The bubblewrap command line for one sandbox. Pure: the caller discovers which system
 * paths exist (isolation.ts) and passes them as mounts.
 *
 * Inside: new user, pid, network, ipc, uts and cgroup namespaces; no capabilities; a
 * read-only view of only the system folders Python needs (never /root, /home or the
 * project); a fresh /proc; a minimal /dev; a private, size-capped tmpfs at /tmp as the
 * working folder; the runner's own scripts read-only at /passk; the root and /dev
 * read-only; a cleared environment. --die-with-parent plus the pid namespace mean that
 * killing bubblewrap kills every process the program started.
 */
export interface Mount {
  kind: 'ro-bind' | 'ro-bind-try' | 'symlink';
  /** Host path (for a symlink: the link's target text). */
  source: string;
  /** Path inside the sandbox. */
  target: string;
}

export interface BwrapOptions {
  bwrap: string;
  mounts: Mount[];
  /** Host folder holding the runner's Python files, mounted read-only at RUNNER_DIR. */
  runnerDir: string;
  /** tmpfs size cap for /tmp; omitted when this bubblewrap lacks --size. */
  tmpfsBytes?: number;
  env: Record<string, string>;
  command: string[];
}

export const RUNNER_DIR = '/passk';
export const SANDBOX_TMP = '/tmp';

export function bwrapArgv(o: BwrapOptions): string[] {
  const argv = [o.bwrap, '--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--clearenv'];
  for (const m of o.mounts) {
    if (m.kind === 'symlink') argv.push('--symlink', m.source, m.target);
    else argv.push(`--${m.kind}`, m.source, m.target);
  }
  argv.push('--proc', '/proc', '--dev', '/dev');
  if (o.tmpfsBytes !== undefined) argv.push('--size', String(o.tmpfsBytes));
  argv.push('--tmpfs', SANDBOX_TMP, '--ro-bind', o.runnerDir, RUNNER_DIR);
  argv.push('--remount-ro', '/dev', '--remount-ro', '/', '--chdir', SANDBOX_TMP);
  for (const [key, value] of Object.entries(o.env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    argv.push('--setenv', key, value);
  }
  argv.push('--', ...o.command);
  return argv;
}

/**
 * The environment a program sees: nothing from the host, plus what library-heavy programs
 * need (docs/architecture.md, "Library-heavy Python"): matplotlib draws without a display
 * and keeps its config and cache in the scratch folder; BLAS and OpenMP pools get one
 * thread, the sandbox's share of a core (more would also count against its process cap).
 */
export function sandboxEnv(home: string): Record<string, string> {
  return {
    HOME: home,
    MKL_NUM_THREADS: '1',
    MPLBACKEND: 'Agg',
    MPLCONFIGDIR: `${home}/.config/matplotlib`,
    NUMEXPR_MAX_THREADS: '1',
    NUMEXPR_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    OPENBLAS_NUM_THREADS: '1',
    TF_CPP_MIN_LOG_LEVEL: '3',
    VECLIB_MAXIMUM_THREADS: '1',
    XDG_CACHE_HOME: `${home}/.cache`,
    LANG: 'C.UTF-8',
    PATH: '/usr/local/bin:/usr/bin:/bin',
    PYTHONDONTWRITEBYTECODE: '1',
    // Reference and candidate must agree on the iteration order of sets of strings.
    PYTHONHASHSEED: '0',
    TMPDIR: home,
  };
}
