/** Edit sequences: rebuilding programs from `<|diff|>` completions, and LintSeq. */
export { reconstruct, DEFAULT_RECONSTRUCT } from './reconstruct.js';
export type { ReconstructOptions, ReconstructResult, ReconstructMode, MalformedPolicy, SkippedHunk } from './types.js';
export { rebuildForTask, type RebuildOutcome } from './rebuild-task.js';
export { stripMarkdownFence } from './markdown.js';
export { END_TOKEN, DIFF_TOKEN, EDIT_SEPARATOR, editSequenceCompletion } from './format.js';
// LintSeq (the TypeScript-based linter for JavaScript is in linters/typescript.ts, not
// re-exported here: it loads the TypeScript compiler).
export { lintseqPath, lintseqPaths, prepareProgram, samplePath, normalizeProgram, type EditPath, type LineLanguage } from './lintseq/index.js';
export { PythonLinter, PylintLinter, pylintAvailable } from './linters/python.js';
export type { Linter, LintIssue } from './linters/types.js';
