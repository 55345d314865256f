/**
 * The few Python string semantics the reference reconstruction relies on, reproduced
 * exactly: `str.strip`/`lstrip` (with and without a character set, whitespace as `str.isspace`), `int()`
 * on a decimal string, and list slicing with negative or out-of-range indices. JavaScript's
 * `trim` and `parseInt` differ at the edges (U+FEFF, U+001C-U+001F, U+0085, `1_000`,
 * non-ASCII digits), and those edges are exactly what malformed model output exercises.
 */

/** Code points for which Python 3.11's `str.isspace()` is true. */
const PY_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** `s.lstrip()` (no argument: whitespace) or `s.lstrip(chars)`. All whitespace is BMP. */
export function pyLstrip(s: string, chars?: string): string {
  let i = 0;
  while (i < s.length && (chars === undefined ? PY_SPACE.has(s.charCodeAt(i)) : chars.includes(s[i]!))) i++;
  return s.slice(i);
}

export function pyRstrip(s: string, chars?: string): string {
  let j = s.length;
  while (j > 0 && (chars === undefined ? PY_SPACE.has(s.charCodeAt(j - 1)) : chars.includes(s[j - 1]!))) j--;
  return s.slice(0, j);
}

export function pyStrip(s: string, chars?: string): string {
  return pyRstrip(pyLstrip(s, chars), chars);
}

/** The value of a Unicode decimal digit (category Nd), or -1. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (!/^\p{Nd}$/u.test(ch)) return -1;
  // Nd digits come in contiguous runs that start at a zero; count back to the run start.
  let start = cp;
  while (start > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/**
 * Python's `int(s)` for base 10: surrounding whitespace, an optional sign, decimal digits
 * (any script) with single underscores between digits. Returns null where Python raises
 * ValueError. Huge values lose precision but keep their sign and magnitude order, which is
 * all a line position needs.
 */
export function pyInt(s: string): number | null {
  const body = pyStrip(s);
  let sign = 1;
  let rest = body;
  if (rest.startsWith('+') || rest.startsWith('-')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  const chars = Array.from(rest);
  if (chars.length === 0) return null;
  let value = 0;
  let lastWasDigit = false;
  for (const ch of chars) {
    if (ch === '_') {
      if (!lastWasDigit) return null;
      lastWasDigit = false;
      continue;
    }
    const d = digitValue(ch);
    if (d < 0) return null;
    value = value * 10 + d;
    lastWasDigit = true;
  }
  if (!lastWasDigit) return null;
  return sign * value;
}

/** Normalizes a Python slice bound `i` for a list of length `n` (negatives count from the end). */
export function pySliceIndex(i: number, n: number): number {
  if (i < 0) return Math.max(0, n + i);
  return Math.min(i, n);
}
