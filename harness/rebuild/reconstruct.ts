/**
 * Rebuilding a program from an edit-sequence completion. Pure, and never throws on model
 * output: anything unusable becomes a skipped hunk or an `ok: false` result.
 *
 * - `lintseq`: the reference semantics (insert-only, `+c` gives the position, malformed
 *   hunks skipped), see resolve-edit-path.ts for the exact rules and the one deliberate
 *   difference (the literal end-token strip);
 * - `strict`: real unified diffs, see strict-apply.ts.
 *
 * `malformed: 'penalize'` turns the first malformed hunk into `ok: false` (the caller's
 * `malformed_edit` verdict), as the reference's `malformed_penalty` empties the program.
 */
import { resolveLintseq } from './resolve-edit-path.js';
import { resolveStrict } from './strict-apply.js';
import type { ReconstructOptions, ReconstructResult } from './types.js';

export type { ReconstructOptions, ReconstructResult } from './types.js';

const DEFAULT_RECONSTRUCT: ReconstructOptions = { mode: 'lintseq', malformed: 'skip' };

export function reconstruct(completion: string, options: ReconstructOptions = DEFAULT_RECONSTRUCT): ReconstructResult {
  return options.mode === 'strict' ? resolveStrict(completion, options.malformed) : resolveLintseq(completion, options.malformed);
}
