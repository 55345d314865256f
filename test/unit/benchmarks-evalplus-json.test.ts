import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLossless, toPlain, JsonSyntaxError } from '../../benchmarks/evalplus/lossless-json.js';
import { json, pyString, toPython } from '../../benchmarks/evalplus/python-literal.js';

/** Runs a Python script (our own test code; no untrusted input) and returns stdout. */
function python(script: string, input = ''): string {
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe('lossless JSON', () => {
  it('agrees with JSON.parse on standard JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(toPlain(parseLossless(text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('keeps number lexemes, big integers and Python NaN/Infinity', () => {
    const node = parseLossless('[1.0, 1, 123456789012345678901234567890, -Infinity, NaN, 1e-100, {"a": Infinity}]');
    expect(node.t === 'arr' && node.items.map((n) => (n.t === 'num' || n.t === 'nonfinite' ? n.text : n.t))).toEqual([
      '1.0',
      '1',
      '123456789012345678901234567890',
      '-Infinity',
      'NaN',
      '1e-100',
      'obj',
    ]);
  });

  it('reports where the text stops being JSON', () => {
    expect(() => parseLossless('[1, 2')).toThrow(JsonSyntaxError);
    expect(() => parseLossless('{"a" 1}')).toThrow(/":"/);
    expect(() => parseLossless('[1] x')).toThrow(/after the JSON value/);
    expect(() => parseLossless('"\\x"')).toThrow(/invalid string/);
  });
});

describe('Python literals', () => {
  it('pyString round-trips through Python for any string (property)', () => {
    // Any code point, lone surrogates included (ASCII weighted up so quotes and escapes show up).
    const codePoint = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff }));
    const strings = fc
      .sample(
        fc.array(codePoint, { maxLength: 30 }).map((cps) => String.fromCodePoint(...cps)),
        300,
      )
      .concat(['', '"', '\\', "'''", '\u2028', '\ud83d\ude00', '\ud800']);
    const source = `[${strings.map(pyString).join(', ')}]`;
    const out = python('import sys, json; v = eval(sys.stdin.read()); print(json.dumps([[ord(c) for c in s] for s in v]))', source);
    const codePoints = strings.map((s) => [...s].map((c) => c.codePointAt(0)));
    expect(JSON.parse(out)).toEqual(codePoints);
  });

  it('emits values Python reads back with the same types as json.loads gives', () => {
    const text = '[1.0, 1, 123456789012345678901234567890, Infinity, -Infinity, NaN, true, null, {"k": [1, "x"]}, "\\u00e9\\ud83d\\ude00"]';
    const emitted = toPython(json(parseLossless(text)));
    expect(emitted).toMatch(/^[\x20-\x7e]*$/);
    const same = python(
      [
        'import sys, json',
        'text, src = sys.stdin.read().split("\\n", 1)',
        'a, b = json.loads(text), eval(src)',
        'print(repr(a) == repr(b) and [type(x) for x in a] == [type(x) for x in b])',
      ].join('\n'),
      `${text}\n${emitted}`,
    );
    expect(same.trim()).toBe('True');
  });

  it('writes tuples, sets and calls as Python builds them', () => {
    const one = json({ t: 'num', text: '1' });
    expect(toPython({ py: 'tuple', items: [one] })).toBe('(1,)');
    expect(toPython({ py: 'tuple', items: [] })).toBe('()');
    expect(toPython({ py: 'set', items: [one, one] })).toBe('set([1, 1])');
    expect(toPython({ py: 'call', fn: 'complex', arg: json({ t: 'str', value: '1j' }) })).toBe('complex("1j")');
    expect(toPython({ py: 'empty-dict' })).toBe('{}');
  });
});
