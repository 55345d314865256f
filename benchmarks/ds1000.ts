/**
 * DS-1000 (xlang-ai/DS-1000, data/ds1000.jsonl): prompt, reference_code, metadata
 * {library, problem_id, ...}, code_context. A completion is the whole solution (the prompt
 * is a question ending in "BEGIN SOLUTION\n<code>"), cut where DS-1000's post-processing
 * cuts it (`</code>`, `END SOLUTION`, a closing fence). The test is the task's code_context
 * run as DS-1000 runs it: `test_execution(solution)`, and `test_string(solution)` when the
 * context defines it (python-code-context).
 */
import { z } from 'zod';
import { PasskError } from '../kernel/errors.js';
import { readJsonLines, validateLine } from '../kernel/jsonl.js';
import type { Task } from '../kernel/task.js';
import { DATA_SCIENCE_PRELOAD, type LibraryProfile } from './library/profile.js';
import type { BenchmarkAdapter } from './types.js';
import { TaskIds } from './task-ids.js';

const ds1000Row = z.object({
  prompt: z.string().min(1),
  reference_code: z.string(),
  metadata: z.looseObject({ problem_id: z.number().int().nonnegative(), library: z.string().min(1) }),
  code_context: z.string().regex(/def test_execution\(/, 'expected a code_context that defines test_execution'),
});

/** Where DS-1000's own post-processing cuts a completion. */
const DS1000_STOP = ['</code>', '\nEND SOLUTION', '```'];

const DS1000_PROFILE: LibraryProfile = {
  preload: DATA_SCIENCE_PRELOAD,
  libraries: ['numpy', 'pandas', 'scipy', 'sklearn', 'matplotlib', 'seaborn', 'torch', 'tensorflow', 'xgboost'],
  memoryMb: 8192,
  timeoutS: 60,
  referenceFloorMs: 1000,
};

export const ds1000: BenchmarkAdapter = {
  name: 'ds1000',
  language: 'python',
  requiresData: true,
  description: "DS-1000's own file, e.g. ds1000.jsonl.gz",
  python: DS1000_PROFILE,
  async load(path) {
    if (path === null) throw new PasskError('E_CONFIG', 'ds1000 needs its data file', '--data');
    const tasks: Task[] = [];
    const ids = new TaskIds();
    for (const item of await readJsonLines(path, 'E_DATASET')) {
      const row = validateLine(ds1000Row, item, path, 'E_DATASET');
      const id = `DS1000/${row.metadata.problem_id}`;
      ids.add(id, 'metadata.problem_id', String(row.metadata.problem_id), `${path}:${item.line}`);
      tasks.push({
        id,
        benchmark: 'ds1000',
        language: 'python',
        prompt: row.prompt,
        programPrefix: '',
        canonicalSolution: row.reference_code,
        test: { kind: 'python-code-context', codeContext: row.code_context },
        stopTokens: DS1000_STOP,
      });
    }
    if (tasks.length === 0) throw new PasskError('E_DATASET', 'the file holds no tasks', path);
    return tasks;
  },
};
