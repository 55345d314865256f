/**
 * passk's Python linter (the warm CPython worker) flags the lines pylint 2.16 flags on a
 * corpus of small programs covering its rules (test/fixtures/editseq/python-lint-cases.json,
 * pylint's answers recorded from Debian's pylint), and uses a program's own indent unit.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PythonLinter } from '../../harness/lintseq/linters/python.js';

interface Case {
  name: string;
  note: string;
  source: string;
  pylintLines: number[];
}
const cases: Case[] = JSON.parse(readFileSync(new URL('../fixtures/editseq/python-lint-cases.json', import.meta.url), 'utf8')).cases;

describe('passk Python linter', () => {
  const linter = new PythonLinter();
  afterAll(() => linter.close());

  it.each(cases.map((c) => [`${c.name}: ${c.note}`, c] as const))('%s', async (_n, c) => {
    const issues = await linter.lint(c.source);
    expect([...new Set(issues.map((i) => i.line))].sort((a, b) => a - b)).toEqual(c.pylintLines);
  });

  it("checks indentation against the program's own unit when asked for one", async () => {
    const twoSpaces = 'def f(x):\n  if x:\n    return 1\n  return 2\n';
    expect((await linter.lint(twoSpaces)).map((i) => i.code)).toEqual(['W0311', 'W0311', 'W0311']);
    const own = await linter.forProgram(twoSpaces);
    expect(await own.lint(twoSpaces)).toEqual([]);
    expect((await own.lint('def f(x):\n   return 1\n')).map((i) => i.code)).toEqual(['W0311']);
  });

  it('answers many concurrent requests (batched) in order', async () => {
    const sources = Array.from({ length: 200 }, (_, i) => (i % 2 ? `x${i} = y${i}\n` : `x${i} = ${i}\n`));
    const results = await Promise.all(sources.map((s) => linter.lint(s)));
    results.forEach((r, i) => expect(r.length).toBe(i % 2));
  });
});
