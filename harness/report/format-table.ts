/** Plain-text tables for stdout: aligned columns, no colours (safe to pipe). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '-' : `${(100 * x).toFixed(digits)}`;
}
