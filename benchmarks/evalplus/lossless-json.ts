/**
 * A JSON parser that loses nothing Python's `json.loads` would keep. evalplus files are
 * written by Python: they hold integers beyond 2^53 (Mbpp/ has 100-digit ones), floats
 * whose type matters (`1.0` is not `1` to a Python function), and the non-standard
 * tokens `NaN`, `Infinity` and `-Infinity` (which `JSON.parse` rejects). Numbers are kept
 * as their source lexeme so they can be re-emitted as Python source unchanged.
 * Pure: no I/O.
 */
export type JsonNode =
  | { t: 'num'; text: string } // the lexeme, e.g. "1.0", "-12345678901234567890", "1e-100"
  | { t: 'nonfinite'; text: 'NaN' | 'Infinity' | '-Infinity' }
  | { t: 'str'; value: string }
  | { t: 'bool'; value: boolean }
  | { t: 'null' }
  | { t: 'arr'; items: JsonNode[] }
  | { t: 'obj'; entries: Array<[string, JsonNode]> };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset + 1}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Parses one JSON text (with Python's NaN/Infinity extensions). */
export function parseLossless(text: string): JsonNode {
  let pos = 0;

  const skip = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(pos < text.length ? `${what}, found ${JSON.stringify(text[pos])}` : `${what}, found the end`, pos);
  };
  const literal = (word: string): boolean => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return true;
    }
    return false;
  };

  const parseString = (): string => {
    // Find the closing quote, then let JSON.parse decode the token: exact JSON escapes.
    let end = pos + 1;
    for (;;) {
      const c = text.charCodeAt(end);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 0x5c) end += 2;
      else if (c === 0x22) break;
      else end++;
    }
    const token = text.slice(pos, end + 1);
    try {
      const value = JSON.parse(token) as string;
      pos = end + 1;
      return value;
    } catch {
      return fail('invalid string');
    }
  };

  const parseValue = (): JsonNode => {
    skip();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: Array<[string, JsonNode]> = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return { t: 'obj', entries };
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a string key');
        const key = parseString();
        skip();
        if (text[pos] !== ':') fail('expected ":"');
        pos++;
        entries.push([key, parseValue()]);
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return { t: 'obj', entries };
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return { t: 'arr', items };
      }
      for (;;) {
        items.push(parseValue());
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return { t: 'arr', items };
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return { t: 'str', value: parseString() };
    if (literal('true')) return { t: 'bool', value: true };
    if (literal('false')) return { t: 'bool', value: false };
    if (literal('null')) return { t: 'null' };
    if (literal('NaN')) return { t: 'nonfinite', text: 'NaN' };
    if (literal('Infinity')) return { t: 'nonfinite', text: 'Infinity' };
    if (literal('-Infinity')) return { t: 'nonfinite', text: '-Infinity' };
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) {
      pos += m[0].length;
      return { t: 'num', text: m[0] };
    }
    return fail('expected a JSON value');
  };

  const root = parseValue();
  skip();
  if (pos < text.length) fail('unexpected text after the JSON value');
  return root;
}

/** The node as a plain JS value (numbers rounded to doubles), for schema validation. */
export function toPlain(node: JsonNode): unknown {
  switch (node.t) {
    case 'num':
      return Number(node.text);
    case 'nonfinite':
      return node.text === 'NaN' ? Number.NaN : node.text === 'Infinity' ? Infinity : -Infinity;
    case 'str':
    case 'bool':
      return node.value;
    case 'null':
      return null;
    case 'arr':
      return node.items.map(toPlain);
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries)
        Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

/** The value of a top-level field of an object node, or undefined. Last duplicate wins, as in json.loads. */
export function field(node: JsonNode, name: string): JsonNode | undefined {
  if (node.t !== 'obj') return undefined;
  let found: JsonNode | undefined;
  for (const [k, v] of node.entries) if (k === name) found = v;
  return found;
}
