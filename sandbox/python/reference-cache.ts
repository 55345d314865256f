/**
 * Differential references kept on disk across runs (as evalplus keeps its ground truth): a
 * second run of the same benchmark computes none. An entry is keyed by everything that
 * determines the reference's outputs: the reference job (program, inputs, entry point,
 * oracle, per-input budget, output cap, runner limits: what the benchmark file says about
 * the task and the run's configured limits), the runner's version (a hash of its files),
 * the Python environment (full version, executable, prefix, installed distributions) and
 * the sandbox (isolation, environment). Change any of them and the entry is simply not
 * found: a stale output is never reused. Entries hold the outputs and the times of the one
 * run that computed them (docs/formulas.md, "Time limits").
 *
 * One JSON file per key, written atomically; a missing, unreadable or malformed file is a
 * miss, and deleting the folder is always safe. A computed reference is kept in the
 * background (`keep`): its candidates need not wait for the disk, and `settled()` waits for
 * every write before a run records what it stored. The folder also holds the runner's task
 * costs (harness/run/task-costs.ts).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { sha256 } from '../../kernel/hash.js';
import { referenceFromJson, referenceJson, type Reference } from './reference-outputs.js';

/** Bump when what a cached entry means changes without the runner files changing. */
const ENTRY_FORMAT = 2;
const OUTPUTS_FOLDER = 'outputs';

/** What a cached entry is keyed by, besides the reference job itself. */
export interface ReferenceScope {
  runnerVersion: string;
  /** The interpreter's identity (interpreter.ts pythonEnvironment). */
  python: string;
  /** The isolation in force and the sandbox's environment variables. */
  sandbox: string;
}

/** Pure: the key of one reference job (the job without its nonce) in a scope. */
export function referenceCacheKey(job: object, scope: ReferenceScope): string {
  return sha256(canonicalJson({ format: ENTRY_FORMAT, job: { ...job, nonce: '' }, scope }));
}

/**
 * The default folder: $PASSK_REFERENCE_CACHE ("off" turns the cache off), else
 * $XDG_CACHE_HOME/passk/references, else ~/.cache/passk/references.
 */
export function defaultReferenceCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.PASSK_REFERENCE_CACHE;
  if (set) return set === 'off' ? null : set;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'passk', 'references');
}

export interface ReferenceCacheStats {
  /** References read from the folder instead of computed. */
  loaded: number;
  /** References computed and written to the folder. */
  stored: number;
  /** Why writing failed, the first time it did (the run goes on without storing). */
  writeError: string | null;
}

export class ReferenceCache {
  readonly dir: string;
  readonly stats: ReferenceCacheStats = { loaded: 0, stored: 0, writeError: null };
  readonly #writing = new Set<Promise<void>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  async load(key: string): Promise<Reference | undefined> {
    let entry: { format?: unknown; key?: unknown; reference?: unknown };
    try {
      entry = JSON.parse(await readFile(this.#path(key), 'utf8')) as typeof entry;
    } catch {
      return undefined; // missing or unreadable: a miss
    }
    const reference = entry.format === ENTRY_FORMAT && entry.key === key ? referenceFromJson(entry.reference) : undefined;
    if (reference) this.stats.loaded++;
    return reference;
  }

  /**
   * Writes an entry in the background; a failure is recorded in the stats, never thrown, and
   * `onFailure` hears why, the first time writing fails.
   */
  keep(key: string, reference: Reference, onFailure: (why: string) => void): void {
    const write = this.#write(key, reference).then((failed) => {
      if (failed) onFailure(failed);
    });
    this.#writing.add(write);
    void write.finally(() => this.#writing.delete(write));
  }

  /** Resolves once every entry being kept is written (or has failed). */
  async settled(): Promise<void> {
    while (this.#writing.size > 0) await Promise.all(this.#writing);
  }

  async #write(key: string, reference: Reference): Promise<string | null> {
    const path = this.#path(key);
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(join(this.dir, OUTPUTS_FOLDER, key.slice(0, 2)), { recursive: true });
      await writeFile(temp, JSON.stringify({ format: ENTRY_FORMAT, key, reference: referenceJson(reference) }));
      await rename(temp, path);
      this.stats.stored++;
      return null;
    } catch (err) {
      if (this.stats.writeError !== null) return null;
      this.stats.writeError = `cannot write the reference cache at ${this.dir}: ${(err as Error).message}`;
      return this.stats.writeError;
    }
  }

  #path(key: string): string {
    return join(this.dir, OUTPUTS_FOLDER, key.slice(0, 2), `${key}.json`);
  }
}
