/**
 * What a library-heavy Python benchmark (DS-1000, BigCodeBench) asks of the sandbox: the
 * libraries its warm workers import before they fork, the libraries whose versions the
 * manifest records, and its own defaults for the memory and time limits (these programs
 * need more than HumanEval's). See docs/architecture.md, "Library-heavy Python".
 */
export interface LibraryProfile {
  /** Modules each warm worker imports before it forks (the fork-server executor). */
  preload: readonly string[];
  /** Top-level modules whose versions the manifest records (standard-library ones left out). */
  libraries: readonly string[];
  /** Memory limit per program, MiB, unless --memory is given. */
  memoryMb: number;
  /** Wall-clock limit per program, seconds, unless --timeout is given. */
  timeoutS: number;
  /** The lower bound of a limit scaled from the reference's time (--timeout-from-reference). */
  referenceFloorMs: number;
}

/** The data-science stack both benchmarks import most, as the programs import it. */
export const DATA_SCIENCE_PRELOAD: readonly string[] = [
  'numpy',
  'pandas',
  'scipy',
  'scipy.stats',
  'matplotlib',
  'matplotlib.pyplot',
  'sklearn',
  'sklearn.linear_model',
  'sklearn.model_selection',
  'sklearn.preprocessing',
];
