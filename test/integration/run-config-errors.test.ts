/**
 * Acceptance: a bad run config (unknown field, wrong type, missing endpoint) fails before
 * any request, naming the field (exit 3); a server that does not serve the model fails
 * before any sampling request and before a run folder exists; a server that cannot be
 * reached is a harness fault (exit 4), also before any folder exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasskError } from '../../kernel/errors.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { executeRun } from '../../harness/run/runner.js';
import { loadRunConfig } from '../../harness/run-config/load-run-config.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { startVllmDouble, type VllmDouble } from '../support/vllm-double.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'passk-badspec-'));
let double: VllmDouble;

const spec = (model: string) => `benchmark: humaneval
data: ${datasetPath('HumanEval.jsonl.gz')}
limit: 2
models:
${model}
sampling: { temperature: 0.8 }
n: 2
out: ${join(dir, 'out')}
`;

beforeAll(async () => {
  double = await startVllmDouble({ models: ['m'] });
});
afterAll(() => double.close());

async function attempt(text: string): Promise<PasskError> {
  const path = join(dir, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  try {
    const loaded = await loadRunConfig(path, []);
    await executeRun(await describeRun(loaded));
  } catch (err) {
    expect(err).toBeInstanceOf(PasskError);
    return err as PasskError;
  }
  throw new Error('the run did not fail');
}

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('a bad run config fails before any request, naming the field', () => {
  it.each([
    [
      'an unknown field',
      `  - endpoints: [URL]\n    model: m\n    format: baseline\n    temprature: 0.5`,
      'models[0].temprature',
      'E_CONFIG',
    ],
    ['a wrong type', `  - endpoints: [URL]\n    model: m\n    format: baseline\n    stop: "\\n"`, 'models[0].stop', 'E_CONFIG'],
    ['a missing endpoint', `  - model: m\n    format: baseline`, 'models[0].endpoints', 'E_CONFIG'],
    [
      'a model the server does not serve',
      `  - endpoints: [URL]\n    model: nope\n    format: baseline`,
      'does not serve "nope"',
      'E_SERVER',
    ],
  ])('%s', async (_what, model, names, code) => {
    const before = double.stats.requests;
    const err = await attempt(spec(model.replace('URL', double.url)));
    expect(err.code).toBe(code);
    expect(err.message).toContain(names);
    if (code === 'E_CONFIG') expect(double.stats.requests).toBe(before);
    expect(double.stats.generations).toBe(0);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('the CLI prints the error and exits with the bad-input code', () => {
    const path = join(dir, 'cli.yaml');
    writeFileSync(path, spec(`  - endpoints: [${double.url}]\n    model: m\n    formt: baseline`));
    const r = spawnSync(process.execPath, ['bin/passk.js', 'run', path], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${path}:7: field "models[0].formt" is not a known field (did you mean "format"?)`);
    expect(double.stats.generations).toBe(0);
  });

  it('an unreachable server is a harness fault with its own exit code, and no folder is made', () => {
    const path = join(dir, 'gone.yaml');
    writeFileSync(path, spec('  - endpoints: [http://127.0.0.1:1/v1]\n    model: m\n    format: baseline'));
    const r = spawnSync(process.execPath, ['bin/passk.js', 'run', path], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('harness fault (not a model failure)');
    expect(r.stderr).toContain('http://127.0.0.1:1/v1: the server is unreachable');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
