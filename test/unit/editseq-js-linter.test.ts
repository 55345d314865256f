/** passk's JavaScript/TypeScript linter: syntax errors from the parser, names resolved as the checker resolves them. */
import { describe, expect, it } from 'vitest';
import { lintJavaScript } from '../../harness/lintseq/linters/typescript.js';

const codes = (src: string, language: 'javascript' | 'typescript' = 'javascript') =>
  lintJavaScript(src, language).map((i) => `${i.line}:${i.code}`);

describe('JavaScript linter', () => {
  it('is clean on well-formed code using globals, hoisting and closures', () => {
    const src = [
      'const f = (xs, n = xs.length) => {',
      '  let total = 0;',
      '  for (const [i, x] of xs.entries()) { total += x * i; }',
      '  return helper(total) + Math.max(...xs) + n;',
      '  function helper(v) { return v + arguments.length; }',
      '};',
      'var later;',
      'later = 1;',
      'class A extends Array { m() { return A.name + this.length; } }',
      'const o = { f, g() { return o; }, [Symbol.iterator]: null };',
      'label: for (;;) { break label; }',
      'try { JSON.parse("x"); } catch ({ message }) { console.log(message, undefined, NaN); }',
      'const { a, b: [c] = [] } = { a: 1 };',
      'console.log(a, c, new Map(), parseInt("1"), `t ${a}`, typeof missingButTypeof);',
    ].join('\n');
    expect(codes(src)).toEqual(['14:TS2304']);
  });

  it('reports unresolved names on their lines', () => {
    expect(codes('const f = (a) => {\n  return b + a;\n};\nf(c);')).toEqual(['2:TS2304', '4:TS2304']);
    expect(codes('function f() { let x = 1; }\nx;')).toEqual(['2:TS2304']);
    expect(codes('if (true) { const y = 1; }\ny;')).toEqual(['2:TS2304']);
    expect(codes('s = 1;')).toEqual(['1:TS2304']);
  });

  it('reports use before a block-scoped declaration, but not from a later call', () => {
    expect(codes('console.log(x);\nlet x = 1;')).toEqual(['1:TS2448']);
    expect(codes('let y = y + 1;')).toEqual(['1:TS2448']);
    expect(codes('function g() { return z; }\nconst z = 1;')).toEqual([]);
  });

  it('reports syntax errors and statements out of context', () => {
    expect(codes('const f = (a) => {\n  return a;\n\nf(1);')[0]).toMatch(/^4:TS1005$/);
    expect(codes('for (;;) {}\nbreak;\ncontinue;')).toEqual(['2:TS1105', '3:TS1104']);
    expect(codes('return 1;')).toEqual(['1:TS1108']);
  });

  it('resolves TypeScript types in their own space', () => {
    const src = [
      'interface Box<T> { value: T; next?: Box<T> }',
      'type Pair<K> = [K, Missing];',
      'enum E { a, b = a }',
      'function id<U>(u: U): Record<string, U> { return { k: u }; }',
      'let e: E = E.a;',
      'const m: Map<string, Box<number>> = new Map();',
    ].join('\n');
    expect(codes(src, 'typescript')).toEqual(['2:TS2304']);
  });
});
