/** Shared types of edit-sequence reconstruction. */

type ReconstructMode = 'lintseq' | 'strict';
/** What a malformed hunk does: `skip` it (the reference default) or `penalize` the sample. */
export type MalformedPolicy = 'skip' | 'penalize';

export interface ReconstructOptions {
  mode: ReconstructMode;
  malformed: MalformedPolicy;
}

/** One hunk left out: `edit` is the 1-based index of its `<|diff|>`-separated edit. */
export interface SkippedHunk {
  edit: number;
  reason: string;
}

export type ReconstructResult =
  { ok: true; program: string; edits: number; skipped: SkippedHunk[] } | { ok: false; reason: string; edit: number };
