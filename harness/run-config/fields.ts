/**
 * The run config's fields as a flat list, read from the zod schema (through its JSON Schema), so
 * that command-line flags and the reference docs cannot drift from what a config file
 * accepts. A field is a leaf the schema marks with a `flag`; `models[*]` fields apply to
 * each model.
 */
import { z } from 'zod';
import { runConfigSchema } from './schema.js';
import type { ConfigPath } from './issues.js';

type Json = Record<string, unknown>;

export interface ConfigField {
  /** The path in the config; '*' stands for every element of `models`. */
  path: string[];
  flag: string | null;
  description: string;
  /** The scalar type a flag value is read as. */
  type: 'string' | 'number' | 'boolean' | 'object';
  /** Accepts a list (a flag may be repeated or given several values). */
  list: boolean;
  /** A grid field: one value or a list. */
  sweep: boolean;
  choices: string[] | null;
  default: unknown;
  example: string | null;
  /** Set through a union branch (e.g. architecture.hf_config): replaces the parent object. */
  replacesParent: boolean;
}

const jsonSchema = z.toJSONSchema(runConfigSchema, { io: 'input', unrepresentable: 'any' }) as Json;

function scalarType(s: Json): ConfigField['type'] | null {
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'string' || Array.isArray(s.enum)) return 'string';
  return null;
}

function leaf(path: string[], s: Json, replacesParent: boolean): ConfigField {
  const branches = Array.isArray(s.anyOf) ? (s.anyOf as Json[]) : [s];
  const arrayBranch = branches.find((b) => b.type === 'array');
  const scalarBranches = branches.filter((b) => b.type !== 'array');
  const scalarBranch = scalarBranches[0];
  const item = (arrayBranch?.items as Json | undefined) ?? scalarBranch ?? s;
  // A number or a word (n: 20 or "all"): the flag's value is read as text and the schema converts it.
  const mixed = scalarBranches.length > 1 && scalarBranches.some((b) => scalarType(b) === 'string');
  return {
    path,
    flag: typeof s.flag === 'string' ? s.flag : null,
    description: String(s.description ?? ''),
    type: mixed ? 'string' : (scalarType(item) ?? 'object'),
    list: arrayBranch !== undefined,
    sweep: arrayBranch !== undefined && scalarBranch !== undefined,
    choices: Array.isArray(item.enum) ? (item.enum as string[]) : null,
    default: s.default,
    example: typeof s.example === 'string' ? s.example : null,
    replacesParent,
  };
}

function walk(s: Json, path: string[], out: ConfigField[], viaUnion: boolean): void {
  if (s.flag !== undefined) {
    out.push(leaf(path, s, viaUnion));
    return;
  }
  if (s.type === 'object' && s.properties) {
    for (const [key, child] of Object.entries(s.properties as Record<string, Json>)) walk(child, [...path, key], out, viaUnion);
    return;
  }
  if (s.type === 'array' && s.items && (s.items as Json).type === 'object') {
    walk(s.items as Json, [...path, '*'], out, false);
    return;
  }
  if (Array.isArray(s.anyOf)) {
    // A union of an object and a list of such objects (sampling), or of object shapes (architecture).
    const branches = s.anyOf as Json[];
    const shapes = branches.filter((b) => b.type !== 'array').length;
    const objects = branches.filter((b) => b.type === 'object');
    if (objects.length === 0) {
      out.push(leaf(path, s, viaUnion));
      return;
    }
    // Alternative shapes (architecture): the field itself is documented, and a flagged
    // field of one shape replaces whatever shape was there.
    if (shapes > 1) out.push(leaf(path, s, viaUnion));
    for (const b of objects) walk(b, path, out, shapes > 1 || viaUnion);
    return;
  }
  out.push(leaf(path, s, viaUnion));
}

function collect(): ConfigField[] {
  const out: ConfigField[] = [];
  walk(jsonSchema, [], out, false);
  return out;
}

export const CONFIG_FIELDS: readonly ConfigField[] = collect();

/** Fields that have a command-line flag. */
export const FLAG_FIELDS: readonly ConfigField[] = CONFIG_FIELDS.filter((f) => f.flag !== null);

/** A schema node's alternatives, with nested unions flattened. */
function alternatives(node: Json): Json[] {
  return Array.isArray(node.anyOf) ? (node.anyOf as Json[]).flatMap(alternatives) : [node];
}

/** The known keys of the object at a config path (for "did you mean" hints). */
export function knownKeysAt(path: ConfigPath): string[] {
  let nodes: Json[] = alternatives(jsonSchema);
  for (const part of path) {
    const next: Json[] = [];
    for (const n of nodes) {
      if (typeof part === 'number' && n.type === 'array' && n.items) next.push(n.items as Json);
      else if (typeof part === 'string' && n.properties && (n.properties as Json)[part])
        next.push((n.properties as Record<string, Json>)[part]!);
    }
    nodes = next.flatMap(alternatives);
  }
  const keys = new Set<string>();
  for (const n of nodes) if (n.properties) for (const k of Object.keys(n.properties as Json)) keys.add(k);
  return [...keys];
}
