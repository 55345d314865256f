/** A fit either produced a value or says why not (never NaN). */
export type Fitted<T> = { value: T; reason: null } | { value: null; reason: string };

export function fitted<T>(value: T): Fitted<T> {
  return { value, reason: null };
}

export function unfitted<T>(reason: string): Fitted<T> {
  return { value: null, reason };
}

/**
 * The ks the fits use: 1, 2, 5, 10, 20, 50, ... up to n, plus n itself, so that every
 * decade of k weighs the same in a fit on a log axis (every k <= n would let the top
 * decade dominate).
 */
export function fitKs(n: number): number[] {
  const ks: number[] = [];
  for (let decade = 1; decade <= n; decade *= 10) for (const m of [1, 2, 5]) if (m * decade <= n) ks.push(m * decade);
  if (n >= 1 && ks[ks.length - 1] !== n) ks.push(n);
  return ks;
}
