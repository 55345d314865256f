import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reconstruct } from '../../harness/rebuild/reconstruct.js';
import { stripMarkdownFence } from '../../harness/rebuild/markdown.js';

interface ParityCase {
  name: string;
  completion: string;
  reference: string;
  passk: string;
  malformedEdit?: number;
}
interface JunkCase {
  name: string;
  completion: string;
  lintseq: { program: string; rebuilt: string };
  strict: { program: string; skippedEdit?: number; reason?: string };
}

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/editseq/${name}`, import.meta.url), 'utf8'));
const parity: ParityCase[] = fixture('parity.json').cases;
const junk: JunkCase[] = fixture('junk.json').cases;

/** Python's str.rstrip("<|endoftext|>"): every trailing character of that set. */
const rstripEndTokenSet = (text: string): string => text.replace(/[<|endoftx>]+$/u, '');

describe('lintseq mode matches the reference resolve_edit_path', () => {
  it('the fixture is what the Python implementation of the reference semantics computes (parity.py --check)', async () => {
    const script = fileURLToPath(new URL('../fixtures/editseq/parity.py', import.meta.url));
    const r = await execa('python3', [script, '--check'], { reject: false });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });

  it.each(parity.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const skip = reconstruct(c.completion, { mode: 'lintseq', malformed: 'skip' });
    expect(skip.ok).toBe(true);
    if (!skip.ok) return;
    expect(skip.program).toBe(c.passk);
    expect(skip.skipped.map((s) => s.edit)).toEqual(c.malformedEdit === undefined ? [] : [c.malformedEdit]);

    const penalize = reconstruct(c.completion, { mode: 'lintseq', malformed: 'penalize' });
    if (c.malformedEdit === undefined) {
      expect(penalize).toEqual(skip);
    } else {
      expect(penalize.ok).toBe(false);
      if (!penalize.ok) expect(penalize.edit).toBe(c.malformedEdit);
    }
  });

  it('differs from the reference only by the end-token strip: given the rstripped text, passk returns the reference', () => {
    const differing = parity.filter((c) => c.passk !== c.reference);
    expect(differing.length).toBeGreaterThan(0);
    for (const c of parity) {
      const stripped = rstripEndTokenSet(c.completion);
      const rebuilt = reconstruct(stripped, { mode: 'lintseq', malformed: 'skip' });
      expect(rebuilt.ok && rebuilt.program, c.name).toBe(c.reference);
      // Where the two agree, the rstrip took nothing that mattered; where they differ, it took more than the token.
      if (c.passk !== c.reference) expect(stripped.length, c.name).toBeLessThan(c.completion.replace(/<\|endoftext\|>$/u, '').length);
    }
  });
});

describe('junk around edits', () => {
  it.each(junk.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const lint = reconstruct(c.completion, { mode: 'lintseq', malformed: 'skip' });
    expect(lint.ok && lint.program).toBe(c.lintseq.program);
    expect(stripMarkdownFence(c.lintseq.program, 'python')).toBe(c.lintseq.rebuilt);

    const strict = reconstruct(c.completion, { mode: 'strict', malformed: 'skip' });
    expect(strict.ok && strict.program).toBe(c.strict.program);
    if (!strict.ok) return;
    if (c.strict.skippedEdit === undefined) {
      expect(strict.skipped).toEqual([]);
    } else {
      expect(strict.skipped).toHaveLength(1);
      expect(strict.skipped[0]!.edit).toBe(c.strict.skippedEdit);
      expect(strict.skipped[0]!.reason).toContain(c.strict.reason!);
      const penalized = reconstruct(c.completion, { mode: 'strict', malformed: 'penalize' });
      expect(penalized).toMatchObject({ ok: false, edit: c.strict.skippedEdit });
    }
  });
});

describe('strict mode applies real unified diffs', () => {
  const base = '@@ -0,0 +1,3 @@\n+def f(x):\n+    y = x\n+    return y\n<|diff|>';
  const strict = (c: string) => reconstruct(c, { mode: 'strict', malformed: 'penalize' });

  it('applies deletions and replacements, verifying the removed lines', () => {
    const r = strict(`${base}@@ -2 +2 @@\n-    y = x\n+    y = x * 2<|endoftext|>`);
    expect(r).toEqual({ ok: true, program: 'def f(x):\n    y = x * 2\n    return y', edits: 2, skipped: [] });
  });

  it('verifies context lines and names the mismatching line', () => {
    const r = strict(`${base}@@ -2,2 +2,3 @@\n     y = x\n+    z = 1\n     return z`);
    expect(r).toMatchObject({ ok: false, edit: 2 });
    if (!r.ok) expect(r.reason).toContain('line 3 is "    return y", the diff expects "    return z"');
  });

  it("rejects a '-' line that is not in the program", () => {
    const r = strict(`${base}@@ -1 +0,0 @@\n-def g(x):`);
    expect(r).toMatchObject({ ok: false, edit: 2 });
  });

  it('rejects a count that disagrees with the body', () => {
    const r = strict(`${base}@@ -1,0 +2 @@\n+    a = 1\n+    b = 2`);
    expect(r).toMatchObject({ ok: false, edit: 2 });
    if (!r.ok) expect(r.reason).toMatch(/more lines than its header/);
  });

  it('rejects positions out of range and inconsistent +c', () => {
    expect(strict(`${base}@@ -7,0 +8 @@\n+x`)).toMatchObject({ ok: false, edit: 2 });
    const r = strict(`${base}@@ -1,0 +5 @@\n+x`);
    expect(r).toMatchObject({ ok: false, edit: 2 });
    if (!r.ok) expect(r.reason).toMatch(/not \+5/);
  });

  it('applies several hunks of one edit against the same old program', () => {
    const r = strict(`@@ -0,0 +1,2 @@\n+a\n+c\n<|diff|>@@ -1,0 +2 @@\n+b\n@@ -2,0 +4 @@\n+d`);
    expect(r).toEqual({ ok: true, program: 'a\nb\nc\nd', edits: 2, skipped: [] });
  });

  it('reports a diff body without a header', () => {
    const r = strict(`${base}+    z = 1`);
    expect(r).toMatchObject({ ok: false, edit: 2 });
    if (!r.ok) expect(r.reason).toMatch(/no "@@ -a,b \+c,d @@" header/);
  });

  it('skips a bad hunk and keeps the others under the skip policy', () => {
    const r = reconstruct(`${base}@@ -9,0 +10 @@\n+bad\n<|diff|>@@ -3,0 +4 @@\n+print(f(1))`, { mode: 'strict', malformed: 'skip' });
    expect(r).toMatchObject({ ok: true, program: 'def f(x):\n    y = x\n    return y\nprint(f(1))', edits: 2 });
    if (r.ok) expect(r.skipped.map((s) => s.edit)).toEqual([2]);
  });
});

describe('properties', () => {
  const modes = [
    { mode: 'lintseq', malformed: 'skip' },
    { mode: 'lintseq', malformed: 'penalize' },
    { mode: 'strict', malformed: 'skip' },
    { mode: 'strict', malformed: 'penalize' },
  ] as const;
  // Text built from the characters that matter to the parser, so that junk is dense.
  const piece = fc.constantFrom(
    '@@',
    ' ',
    '-',
    '+',
    ',',
    '\n',
    '<|diff|>',
    '<|endoftext|>',
    '0',
    '1',
    '3',
    '-1',
    'x',
    '\t',
    '٣',
    '_',
    '```',
  );
  const junkText = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

  it('never throws and always returns a well-formed result', () => {
    fc.assert(
      fc.property(fc.oneof(junkText, fc.string()), (text) => {
        for (const options of modes) {
          const r = reconstruct(text, options);
          if (r.ok) {
            expect(typeof r.program).toBe('string');
            expect(r.edits).toBeGreaterThanOrEqual(0);
          } else {
            expect(r.edit).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('penalize fails exactly when skip skips something (lintseq mode)', () => {
    fc.assert(
      fc.property(junkText, (text) => {
        const skip = reconstruct(text, { mode: 'lintseq', malformed: 'skip' });
        const pen = reconstruct(text, { mode: 'lintseq', malformed: 'penalize' });
        expect(skip.ok).toBe(true);
        if (skip.ok) expect(pen.ok).toBe(skip.skipped.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('lintseq mode never loses a line: the program has at least as many lines as well-formed "+" bodies', () => {
    const line = fc.stringMatching(/^[a-z ()=:]{0,12}$/);
    fc.assert(
      fc.property(fc.array(fc.array(line, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (bodies) => {
        const text = bodies.map((b, i) => `@@ -${i},0 +${i + 1},${b.length} @@\n${b.map((l) => `+${l}`).join('\n')}`).join('\n<|diff|>');
        const r = reconstruct(text, { mode: 'lintseq', malformed: 'skip' });
        expect(r.ok && r.program.split('\n').length).toBe(bodies.flat().length);
      }),
      { numRuns: 200 },
    );
  });
});
