/**
 * The instruction source (samplers/instructions.ts, instruction-file.ts): HumanEvalPack ids
 * matched to HumanEval's, MBPP+'s signature-substituted prompt, the file's checks (every task
 * of the run, one line each, errors naming file:line), and on the real files: HumanEvalPack
 * covers HumanEval and HumanEval-X JavaScript, and every MBPP+ task gets its entry point's
 * signature.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { PasskError } from '../../kernel/errors.js';
import { sha256 } from '../../kernel/hash.js';
import type { Task } from '../../kernel/task.js';
import { readInstructionFile } from '../../harness/samplers/instruction-file.js';
import { defSignature, instructionTaskId, mbppInstruction, resolveInstructions } from '../../harness/samplers/instructions.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const task = (id: string, extra: Partial<Task> = {}): Task => ({
  id,
  benchmark: 'humaneval',
  language: 'python',
  prompt: 'def f():\n',
  canonicalSolution: '    pass\n',
  test: { kind: 'python-asserts', asserts: '' },
  ...extra,
});

const identifier = fc.stringMatching(/^[A-Za-z_]\w{0,10}$/).filter((s) => s !== 'def' && s !== 'async');

describe('instruction ids and MBPP signatures', () => {
  it('a HumanEvalPack Python id stands for the HumanEval task of the same number; other ids for themselves', () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(instructionTaskId(`Python/${n}`)).toBe(`HumanEval/${n}`);
        expect(instructionTaskId(`JavaScript/${n}`)).toBe(`JavaScript/${n}`);
        expect(instructionTaskId(`Mbpp/${n}`)).toBe(`Mbpp/${n}`);
      }),
    );
  });

  it("the signature is the entry point's def line without def and the colon, helpers and spacing aside", () => {
    fc.assert(
      fc.property(identifier, identifier, fc.constantFrom('', ' ', '  '), (name, helper, pad) => {
        fc.pre(name !== helper);
        const code = `import math\n\ndef ${helper}(y):\n  return y\n\ndef ${name}(a, b=2)${pad}:${pad}\n  return ${helper}(a)\n`;
        expect(defSignature(code, name)).toBe(`${name}(a, b=2)`);
        // Without an entry point, the first top-level function.
        expect(defSignature(code, undefined)).toBe(`${helper}(y)`);
      }),
    );
    expect(defSignature('from collections import defaultdict\ndef count(s) :\n  pass\n', 'count')).toBe('count(s)');
    expect(defSignature('def get_max_sum (n):\n  pass\n', 'get_max_sum')).toBe('get_max_sum (n)');
    expect(defSignature('x = 1\n', 'f')).toBeNull();
  });

  it('MBPP: every "function" of the text names the signature, as str.replace does', () => {
    const t = {
      prompt: "'''\nWrite a function to sum. A function, then functions.\n'''",
      canonicalSolution: '\ndef s(xs):\n  return sum(xs)\n',
      entryPoint: 's',
    };
    expect(mbppInstruction(t)).toBe('Write a function `s(xs)` to sum. A function `s(xs)`, then function `s(xs)`s.');
    expect(mbppInstruction({ ...t, prompt: '"""\nSum the list.\n"""' })).toBe('Sum the list.');
    expect(mbppInstruction({ ...t, canonicalSolution: 'x = 1\n' })).toBeNull();
  });
});

describe('resolving instructions', () => {
  const tasks = [task('HumanEval/0'), task('HumanEval/1'), task('HumanEval/2')];

  it('a file must hold every task of the run, and the error names those it lacks', () => {
    const file = { path: 'hep.jsonl', byTask: new Map([['HumanEval/0', 'zero']]) };
    const err = (() => {
      try {
        resolveInstructions(tasks, file, false);
      } catch (e) {
        return e as PasskError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(PasskError);
    expect(err!.code).toBe('E_CONFIG');
    expect(err!.message).toContain('hep.jsonl: 2 of 3 tasks have no instruction (HumanEval/1, HumanEval/2)');
    expect(resolveInstructions(tasks.slice(0, 1), file, false)).toEqual(new Map([['HumanEval/0', 'zero']]));
  });

  it("without a file, a style that needs instructions takes each task's own, and names the tasks without one", () => {
    expect(resolveInstructions(tasks, null, false)).toBeNull();
    expect(() => resolveInstructions(tasks, null, true)).toThrow(
      /3 of 3 tasks have no instruction \(HumanEval\/0, HumanEval\/1, HumanEval\/2\).*--instructions FILE/,
    );
    const own = [task('B/0', { instruction: 'Zero.' }), task('B/1', { instruction: 'One.' })];
    expect(resolveInstructions(own, null, true)).toEqual(
      new Map([
        ['B/0', 'Zero.'],
        ['B/1', 'One.'],
      ]),
    );
  });

  it('reads a file: ids matched, errors naming file:line and the field, its sha256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passk-instructions-'));
    const good = join(dir, 'good.jsonl');
    const text = `${JSON.stringify({ task_id: 'Python/0', instruction: 'Do zero.', prompt: 'ignored' })}\n${JSON.stringify({ task_id: 'Python/1', instruction: 'Do one.' })}\n`;
    writeFileSync(good, text);
    const file = await readInstructionFile(good);
    expect(file.byTask).toEqual(
      new Map([
        ['HumanEval/0', 'Do zero.'],
        ['HumanEval/1', 'Do one.'],
      ]),
    );
    expect(file.sha256).toBe(sha256(text));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      `${JSON.stringify({ task_id: 'Python/0', instruction: 'Do zero.' })}\n${JSON.stringify({ task_id: 'Python/1', instruction: '  ' })}\n`,
    );
    await expect(readInstructionFile(bad)).rejects.toThrow(/bad\.jsonl:2: field "instruction": expected a non-empty instruction/);
    const twice = join(dir, 'twice.jsonl');
    writeFileSync(
      twice,
      `${JSON.stringify({ task_id: 'Python/0', instruction: 'a' })}\n${JSON.stringify({ task_id: 'HumanEval/0', instruction: 'b' })}\n`,
    );
    await expect(readInstructionFile(twice)).rejects.toThrow(
      /twice\.jsonl:2: field "task_id": "HumanEval\/0" \(task HumanEval\/0\) appears twice/,
    );
  });
});

const readGzLines = (file: string): Array<Record<string, string>> =>
  gunzipSync(readFileSync(datasetPath(file)))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);

describe.skipIf(
  skipWithoutDatasets('HumanEval.jsonl.gz', 'humanevalpack_python.jsonl.gz', 'humanevalpack_js.jsonl.gz', 'humaneval_js.jsonl.gz'),
)('HumanEvalPack on the real files', () => {
  it('covers every HumanEval and HumanEval-X JavaScript task with its own instruction', async () => {
    for (const [benchmark, data, pack] of [
      ['humaneval', 'HumanEval.jsonl.gz', 'humanevalpack_python.jsonl.gz'],
      ['humaneval-js', 'humaneval_js.jsonl.gz', 'humanevalpack_js.jsonl.gz'],
    ] as const) {
      const { tasks } = await loadBenchmark(benchmark, { data: datasetPath(data) });
      const resolved = resolveInstructions(tasks, await readInstructionFile(datasetPath(pack)), false)!;
      const rows = readGzLines(pack);
      expect(resolved.size).toBe(tasks.length);
      for (const [i, t] of tasks.entries()) {
        const row = rows.find((r) => r.task_id!.split('/')[1] === t.id.split('/')[1])!;
        expect(resolved.get(t.id), t.id).toBe(row.instruction);
        expect(i).toBe(Number(t.id.split('/')[1]));
      }
    }
  });
});

describe.skipIf(skipWithoutDatasets('MbppPlus.jsonl.gz'))('MBPP+ instructions on the real file', () => {
  it('name the entry point\'s signature wherever the text says "function"', async () => {
    const { tasks } = await loadBenchmark('mbppplus', { data: datasetPath('MbppPlus.jsonl.gz') });
    const resolved = resolveInstructions(tasks, null, true)!;
    expect(resolved.size).toBe(tasks.length);
    expect(resolved.get('Mbpp/2')).toBe(
      'Write a function `similar_elements(test_tup1, test_tup2)` to find the shared elements from the given two lists.',
    );
    for (const t of tasks) {
      const text = resolved.get(t.id)!;
      if (!t.prompt.includes('function')) continue;
      expect(text, t.id).toMatch(new RegExp(`function \`${t.entryPoint!}\\s*\\(`));
    }
  });
});
