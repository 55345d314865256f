/**
 * Records of passk.sample/2 and passk.manifest/2 (before prompt styles, instruction files and
 * think blocks) are read as /3: a sample's prompt, style, answer and reasoning tokens are
 * null (not recorded), and a manifest's identity says what such runs did: the template for
 * served models, nothing for offline ones, no system message, no think markers, no
 * instruction file.
 */
import { describe, expect, it } from 'vitest';
import { upgradeManifest, upgradeSample } from '../../harness/store/legacy-records.js';
import { manifestSchema, sampleRecordSchema } from '../../harness/store/records.js';

const sample2 = {
  schema: 'passk.sample/2',
  model: 'm',
  config: 't0.8-p0.95',
  task_id: 'HumanEval/0',
  index: 0,
  format: 'baseline',
  completion: '    return 1\n',
  program: 'def f():\n    return 1\n',
  program_sha256: 'x',
  prompt_tokens: 10,
  completion_tokens: 5,
  token_source: 'usage',
  finish_reason: 'stop',
  seed: 7,
  verdict: 'passed',
  detail: null,
  timings: { sample_ms: 1, rebuild_ms: 0, execute_ms: 2 },
  cached: false,
  recorded_at: '2026-01-01T00:00:00.000Z',
};

const identityModel = (sampler: string, template: string | null) => ({
  name: sampler,
  sampler,
  format: 'baseline',
  prompt_template: template,
  model: null,
  api: null,
  stop: [],
  include_stop_str_in_output: false,
  extra_body: null,
  samples_sha256: null,
  simulation: null,
});

const manifest2 = {
  schema: 'passk.manifest/2',
  passk_version: '0.1.0',
  command: 'run',
  identity: {
    benchmark: 'humaneval',
    tasks: null,
    limit: null,
    original_asserts: false,
    models: [identityModel('openai', '{prompt}'), identityModel('replay', null)],
    configs: [],
    seed: 0,
    execution: {
      executor: 'forkserver',
      timeout_ms: 10000,
      memory_mb: 1024,
      timeout_from_reference: null,
      confirm_timeouts: false,
      editseq: { mode: 'lintseq', malformed: 'skip' },
    },
  },
  benchmark: { name: 'humaneval', data_path: 'HumanEval.jsonl.gz', data_sha256: 'abc', tasks: 164 },
  models: [{ name: 'openai', format: 'baseline', prompt_template: '{prompt}' }],
  sandbox: { executor: 'forkserver', language: 'python', isolation: 'bubblewrap', runtime: 'Python 3.11' },
  status: 'complete',
  started_at: '2026-01-01T00:00:00.000Z',
  host: { node: 'v20', platform: 'linux-x64', cpus: 2 },
};

describe('records of passk.sample/2 and passk.manifest/2', () => {
  it('a sample/2 line is a sample/3 record with nothing recorded of its prompt, answer or reasoning', () => {
    const record = sampleRecordSchema.parse(upgradeSample(sample2));
    expect(record.schema).toBe('passk.sample/3');
    expect(record).toMatchObject({ prompt: null, prompt_style: null, answer: null, reasoning_tokens: null, completion_tokens: 5 });
    expect(sampleRecordSchema.safeParse(sample2).success).toBe(false);
  });

  it('a manifest/2 is a manifest/3 whose identity says what such runs did', () => {
    const manifest = manifestSchema.parse(upgradeManifest(manifest2));
    expect(manifest.schema).toBe('passk.manifest/3');
    expect(manifest.identity!.instructions).toBeNull();
    expect(manifest.identity!.models.map((m) => [m.prompt_style, m.system_prompt, m.think_markers])).toEqual([
      ['template', null, []],
      [null, null, []],
    ]);
    expect(manifest.benchmark.instructions).toBeNull();
    expect(manifest.models[0]!.prompt_style).toBeNull();
    expect(manifestSchema.safeParse(manifest2).success).toBe(false);
  });

  it('a manifest/1 is still read, straight to the current version', () => {
    const { identity: _identity, ...rest } = manifest2;
    const manifest = manifestSchema.parse(upgradeManifest({ ...rest, schema: 'passk.manifest/1', spec: {} }));
    expect(manifest.schema).toBe('passk.manifest/3');
    expect(manifest.identity).toBeNull();
  });
});
