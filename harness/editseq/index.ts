/** Edit sequences: rebuilding programs from `<|diff|>` completions, and LintSeq. */
export { reconstruct, DEFAULT_RECONSTRUCT } from './reconstruct.js';
export type { ReconstructOptions, ReconstructResult, ReconstructMode, MalformedPolicy, SkippedHunk } from './types.js';
export { rebuildForTask, type RebuildOutcome } from './rebuild-task.js';
export { stripMarkdownFence } from './markdown.js';
export { END_TOKEN, DIFF_TOKEN, EDIT_SEPARATOR, editSequenceCompletion } from './format.js';
