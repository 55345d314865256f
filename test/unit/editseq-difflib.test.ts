/**
 * The difflib port against CPython's difflib (a real python3 subprocess), on random line
 * lists with many repeated lines (where SequenceMatcher's choices matter) and on long
 * lists (autojunk); and the insertion-hunk writer against strict reconstruction.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { insertionDiff, unifiedDiffN0 } from '../../harness/lintseq/difflib.js';
import { reconstruct } from '../../harness/rebuild/reconstruct.js';
import { pythonCommand } from '../../harness/lintseq/linters/python.js';

function pythonDiffs(pairs: Array<[string[], string[]]>): string[] {
  const script = [
    'import difflib, json, sys',
    'out = []',
    'for a, b in json.load(sys.stdin):',
    '    out.append("\\n".join(list(difflib.unified_diff(a, b, n=0, fromfile="file1", tofile="file2", lineterm=""))[2:]))',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(pythonCommand(), ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

const line = fc.constantFrom('', 'a', 'b', 'c', '    return x', 'x = 1', '    pass');
const lines = (max: number) => fc.array(line, { maxLength: max });

describe('unifiedDiffN0', () => {
  it('matches CPython difflib on random short line lists', () => {
    const pairs = fc.sample(fc.tuple(lines(12), lines(12)), 400);
    expect(pairs.map(([a, b]) => unifiedDiffN0(a, b))).toEqual(pythonDiffs(pairs));
  });

  it('matches CPython difflib on insert-only pairs and on long lists (autojunk)', () => {
    const random = fc.sample(fc.tuple(lines(30), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 })), 150);
    const inserts = random.map(([b, keep]): [string[], string[]] => [b.filter((_, i) => keep[i]), b]);
    const long = fc.sample(
      fc.tuple(fc.array(line, { minLength: 200, maxLength: 260 }), fc.array(line, { minLength: 200, maxLength: 260 })),
      10,
    );
    const pairs = [...inserts, ...long];
    expect(pairs.map(([a, b]) => unifiedDiffN0(a, b))).toEqual(pythonDiffs(pairs));
  });

  it('writes the reference header forms', () => {
    expect(unifiedDiffN0([], ['a', 'b', 'c'])).toBe('@@ -0,0 +1,3 @@\n+a\n+b\n+c');
    expect(unifiedDiffN0(['a'], ['a', 'b'])).toBe('@@ -1,0 +2 @@\n+b');
    expect(unifiedDiffN0(['a', 'c'], ['a', 'b', 'c', 'd'])).toBe('@@ -1,0 +2 @@\n+b\n@@ -2,0 +4 @@\n+d');
    expect(unifiedDiffN0(['a'], ['a'])).toBe('');
  });
});

describe('insertionDiff', () => {
  it('rebuilds the new list from the old one, in strict and lintseq modes', () => {
    fc.assert(
      fc.property(lines(25), fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), (b, keep) => {
        const old = b.filter((_, i) => keep[i]);
        const inserted = b.flatMap((_, i) => (keep[i] ? [] : [i]));
        const diff = insertionDiff(b, inserted);
        const base =
          old.length > 0
            ? insertionDiff(
                old,
                old.map((_, i) => i),
              )
            : '';
        const completion = [base, diff].filter((d) => d !== '').join('\n<|diff|>');
        for (const mode of ['strict', 'lintseq'] as const) {
          const r = reconstruct(completion, { mode, malformed: 'penalize' });
          expect(r.ok && r.program).toBe(b.join('\n'));
        }
        if (inserted.length > 0 && old.length > 0) {
          // An insert-only change is what difflib writes too, when its matcher finds it.
          const reference = unifiedDiffN0(old, b);
          if (!reference.split('\n').some((l) => l.startsWith('-'))) {
            const r = reconstruct(`${base}\n<|diff|>${reference}`, { mode: 'strict', malformed: 'penalize' });
            expect(r.ok && r.program).toBe(b.join('\n'));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
