/**
 * Python's `difflib.SequenceMatcher` (isjunk=None, autojunk=True) and `unified_diff`
 * with n=0, ported so that LintSeq's diffs are byte-identical to the reference's, which
 * writes `"\n".join(list(unified_diff(a, b, n=0, lineterm=""))[2:])`: zero-context hunks
 * without the `---`/`+++` lines. Checked against CPython's difflib in
 * test/unit/editseq-difflib.test.ts.
 */
type Block = [number, number, number];
type Opcode = ['replace' | 'delete' | 'insert' | 'equal', number, number, number, number];

class SequenceMatcher {
  private readonly b2j = new Map<string, number[]>();

  constructor(
    private readonly a: readonly string[],
    private readonly b: readonly string[],
  ) {
    b.forEach((elt, i) => {
      const list = this.b2j.get(elt);
      if (list) list.push(i);
      else this.b2j.set(elt, [i]);
    });
    // autojunk: in a sequence of 200+ items, items more frequent than 1% + 1 are "popular"
    // and do not seed matches (they still extend them).
    if (b.length >= 200) {
      const ntest = Math.floor(b.length / 100) + 1;
      for (const [elt, idxs] of [...this.b2j]) if (idxs.length > ntest) this.b2j.delete(elt);
    }
  }

  private findLongestMatch(alo: number, ahi: number, blo: number, bhi: number): Block {
    const { a, b } = this;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of this.b2j.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    // Extend with equal (non-junk, possibly popular) elements on both sides.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  matchingBlocks(): Block[] {
    const la = this.a.length;
    const lb = this.b.length;
    const queue: Array<[number, number, number, number]> = [[0, la, 0, lb]];
    const blocks: Block[] = [];
    while (queue.length > 0) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const x = this.findLongestMatch(alo, ahi, blo, bhi);
      const [i, j, k] = x;
      if (k) {
        blocks.push(x);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    blocks.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
    const merged: Block[] = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) {
        k1 += k2;
      } else {
        if (k1) merged.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) merged.push([i1, j1, k1]);
    merged.push([la, lb, 0]);
    return merged;
  }

  opcodes(): Opcode[] {
    let i = 0;
    let j = 0;
    const out: Opcode[] = [];
    for (const [ai, bj, size] of this.matchingBlocks()) {
      const tag = i < ai && j < bj ? 'replace' : i < ai ? 'delete' : j < bj ? 'insert' : '';
      if (tag) out.push([tag, i, ai, j, bj]);
      i = ai + size;
      j = bj + size;
      if (size) out.push(['equal', ai, i, bj, j]);
    }
    return out;
  }

  /** `get_grouped_opcodes(0)`. */
  groupedOpcodes(): Opcode[][] {
    const codes = this.opcodes();
    if (codes.length === 0) codes.push(['equal', 0, 1, 0, 1]);
    const first = codes[0]!;
    if (first[0] === 'equal') codes[0] = ['equal', first[2], first[2], first[4], first[4]];
    const last = codes[codes.length - 1]!;
    if (last[0] === 'equal') codes[codes.length - 1] = ['equal', last[1], last[1], last[3], last[3]];
    const groups: Opcode[][] = [];
    let group: Opcode[] = [];
    for (const code of codes) {
      let [tag, i1, i2, j1, j2] = code;
      if (tag === 'equal' && i2 - i1 > 0) {
        group.push([tag, i1, i1, j1, j1]);
        groups.push(group);
        group = [];
        [i1, j1] = [i2, j2];
      }
      group.push([tag, i1, i2, j1, j2]);
    }
    if (group.length > 0 && !(group.length === 1 && group[0]![0] === 'equal')) groups.push(group);
    return groups;
  }
}

/** difflib's `_format_range_unified`. */
function formatRange(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return `${beginning}`;
  if (!length) beginning -= 1;
  return `${beginning},${length}`;
}

/** The reference's diff text between two line lists (hunks only, joined with "\n"). */
export function unifiedDiffN0(a: readonly string[], b: readonly string[]): string {
  const out: string[] = [];
  for (const group of new SequenceMatcher(a, b).groupedOpcodes()) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    out.push(`@@ -${formatRange(first[1], last[2])} +${formatRange(first[3], last[4])} @@`);
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'equal') {
        for (let i = i1; i < i2; i++) out.push(` ${a[i]}`);
        continue;
      }
      if (tag === 'replace' || tag === 'delete') for (let i = i1; i < i2; i++) out.push(`-${a[i]}`);
      if (tag === 'replace' || tag === 'insert') for (let j = j1; j < j2; j++) out.push(`+${b[j]}`);
    }
  }
  return out.join('\n');
}

/**
 * Zero-context insertion hunks in difflib's format for `b` = `a` plus the lines at the
 * sorted indices `inserted` of `b`.
 */
export function insertionDiff(b: readonly string[], inserted: readonly number[]): string {
  const out: string[] = [];
  let k = 0;
  while (k < inserted.length) {
    const start = inserted[k]!;
    let end = start + 1;
    while (k + (end - start) < inserted.length && inserted[k + (end - start)] === end) end++;
    const before = start - k; // old lines before this run
    out.push(`@@ -${formatRange(before, before)} +${formatRange(start, end)} @@`);
    for (let j = start; j < end; j++) out.push(`+${b[j]}`);
    k += end - start;
  }
  return out.join('\n');
}
