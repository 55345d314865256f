/**
 * Command-line overrides of spec fields, applied to the raw spec before validation (so a
 * bad flag value gets the same error as a bad spec value, naming the flag). Two forms:
 * the flags derived from the schema (`--temperature 0.2 0.8`, `--endpoint URL`; model
 * fields apply to every model, sampling fields to every grid), and `--set PATH=VALUE` for
 * any field, VALUE read as YAML (`--set models.tiny.stop=["\n\n"]`, a model addressed by
 * index or name).
 */
import YAML from 'yaml';
import { PasskError } from '../../kernel/errors.js';
import { FLAG_FIELDS, type ConfigField } from './fields.js';
import type { ConfigPath } from './issues.js';

export interface Override {
  /** Path segments; '*' = every model (or every grid under sampling). */
  path: ReadonlyArray<string | number>;
  value: unknown;
  /** What set it, for error messages: "--temperature", "--set n=3". */
  source: string;
  replacesParent?: boolean;
}

export interface AppliedOverrides {
  raw: Record<string, unknown>;
  /** Concrete paths set, with their source (longest match wins in error messages). */
  provenance: Array<{ path: ConfigPath; source: string }>;
}

function normalizeFlagValue(field: ConfigField, value: unknown): unknown {
  // yargs gives a list for list-typed options; a sweep of one value is that value.
  if (field.sweep && Array.isArray(value) && value.length === 1) return value[0];
  if (field.list && !Array.isArray(value)) return [value];
  return value;
}

/** Overrides from parsed flags (yargs camel-case aliases ignored: only the declared names). */
export function overridesFromFlags(args: Record<string, unknown>): Override[] {
  const out: Override[] = [];
  for (const field of FLAG_FIELDS) {
    const value = args[field.flag!];
    if (value === undefined) continue;
    out.push({
      path: field.path,
      value: normalizeFlagValue(field, value),
      source: `--${field.flag}`,
      replacesParent: field.replacesParent,
    });
  }
  return out;
}

/** Parses one `--set PATH=VALUE`. */
export function parseSetOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new PasskError('E_CONFIG', `--set "${text}": expected PATH=VALUE, e.g. --set models.0.stop=["\\n\\n"]`);
  const pathText = text.slice(0, eq).trim();
  const path = pathText
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  let value: unknown;
  try {
    value = YAML.parse(text.slice(eq + 1));
  } catch (err) {
    throw new PasskError('E_CONFIG', `--set ${pathText}: the value is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return { path, value, source: `--set ${pathText}` };
}

function defaultModelName(model: Record<string, unknown>): unknown {
  if (model.name !== undefined) return model.name;
  return typeof model.model === 'string' ? model.model.split('/').pop() : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Expands '*' and model names into concrete paths against the current spec. */
function concretePaths(raw: Record<string, unknown>, o: Override): Array<Array<string | number>> {
  let paths: Array<Array<string | number>> = [[]];
  for (let i = 0; i < o.path.length; i++) {
    const part = o.path[i]!;
    const next: Array<Array<string | number>> = [];
    for (const p of paths) {
      const container = p.reduce<unknown>((node, k) => (node as Record<string | number, unknown> | undefined)?.[k], raw);
      if (part === '*') {
        // sampling.* on a single grid object: the grid itself.
        if (Array.isArray(container)) container.forEach((_, j) => next.push([...p, j]));
        else next.push(p);
      } else if (typeof part === 'string' && p.length === 1 && p[0] === 'models' && Array.isArray(container) && !/^\d+$/.test(part)) {
        const j = container.findIndex((m) => isObject(m) && defaultModelName(m) === part);
        if (j < 0)
          throw new PasskError(
            'E_CONFIG',
            `${o.source}: no model named "${part}" (models: ${container.map((m) => (isObject(m) ? String(defaultModelName(m)) : '?')).join(', ')})`,
          );
        next.push([...p, j]);
      } else next.push([...p, part]);
    }
    paths = next;
  }
  return paths;
}

function setAt(raw: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown, replacesParent: boolean): void {
  let node: Record<string | number, unknown> = raw;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const last = i === path.length - 2;
    if (!isObject(node[key]) && !Array.isArray(node[key])) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    else if (last && replacesParent) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * Applies overrides in order to a copy of the raw spec. Model fields with no models in the
 * spec (the single-model flag form) create models[0]; sampling fields apply to every grid
 * of a list of grids.
 */
export function applyOverrides(input: Record<string, unknown>, overrides: readonly Override[]): AppliedOverrides {
  const raw = structuredClone(input);
  const provenance: AppliedOverrides['provenance'] = [];
  for (const o of overrides) {
    if (o.path[0] === 'models' && o.path[1] === '*' && (!Array.isArray(raw.models) || raw.models.length === 0)) raw.models = [{}];
    const path = o.path[0] === 'sampling' && o.path.length === 2 && Array.isArray(raw.sampling) ? ['sampling', '*', o.path[1]!] : o.path;
    for (const concrete of concretePaths(raw, { ...o, path })) {
      setAt(raw, concrete, structuredClone(o.value), o.replacesParent ?? false);
      provenance.push({ path: concrete, source: o.source });
    }
  }
  return { raw, provenance };
}
