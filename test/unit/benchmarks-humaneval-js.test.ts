/**
 * The humaneval-js adapter: the real HumanEval-X JavaScript file, its two corrected
 * canonical solutions, the entry point read from a declaration, and bad files named by
 * file:line and field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CANONICAL_FIXES, entryPointOf, fixedCanonical, humanevalJs } from '../../benchmarks/humaneval-js.js';
import { getBenchmark } from '../../benchmarks/registry.js';
import { PasskError } from '../../kernel/errors.js';
import { readJsonLines } from '../../kernel/jsonl.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const DATA = datasetPath('humaneval_js.jsonl.gz');
const noData = skipWithoutDatasets('humaneval_js.jsonl.gz');
const dir = mkdtempSync(join(tmpdir(), 'passk-humaneval-js-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    task_id: 'JavaScript/0',
    prompt: '/* doc */\nconst f = (x) => {\n',
    declaration: '\nconst f = (x) => {\n',
    canonical_solution: '  return x\n}\n',
    test: 'const testF = () => {\n  console.assert(f(1) === 1)\n}\ntestF()\n',
    example_test: '',
    ...fields,
  });
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
};

describe('humaneval-js adapter', () => {
  it.skipIf(noData)('loads the 164 HumanEval-X JavaScript tasks as js-asserts tasks', async () => {
    const tasks = await humanevalJs.load(DATA, {});
    expect(tasks).toHaveLength(164);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(164);
    expect(tasks[0]).toMatchObject({
      id: 'JavaScript/0',
      benchmark: 'humaneval-js',
      language: 'javascript',
      entryPoint: 'hasCloseElements',
      test: { kind: 'js-asserts', test: expect.stringContaining('console.assert(hasCloseElements(') },
    });
    expect(tasks.find((t) => t.id === 'JavaScript/32')?.entryPoint).toBe('findZero'); // its declaration defines poly first
    for (const task of tasks) expect(task.test.kind === 'js-asserts' && task.test.test).toContain(`${task.entryPoint}(`);
    expect(getBenchmark('humaneval-js')).toBe(humanevalJs);
  });

  it.skipIf(noData)('corrects exactly the two broken canonical solutions, and only where the bad text is present', async () => {
    const raw = new Map(
      (await readJsonLines(DATA)).map(({ value }) => {
        const r = value as { task_id: string; canonical_solution: string };
        return [r.task_id, r.canonical_solution] as const;
      }),
    );
    const tasks = await humanevalJs.load(DATA, {});
    const changed = tasks.filter((t) => t.canonicalSolution !== raw.get(t.id)).map((t) => t.id);
    expect(changed).toEqual(Object.keys(CANONICAL_FIXES));
    expect(tasks.find((t) => t.id === 'JavaScript/112')?.canonicalSolution).toContain('return [t, true]');
    expect(fixedCanonical('JavaScript/112', 'return [t, true]')).toBe('return [t, true]');
    expect(fixedCanonical('JavaScript/1', 'return (z, false)')).toBe('return (z, false)');
  });

  it('reads the entry point from any declaration: the last top-level binding', () => {
    const ident = fc.stringMatching(/^[A-Za-z_$][\w$]{0,12}$/);
    const binding = fc.tuple(fc.constantFrom('const', 'let', 'var', 'function', 'async function'), ident);
    fc.assert(
      fc.property(fc.array(binding, { minLength: 1, maxLength: 4 }), (bindings) => {
        const source = bindings
          .map(([kind, name]) =>
            kind.endsWith('function') ? `${kind} ${name}(a) {\n  return a\n}\n` : `${kind} ${name} = (a) => {\n  return a\n}\n`,
          )
          .join('\n');
        expect(entryPointOf(source)).toBe(bindings.at(-1)![1]);
      }),
    );
    expect(entryPointOf('  return 1\n')).toBeUndefined();
  });

  it('names the file, line and field of a bad row', async () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['missing.jsonl', [row(), row({ task_id: 'JavaScript/1', test: undefined })], /missing\.jsonl:2: field "test"/],
      ['noassert.jsonl', [row({ test: 'testF()' })], /noassert\.jsonl:1: field "test": expected a test that calls console\.assert/],
      ['twice.jsonl', [row(), row()], /twice\.jsonl:2: field "task_id": "JavaScript\/0" appears twice/],
      ['nodecl.jsonl', [row({ declaration: '  return 1\n' })], /nodecl\.jsonl:1: field "declaration"/],
      ['notjson.jsonl', [row(), '{"task_id": '], /notjson\.jsonl:2: not valid JSON/],
    ];
    for (const [name, lines, message] of cases) {
      const error = await humanevalJs.load(file(name, lines), {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PasskError);
      expect(error).toMatchObject({ code: expect.stringMatching(/^E_(DATASET|INPUT)$/), message: expect.stringMatching(message) });
    }
    await expect(humanevalJs.load(file('empty.jsonl', []), {})).rejects.toThrow(/holds no tasks/);
    await expect(humanevalJs.load(null, {})).rejects.toThrow(PasskError);
  });
});
