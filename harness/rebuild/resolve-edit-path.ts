/**
 * `lintseq` mode: the reference `resolve_edit_path` (upiterbarg/lintseq, src/utils.py),
 * reproduced step for step so that results compare with the paper's:
 *
 * 1. drop the end token; 2. split on "\n<|diff|>" and drop pieces without "@@";
 * 3. split each piece into hunks at "\n@@"; 4. a hunk must split on "@@" into exactly
 * three parts, its header must be two space-separated fields, and the `+c` field (before
 * any comma) must be an integer, else the hunk is malformed; 5. the body is
 * whitespace-left-stripped, and each body line loses its leading '-' characters and then
 * its leading '+' characters; 6. the lines are inserted at index c-1 (Python slicing, so
 * c = 0 inserts before the last line), or appended when c-1 is past the end. Nothing is
 * ever deleted and hunk counts are ignored.
 *
 * The one deliberate difference: the reference strips the end token with
 * `rstrip("<|endoftext|>")`, which strips any trailing run of the characters
 * `<|endoftx>` (so a completion ending in `return fooo` loses `fooo`); passk removes the
 * literal end token only.
 */
import { EDIT_SEPARATOR, END_TOKEN, HUNK_MARK } from './edit-sequence-format.js';
import { pyInt, pyLstrip, pySliceIndex, pyStrip } from './python-str.js';
import type { MalformedPolicy, ReconstructResult, SkippedHunk } from './types.js';

interface Hunk {
  edit: number;
  text: string;
}

/** Steps 1-3: the hunks of a completion, each tagged with its 1-based edit index. */
function splitHunks(completion: string): Hunk[] {
  const text = completion.endsWith(END_TOKEN) ? completion.slice(0, -END_TOKEN.length) : completion;
  const hunks: Hunk[] = [];
  text.split(EDIT_SEPARATOR).forEach((piece, i) => {
    if (!piece.includes(HUNK_MARK)) return;
    piece.split(`\n${HUNK_MARK}`).forEach((part, j) => {
      const hunk = j === 0 ? part : `\n${HUNK_MARK}${part}`;
      if (hunk.includes(HUNK_MARK)) hunks.push({ edit: i + 1, text: hunk });
    });
  });
  return hunks;
}

type Parsed = { ok: true; at: number; lines: string[] } | { ok: false; reason: string };

/** Steps 4-5 for one hunk: its insertion index (0-based, may be negative) and its lines. */
function parseHunk(text: string): Parsed {
  const parts = text.split(HUNK_MARK);
  if (parts.length !== 3) {
    return { ok: false, reason: `expected one "@@ ... @@" header, found ${parts.length - 1} "@@" marks` };
  }
  const header = parts[1]!;
  const body = parts[2]!;
  const fields = pyStrip(header).split(' ');
  if (fields.length !== 2) {
    return { ok: false, reason: `header "@@${header}@@" is not two space-separated fields` };
  }
  const field = fields[1]!;
  const start = pyInt(pyLstrip(field.includes(',') ? field.split(',')[0]! : field, '+'));
  if (start === null) return { ok: false, reason: `header field "${field}" has no integer line number` };
  const lines = pyLstrip(body)
    .split('\n')
    .map((line) => pyLstrip(pyLstrip(line, '-'), '+'));
  return { ok: true, at: start - 1, lines };
}

export function resolveLintseq(completion: string, malformed: MalformedPolicy): ReconstructResult {
  let lines: string[] = [];
  const skipped: SkippedHunk[] = [];
  const applied = new Set<number>();
  for (const hunk of splitHunks(completion)) {
    const parsed = parseHunk(hunk.text);
    if (!parsed.ok) {
      if (malformed === 'penalize') return { ok: false, reason: parsed.reason, edit: hunk.edit };
      skipped.push({ edit: hunk.edit, reason: parsed.reason });
      continue;
    }
    if (parsed.at >= lines.length) {
      lines = lines.concat(parsed.lines);
    } else {
      const cut = pySliceIndex(parsed.at, lines.length);
      lines = [...lines.slice(0, cut), ...parsed.lines, ...lines.slice(cut)];
    }
    applied.add(hunk.edit);
  }
  return { ok: true, program: lines.join('\n'), edits: applied.size, skipped };
}
