/**
 * Sampling configurations: a grid (each setting one value or a list) expands to the
 * Cartesian product, and each configuration gets a stable name built from its values
 * alone ("t0.8-p0.95", plus the settings that differ from their defaults), so that adding
 * a value to the grid never renames the configurations already recorded. Pure.
 */

export interface SamplingParams {
  temperature: number;
  top_p: number;
  /** 0 = off. */
  min_p: number;
  /** -1 = off (vLLM's convention; 0 is read as off too). */
  top_k: number;
  max_tokens: number;
  /** 0 = off. */
  min_tokens: number;
}

export interface SamplingConfig {
  name: string;
  params: SamplingParams;
}

export const DEFAULT_SAMPLING: SamplingParams = { temperature: 0.8, top_p: 0.95, min_p: 0, top_k: -1, max_tokens: 512, min_tokens: 0 };

/** One grid: every setting a value or a list of values. */
export type SamplingGrid = { [K in keyof SamplingParams]?: number | readonly number[] };

/** Order of expansion (and of the parts of a name). */
const FIELDS = ['temperature', 'top_p', 'min_p', 'top_k', 'max_tokens', 'min_tokens'] as const satisfies readonly (keyof SamplingParams)[];

function fmt(x: number): string {
  return String(x);
}

/** The stable name of a configuration: temperature and top-p always, other settings only when not at their default. */
export function configName(p: SamplingParams): string {
  const parts = [`t${fmt(p.temperature)}`, `p${fmt(p.top_p)}`];
  if (p.min_p !== DEFAULT_SAMPLING.min_p) parts.push(`minp${fmt(p.min_p)}`);
  if (p.top_k !== DEFAULT_SAMPLING.top_k && p.top_k !== 0) parts.push(`k${fmt(p.top_k)}`);
  if (p.max_tokens !== DEFAULT_SAMPLING.max_tokens) parts.push(`max${fmt(p.max_tokens)}`);
  if (p.min_tokens !== DEFAULT_SAMPLING.min_tokens) parts.push(`min${fmt(p.min_tokens)}`);
  return parts.join('-');
}

function valuesOf(grid: SamplingGrid, field: keyof SamplingParams): readonly number[] {
  const v = grid[field];
  if (v === undefined) return [DEFAULT_SAMPLING[field]];
  return typeof v === 'number' ? [v] : v;
}

/**
 * Expands one or more grids into configurations, in grid order then field order; a
 * configuration produced twice (same values) is kept once.
 */
export function expandGrid(grids: SamplingGrid | readonly SamplingGrid[]): SamplingConfig[] {
  const list: readonly SamplingGrid[] = Array.isArray(grids) ? grids : [grids as SamplingGrid];
  const out: SamplingConfig[] = [];
  const seen = new Set<string>();
  for (const grid of list) {
    let partial: Partial<SamplingParams>[] = [{}];
    for (const field of FIELDS) {
      const next: Partial<SamplingParams>[] = [];
      for (const p of partial) for (const v of valuesOf(grid, field)) next.push({ ...p, [field]: v });
      partial = next;
    }
    for (const p of partial) {
      const params = p as SamplingParams;
      const name = configName(params);
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, params });
    }
  }
  return out;
}
