/**
 * Splits a byte stream into lines in time linear in its length. Only each new chunk is
 * searched for a newline, and a line's chunks are joined and decoded once, so a line of
 * many megabytes (a reference's pickled outputs) costs one pass, and a character whose
 * UTF-8 bytes straddle two chunks decodes whole. Pure: no I/O.
 */
export class ByteLines {
  /** Bytes since the last newline. */
  #partial: Buffer[] = [];

  /** The lines this chunk completes (without their newline), in order. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    let newline: number;
    while ((newline = chunk.indexOf(10, start)) >= 0) {
      this.#partial.push(chunk.subarray(start, newline));
      lines.push(Buffer.concat(this.#partial).toString('utf8'));
      this.#partial = [];
      start = newline + 1;
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start));
    return lines;
  }
}
