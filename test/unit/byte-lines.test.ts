import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteLines } from '../../kernel/byte-lines.js';

/** Feeds `bytes` cut at `cuts` and collects every line. */
function split(bytes: Buffer, cuts: number[]): { lines: string[]; rest: string[] } {
  const lines = new ByteLines();
  const out: string[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(bytes.length)) {
    out.push(...lines.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return { lines: out, rest: lines.push(Buffer.from('\n')) };
}

describe('ByteLines', () => {
  it('gives the same lines however the bytes are cut into chunks, multi-byte characters included', () => {
    const text = fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(400), { maxLength: 12 }), (parts, rawCuts) => {
        const joined = parts.join('\n');
        const bytes = Buffer.from(joined, 'utf8');
        const { lines, rest } = split(
          bytes,
          rawCuts.map((c) => c % (bytes.length + 1)),
        );
        // Every complete line comes out whole; the unterminated last one waits for its newline.
        expect([...lines, ...rest]).toEqual(joined.split('\n'));
      }),
    );
  });

  it('joins a line of megabytes sent in 64 KiB chunks, and the line after it', () => {
    const big = 'x'.repeat(5 << 20);
    const bytes = Buffer.from(`${big}\n{"ok":1}\n`);
    const lines = new ByteLines();
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i += 65536) out.push(...lines.push(bytes.subarray(i, i + 65536)));
    expect(out.map((l) => l.length)).toEqual([big.length, 8]);
    expect(out[1]).toBe('{"ok":1}');
  });
});
