/**
 * The pure parts of CodeContests judging: checker rules detected from statements, the token
 * comparison (and the Python judge's copy of it agreeing case for case), and the public tests
 * parsed from the statements' examples.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCheckerRules } from '../../benchmarks/codecontests/checker-rules.js';
import { parseExamples } from '../../benchmarks/codecontests/public-tests.js';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { readJsonLines } from '../../kernel/jsonl.js';
import type { StdioChecker } from '../../kernel/task.js';
import { runnerDir } from '../../sandbox/python/runner-files.js';
import { matchOutput } from '../../sandbox/stdio-output-match.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const EXACT: StdioChecker = { caseInsensitive: false, floatTolerance: null };
const ANY_CASE: StdioChecker = { caseInsensitive: true, floatTolerance: null };
const FLOAT_6: StdioChecker = { caseInsensitive: false, floatTolerance: 1e-6 };

describe('checker rules from the statement', () => {
  it.each([
    ['You can print each letter in any case (upper or lower).', true, null],
    ['You may print every letter in any case you want (so, for example, the strings yEs, yes are accepted).', true, null],
    ['The output is case insensitive (so "yEs" and "No" will also be accepted).', true, null],
    ['You can print each letter in any register (upper or lower).', true, null],
    ['Your answer is considered correct if its absolute or relative error does not exceed 10^{-4}.', false, 1e-4],
    ['Print the answer with absolute or relative error at most 10^-9.', false, 1e-9],
    ['Your answer will be accepted if the relative error does not exceed 1e-6.', false, 1e-6],
    ['Your answer is correct if its absolute error is small.', false, 1e-6],
    ['Print YES or NO. And if there is a horizontal wall (the upper or lower walls), dr is reflected.', false, null],
  ])('%s', (statement, caseInsensitive, floatTolerance) => {
    const rules = detectCheckerRules(statement);
    expect({ caseInsensitive: rules.caseInsensitive, floatTolerance: rules.floatTolerance }).toEqual({ caseInsensitive, floatTolerance });
    expect(rules.evidence.length).toBe(Number(caseInsensitive) + Number(floatTolerance !== null));
  });
});

/** [expected, got, checker, matches] */
const TABLE: Array<[string, string, StdioChecker, boolean]> = [
  ['1 2 3\n', '1 2 3', EXACT, true],
  ['1 2 3\n', '1\n2\n3\n\n\n', EXACT, true],
  ['1 2 3\n', '  1 \t2   3   ', EXACT, true],
  ['1 2 3\n', '1 2', EXACT, false],
  ['1 2\n', '1 2 3', EXACT, false],
  ['YES\n', 'yes', EXACT, false],
  ['YES\n', 'yEs', ANY_CASE, true],
  ['NO\n', 'yes', ANY_CASE, false],
  ['3.1622776589\n', '3.162277', FLOAT_6, true],
  ['3.1622776589\n', '3.1622', FLOAT_6, false],
  ['1000000.0\n', '1000000.9', FLOAT_6, true],
  ['1000000.0\n', '1000002', FLOAT_6, false],
  ['0.0000000000\n', '0.0000005', FLOAT_6, true],
  ['0.0000000000\n', '-0.000002', FLOAT_6, false],
  ['2\n', '2.0000000', FLOAT_6, true],
  ['2\n', '2.0000000', EXACT, false],
  ['abc\n', 'abc', FLOAT_6, true],
  ['1e-7\n', '0', FLOAT_6, true],
  ['inf\n', 'inf', FLOAT_6, true],
  ['nan\n', 'nan', FLOAT_6, true],
  ['inf\n', 'infinity', FLOAT_6, false],
  ['1\n', '', EXACT, false],
  ['\n', '', EXACT, true],
  ['\n', '0', EXACT, false],
];

describe('the token comparison', () => {
  it.each(TABLE)('%j against %j (%j) matches: %s', (expected, got, checker, matches) => {
    expect(matchOutput(expected, got, checker).ok).toBe(matches);
  });

  it("the Python judge's comparison agrees on every case", () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(runnerDir())})`,
      'import passk_loader',
      'stdio = passk_loader.load_private("passk_stdio", {"guard": {}})',
      'cases = json.load(sys.stdin)',
      'print(json.dumps([stdio["match_output"](e.encode(), g.encode(), c) is None for e, g, c in cases]))',
    ].join('\n');
    const input = JSON.stringify(TABLE.map(([e, g, c]) => [e, g, c]));
    const out = execFileSync('python3', ['-c', script], { input, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(TABLE.map((row) => row[3]));
  });

  const token = fc.stringMatching(/^[!-~]{1,8}$/);
  const spacing = fc.constantFrom(' ', '\n', '\t', '  ', ' \n', '\r\n');

  it('any whitespace between the same tokens matches; one changed token does not, and is named', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 20 }), spacing, spacing, fc.nat(), (tokens, a, b, at) => {
        expect(matchOutput(tokens.join(a), `${b}${tokens.join(b)}${a}`, EXACT).ok).toBe(true);
        const i = at % tokens.length;
        const changed = tokens.map((t, j) => (j === i ? `${t}x` : t));
        const result = matchOutput(tokens.join(' '), changed.join(' '), EXACT);
        expect(result.ok ? '' : result.detail).toMatch(new RegExp(`^token ${i + 1}: `));
      }),
    );
  });

  it('numbers within the tolerance match, and twice past it do not', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (b, unit) => {
        const tol = 1e-6;
        const scale = Math.max(1, Math.abs(b));
        const near = b + unit * tol * scale * 0.5;
        const far = b + (unit >= 0 ? 1 : -1) * tol * scale * 2;
        expect(matchOutput(String(b), String(near), FLOAT_6).ok).toBe(true);
        expect(matchOutput(String(b), String(far), FLOAT_6).ok).toBe(false);
      }),
    );
  });
});

describe('public tests from the statement', () => {
  it('reads each Input / Output pair after the Examples heading, unescaping HTML and stopping at the Note', () => {
    const statement = [
      'Intro mentions Input and Output in prose.',
      '',
      'Input',
      '',
      'The first line contains n.',
      '',
      'Output',
      '',
      'Print a &lt; b.',
      '',
      'Examples',
      '',
      'Input',
      '',
      '',
      '3',
      '1 2 3',
      '',
      '',
      'Output',
      '',
      '',
      '&gt;',
      '',
      '',
      'Input',
      '',
      '',
      '1',
      '',
      '',
      'Output',
      '',
      '',
      '0',
      '',
      'Note',
      '',
      'Input',
      'not an example',
    ].join('\n');
    expect(parseExamples(statement)).toEqual([
      { input: '3\n1 2 3\n', output: '>\n' },
      { input: '1\n', output: '0\n' },
    ]);
  });

  it('a statement without examples has no public tests', () => {
    expect(parseExamples('Input\n\nn\n\nOutput\n\nm\n')).toEqual([]);
  });

  it.skipIf(skipWithoutDatasets('codecontests_test.jsonl.gz'))(
    "matches the dataset: every example's input is one of the problem's tests, and the public tests come first",
    async () => {
      const path = datasetPath('codecontests_test.jsonl.gz');
      const rows = (await readJsonLines(path, 'E_DATASET')).map(
        (item) => item.value as { description: string; tests_public_plus_private: { inputs: string[]; outputs: string[] } },
      );
      const norm = (s: string) => s.trim().split(/\s+/).join(' ');
      let examples = 0;
      let sameOutput = 0;
      let atSamePosition = 0;
      for (const row of rows) {
        const { inputs, outputs } = row.tests_public_plus_private;
        parseExamples(row.description).forEach((example, i) => {
          examples++;
          const at = inputs.findIndex((input) => norm(input) === norm(example.input));
          expect(at, `an example of "${row.description.slice(0, 40)}" is not among its tests`).toBeGreaterThanOrEqual(0);
          if (norm(outputs[at]!) === norm(example.output)) sameOutput++;
          if (at === i) atSamePosition++;
        });
      }
      // Every problem has at least one example; most examples are the dataset's first tests.
      expect(examples).toBeGreaterThanOrEqual(rows.length);
      expect({ examples, sameOutput, atSamePosition }).toEqual({ examples: 285, sameOutput: 247, atSamePosition: 154 });
      const tasks = (await loadBenchmark('codecontests', { data: path })).tasks;
      expect(tasks).toHaveLength(165);
      for (const task of tasks) {
        if (task.test.kind !== 'stdio') throw new Error(`${task.id}: not stdio`);
        expect(task.test.publicTests).toBeGreaterThanOrEqual(1);
        expect(task.test.tests.length).toBeGreaterThanOrEqual(task.test.publicTests);
      }
    },
  );
});
