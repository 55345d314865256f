/**
 * What a cached differential reference is keyed by (sandbox/python/reference-cache.ts): the
 * whole reference job except its nonce, the runner's version, the Python environment and
 * the sandbox, so that a change in any of them is a miss, never a stale hit; and where the
 * cache lives by default.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { referenceJob, runnerLimits } from '../../sandbox/python/job.js';
import { defaultReferenceCacheDir, referenceCacheKey, type ReferenceScope } from '../../sandbox/python/reference-cache.js';
import type { DifferentialSpec } from '../../sandbox/python/reference-outputs.js';

const spec: DifferentialSpec = {
  kind: 'python-differential',
  entryPoint: 'f',
  reference: 'def f(x):\n    return x\n',
  inputs: '[[1], [2]]',
  atol: 0,
};
const scope: ReferenceScope = { runnerVersion: 'r1', python: '3.11.2 (main) /usr/bin/python3.11', sandbox: 'bwrap' };
const job = (test: DifferentialSpec, budgetMs = 10_000, limits = DEFAULT_LIMITS) =>
  referenceJob(test, 'nonce', runnerLimits(limits, true), budgetMs);

describe('referenceCacheKey', () => {
  it('ignores the nonce and changes with the benchmark, the run limits, the runner, the Python and the sandbox', () => {
    const key = referenceCacheKey(job(spec), scope);
    expect(referenceCacheKey({ ...job(spec), nonce: 'another' }, scope)).toBe(key);
    const changed = [
      referenceCacheKey(job({ ...spec, inputs: '[[1], [3]]' }), scope),
      referenceCacheKey(job({ ...spec, reference: 'def f(x):\n    return x + 0\n' }), scope),
      referenceCacheKey(job({ ...spec, entryPoint: 'g' }), scope),
      referenceCacheKey(job({ ...spec, oracle: 'not-none' }), scope),
      referenceCacheKey(job(spec, 5_000), scope),
      referenceCacheKey(job(spec, 10_000, { ...DEFAULT_LIMITS, memoryMb: 2048 }), scope),
      referenceCacheKey(job(spec), { ...scope, runnerVersion: 'r2' }),
      referenceCacheKey(job(spec), { ...scope, python: '3.12.1 (main) /usr/bin/python3.12' }),
      referenceCacheKey(job(spec), { ...scope, sandbox: 'rlimits only' }),
    ];
    expect(new Set([key, ...changed]).size).toBe(changed.length + 1);
  });
});

describe('defaultReferenceCacheDir', () => {
  it('is $PASSK_REFERENCE_CACHE ("off": none), else under $XDG_CACHE_HOME, else under ~/.cache', () => {
    expect(defaultReferenceCacheDir({ PASSK_REFERENCE_CACHE: '/data/refs' })).toBe('/data/refs');
    expect(defaultReferenceCacheDir({ PASSK_REFERENCE_CACHE: 'off' })).toBeNull();
    expect(defaultReferenceCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/passk/references');
    expect(defaultReferenceCacheDir({})).toMatch(/\/\.cache\/passk\/references$/);
  });
});
