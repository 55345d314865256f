/**
 * Matching a sample file's task ids to a benchmark's. Files name tasks as the benchmark
 * does ("Mbpp/2"), by bare number (evalplus's ChatGPT file writes MBPP ids as 2 or "2"),
 * or with a different case ("mbpp/2"). Pure: no I/O.
 */

export type TaskIdResolver = (raw: string | number) => string | undefined;

const numberOf = (id: string): string | undefined => /\/(\d+)$/.exec(id)?.[1];

export function makeTaskIdResolver(taskIds: readonly string[]): TaskIdResolver {
  const exact = new Set(taskIds);
  const lower = new Map<string, string | null>(); // null: ambiguous
  const byNumber = new Map<string, string | null>();
  const note = (map: Map<string, string | null>, key: string, id: string): void => {
    map.set(key, map.has(key) && map.get(key) !== id ? null : id);
  };
  for (const id of taskIds) {
    note(lower, id.toLowerCase(), id);
    const n = numberOf(id);
    if (n !== undefined) note(byNumber, String(Number(n)), id);
  }
  return (raw) => {
    const text = String(raw).trim();
    if (exact.has(text)) return text;
    if (/^\d+$/.test(text)) return byNumber.get(String(Number(text))) ?? undefined;
    return lower.get(text.toLowerCase()) ?? undefined;
  };
}

/** A short hint of what ids look like, for error messages. */
export function idExamples(taskIds: readonly string[]): string {
  const shown = taskIds.slice(0, 3).map((id) => JSON.stringify(id));
  const bare = taskIds.map(numberOf).find((n) => n !== undefined);
  return `${shown.join(', ')}${taskIds.length > 3 ? ', ...' : ''}${bare !== undefined ? ` (or bare numbers such as ${Number(bare)})` : ''}`;
}
