/**
 * Which Python runs programs, and what the sandbox must mount for it. The default is
 * /usr/bin/python3 when it exists: a pyenv or venv shim on PATH would point into the
 * user's home, which the sandbox does not mount.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessFault } from '../../kernel/errors.js';

const run = promisify(execFile);
const exists = (path: string) => new Promise<boolean>((resolve) => access(path, constants.X_OK, (err) => resolve(!err)));

export interface PythonInfo {
  /** The command to run (as given or found). */
  command: string;
  version: string;
  /** sys.executable, realpath of it, sys.prefix, sys.base_prefix. */
  executable: string;
  realExecutable: string;
  prefix: string;
  basePrefix: string;
}

const DEFAULT_PYTHON = '/usr/bin/python3';

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && (await exists(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

async function locatePython(requested?: string): Promise<string> {
  if (requested) return requested;
  if (await exists(DEFAULT_PYTHON)) return DEFAULT_PYTHON;
  const found = await findOnPath('python3');
  if (!found) throw new HarnessFault('python-executor', `no Python interpreter: ${DEFAULT_PYTHON} is missing and python3 is not on PATH`);
  return found;
}

const PROBE = [
  'import json, os, platform, sys',
  'print(json.dumps([platform.python_version(), sys.executable, os.path.realpath(sys.executable), sys.prefix, sys.base_prefix]))',
].join('; ');

export async function probePython(requested?: string): Promise<PythonInfo> {
  const command = await locatePython(requested);
  let stdout: string;
  try {
    ({ stdout } = await run(command, ['-c', PROBE], { timeout: 30_000 }));
  } catch (err) {
    throw new HarnessFault('python-executor', `cannot run Python at ${command}: ${(err as Error).message}`, { cause: err });
  }
  const [version, executable, realExecutable, prefix, basePrefix] = JSON.parse(stdout.trim()) as string[];
  const major = Number(version?.split('.')[0]);
  const minor = Number(version?.split('.')[1]);
  if (!(major === 3 && minor >= 8)) {
    throw new HarnessFault('python-executor', `Python ${version} at ${command}: the runner needs Python 3.8 or newer (audit hooks)`);
  }
  return {
    command,
    version: version!,
    executable: executable || command,
    realExecutable: realExecutable || command,
    prefix: prefix!,
    basePrefix: basePrefix!,
  };
}

// The interpreter's full build string, its files and every installed distribution: what the
// outputs of a reference could depend on besides the benchmark and the runner.
const ENVIRONMENT = [
  'import hashlib, importlib.metadata as m, json, os, sys',
  "d = sorted(set(str(x.metadata['Name']) + '==' + str(x.version) for x in m.distributions()))",
  'print(json.dumps([sys.version, os.path.realpath(sys.executable), sys.prefix, sys.base_prefix, hashlib.sha256(chr(10).join(d).encode()).hexdigest()]))',
].join('; ');
const environments = new Map<string, Promise<string>>();

/** The identity of the Python environment (for the reference cache), probed once per interpreter. */
export function pythonEnvironment(python: PythonInfo): Promise<string> {
  let known = environments.get(python.command);
  if (!known) {
    known = run(python.command, ['-I', '-c', ENVIRONMENT], { timeout: 30_000 }).then(
      ({ stdout }) => stdout.trim(),
      (err: unknown) => {
        environments.delete(python.command);
        throw new HarnessFault('python-executor', `cannot probe Python at ${python.command}: ${(err as Error).message}`, { cause: err });
      },
    );
    environments.set(python.command, known);
  }
  return known;
}

// Each library's version from its distribution's metadata (packages_distributions maps an
// import name to its distributions), else the module's __version__ when it is importable
// without metadata (some Debian packages), else null: not installed.
const LIBRARY_VERSIONS = [
  'import importlib.metadata as m, importlib.util as u, json, sys',
  'names = json.loads(sys.argv[1])',
  'dists = m.packages_distributions()',
  'out = {}',
  'for n in names:',
  '    v = None',
  '    for d in dists.get(n, []):',
  '        try:',
  '            v = m.version(d); break',
  '        except Exception: pass',
  '    if v is None:',
  '        try:',
  '            if u.find_spec(n) is not None: v = str(getattr(__import__(n), "__version__", "unknown"))',
  '        except BaseException: v = None',
  '    out[n] = v',
  'print(json.dumps(out))',
].join('\n');

/** The version of each library (an import name) in this interpreter; null for one that is not installed. */
export async function libraryVersions(python: PythonInfo, names: readonly string[]): Promise<Record<string, string | null>> {
  try {
    const { stdout } = await run(python.command, ['-I', '-c', LIBRARY_VERSIONS, JSON.stringify(names)], {
      timeout: 120_000,
      env: { PATH: '/usr/bin:/bin', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MPLBACKEND: 'Agg' },
    });
    return JSON.parse(stdout.trim()) as Record<string, string | null>;
  } catch (err) {
    throw new HarnessFault('python-executor', `cannot read library versions from Python at ${python.command}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
