import { describe, expect, it } from 'vitest';
import { failure } from '../support/passk-error.js';
import { parseConfigText } from '../../harness/run-config/config-file.js';
import { applyOverrides, overridesFromFlags, parseSetOverride, type Override } from '../../harness/run-config/overrides.js';
import { makeLocate, modelApi, validateRunConfig } from '../../harness/run-config/validate.js';

const GOOD = `benchmark: humaneval
data: data/HumanEval.jsonl.gz
models:
  - name: edits
    endpoints: [http://gpu1:8000/v1, http://gpu2:8000/v1]
    model: org/tiny-lintseq
    format: editseq
    stop: ["<|endoftext|>"]
    architecture: { hf_config: ckpt/config.json }
  - endpoints: http://gpu3:8000/v1
    model: org/tiny-base
    format: baseline
sampling:
  temperature: [0.2, 0.8]
  top_p: 0.95
n: 20
seed: 7
`;

function load(text: string, overrides: Override[] = [], file = 'spec.yaml') {
  const doc = parseConfigText(text, file);
  const { raw, provenance } = applyOverrides(doc.raw, overrides);
  return validateRunConfig(raw, makeLocate(provenance, doc.locate));
}

describe('run spec validation', () => {
  it('accepts a good spec and fills defaults', () => {
    const spec = load(GOOD);
    expect(spec.models).toHaveLength(2);
    expect(spec.models[1]!.endpoints).toEqual(['http://gpu3:8000/v1']); // a single URL becomes a list
    expect(modelApi(spec.models[0]!)).toBe('completions');
    expect(spec.execution.timeout).toBeUndefined(); // resolved in describe-run: 10 s, or the benchmark's own (ds1000, bigcodebench)
    expect(spec.client.retries).toBe(8);
    expect(spec.n).toBe(20);
  });

  it('JSON and YAML of the same spec validate to the same thing', () => {
    const yamlSpec = load(GOOD);
    const json = JSON.stringify(parseConfigText(GOOD, 'x.yaml').raw, null, 2);
    expect(load(json, [], 'spec.json')).toEqual(yamlSpec);
  });

  it('names an unknown field with its line and the field it was probably meant to be', () => {
    const err = failure(() => load(GOOD.replace('    stop: [', '    stops: [')));
    expect(err.code).toBe('E_CONFIG');
    expect(err.message).toContain('spec.yaml:8');
    expect(err.message).toContain('"models[0].stops"');
    expect(err.message).toContain('did you mean "stop"');
  });

  it('names a field of the wrong type and what was expected', () => {
    const err = failure(() => load(GOOD.replace('n: 20', 'n: twenty')));
    expect(err.message).toMatch(/spec\.yaml:16: field "n" expected number/);
    const grid = failure(() => load(GOOD.replace('top_p: 0.95', 'top_p: [0.9, 1.5]')));
    expect(grid.message).toContain('"sampling.top_p[1]"');
  });

  it('a served model without endpoints fails naming models[i].endpoints', () => {
    const err = failure(() =>
      load(GOOD.replace('  - endpoints: http://gpu3:8000/v1\n    model: org/tiny-base', '  - model: org/tiny-base')),
    );
    expect(err.message).toContain('field "models[1].endpoints" is missing');
    expect(err.message).toContain('spec.yaml:10');
  });

  it('reports every problem at once', () => {
    const err = failure(() => load(GOOD.replace('n: 20', 'n: -1').replace('format: baseline', 'format: basline')));
    expect(err.message).toContain('2 problems');
    expect(err.message).toContain('"models[1].format"');
    expect(err.message).toContain('"n"');
  });

  it('reports the closest branch of a union (architecture numbers)', () => {
    const err = failure(() =>
      load(
        GOOD.replace('{ hf_config: ckpt/config.json }', '{ layers: 2, d_model: 64, n_heads: 4, d_ff: 256, mlp: gated, vocab_size: 100 }'),
      ),
    );
    expect(err.message).toContain('"models[0].architecture.tied_embeddings" is missing');
    expect(err.message).not.toContain('hf_config');
  });

  it('rejects duplicate model names, bad templates and min_tokens above max_tokens', () => {
    const dup = failure(() => load(GOOD.replace('  - endpoints: http://gpu3', '  - name: edits\n    endpoints: http://gpu3')));
    expect(dup.message).toContain('is also the name of models[0]');
    const tpl = failure(() => load(GOOD.replace('format: editseq', 'format: editseq\n    prompt_template: "{promt}"')));
    expect(tpl.message).toContain('unknown placeholder {promt}');
    const min = failure(() => load(GOOD.replace('top_p: 0.95', 'top_p: 0.95\n  max_tokens: 8\n  min_tokens: 16')));
    expect(min.message).toContain('"sampling.min_tokens"');
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(failure(() => load('benchmark: humaneval\nn: 3\nn: 4\n')).message).toMatch(/spec\.yaml:3/);
    expect(failure(() => load('benchmark: [humaneval\n')).message).toMatch(/not valid YAML/);
    expect(failure(() => load('- a\n- b\n')).message).toMatch(/mapping of fields/);
  });
});

describe('command-line overrides', () => {
  it('flags set fields of every model and sweep values', () => {
    const spec = load(GOOD, overridesFromFlags({ temperature: [0.4], 'max-tokens': [256, 512], stop: ['\n\n'], n: 50 }));
    expect(spec.sampling).toMatchObject({ temperature: 0.4, max_tokens: [256, 512] });
    expect(spec.models.map((m) => m.stop)).toEqual([['\n\n'], ['\n\n']]);
    expect(spec.n).toBe(50);
  });

  it('--set addresses a model by name or index and reads YAML values', () => {
    const spec = load(GOOD, [
      parseSetOverride('models.tiny-base.stop=["\\ndef "]'),
      parseSetOverride('models[0].n_per_request=1'),
      parseSetOverride('client.concurrency=3'),
    ]);
    expect(spec.models[1]!.stop).toEqual(['\ndef ']);
    expect(spec.models[0]!.n_per_request).toBe(1);
    expect(spec.client.concurrency).toBe(3);
  });

  it('--hf-config replaces an architecture given as numbers', () => {
    const text = GOOD.replace('{ hf_config: ckpt/config.json }', '{ layers: 2, d_attn: 64, matmul_params: 1000 }');
    const spec = load(text, overridesFromFlags({ 'hf-config': 'other/config.json' }));
    expect(spec.models[0]!.architecture).toEqual({ hf_config: 'other/config.json' });
  });

  it('a bad override is reported with the flag that set it', () => {
    expect(failure(() => load(GOOD, overridesFromFlags({ 'top-p': [2] }))).message).toContain('--top-p: field "sampling.top_p"');
    expect(failure(() => load(GOOD, [parseSetOverride('models.nobody.stop=[]')])).message).toContain('no model named "nobody"');
    expect(failure(() => parseSetOverride('n')).message).toContain('PATH=VALUE');
  });

  it('the single-model flag form needs no file', () => {
    const { raw, provenance } = applyOverrides(
      {},
      overridesFromFlags({
        benchmark: 'humaneval',
        data: 'h.jsonl.gz',
        endpoint: ['http://localhost:8000/v1'],
        model: 'm',
        format: 'baseline',
        n: 20,
        temperature: [0.8],
        'top-p': [0.95],
        'max-tokens': [512],
        out: 'o',
      }),
    );
    const spec = validateRunConfig(raw, makeLocate(provenance, null));
    expect(spec.models).toEqual([expect.objectContaining({ endpoints: ['http://localhost:8000/v1'], model: 'm', format: 'baseline' })]);
    const missing = failure(() => {
      const r = applyOverrides({}, overridesFromFlags({ benchmark: 'humaneval', model: 'm', format: 'baseline' }));
      validateRunConfig(r.raw, makeLocate(r.provenance, null));
    });
    expect(missing.message).toContain('command line: field "models[0].endpoints" is missing');
  });
});
