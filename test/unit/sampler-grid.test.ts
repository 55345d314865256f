import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING, configName, expandGrid, type SamplingGrid } from '../../harness/samplers/grid.js';

const values = (lo: number, hi: number) =>
  fc.uniqueArray(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 3 });

describe('sampling grid', () => {
  it('names configs by their values, showing non-defaults only', () => {
    expect(configName(DEFAULT_SAMPLING)).toBe('t0.8-p0.95');
    expect(configName({ ...DEFAULT_SAMPLING, temperature: 0.2, min_p: 0.05, top_k: 40, max_tokens: 1024, min_tokens: 8 })).toBe(
      't0.2-p0.95-minp0.05-k40-max1024-min8',
    );
    expect(configName({ ...DEFAULT_SAMPLING, top_k: 0 })).toBe('t0.8-p0.95');
  });

  it('expands the Cartesian product, one config per distinct setting, names unique', () => {
    fc.assert(
      fc.property(
        values(0, 2),
        values(0.01, 1),
        fc.uniqueArray(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 3 }),
        (t, p, m) => {
          const configs = expandGrid({ temperature: t, top_p: p, max_tokens: m });
          expect(configs).toHaveLength(t.length * p.length * m.length);
          expect(new Set(configs.map((c) => c.name)).size).toBe(configs.length);
          for (const c of configs) expect(c.name).toBe(configName(c.params));
        },
      ),
    );
  });

  it('adding a value to a sweep never renames the configs already there', () => {
    fc.assert(
      fc.property(values(0, 2), fc.double({ min: 0, max: 2, noNaN: true }), (t, extra) => {
        const before = expandGrid({ temperature: t }).map((c) => c.name);
        const after = expandGrid({ temperature: [...t, extra] }).map((c) => c.name);
        expect(after.slice(0, before.length)).toEqual(before);
      }),
    );
  });

  it('a list of grids is their union, duplicates kept once', () => {
    const grids: SamplingGrid[] = [{ temperature: [0.2, 0.8] }, { temperature: 0.8, min_p: [0, 0.1] }];
    expect(expandGrid(grids).map((c) => c.name)).toEqual(['t0.2-p0.95', 't0.8-p0.95', 't0.8-p0.95-minp0.1']);
  });
});
