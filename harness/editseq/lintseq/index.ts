/** LintSeq: programs into linter-clean insertion edit sequences. */
export { lintseqPath, lintseqPaths, prepareProgram, samplePath, type EditPath, type PathOptions, type PathsOptions, type PreparedProgram } from './generate.js';
export { normalizeProgram, normalizeNewlines, forwardDiffs, forwardStates } from './forward.js';
export { lineModel, blockOf, type LineLanguage, type LineModel } from './lines.js';
export { seededRandom, weightedIndex, type Random } from './rng.js';
export { unifiedDiffN0, insertionDiff } from './difflib.js';
