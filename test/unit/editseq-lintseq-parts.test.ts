/** Pure parts of LintSeq: the line model, block deletion, random streams, code-block extraction, forward diffs. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockOf, lineModel } from '../../harness/lintseq/lines.js';
import { seededRandom, weightedIndex } from '../../harness/lintseq/rng.js';
import { forwardDiffs, forwardStates, normalizeProgram } from '../../harness/lintseq/forward.js';
import { stripChainOfThought } from '../../harness/lintseq/batch/code-blocks.js';
import { reconstruct } from '../../harness/rebuild/reconstruct.js';

describe('line model (reference rules)', () => {
  const code = [
    'import os',
    '# a comment',
    'TABLE = [',
    '    1,',
    ']',
    '',
    'def f(x):',
    '    if x:',
    '        return 1',
    '    )',
    '    return 2',
  ].join('\n');
  const model = lineModel(code, 'python');

  it('excludes blank lines, comments and upper-case global bodies from the candidates', () => {
    expect(model.candidates).toEqual([0, 2, 6, 7, 8, 9, 10]);
  });

  it('gives a line of at most one visible character the indent of the line before', () => {
    expect(model.indents).toEqual([0, 0, 0, 4, 4, 4, 0, 4, 8, 8, 4]);
  });

  it('weights by indent over the first indent width', () => {
    expect([6, 7, 8].map((i) => model.weights[i])).toEqual([1, 1, 2]);
    expect(model.weights[1]).toBe(0);
  });

  it('deletes a line with the deeper lines right after it', () => {
    expect(blockOf(model, 6)).toEqual([7, 8, 9, 10]);
    expect(blockOf(model, 7)).toEqual([8, 9]);
    expect(blockOf(model, 8)).toEqual([]);
  });

  it('takes the closing line along in brace languages, and what it opens', () => {
    const js = ['function f(x) {', '  if (x) {', '    a();', '  } else {', '    b();', '  }', '  return g(', '    x + 1', '  );', '}'].join(
      '\n',
    );
    const m = lineModel(js, 'javascript', new Set());
    expect(m.candidates).toEqual([0, 1, 2, 4, 6, 7]);
    expect(blockOf(m, 1)).toEqual([2, 3, 4, 5]);
    expect(blockOf(m, 6)).toEqual([7, 8]);
    expect(blockOf(m, 0)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('random streams', () => {
  it('are reproducible per key and differ across keys', () => {
    const a = Array.from({ length: 5 }, seededRandom(1, 'task', 0));
    expect(Array.from({ length: 5 }, seededRandom(1, 'task', 0))).toEqual(a);
    expect(Array.from({ length: 5 }, seededRandom(1, 'task', 1))).not.toEqual(a);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it('weightedIndex never picks a zero weight and follows the weights', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: 1, maxLength: 8 }), fc.integer(), (weights, seed) => {
        const random = seededRandom(seed);
        const i = weightedIndex(weights, random);
        if (weights.every((w) => w === 0)) expect(i).toBe(-1);
        else expect(weights[i]!).toBeGreaterThan(0);
      }),
    );
    const random = seededRandom('freq');
    const counts = [0, 0];
    for (let k = 0; k < 4000; k++) counts[weightedIndex([1, 3], random)]!++;
    expect(counts[1]! / 4000).toBeGreaterThan(0.7);
    expect(counts[1]! / 4000).toBeLessThan(0.8);
  });
});

describe('code blocks (pylintseq strip_chain_of_thought)', () => {
  it('joins the tagged blocks and strips, or keeps text without them', () => {
    expect(stripChainOfThought('Here:\n```python\ndef f():\n    return 1\n```\nand\n```python\nprint(f())\n```\n', 'python')).toBe(
      'def f():\n    return 1\n\n\nprint(f())',
    );
    expect(stripChainOfThought('def f():\n    return 1\n', 'python')).toBe('def f():\n    return 1\n');
    expect(stripChainOfThought('```javascript\nlet x = 1;\n```', 'javascript')).toBe('let x = 1;');
  });
});

describe('forward diffs', () => {
  const programLine = fc.constantFrom('', '  ', 'a', 'b  ', '    c', '# d', 'e', '\tf');
  // A program and a random backward path: every line in exactly one edit, or left over.
  const path = fc
    .array(programLine, { minLength: 1, maxLength: 20 })
    .chain((lines) =>
      fc.tuple(fc.constant(lines), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: lines.length, maxLength: lines.length })),
    );

  it('rebuild normalizeProgram(program) with insert-only edits, whatever the path', () => {
    fc.assert(
      fc.property(path, ([lines, round]) => {
        const edits = [0, 1, 2, 3].map((r) => new Set(lines.flatMap((_, i) => (round[i] === r ? [i] : []))));
        const diffs = forwardDiffs(lines, edits);
        for (const d of diffs) expect(d.split('\n').filter((l) => l.startsWith('-'))).toEqual([]);
        const text = diffs.join('\n<|diff|>');
        const strict = reconstruct(text, { mode: 'strict', malformed: 'penalize' });
        const lintseq = reconstruct(text, { mode: 'lintseq', malformed: 'penalize' });
        expect(strict.ok && strict.program).toBe(normalizeProgram(lines.join('\n')));
        expect(lintseq.ok && lintseq.program).toBe(normalizeProgram(lines.join('\n')));
      }),
      { numRuns: 400 },
    );
  });

  it('states go from empty to the full program, each a superset of the one before', () => {
    const states = forwardStates(4, [new Set([3]), new Set([0, 1])]);
    expect(states).toEqual([[], [2], [0, 1, 2], [0, 1, 2, 3]]);
  });

  it('normalizeProgram: "\\n" line ends, no leading or trailing blank lines, nothing else changed', () => {
    expect(normalizeProgram('\r\n\n  \ndef f():\r\n\n    return 1  \n\n')).toBe('def f():\n\n    return 1  ');
  });
});
