/**
 * What both Python executors set up once before their first program: the interpreter
 * (probed) and the isolation in force (bubblewrap when it passes its self-check), and the
 * sandbox facts they report from it.
 */
import type { Limits, SandboxFacts } from '../executor.js';
import { sandboxEnv } from './bwrap.js';
import { libraryVersions, probePython, pythonEnvironment, type PythonInfo } from './interpreter.js';
import { chooseIsolation, type Isolation, type IsolationPreference } from './isolation.js';

export interface SandboxSetupOptions {
  /** Interpreter (default /usr/bin/python3 when it exists, else python3 on PATH). */
  python?: string;
  /** 'auto' (default): bubblewrap when it works, else rlimits with a warning; 'bwrap': required; 'none': rlimits only. */
  isolation?: IsolationPreference;
  /** Fork-server: modules each warm worker imports before it forks (a benchmark's heavy libraries). */
  preload?: readonly string[];
  /** Libraries whose versions the facts record (top-level module names; the benchmark's). */
  libraries?: readonly string[];
}

export interface SandboxSetup {
  python: PythonInfo;
  isolation: Isolation;
}

/** `note` gets the warning when 'auto' falls back to rlimits. */
export async function setUpSandbox(options: SandboxSetupOptions, note: (line: string) => void): Promise<SandboxSetup> {
  const python = await probePython(options.python);
  const isolation = await chooseIsolation(python, options.isolation ?? 'auto', note);
  return { python, isolation };
}

export async function sandboxFacts(executor: string, setup: SandboxSetup, libraries: readonly string[] = []): Promise<SandboxFacts> {
  const { python, isolation } = setup;
  const facts: SandboxFacts = {
    executor,
    language: 'python',
    isolation: isolation.description,
    runtime: `Python ${python.version} (${python.command})`,
    warnings: [...isolation.warnings],
  };
  if (libraries.length > 0) {
    facts.python_environment = {
      executable: python.realExecutable,
      version: python.version,
      libraries: await libraryVersions(python, libraries),
    };
  }
  return facts;
}

/** What a reference's outputs could depend on in this set-up besides its job and the runner (reference-cache.ts). */
export async function sandboxScope(setup: SandboxSetup): Promise<{ python: string; sandbox: string }> {
  const python = await pythonEnvironment(setup.python);
  return { python, sandbox: JSON.stringify([setup.isolation.description, sandboxEnv('')]) };
}

/** Size of the sandbox's private /tmp: room for the largest file a program may write, twice. */
export function tmpfsBytes(limits: Limits): number {
  return Math.max(64 << 20, 2 * limits.fileSizeBytes);
}
