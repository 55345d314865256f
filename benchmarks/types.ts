/**
 * What a benchmark adapter is: a name, a language, and a loader that turns the suite's
 * public file (or, for built-in suites, nothing) into Task records.
 */
import type { Language, Task } from '../kernel/task.js';
import type { LibraryProfile } from './library/profile.js';

export interface LoadOptions {
  /** MBPP(+): test with the original MBPP asserts instead of differential tests. */
  useOriginalAsserts?: boolean;
}

export interface BenchmarkAdapter {
  name: string;
  language: Language;
  /** True when the suite is read from a file given with --data. */
  requiresData: boolean;
  /** True when `useOriginalAsserts` means something for this suite. */
  supportsOriginalAsserts?: boolean;
  /** One line for --help and error messages. */
  description: string;
  /** Library-heavy Python suites: preloaded libraries, recorded versions, limits (library/profile.ts). */
  python?: LibraryProfile;
  /** `path` is the data file (null when `requiresData` is false). Errors name file:line and field. */
  load(path: string | null, options: LoadOptions): Promise<Task[]>;
}

export interface LoadedBenchmark {
  name: string;
  tasks: Task[];
  dataPath: string | null;
  /** sha256 of the data file's bytes as given (.gz included); for a built-in suite, of its tasks. */
  dataSha256: string | null;
  /** The adapter's library profile, when it has one. */
  python?: LibraryProfile;
}
