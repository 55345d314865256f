/**
 * CodeContests (deepmind/code_contests test split, 165 problems): stdin/stdout programs
 * judged on the dataset's public + private tests (README, "CodeContests"). Task ids are
 * `CodeContests/<index>`; the problem's `name` is recorded as its title. The answer's
 * language is chosen per run by the benchmark's name: `codecontests` (Python 3) or
 * `codecontests-js` (JavaScript, in isolated-vm).
 *
 * The statement's examples (public-tests.ts) are the public tests: each is matched to the
 * dataset test with the same input, whose expected output is kept (the statement and the
 * dataset show different answers on problems that accept several), and the public tests run
 * first. An example whose input the dataset lacks is added from the statement.
 */
import { z } from 'zod';
import { PasskError } from '../../kernel/errors.js';
import { readJsonLines, validateLine } from '../../kernel/jsonl.js';
import type { Language, StdioTest, Task } from '../../kernel/task.js';
import type { BenchmarkAdapter } from '../types.js';
import { detectCheckerRules } from './checker-rules.js';
import { parseExamples } from './public-tests.js';

const row = z.object({
  index: z.number().int().nonnegative(),
  name: z.string().min(1),
  difficulty: z.number().int(),
  time_limit: z.object({ seconds: z.number().int().nonnegative(), nanos: z.number().int().nonnegative() }).nullable(),
  memory_limit_bytes: z.number().int().nonnegative(),
  description: z.string().min(1),
  tests_public_plus_private: z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) }),
});

/** Limits CodeContests gives problems that state none (Codeforces' usual ones). */
const DEFAULT_TIME_LIMIT_MS = 2000;
const DEFAULT_MEMORY_MB = 256;

const ANSWER_LANGUAGE: Record<'python' | 'javascript', string> = {
  python: 'a Python 3 program that reads the input from standard input (sys.stdin) and writes the answer to standard output',
  javascript:
    'a JavaScript program whose input is the string `stdin` (a global) and whose output is what it passes to console.log or process.stdout.write',
};

const normalized = (text: string): string => text.trim().split(/\s+/).join(' ');

/** Public tests first (statement order), then the rest in dataset order. */
function orderTests(inputs: string[], outputs: string[], statement: string): { tests: StdioTest[]; publicTests: number } {
  const remaining = inputs.map((input, i) => ({ input, output: outputs[i]! }));
  const first: StdioTest[] = [];
  for (const example of parseExamples(statement)) {
    const at = remaining.findIndex((t) => normalized(t.input) === normalized(example.input));
    first.push(at >= 0 ? remaining.splice(at, 1)[0]! : example);
  }
  return { tests: [...first, ...remaining], publicTests: first.length };
}

function instructionFor(statement: string, language: Language): string {
  const what = ANSWER_LANGUAGE[language === 'javascript' ? 'javascript' : 'python'];
  return `${statement.trim()}\n\nWrite ${what}.`;
}

/** The base style's prompt: the statement as a comment, then the program's first line. */
function basePrompt(statement: string, language: Language): string {
  const mark = language === 'python' ? '#' : '//';
  const comment = statement
    .trim()
    .split('\n')
    .map((line) => (line ? `${mark} ${line}` : mark))
    .join('\n');
  return language === 'python' ? `${comment}\nimport sys\n` : `${comment}\nconst lines = stdin.split('\\n');\n`;
}

function adapter(name: string, language: 'python' | 'javascript'): BenchmarkAdapter {
  return {
    name,
    language,
    requiresData: true,
    description: 'CodeContests test split as JSON lines, e.g. codecontests_test.jsonl.gz',
    async load(path) {
      if (path === null) throw new PasskError('E_CONFIG', `${name} needs its data file`, '--data');
      const tasks: Task[] = [];
      const seen = new Set<number>();
      for (const item of await readJsonLines(path, 'E_DATASET')) {
        const r = validateLine(row, item, path, 'E_DATASET');
        const where = `${path}:${item.line}`;
        if (seen.has(r.index)) throw new PasskError('E_DATASET', `field "index": ${r.index} appears twice; expected unique indexes`, where);
        seen.add(r.index);
        const { inputs, outputs } = r.tests_public_plus_private;
        if (inputs.length !== outputs.length)
          throw new PasskError(
            'E_DATASET',
            `field "tests_public_plus_private": ${inputs.length} inputs but ${outputs.length} outputs; expected one output per input`,
            where,
          );
        const { tests, publicTests } = orderTests(inputs, outputs, r.description);
        if (tests.length === 0) throw new PasskError('E_DATASET', 'the problem has no tests and no examples; expected at least one', where);
        const limit = r.time_limit ? r.time_limit.seconds * 1000 + Math.round(r.time_limit.nanos / 1e6) : 0;
        tasks.push({
          id: `CodeContests/${r.index}`,
          benchmark: name,
          language,
          title: r.name,
          prompt: basePrompt(r.description, language),
          instruction: instructionFor(r.description, language),
          canonicalSolution: '',
          test: {
            kind: 'stdio',
            tests,
            publicTests,
            checker: (({ caseInsensitive, floatTolerance }) => ({ caseInsensitive, floatTolerance }))(detectCheckerRules(r.description)),
            timeLimitMs: limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS,
            memoryLimitMb: r.memory_limit_bytes > 0 ? Math.round(r.memory_limit_bytes / 1e6) : DEFAULT_MEMORY_MB,
          },
        });
      }
      if (tasks.length === 0) throw new PasskError('E_DATASET', 'the file holds no problems', path);
      return tasks;
    },
  };
}

export const codecontests = adapter('codecontests', 'python');
export const codecontestsJs = adapter('codecontests-js', 'javascript');
