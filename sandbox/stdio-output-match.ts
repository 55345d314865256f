/**
 * The token comparison of a program's stdout with a test's expected output under the
 * problem's checker rules (benchmarks/codecontests/checker-rules.ts detects them). Pure. The Python judge implements the same
 * rules in sandbox/python/py/passk_stdio.py; test/unit/codecontests-output-match.test.ts
 * holds both to one table of cases.
 */
import type { StdioChecker } from '../kernel/task.js';

export type Mismatch = { ok: true } | { ok: false; detail: string };

const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function tokens(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

function clip(token: string | undefined): string {
  if (token === undefined) return 'end of output';
  return token.length > 40 ? `"${token.slice(0, 37)}..."` : `"${token}"`;
}

function tokensMatch(expected: string, got: string, rules: StdioChecker): boolean {
  if (expected === got) return true;
  if (rules.caseInsensitive && expected.toLowerCase() === got.toLowerCase()) return true;
  if (rules.floatTolerance !== null && DECIMAL.test(expected) && DECIMAL.test(got)) {
    const a = Number(got);
    const b = Number(expected);
    return Math.abs(a - b) <= rules.floatTolerance * Math.max(1, Math.abs(b)) + 1e-15;
  }
  return false;
}

/** Whitespace in JavaScript's \s and Python's bytes.split() differ only outside ASCII; outputs are ASCII. */
export function matchOutput(expected: string, got: string, rules: StdioChecker): Mismatch {
  const want = tokens(expected);
  const have = tokens(got);
  const n = Math.max(want.length, have.length);
  for (let i = 0; i < n; i++) {
    if (want[i] === undefined || have[i] === undefined || !tokensMatch(want[i]!, have[i]!, rules)) {
      return { ok: false, detail: `token ${i + 1}: expected ${clip(want[i])}, got ${clip(have[i])}` };
    }
  }
  return { ok: true };
}
