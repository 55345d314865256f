/**
 * Normalization for diversity counts with the LintSeq linters' parsers: Python in the
 * linter's warm worker (CPython's parser), JavaScript/TypeScript with the TypeScript parser.
 * Renamed locals, moved or reworded comments, docstrings and layout give the same program;
 * a changed operator does not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PythonLinter } from '../../harness/lintseq/linters/python.js';
import { normalizeJavaScript } from '../../harness/lintseq/normalize-js.js';

const linter = new PythonLinter();
afterAll(() => linter.close());

const PY_A = `def total(xs, n):
    """Sum of xs times n."""
    # accumulate
    acc = 0
    for x in xs:
        acc += x * n  # scale
    return acc
`;
const PY_RENAMED = `# helper
def total(items, factor):
    s = 0  # start at zero
    for item in items:
        # scale each one
        s += item * factor
    return s
`;
const PY_OPERATOR = PY_RENAMED.replace('item * factor', 'item + factor');

const JS_A = `// sum of scaled values
function total(xs, n) {
  let acc = 0; /* start */
  for (const x of xs) { acc += x * n; }
  return acc;
}`;
const JS_RENAMED = `function total(items, factor) {
  // scale each one
  let s = 0;
  for (const item of items) {
    s += item * factor; // moved comment
  }
  return s;
}`;

describe('program normalization', () => {
  it('Python: renamed locals, comments and docstrings normalize alike; a changed operator does not', async () => {
    const [a, renamed, operator] = await Promise.all([PY_A, PY_RENAMED, PY_OPERATOR].map((p) => linter.normalize(p)));
    expect(a).toBe('def total(v0, v1):\n    v2 = 0\n    for v3 in v0:\n        v2 += v3 * v1\n    return v2');
    expect(renamed).toBe(a);
    expect(operator).not.toBe(a);
    // Globals and the function's own name keep theirs; a program that does not parse gives null.
    expect(await linter.normalize('import math\ndef f(x):\n    return math.sqrt(x)\n')).toBe(
      'import math\n\ndef f(v0):\n    return math.sqrt(v0)',
    );
    expect(await linter.normalize('def f(:\n')).toBeNull();
  });

  it("Python: describe lints (with the program's own indent unit) and normalizes in one round trip", async () => {
    const twoSpaces = 'def f(a):\n  return a + missing\n';
    const d = await linter.describe(twoSpaces);
    expect(d.issues.map((i) => i.code)).toEqual(['E0602']);
    expect(d.issues).toEqual(await (await linter.forProgram(twoSpaces)).lint(twoSpaces));
    expect(d.normalized).toBe('def f(v0):\n    return v0 + missing');
    const broken = await linter.describe('def f(:\n');
    expect(broken.issues.map((i) => i.code)).toEqual(['E0001']);
    expect(broken.normalized).toBeNull();
  });

  it('JavaScript and TypeScript: the same with the TypeScript parser', () => {
    const a = normalizeJavaScript(JS_A, 'javascript');
    expect(a).toBe('function total ( v0 , v1 ) { let v2 = 0 ; for ( const v3 of v0 ) { v2 += v3 * v1 ; } return v2 ; }');
    expect(normalizeJavaScript(JS_RENAMED, 'javascript')).toBe(a);
    expect(normalizeJavaScript(JS_RENAMED.replace('item * factor', 'item - factor'), 'javascript')).not.toBe(a);
    const ts1 = normalizeJavaScript('function f(a: number): number { const b = a * 2; return b; }', 'typescript');
    const ts2 = normalizeJavaScript('function f(x: number): number {\n  // twice\n  const y = x * 2;\n  return y;\n}', 'typescript');
    expect(ts1).toBe(ts2);
    // A property name is not a local, even when a local shares its name.
    expect(normalizeJavaScript('function f(o) { const n = 1; return o.n + n; }', 'javascript')).toBe(
      'function f ( v0 ) { const v1 = 1 ; return v0 . n + v1 ; }',
    );
    expect(normalizeJavaScript('function f( {', 'typescript')).toBeNull();
  });
});
