/**
 * Python source for values read from evalplus files. A `PyValue` is a JSON node (emitted
 * as the literal `json.loads` would have produced) or one of the few shapes evalplus's
 * input deserialization builds from it: tuples, sets, dicts, and calls such as
 * `complex("1j")`. Emitted source is ASCII-only, so it survives any file encoding.
 * Pure: no I/O.
 */
import type { JsonNode } from './lossless-json.js';

export type PyValue =
  | { py: 'json'; node: JsonNode }
  | { py: 'list'; items: PyValue[] }
  | { py: 'tuple'; items: PyValue[] }
  | { py: 'set'; items: PyValue[] }
  | { py: 'dict'; entries: Array<[PyValue, PyValue]> }
  | { py: 'call'; fn: 'tuple' | 'float' | 'complex'; arg: PyValue }
  /** Python's `{}`: an empty dict (evalplus writes it where it means an empty set). */
  | { py: 'empty-dict' };

export const json = (node: JsonNode): PyValue => ({ py: 'json', node });

/** A Python string literal equal to `value` (code point by code point, lone surrogates kept). */
export function pyString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

function jsonToPy(node: JsonNode): string {
  switch (node.t) {
    case 'num':
      return node.text; // a JSON number lexeme is a Python literal of the same type and value
    case 'nonfinite':
      return node.text === 'NaN' ? 'float("nan")' : node.text === 'Infinity' ? 'float("inf")' : 'float("-inf")';
    case 'str':
      return pyString(node.value);
    case 'bool':
      return node.value ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'arr':
      return `[${node.items.map(jsonToPy).join(', ')}]`;
    case 'obj':
      return `{${node.entries.map(([k, v]) => `${pyString(k)}: ${jsonToPy(v)}`).join(', ')}}`;
  }
}

/** Python source for the value (an expression). */
export function toPython(value: PyValue): string {
  switch (value.py) {
    case 'json':
      return jsonToPy(value.node);
    case 'list':
      return `[${value.items.map(toPython).join(', ')}]`;
    case 'tuple':
      return value.items.length === 1 ? `(${toPython(value.items[0]!)},)` : `(${value.items.map(toPython).join(', ')})`;
    case 'set':
      // set([...]), not a {...} literal: CPython folds a constant set literal into a
      // frozenset at compile time, whose iteration order can differ from set(list)'s.
      return `set([${value.items.map(toPython).join(', ')}])`;
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${toPython(k)}: ${toPython(v)}`).join(', ')}}`;
    case 'call':
      return `${value.fn}(${toPython(value.arg)})`;
    case 'empty-dict':
      return '{}';
  }
}
