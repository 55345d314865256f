import { describe, expect, it } from 'vitest';
import { FLAG_FIELDS, CONFIG_FIELDS, knownKeysAt } from '../../harness/run-config/fields.js';
import { renderConfigReference } from '../../harness/run-config/reference.js';
import { parseConfigText } from '../../harness/run-config/config-file.js';
import { applyOverrides, overridesFromFlags } from '../../harness/run-config/overrides.js';
import { makeLocate, validateRunConfig } from '../../harness/run-config/validate.js';

describe('spec fields from the schema', () => {
  it('every flag is unique and every flagged field is a scalar or a list of scalars', () => {
    const flags = FLAG_FIELDS.map((f) => f.flag);
    expect(new Set(flags).size).toBe(flags.length);
    for (const f of FLAG_FIELDS) expect(['string', 'number', 'boolean']).toContain(f.type);
    // The fields of the README's single-model example all exist.
    for (const flag of ['benchmark', 'data', 'endpoint', 'model', 'format', 'n', 'temperature', 'top-p', 'max-tokens', 'out'])
      expect(flags).toContain(flag);
  });

  it('the reference lists every field and parses its own example', () => {
    const doc = renderConfigReference();
    for (const f of CONFIG_FIELDS)
      expect(doc).toContain(
        `\`${f.path
          .map((p) => (p === '*' ? '[]' : p))
          .join('.')
          .replace('.[]', '[]')}\``,
      );
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const parsed = parseConfigText(example, 'example.yaml');
    expect(validateRunConfig(parsed.raw, parsed.locate).models).toHaveLength(2);
  });

  it('a flag sets the same value as the field written in a file', () => {
    const base = { benchmark: 'humaneval', models: [{ endpoints: ['http://h:1/v1'], model: 'm', format: 'baseline' }] };
    const samples: Record<string, unknown> = { string: 'x', number: 3, boolean: true };
    for (const f of FLAG_FIELDS) {
      if (f.path.includes('architecture') || (f.path[1] === '*' && ['sampler', 'samples'].includes(f.path[2]!))) continue;
      const value = f.choices ? f.choices[f.choices.length - 1] : f.path.includes('endpoints') ? 'http://other:2/v1' : samples[f.type];
      const viaFlag = applyOverrides(base, overridesFromFlags({ [f.flag!]: f.list ? [value] : value }));
      const path = f.path.map((p) => (p === '*' ? 0 : p));
      const inFile = structuredClone(base) as Record<string, unknown>;
      let node = inFile as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) node = (node[k] ??= {}) as Record<string | number, unknown>;
      node[path[path.length - 1]!] = f.list && !f.sweep ? [value] : value;
      expect(viaFlag.raw, f.flag!).toEqual(inFile);
    }
  });

  it('knows the keys at a path, through unions', () => {
    expect(knownKeysAt(['models', 0])).toContain('endpoints');
    expect(knownKeysAt(['models', 0, 'architecture'])).toEqual(expect.arrayContaining(['hf_config', 'layers', 'matmul_params']));
    expect(knownKeysAt(['sampling'])).toContain('min_p');
  });

  it('locates override sources before the file', () => {
    const locate = makeLocate([{ path: ['sampling', 'temperature'], source: '--temperature' }], () => 'f:1');
    expect(locate(['sampling', 'temperature'])).toBe('--temperature');
    expect(locate(['sampling', 'top_p'])).toBe('f:1');
  });
});
