/**
 * What a run reports while it goes: the runner and the pipeline emit these and never print;
 * the CLI (harness/cli/run-display.ts) alone turns them into progress bars and lines.
 */
import type { SampleRecord } from '../store/records.js';

export type RunEvent =
  /** Something the user should know before the run's results (e.g. a server whose model list cannot be checked). */
  | { type: 'warning'; message: string }
  /** A one-line fact from the sandbox (e.g. the inputs a differential reference dropped). */
  | { type: 'note'; message: string }
  /** The plan: where, how many samples in all, how many recorded earlier, how many to go. */
  | { type: 'planned'; out: string; total: number; recorded: number; toRun: number; generating: boolean }
  /** Completions received from a model back-end. */
  | { type: 'generated'; count: number }
  /** A sample scored and recorded. */
  | { type: 'recorded'; record: SampleRecord }
  /** A sample the harness could not score (left unrecorded; a resume retries it). */
  | { type: 'fault'; message: string };

export type RunEventListener = (event: RunEvent) => void;
