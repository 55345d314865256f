import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableMutations, applyMutation, mutateLine } from '../../harness/demo/mutants.js';
import { difficulty, plantedRate } from '../../harness/demo/planted-rates.js';
import { mutantPool } from '../../harness/demo/simulated-sampler.js';
import { estimateTokens } from '../../harness/demo/token-estimate.js';
import { mulberry32 } from '../../harness/metrics/random.js';

describe('mutants', () => {
  it('line bugs', () => {
    expect(mutateLine('        return a + b', 'wrong-return')).toBe('        return None');
    expect(mutateLine('    return None', 'wrong-return')).toBeNull();
    expect(mutateLine('    if x <= 3:', 'flip-compare')).toBe('    if x < 3:');
    expect(mutateLine('    for i in range(1, n):', 'off-by-one')).toBe('    for i in range(2, n):');
    expect(mutateLine('    x = "a1"', 'off-by-one')).toBeNull();
    expect(mutateLine('    total += x', 'raise')).toBe('    raise RuntimeError("simulated bug")');
    expect(mutateLine('    if x:', 'raise')).toBeNull();
    expect(mutateLine('    total = f(x)', 'syntax')).toBe('    total = f(x) )');
    expect(mutateLine('    total += x', 'hang')).toBe('    while True: pass\n    total += x');
  });

  it('every applicable mutation changes the program; truncation shortens it', () => {
    const lines = ['def f(xs):', '    total = 0', '    for x in xs:', '        if x > 1:', '            total += x', '    return total'];
    for (const m of applicableMutations(lines)) {
      const out = applyMutation(lines, m);
      expect(out.join('\n')).not.toBe(lines.join('\n'));
      if (m.kind === 'truncate') expect(out.length).toBeLessThan(lines.length);
    }
  });

  it('a pool draws distinct kinds', () => {
    const lines = ['    total = 0', '    for x in range(10):', '        total += x * 2', '    return total'];
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const pool = mutantPool(mulberry32(seed), lines, () => true);
        expect(pool.length).toBe(2);
        expect(new Set(pool.map((m) => m.kind)).size).toBe(pool.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('planted rates and token estimates', () => {
  it('rates are seeded, in [0, 1], and 0 above the unsolvable threshold', () => {
    const plan = { mean: 0, slope: 1, noise: 0.5, unsolvableAbove: 0.5 };
    fc.assert(
      fc.property(fc.string(), (id) => {
        const r = plantedRate(3, 'm', id, plan);
        expect(r).toBe(plantedRate(3, 'm', id, plan));
        expect(r >= 0 && r <= 1).toBe(true);
        if (difficulty(3, id) > 0.5) expect(r).toBe(0);
      }),
    );
  });

  it('token estimates count words, punctuation, indents and special tokens', () => {
    expect(estimateTokens('return x + 1')).toBe(4);
    // 2 special tokens; @ @ - 0 , 0 + 1 @ @ and the newline: 11 pieces
    expect(estimateTokens('<|diff|>@@ -0,0 +1 @@\n<|endoftext|>')).toBe(2 + 11);
    expect(estimateTokens('    pass')).toBe(2);
  });
});
