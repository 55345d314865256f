/**
 * Run config problems as messages a user can act on: each names the field (as a path such as
 * `models[0].endpoints`), where it came from (run.yaml:LINE, or the flag that set it) and
 * what was expected. zod's issues are rewritten here: a missing field says "missing", an
 * unknown field suggests the nearest known name, a failed union reports its closest branch.
 */
import type { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';

export type ConfigPath = ReadonlyArray<string | number>;

export interface ConfigIssue {
  path: ConfigPath;
  message: string;
}

/** Says where a path came from, e.g. "run.yaml:12" or "--temperature". */
export type Locate = (path: ConfigPath) => string;

export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(the config)' : out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known name, when it is close enough to be a likely typo. */
function suggest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

type ZIssue = z.core.$ZodIssue;

/** What a branch that failed right at the field wanted: a type ("number") or values ("all"). */
function expectedOf(issue: ZIssue): string | null {
  if (issue.code === 'invalid_type') return String(issue.expected);
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return null;
}

function depth(issues: readonly ZIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/** A branch that is itself a union is replaced by its own branches. */
function flattenBranches(branches: readonly ZIssue[][]): ZIssue[][] {
  return branches.flatMap((b) =>
    b.length === 1 && b[0]!.code === 'invalid_union' && b[0]!.path.length === 0 ? flattenBranches(b[0]!.errors) : [b],
  );
}

/**
 * How far a union branch is from what the user wrote: a field it does not know, or a value
 * of the wrong type altogether, is strong evidence the user meant another branch.
 */
function distance(branch: readonly ZIssue[]): number {
  let d = 0;
  for (const i of branch) {
    if (i.code === 'unrecognized_keys') d += 10 * i.keys.length;
    else if (i.code === 'invalid_type' && i.path.length === 0) d += 10;
    else d += 1;
  }
  return d;
}

function rewrite(issue: ZIssue, base: ConfigPath, knownKeys: (path: ConfigPath) => string[]): ConfigIssue[] {
  const path = [...base, ...(issue.path as Array<string | number>)];
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return [{ path, message: `is missing; expected ${issue.expected}` }];
      return [{ path, message: issue.message.replace(/^Invalid input: /, '') }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = knownKeys(path);
        const near = suggest(key, known);
        const hint = near ? ` (did you mean "${near}"?)` : known.length ? `; known fields: ${known.join(', ')}` : '';
        return { path: [...path, key], message: `is not a known field${hint}` };
      });
    case 'invalid_union': {
      const branches = flattenBranches(issue.errors.filter((b) => b.length > 0));
      // Every branch failed right at the field: say what any branch would have accepted.
      if (branches.length && branches.every((b) => b.length === 1 && b[0]!.path.length === 0 && expectedOf(b[0]!))) {
        const expected = [...new Set(branches.map((b) => expectedOf(b[0]!)))].join(' or ');
        const missing = branches.every((b) => /received undefined$/.test(b[0]!.message));
        return [{ path, message: missing ? `is missing; expected ${expected}` : `expected ${expected}` }];
      }
      // Otherwise the closest branch (then the one that got deepest) is what the user meant.
      const best = [...branches].sort((a, b) => distance(a) - distance(b) || depth(b) - depth(a))[0];
      if (!best) return [{ path, message: issue.message }];
      return best.flatMap((i) => rewrite(i, path, knownKeys));
    }
    default:
      return [{ path, message: issue.message.replace(/^Invalid input: /, '') }];
  }
}

export function issuesFromZod(error: z.ZodError, knownKeys: (path: ConfigPath) => string[]): ConfigIssue[] {
  return error.issues.flatMap((issue) => rewrite(issue, [], knownKeys));
}

/** One PasskError for all issues, each line naming where and which field. */
export function configError(issues: readonly ConfigIssue[], locate: Locate, what = 'run config'): PasskError {
  const lines = issues.map((i) => `${locate(i.path)}: field "${formatPath(i.path)}" ${i.message}`);
  if (lines.length === 1) return new PasskError('E_CONFIG', `invalid ${what}: ${lines[0]}`);
  return new PasskError('E_CONFIG', `invalid ${what} (${lines.length} problems):\n  ${lines.join('\n  ')}`);
}
