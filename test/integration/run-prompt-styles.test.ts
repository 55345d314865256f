/**
 * Acceptance, against the vLLM double: what each prompt style sends, read from the requests
 * the double received. `instruct` on HumanEval sends HumanEvalPack's instruction of the same
 * task, then "\n<|diff|>" to an edit-sequence model and "\n" to a baseline (an opened fence
 * with markdown); on MBPP+ the prompt with the function's signature; `base` the raw prompt
 * and the paper's stop sequences (none with --no-style-stops). Every record and the manifest
 * say what was sent and which instruction file was used; a task without an instruction is
 * refused before anything is sampled, naming the task.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasskError } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { loadRunConfig } from '../../harness/run-config/load-run-config.js';
import { overridesFromFlags } from '../../harness/run-config/overrides.js';
import { executeRun } from '../../harness/run/runner.js';
import { readManifest, readSamples } from '../../harness/store/run-files.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const ROOT = resolve(import.meta.dirname, '../..');
const HUMANEVAL = datasetPath('HumanEval.jsonl.gz');
const PACK = datasetPath('humanevalpack_python.jsonl.gz');
const MBPP = datasetPath('MbppPlus.jsonl.gz');
const dir = mkdtempSync(join(tmpdir(), 'passk-prompt-styles-'));
let double: VllmDouble;
let runs = 0;

const lines = (path: string): Array<Record<string, string>> =>
  gunzipSync(readFileSync(path))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);

beforeAll(async () => {
  // Every answer is empty: nothing needs running, the requests are what is checked.
  double = await startVllmDouble({ models: ['editseq', 'baseline', 'base'], respond: () => '' });
});
afterAll(() => double.close());

/** A run from flags, as `passk run` takes them; returns its folder and the requests it made. */
async function run(flags: Record<string, unknown>) {
  const out = join(dir, `run-${runs++}`);
  const before = double.requests.length;
  const config = await loadRunConfig(undefined, overridesFromFlags({ endpoint: [double.url], n: 1, temperature: 0, out, ...flags }));
  const outcome = await executeRun(await describeRun(config));
  expect(outcome.result?.faults).toEqual([]);
  return { out, requests: double.requests.slice(before).map((r) => r.body) };
}

async function refusal(flags: Record<string, unknown>): Promise<PasskError> {
  try {
    await run(flags);
  } catch (err) {
    expect(err).toBeInstanceOf(PasskError);
    return err as PasskError;
  }
  throw new Error('the run was not refused');
}

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz', 'humanevalpack_python.jsonl.gz', 'MbppPlus.jsonl.gz'))('prompt styles', () => {
  const instructionOf = (n: number) => lines(PACK).find((r) => r.task_id === `Python/${n}`)!.instruction!;
  const humaneval = { benchmark: 'humaneval', data: HUMANEVAL, tasks: ['HumanEval/0'] };

  it('instruct on HumanEval sends HumanEvalPack\'s instruction of the same task, then "\\n<|diff|>" or "\\n"', async () => {
    const instruction = instructionOf(0);
    expect(instruction).toMatch(/^Write a Python function `has_close_elements\(/);
    const flags = { ...humaneval, 'prompt-style': 'instruct', instructions: PACK };
    const editseq = await run({ ...flags, model: 'editseq', format: 'editseq' });
    const baseline = await run({ ...flags, model: 'baseline', format: 'baseline' });
    const markdown = await run({ ...flags, model: 'baseline', format: 'baseline', markdown: true });
    expect(editseq.requests.map((b) => b.prompt)).toEqual([`${instruction}\n<|diff|>`]);
    expect(baseline.requests.map((b) => b.prompt)).toEqual([`${instruction}\n`]);
    expect(markdown.requests.map((b) => b.prompt)).toEqual([`${instruction}\n\`\`\`python\n`]);
    for (const r of [editseq, baseline]) expect(r.requests[0]).not.toHaveProperty('stop');

    // What was sent is in the record; the file is hashed into the manifest and the identity.
    const { samples } = await readSamples(editseq.out);
    expect(samples.map((s) => [s.task_id, s.prompt_style, s.prompt])).toEqual([['HumanEval/0', 'instruct', `${instruction}\n<|diff|>`]]);
    const manifest = await readManifest(editseq.out);
    const packSha = sha256(readFileSync(PACK));
    expect(manifest.benchmark.instructions).toEqual({ path: PACK, sha256: packSha });
    expect(manifest.identity!.instructions).toBe(packSha);
    expect(manifest.identity!.models[0]).toMatchObject({ prompt_style: 'instruct', prompt_template: '{instruction}\n<|diff|>' });
    expect(manifest.models[0]!.prompt_style).toBe('instruct');
  });

  it('instruct on MBPP+ sends the prompt with "function" naming the signature', async () => {
    const sentence = 'Write a function `similar_elements(test_tup1, test_tup2)` to find the shared elements from the given two lists.';
    const mbpp = { benchmark: 'mbppplus', data: MBPP, tasks: ['Mbpp/2'], 'prompt-style': 'instruct' };
    const baseline = await run({ ...mbpp, model: 'baseline', format: 'full' });
    const editseq = await run({ ...mbpp, model: 'editseq', format: 'editseq' });
    expect(baseline.requests.map((b) => b.prompt)).toEqual([`${sentence}\n`]);
    expect(editseq.requests.map((b) => b.prompt)).toEqual([`${sentence}\n<|diff|>`]);
  });

  it("base sends the raw prompt and the paper's stop sequences, which a flag leaves out", async () => {
    const prompt = lines(HUMANEVAL)[0]!.prompt!;
    const base = await run({ ...humaneval, 'prompt-style': 'base', model: 'base', format: 'baseline', stop: ['<|endoftext|>'] });
    expect(base.requests.map((b) => [b.prompt, b.stop])).toEqual([
      [prompt, ['<|endoftext|>', '\nclass', '\ndef', '\n#', '\nif', '\nprint']],
    ]);
    const bare = await run({ ...humaneval, 'prompt-style': 'base', 'style-stops': false, model: 'base', format: 'baseline' });
    expect(bare.requests.map((b) => b.prompt)).toEqual([prompt]);
    expect(bare.requests[0]).not.toHaveProperty('stop');
    const manifest = await readManifest(base.out);
    expect(manifest.identity!.models[0]!.stop).toEqual(['<|endoftext|>', '\nclass', '\ndef', '\n#', '\nif', '\nprint']);
  });

  it('a task without an instruction is refused before anything is sampled, naming the task', async () => {
    const partial = join(dir, 'partial.jsonl');
    writeFileSync(
      partial,
      lines(PACK)
        .filter((r) => r.task_id !== 'Python/3')
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const before = double.requests.length;
    const tasks = ['HumanEval/2', 'HumanEval/3', 'HumanEval/4'];
    const err = await refusal({
      ...humaneval,
      tasks,
      'prompt-style': 'instruct',
      instructions: partial,
      model: 'editseq',
      format: 'editseq',
    });
    expect(err.code).toBe('E_CONFIG');
    expect(err.message).toContain(`${partial}: 1 of 3 tasks have no instruction (HumanEval/3)`);
    // HumanEval has no instructions of its own: the style needs a file.
    const none = await refusal({ ...humaneval, 'prompt-style': 'instruct', model: 'editseq', format: 'editseq' });
    expect(none.message).toContain('1 of 1 tasks have no instruction (HumanEval/0)');
    expect(none.message).toContain('--instructions FILE');
    expect(double.requests.length).toBe(before);
    expect(existsSync(join(dir, `run-${runs - 1}`))).toBe(false);

    // The CLI says the same and exits with the bad-input code, before any request.
    const out = join(dir, 'cli');
    const r = spawnSync(
      process.execPath,
      [
        'bin/passk.js',
        'run',
        ...['--benchmark', 'humaneval', '--data', HUMANEVAL, '--tasks', ...tasks, '--prompt-style', 'instruct'],
        ...['--instructions', partial, '--endpoint', double.url, '--model', 'editseq', '--format', 'editseq', '--out', out],
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('1 of 3 tasks have no instruction (HumanEval/3)');
    expect(double.requests.length).toBe(before);
    expect(existsSync(out)).toBe(false);
  });
});
