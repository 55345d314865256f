/**
 * `strict` mode: each edit is a real unified diff against the program rebuilt so far.
 * Every hunk's position must be in range, its hunks in order, its `+c` consistent with its
 * `-a` (given the earlier hunks of the same edit), and its context and '-' lines must match
 * the program; '-' lines are really deleted. A failure names the edit and the hunk.
 */
import { parseStrictEdit, strictPieces, type StrictHunk } from './strict-parse.js';
import type { MalformedPolicy, ReconstructResult, SkippedHunk } from './types.js';

/** Checks one hunk against the old program; returns why it does not apply, or null. */
function checkHunk(h: StrictHunk, old: readonly string[], minStart: number, delta: number, index: number): string | null {
  const n = old.length;
  const start = h.b === 0 ? h.a : h.a - 1;
  if (h.b === 0 ? h.a > n : h.a < 1 || start + h.b > n) {
    const span = h.b === 0 ? `inserts after line ${h.a}` : `covers lines ${h.a}-${h.a + h.b - 1}`;
    return `hunk ${index}: ${span} but the program has ${n} lines`;
  }
  if (start < minStart) return `hunk ${index}: overlaps or precedes the hunk before it`;
  const newStart = h.d === 0 ? h.c : h.c - 1;
  if (newStart !== start + delta) {
    return `hunk ${index}: header -${h.a},${h.b} puts the new text at line ${start + delta + (h.d === 0 ? 0 : 1)}, not +${h.c}`;
  }
  let k = start;
  for (const line of h.body) {
    if (line[0] === '+') continue;
    const want = line.slice(1);
    if (old[k] !== want) {
      return `hunk ${index}: line ${k + 1} is ${JSON.stringify(old[k])}, the diff expects ${JSON.stringify(want)}`;
    }
    k++;
  }
  return null;
}

export function resolveStrict(completion: string, malformed: MalformedPolicy): ReconstructResult {
  let lines: string[] = [];
  const skipped: SkippedHunk[] = [];
  let edits = 0;
  const pieces = strictPieces(completion);
  for (let p = 0; p < pieces.length; p++) {
    const { edit, items } = parseStrictEdit(pieces[p]!, p + 1);
    const next: string[] = [];
    let copied = 0; // old lines consumed so far
    let delta = 0; // declared (new - old) of earlier hunks in this edit
    let applied = 0;
    let index = 0;
    for (const item of items) {
      let reason: string | null;
      if (item.ok) {
        index++;
        const h = item.hunk;
        reason = checkHunk(h, lines, copied, delta, index);
        delta += h.d - h.b;
        if (reason === null) {
          const start = h.b === 0 ? h.a : h.a - 1;
          next.push(...lines.slice(copied, start));
          for (const line of h.body) if (line[0] !== '-') next.push(line.slice(1));
          copied = start + h.b;
          applied++;
          continue;
        }
      } else {
        reason = item.reason;
      }
      if (malformed === 'penalize') return { ok: false, reason, edit };
      skipped.push({ edit, reason });
    }
    if (applied > 0) {
      next.push(...lines.slice(copied));
      lines = next;
      edits++;
    }
  }
  return { ok: true, program: lines.join('\n'), edits, skipped };
}
