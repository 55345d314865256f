/**
 * Decides which isolation is in force and builds the command that starts a runner in it:
 * bubblewrap when it is installed and passes a self-check, otherwise rlimits, a new
 * process group and the runner's audit hook only (with a warning in a note and in the
 * sandbox facts).
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessFault } from '../../kernel/errors.js';
import { bwrapArgv, RUNNER_DIR, SANDBOX_TMP, sandboxEnv, type Mount } from './bwrap.js';
import type { PythonInfo } from './interpreter.js';
import { DEFAULT_LIMITS } from '../executor.js';
import { candidateJob, newNonce, runnerLimits } from './job.js';
import { launch } from './launch.js';
import { runnerDir } from './runner-files.js';

const run = promisify(execFile);

export type IsolationPreference = 'auto' | 'bwrap' | 'none';

/** How to start one runner process (a one-shot driver or a warm worker). */
export interface RunnerCommand {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  ownGroup: boolean;
  /** Removes what start-up created on the host (the temp folder without bubblewrap). */
  cleanup(): Promise<void>;
}

export interface Isolation {
  mode: 'bwrap' | 'rlimits';
  description: string;
  warnings: string[];
  /** rlimit NPROC is meaningful (a fresh user namespace counts only the sandbox). */
  countsProcesses: boolean;
  /** bubblewrap reports a killed program as exit code 128 + signal. */
  exitCodeCarriesSignal: boolean;
  /**
   * `worker`: a warm fork-server worker, told its scratch folder and whether it owns a pid
   * namespace; `preload`: the modules it imports before it forks.
   */
  command(script: string, tmpfsBytes: number, worker?: boolean, preload?: readonly string[]): Promise<RunnerCommand>;
}

const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
// /etc/alternatives: Debian's BLAS and LAPACK (numpy, scipy) are reached through it;
// matplotlibrc, fonts and mime.types: what matplotlib and the mimetypes module read; ssl: the
// public CA certificates requests loads even when a test mocks the network.
const SYSTEM_FILES = [
  '/etc/ld.so.cache',
  '/etc/localtime',
  '/etc/alternatives',
  '/etc/matplotlibrc',
  '/etc/fonts',
  '/etc/mime.types',
  '/etc/ssl',
];
const PYTHON_FLAGS = ['-s', '-B'];

function preloadArgs(preload: readonly string[]): string[] {
  return preload.length > 0 ? ['--preload', preload.join(',')] : [];
}

/** Read-only mounts for the system folders that exist here, symlinks kept as symlinks. */
function systemMounts(python: PythonInfo): Mount[] {
  const mounts: Mount[] = [];
  for (const dir of SYSTEM_DIRS) {
    if (!existsSync(dir)) continue;
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) mounts.push({ kind: 'symlink', source: readlinkSync(dir), target: dir });
    else if (stat.isDirectory()) mounts.push({ kind: 'ro-bind', source: dir, target: dir });
  }
  for (const file of SYSTEM_FILES) mounts.push({ kind: 'ro-bind-try', source: file, target: file });
  // An interpreter installed outside the system folders (pyenv, a venv, /opt) brings its prefix.
  const covered = (path: string) => SYSTEM_DIRS.some((dir) => path === dir || path.startsWith(`${dir}/`));
  const prefixes = new Set([python.prefix, python.basePrefix, dirname(dirname(python.realExecutable))]);
  for (const prefix of prefixes) {
    if (prefix && prefix !== '/' && !covered(prefix)) mounts.push({ kind: 'ro-bind', source: prefix, target: prefix });
  }
  return mounts;
}

function bwrapIsolation(bwrap: string, version: string, python: PythonInfo, withSize: boolean, pdeathsig: string[]): Isolation {
  const mounts = systemMounts(python);
  return {
    mode: 'bwrap',
    description:
      `bubblewrap ${version}: user, pid, network, ipc, uts and cgroup namespaces, no capabilities; ` +
      `read-only system folders only; private tmpfs ${SANDBOX_TMP}${withSize ? ' (size-capped)' : ''}; cleared environment; ` +
      'rlimits on CPU, address space, processes, file size and open files; audit hook',
    warnings: withSize ? [] : [`bubblewrap ${version} lacks --size: the sandbox's /tmp is not size-capped`],
    countsProcesses: true,
    exitCodeCarriesSignal: true,
    async command(script, tmpfsBytes, worker = false, preload = []) {
      const argv = bwrapArgv({
        bwrap,
        mounts,
        runnerDir: runnerDir(),
        ...(withSize ? { tmpfsBytes } : {}),
        env: sandboxEnv(SANDBOX_TMP),
        command: [
          python.executable,
          ...PYTHON_FLAGS,
          `${RUNNER_DIR}/${script}`,
          ...(worker ? ['--scratch', SANDBOX_TMP, '--pid-namespace', ...preloadArgs(preload)] : []),
        ],
      });
      return { argv: [...pdeathsig, ...argv], env: { PATH: '/usr/bin:/bin' }, cwd: '/', ownGroup: false, cleanup: async () => {} };
    },
  };
}

function rlimitsIsolation(python: PythonInfo, why: string, pdeathsig: string[]): Isolation {
  return {
    mode: 'rlimits',
    description:
      'rlimits only (CPU, address space, file size, open files), a new process group and the runner audit hook; ' +
      'no namespaces: programs can read the host files and see its network except where the audit hook blocks it',
    warnings: [`bubblewrap is not in force (${why}): Python programs run with rlimits and a process group only`],
    countsProcesses: false,
    exitCodeCarriesSignal: false,
    async command(script, _tmpfsBytes, worker = false, preload = []) {
      const dir = await mkdtemp(join(tmpdir(), 'passk-py-'));
      return {
        argv: [
          ...pdeathsig,
          python.executable,
          ...PYTHON_FLAGS,
          join(runnerDir(), script),
          ...(worker ? ['--scratch', dir, ...preloadArgs(preload)] : []),
        ],
        env: sandboxEnv(dir),
        cwd: dir,
        ownGroup: true,
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  };
}

async function tryRun(file: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { timeout: 30_000 });
    return { ok: true, out: `${stdout}${stderr}`.trim() };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { ok: false, out: (e.stderr || e.message).trim() };
  }
}

/** `setpriv --pdeathsig KILL` makes the sandbox die with the harness even on kill -9. */
async function parentDeathPrefix(): Promise<string[]> {
  const probe = await tryRun('setpriv', ['--pdeathsig', 'KILL', '--', 'true']);
  return probe.ok ? ['setpriv', '--pdeathsig', 'KILL', '--'] : [];
}

/** Runs a trivial passing program through the candidate isolation; undefined when it passed. */
async function selfCheck(isolation: Isolation, python: PythonInfo): Promise<string | undefined> {
  const nonce = newNonce();
  const job = candidateJob(
    'def f():\n    return 1\n',
    { kind: 'python-check', test: 'def check(c):\n    assert c() == 1\n', entryPoint: 'f' },
    nonce,
    runnerLimits(DEFAULT_LIMITS, isolation.countsProcesses),
  );
  const cmd = await isolation.command('passk_driver.py', 1 << 20);
  try {
    const raw = await launch({
      ...cmd,
      input: JSON.stringify(job),
      nonce,
      timeoutMs: 30_000,
      startupTimeoutMs: 30_000,
      outputBytes: 1 << 20,
      keepBytes: 4096,
      maxReportBytes: 1 << 20,
    });
    if (raw.spawnError) return raw.spawnError.message;
    if (raw.final?.token === 'passed') return undefined;
    const verdict = raw.final ? `${raw.final.token} ${raw.final.detail}` : `exit ${raw.exitCode ?? raw.signal}`;
    return `${verdict}: ${raw.stderrTail.trim().split('\n').slice(-2).join(' | ')} (Python ${python.version})`;
  } finally {
    await cmd.cleanup();
  }
}

/**
 * With preference 'bwrap' a failing bubblewrap is a harness fault; with 'auto' it is a
 * warning (given to `note`: the sandbox never writes to stderr itself) and the fallback;
 * the fallback itself must pass the self-check too.
 */
export async function chooseIsolation(
  python: PythonInfo,
  preference: IsolationPreference,
  note: (line: string) => void,
): Promise<Isolation> {
  const pdeathsig = await parentDeathPrefix();
  let why = 'disabled by configuration';
  if (preference !== 'none') {
    const versionProbe = await tryRun('bwrap', ['--version']);
    why = `bwrap not runnable: ${versionProbe.out.split('\n')[0]}`;
    if (versionProbe.ok) {
      const version = versionProbe.out.replace(/^bubblewrap\s*/, '');
      for (const withSize of [true, false]) {
        const isolation = bwrapIsolation('bwrap', version, python, withSize, pdeathsig);
        const failure = await selfCheck(isolation, python);
        if (!failure) return isolation;
        why = `bubblewrap self-check failed: ${failure}`;
      }
    }
    if (preference === 'bwrap') throw new HarnessFault('python-sandbox', why);
    note(`passk: warning: ${why}; Python programs run with rlimits and a process group only`);
  }
  const fallback = rlimitsIsolation(python, why, pdeathsig);
  const failure = await selfCheck(fallback, python);
  if (failure) throw new HarnessFault('python-sandbox', `the Python runner does not work: ${failure}`);
  return fallback;
}
