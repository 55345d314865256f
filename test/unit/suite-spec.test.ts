/**
 * Suite specs: entries take the single-run fields over the shared ones, model_settings set
 * model fields per benchmark, flags apply to every benchmark, --data-dir finds files by
 * their standard names, and every problem names its field as the suite spells it
 * (`benchmarks[2].n`) and the line it is on.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../support/passk-error.js';
import { parseConfigText } from '../../harness/run-config/config-file.js';
import { overridesFromFlags, parseSetOverride, type Override } from '../../harness/run-config/overrides.js';
import { STANDARD_DATA_NAMES } from '../../harness/suite/data-names.js';
import { loadSuite } from '../../harness/suite/load-suite.js';
import { presetYaml } from '../../harness/cli/commands/suites.js';
import { SUITE_PRESETS } from '../../harness/suite/presets.js';
import { BENCHMARK_NAMES } from '../../benchmarks/registry.js';

const SUITE = `models:
  - name: tiny
    endpoints: http://gpu1:8000/v1
    model: org/tiny
    format: editseq
seed: 3
n: 5
execution: { jobs: 2, timeout: 5 }
benchmarks:
  - benchmark: builtin
  - benchmark: humaneval
    instructions: humanevalpack_python.jsonl.gz
    model_settings: { prompt_style: instruct }
    sampling: { temperature: [0.2, 1] }
    n: 10
  - benchmark: mbppplus
    data: /elsewhere/MbppPlus.jsonl.gz
    execution: { timeout: 20 }
`;

function load(text: string, overrides: Override[] = [], dataDir?: string) {
  return loadSuite({ doc: parseConfigText(text, 'suite.yaml') }, overrides, dataDir);
}

describe('suite specs', () => {
  it('each benchmark gets the shared fields with its own over them, in its own folder', () => {
    const suite = load(SUITE, [], 'data');
    expect(suite.name).toBe('suite');
    expect(suite.out).toMatch(/^results\/suite-suite-[0-9a-f]{8}$/);
    const [builtin, humaneval, mbpp] = suite.benchmarks.map((b) => b.config);
    expect(suite.benchmarks.map((b) => b.name)).toEqual(['builtin', 'humaneval', 'mbppplus']);
    expect(builtin!.out).toBe(join(suite.out, 'builtin'));
    expect(builtin!.data).toBeUndefined();
    expect([builtin!.n, humaneval!.n, mbpp!.n]).toEqual([5, 10, 5]);
    expect(humaneval!.sampling).toEqual({ temperature: [0.2, 1] });
    expect(humaneval!.data).toBe(join('data', 'HumanEval.jsonl.gz'));
    expect(humaneval!.instructions).toBe(join('data', 'humanevalpack_python.jsonl.gz'));
    expect(humaneval!.models[0]!.prompt_style).toBe('instruct');
    expect(builtin!.models[0]!.prompt_style).not.toBe('instruct');
    // A path is kept; execution merges field by field.
    expect(mbpp!.data).toBe('/elsewhere/MbppPlus.jsonl.gz');
    expect([mbpp!.execution.timeout, mbpp!.execution.jobs, builtin!.execution.timeout]).toEqual([20, 2, 5]);
    expect(new Set(suite.benchmarks.map((b) => b.config.seed))).toEqual(new Set([3]));
  });

  it('flags apply to every benchmark; --out and --set benchmarks.N address the suite', () => {
    const flags = overridesFromFlags({ n: 2, temperature: [0.5] });
    const suite = load(
      SUITE,
      [...flags, { path: ['out'], value: 'here', source: '--out' }, parseSetOverride('benchmarks.0.limit=3')],
      'data',
    );
    expect(suite.out).toBe('here');
    expect(suite.benchmarks.map((b) => b.config.n)).toEqual([2, 2, 2]);
    expect(suite.benchmarks.map((b) => b.config.sampling)).toEqual([{ temperature: 0.5 }, { temperature: 0.5 }, { temperature: 0.5 }]);
    expect(suite.benchmarks[0]!.config.limit).toBe(3);
    expect(suite.benchmarks[1]!.config.out).toBe(join('here', 'humaneval'));
  });

  it('the same spec gives the same folder; another setting another one; the endpoints do not count', () => {
    const a = load(SUITE, [], 'data').out;
    expect(load(SUITE.replace('gpu1', 'gpu9'), [], 'data').out).toBe(a);
    expect(load(SUITE.replace('n: 10', 'n: 11'), [], 'data').out).not.toBe(a);
  });

  it('a problem in an entry names the entry and its line; a shared problem is reported once', () => {
    const bad = SUITE.replace('    n: 10', '    n: 0').replace('seed: 3', 'seed: -1');
    const err = failure(() => load(bad, [], 'data'));
    expect(err.code).toBe('E_CONFIG');
    expect(err.message).toContain('suite.yaml:15: field "benchmarks[1].n"');
    expect(err.message.match(/field "seed"/g)).toHaveLength(1);
    expect(err.message).toContain('suite.yaml:6: field "seed"');
    expect(err.message).toContain('invalid suite spec (2 problems)');
  });

  it('names unknown fields, misplaced fields, duplicate folders and missing data', () => {
    const typo = failure(() => load(SUITE.replace('    n: 10', '    nn: 10'), [], 'data'));
    expect(typo.message).toMatch(/field "benchmarks\[1\]\.nn" is not a known field \(did you mean "n"\?\)/);
    const misplaced = failure(() =>
      load(`benchmark: humaneval\n${SUITE.replace('  - benchmark: builtin\n', '  - benchmark: builtin\n    seed: 4\n')}`),
    );
    expect(misplaced.message).toContain('field "benchmark" belongs in each benchmarks[] entry');
    expect(misplaced.message).toContain('field "benchmarks[0].seed" is not allowed here: the seed is shared by the suite');
    const twice = failure(() => load(`${SUITE}  - benchmark: builtin\n`));
    expect(twice.message).toContain(`field "benchmarks[3].name" "builtin" is also benchmarks[0]'s folder`);
    const noData = failure(() => load(SUITE));
    expect(noData.message).toContain(
      'field "benchmarks[1].data" is missing; "humaneval" needs its data file: a path, or --data-dir DIR holding HumanEval.jsonl.gz',
    );
    expect(noData.message).not.toContain('benchmarks[2].data');
    const empty = failure(() => load('models: []\nbenchmarks: []\n'));
    expect(empty.message).toContain('field "benchmarks" expected a list of benchmark entries');
  });

  it('two entries of one benchmark run side by side under their names', () => {
    const two = load(`${SUITE}  - benchmark: builtin\n    name: builtin-greedy\n    sampling: { temperature: 0 }\n`, [], 'data');
    expect(two.benchmarks.map((b) => b.name)).toEqual(['builtin', 'humaneval', 'mbppplus', 'builtin-greedy']);
    expect(two.benchmarks[3]!.config.out).toBe(join(two.out, 'builtin-greedy'));
  });
});

describe('presets', () => {
  it('every preset expands, given a model and a data folder; a missing model says how to give one', () => {
    const model = overridesFromFlags({ endpoint: ['http://gpu1:8000/v1'], model: 'org/m', format: 'editseq' });
    for (const p of SUITE_PRESETS) {
      const suite = loadSuite({ preset: p.name }, model, 'data');
      expect(suite.name).toBe(p.name);
      for (const b of suite.benchmarks) expect(b.config.models[0]!.model).toBe('org/m');
    }
    const err = failure(() => loadSuite({ preset: 'quick' }, [], 'data'));
    expect(err.message).toContain('preset quick: field "models" is missing; expected array: give --endpoint URL --model ID --format F');
    expect(failure(() => loadSuite({ preset: 'nope' }, [])).message).toContain('presets: lintseq-paper, quick');
  });

  it("lintseq-paper holds the paper's HumanEval and MBPP+ settings; a benchmark's model_settings win over --format", () => {
    const suite = loadSuite(
      { preset: 'lintseq-paper' },
      overridesFromFlags({ endpoint: ['http://g:8000/v1'], model: 'm', format: 'editseq' }),
      'd',
    );
    const by = Object.fromEntries(suite.benchmarks.map((b) => [b.name, b.config]));
    expect(by.humaneval!.sampling).toEqual({ temperature: [0.2, 1], top_p: 0.95, max_tokens: 512, min_tokens: 8 });
    expect([by.humaneval!.n, by.mbppplus!.n]).toEqual([10, 1]);
    expect(by.mbppplus!.sampling).toEqual({ temperature: 0, top_p: 1, max_tokens: 512 });
    expect(by.humaneval!.models[0]).toMatchObject({ prompt_style: 'instruct', format: 'editseq' });
    expect(by.ds1000!.models[0]).toMatchObject({ format: 'baseline', stop: ['</code>', '# SOLUTION END'] });
    expect(by['bigcodebench-hard']!.models[0]).toMatchObject({ format: 'full', prompt_style: 'instruct' });
  });

  it('`passk suites show` prints YAML that loads as the same suite', () => {
    const model = overridesFromFlags({ endpoint: ['http://g:8000/v1'], model: 'm', format: 'baseline' });
    for (const p of SUITE_PRESETS) {
      const fromYaml = loadSuite({ doc: parseConfigText(presetYaml(p.name), `${p.name}.yaml`) }, model, 'd');
      expect(fromYaml.benchmarks).toEqual(loadSuite({ preset: p.name }, model, 'd').benchmarks);
    }
  });

  it('every benchmark that reads a file has a standard name', () => {
    expect(BENCHMARK_NAMES.filter((b) => b !== 'builtin' && !STANDARD_DATA_NAMES[b])).toEqual([]);
  });
});
