/**
 * The MultiPL-E adapters (multipl-e-{humaneval,mbpp}-{ts,js}): the four real files, task ids,
 * languages, stop tokens and entry points; the completion cut at its first stop token, as
 * MultiPL-E cuts it; an optional canonical_solution; bad files named by file:line and field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entryPointOfPrompt,
  multiplEHumanevalJs,
  multiplEHumanevalTs,
  multiplEMbppJs,
  multiplEMbppTs,
} from '../../benchmarks/multipl-e.js';
import { getBenchmark } from '../../benchmarks/registry.js';
import { cutAtStopTokens, programFromCompletion, type Task } from '../../kernel/task.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { passkRejection, writeLines } from '../support/files.js';

const FILES = [
  'multiple_humaneval_ts.jsonl.gz',
  'multiple_mbpp_ts.jsonl.gz',
  'multiple_humaneval_js.jsonl.gz',
  'multiple_mbpp_js.jsonl.gz',
];
const noData = skipWithoutDatasets(...FILES);
const STOP = ['\nfunction ', '\n/*', '\n//', '\nclass'];

const row = (fields: Record<string, unknown> = {}) => ({
  name: 'HumanEval_23_strlen',
  language: 'ts',
  prompt: '//Return length of given string\nfunction strlen(string: string): number {\n',
  tests:
    "declare var require: any;\nconst assert = require('node:assert');\nfunction test() {\n  assert.deepEqual(strlen('ab'), 2);\n}\ntest();",
  stop_tokens: STOP,
  ...fields,
});

describe('MultiPL-E adapters', () => {
  it.skipIf(noData)(
    'load the four files: ids are the dataset names, tests are the Node scripts, completions cut at stop tokens',
    async () => {
      const cases = [
        { adapter: multiplEHumanevalTs, file: FILES[0]!, count: 159, language: 'typescript', stop: '\nclass' },
        { adapter: multiplEMbppTs, file: FILES[1]!, count: 391, language: 'typescript', stop: '\nclass' },
        { adapter: multiplEHumanevalJs, file: FILES[2]!, count: 161, language: 'javascript', stop: '\nconsole.log' },
        { adapter: multiplEMbppJs, file: FILES[3]!, count: 399, language: 'javascript', stop: '\nconsole.log' },
      ];
      for (const { adapter, file, count, language, stop } of cases) {
        const tasks = await adapter.load(datasetPath(file), {});
        expect(tasks).toHaveLength(count);
        expect(new Set(tasks.map((t) => t.id)).size).toBe(count);
        expect(getBenchmark(adapter.name)).toBe(adapter);
        for (const task of tasks) {
          expect(task).toMatchObject({ benchmark: adapter.name, language, canonicalSolution: '', test: { kind: 'js-asserts' } });
          expect(task.stopTokens).toContain(stop);
          expect(task.test.kind === 'js-asserts' && task.test.test).toMatch(/require\('node:assert'\)[\s\S]*test\(\);\s*$/);
          // The tests name the function the prompt declares.
          expect(task.test.kind === 'js-asserts' && task.test.test).toContain(`candidate = ${task.entryPoint};`);
        }
      }
      const strlen = (await multiplEHumanevalTs.load(datasetPath(FILES[0]!), {})).find((t) => t.id === 'HumanEval_23_strlen')!;
      expect(strlen.prompt).toMatch(/function strlen\(string: string\): number \{\n$/);
      // A helper after the function is cut away with the rest of the completion, as MultiPL-E does.
      expect(programFromCompletion(strlen, '  return string.length;\n}\n\nfunction test() {}\n')).toBe(
        `${strlen.prompt}  return string.length;\n}\n`,
      );
    },
  );

  it('reads an optional canonical_solution, and checks the language, the suite and the ids', async () => {
    const good = writeLines('ok.jsonl', [row({ canonical_solution: '  return string.length;\n}\n' }), row({ name: 'HumanEval_0_x' })]);
    const tasks = await multiplEHumanevalTs.load(good, {});
    expect(tasks.map((t: Task) => [t.id, t.entryPoint, t.canonicalSolution])).toEqual([
      ['HumanEval_23_strlen', 'strlen', '  return string.length;\n}\n'],
      ['HumanEval_0_x', 'strlen', ''],
    ]);

    const cases: Array<[adapter: typeof multiplEHumanevalTs, rows: unknown[], message: RegExp]> = [
      [
        multiplEHumanevalJs,
        [row()],
        /field "language": expected "js" \(multipl-e-humaneval-js reads MultiPL-E HumanEval JavaScript\), got "ts"/,
      ],
      [multiplEMbppTs, [row()], /field "name": expected a MBPP problem \(a name starting "mbpp_"\), got "HumanEval_23_strlen"/],
      [multiplEHumanevalTs, [row(), row()], /field "name": "HumanEval_23_strlen" appears twice/],
      [multiplEHumanevalTs, [row({ prompt: '// no function here\n' })], /field "prompt": expected a top-level `function NAME\(`/],
      [multiplEHumanevalTs, [row({ tests: 'test();' })], /tests/],
      [multiplEHumanevalTs, [row({ stop_tokens: 'x' })], /stop_tokens/],
    ];
    for (const [adapter, rows, message] of cases) {
      const path = writeLines('bad.jsonl', rows);
      const err = await passkRejection(adapter.load(path, {}));
      expect(err.code).toBe('E_DATASET');
      expect(err.message).toMatch(message);
      expect(err.where).toMatch(/bad\.jsonl:\d+$/);
    }
    expect((await passkRejection(multiplEHumanevalTs.load(writeLines('empty.jsonl', []), {}))).message).toMatch(/no tasks/);
  });

  it('reads the entry point from the last top-level function of a prompt', () => {
    expect(entryPointOfPrompt('//doc\nfunction f<T>(x: T[]): T {\n')).toBe('f');
    expect(entryPointOfPrompt('function helper(a) {\n}\nfunction main(b: number): number {\n')).toBe('main');
    expect(entryPointOfPrompt('//   function notThis(\nconst f = () => {\n')).toBeUndefined();
  });

  it('cuts a completion at the earliest occurrence of any stop token, and leaves one without any whole', () => {
    const piece = fc.constantFrom('x', ' ', '\n', '}', 'function ', '/*', '//', 'class', 'a\nb');
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.subarray(STOP), (completion, stops) => {
        const cut = cutAtStopTokens(completion, stops);
        expect(completion.startsWith(cut)).toBe(true);
        // No stop token begins in what is kept, and the cut is where the first one begins.
        for (const stop of stops) expect(completion.indexOf(stop) === -1 || completion.indexOf(stop) >= cut.length).toBe(true);
        if (cut.length < completion.length) expect(stops.some((stop) => completion.startsWith(stop, cut.length))).toBe(true);
      }),
    );
    expect(cutAtStopTokens('  return 1;\n}\n// done\nfunction g() {}', STOP)).toBe('  return 1;\n}');
    expect(cutAtStopTokens('  return 1;\n}\n', STOP)).toBe('  return 1;\n}\n');
    expect(cutAtStopTokens('abc', [])).toBe('abc');
  });
});
