/**
 * Strict parsing of an edit-sequence completion into unified-diff hunks. Hunk counts
 * drive the parse: a body ends exactly when its header's counts are met, so text before a
 * piece's first header or after a complete hunk is chatter (markdown fences, prose) and is
 * dropped, while a body that ends early (a truncated last hunk) or runs long (a count that
 * disagrees with the body) is malformed.
 */
import { DIFF_TOKEN, END_TOKEN } from './edit-sequence-format.js';

export interface StrictHunk {
  /** Header numbers `@@ -a,b +c,d @@` with omitted counts filled in as 1. */
  a: number;
  b: number;
  c: number;
  d: number;
  /** Body lines, each with its one-character prefix (' ', '-', '+'). */
  body: string[];
}

type StrictItem = { ok: true; hunk: StrictHunk } | { ok: false; reason: string };

/** One `<|diff|>`-separated edit: its 1-based index and its hunks or hunk-level errors. */
export interface StrictEdit {
  edit: number;
  items: StrictItem[];
}

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?:[ \t].*)?$/;
/** `---`/`+++` file header lines, which difflib writes and LintSeq removes. */
const FILE_HEADER = /^(?:--- |\+\+\+ )/;

/** Cuts at the first end token (nothing after it is an answer) and splits into edits. */
export function strictPieces(completion: string): string[] {
  const end = completion.indexOf(END_TOKEN);
  const text = end >= 0 ? completion.slice(0, end) : completion;
  return text.split(new RegExp(`(?:^|\\n)${DIFF_TOKEN.replace(/[|]/g, '\\|')}`));
}

function readBody(lines: string[], from: number, b: number, d: number, index: number) {
  const body: string[] = [];
  let oldSeen = 0;
  let newSeen = 0;
  let i = from;
  while ((oldSeen < b || newSeen < d) && i < lines.length) {
    const line = lines[i]!;
    const tag = line[0];
    if (tag === '\\') {
      i++; // "\ No newline at end of file"
      continue;
    }
    const old = tag === ' ' || tag === '-' ? 1 : 0;
    const neu = tag === ' ' || tag === '+' ? 1 : 0;
    if (old + neu === 0) break;
    if (oldSeen + old > b || newSeen + neu > d) {
      return { ok: false as const, next: i, reason: `hunk ${index}: body has more lines than its header's counts (-${b} +${d})` };
    }
    oldSeen += old;
    newSeen += neu;
    body.push(line);
    i++;
  }
  if (oldSeen < b || newSeen < d) {
    const what = i >= lines.length ? 'ends' : `stops at ${JSON.stringify(lines[i])}`;
    return {
      ok: false as const,
      next: i,
      reason: `hunk ${index}: body ${what} after ${oldSeen} old and ${newSeen} new lines; header promises ${b} and ${d} (truncated or miscounted)`,
    };
  }
  // Lines that still look like body lines mean the header undercounts them.
  const after = lines[i];
  if (after !== undefined && /^[+-]/.test(after) && !FILE_HEADER.test(after)) {
    return { ok: false as const, next: i, reason: `hunk ${index}: body has more lines than its header's counts (-${b} +${d})` };
  }
  return { ok: true as const, next: i, body };
}

export function parseStrictEdit(piece: string, edit: number): StrictEdit {
  const lines = piece.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const items: StrictItem[] = [];
  let i = 0;
  let orphan = false;
  let headers = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.startsWith('@@')) {
      // Outside a body: chatter, unless it is a diff line that lost its header.
      if (/^[+-]/.test(line) && !FILE_HEADER.test(line) && !orphan) {
        orphan = true;
        items.push({ ok: false, reason: `diff line ${JSON.stringify(line)} has no "@@ -a,b +c,d @@" header before it` });
      }
      i++;
      continue;
    }
    orphan = false;
    const index = ++headers;
    const m = HEADER.exec(line);
    if (!m) {
      items.push({ ok: false, reason: `hunk ${index}: malformed header ${JSON.stringify(line)}` });
      i++;
      while (i < lines.length && /^[ +\\-]/.test(lines[i]!)) i++; // its body
      continue;
    }
    const [a, b, c, d] = [m[1], m[2] ?? '1', m[3], m[4] ?? '1'].map(Number) as [number, number, number, number];
    const read = readBody(lines, i + 1, b, d, index);
    i = read.next;
    if (!read.ok) {
      items.push({ ok: false, reason: read.reason });
      while (i < lines.length && /^[ +\\-]/.test(lines[i]!) && !FILE_HEADER.test(lines[i]!)) i++;
      continue;
    }
    items.push({ ok: true, hunk: { a, b, c, d, body: read.body } });
  }
  return { edit, items };
}
