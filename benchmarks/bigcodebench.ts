/**
 * BigCodeBench (bigcode-project/bigcodebench, v0.1.4) and its Hard subset: task_id,
 * complete_prompt, instruct_prompt, code_prompt, canonical_solution, test (a unittest
 * TestCase named TestCases), entry_point, libs. Both of its prompt styles: `complete`
 * (format baseline: the program is complete_prompt + completion, as BigCodeBench's
 * complete split builds it) and `instruct` (format full: the instruction is instruct_prompt
 * and the model writes the whole program). The canonical program is complete_prompt +
 * canonical_solution. The test runs program and TestCases in one module, every test
 * method, each test's outcome recorded (python-unittest).
 */
import { z } from 'zod';
import { PasskError } from '../kernel/errors.js';
import { readJsonLines, validateLine } from '../kernel/jsonl.js';
import type { Task } from '../kernel/task.js';
import { DATA_SCIENCE_PRELOAD, type LibraryProfile } from './library/profile.js';
import type { BenchmarkAdapter } from './types.js';
import { TaskIds } from './task-ids.js';

const bigCodeBenchRow = z.object({
  task_id: z.string().min(1),
  complete_prompt: z.string().min(1),
  instruct_prompt: z.string().min(1),
  code_prompt: z.string(),
  canonical_solution: z.string(),
  test: z.string().regex(/class TestCases\b/, 'expected a unittest class named TestCases'),
  entry_point: z.string().regex(/^[A-Za-z_]\w*$/, 'expected a Python identifier'),
  libs: z.union([z.string(), z.array(z.string())]),
});

/** The third-party libraries BigCodeBench imports (its `libs`, less the standard library), by import name. */
const BIGCODEBENCH_LIBRARIES: readonly string[] = [
  'Crypto',
  'Levenshtein',
  'PIL',
  'blake3',
  'bs4',
  'chardet',
  'cryptography',
  'cv2',
  'dateutil',
  'django',
  'docx',
  'faker',
  'flask',
  'flask_login',
  'flask_mail',
  'flask_restful',
  'flask_wtf',
  'folium',
  'gensim',
  'geopandas',
  'geopy',
  'holidays',
  'keras',
  'librosa',
  'lxml',
  'matplotlib',
  'mechanize',
  'natsort',
  'nltk',
  'numpy',
  'openpyxl',
  'pandas',
  'prettytable',
  'psutil',
  'pyquery',
  'pytesseract',
  'python_http_client',
  'pytz',
  'regex',
  'requests',
  'rsa',
  'scipy',
  'seaborn',
  'sendgrid',
  'shapely',
  'skimage',
  'sklearn',
  'soundfile',
  'statsmodels',
  'sympy',
  'tensorflow',
  'texttable',
  'textblob',
  'werkzeug',
  'wikipedia',
  'wordcloud',
  'wordninja',
  'wtforms',
  'xlwt',
  'xmltodict',
  'yaml',
];

const BIGCODEBENCH_PROFILE: LibraryProfile = {
  preload: [...DATA_SCIENCE_PRELOAD, 'seaborn', 'requests'],
  libraries: BIGCODEBENCH_LIBRARIES,
  // BigCodeBench's own harness allows 30 GiB of address space; 8 GiB holds its references here.
  memoryMb: 8192,
  timeoutS: 60,
  // BigCodeBench's min_time_limit.
  referenceFloorMs: 1000,
};

function makeAdapter(name: string, description: string): BenchmarkAdapter {
  return {
    name,
    language: 'python',
    requiresData: true,
    description,
    python: BIGCODEBENCH_PROFILE,
    async load(path) {
      if (path === null) throw new PasskError('E_CONFIG', `${name} needs its data file`, '--data');
      const tasks: Task[] = [];
      const ids = new TaskIds();
      for (const item of await readJsonLines(path, 'E_DATASET')) {
        const row = validateLine(bigCodeBenchRow, item, path, 'E_DATASET');
        ids.add(row.task_id, 'task_id', `"${row.task_id}"`, `${path}:${item.line}`);
        tasks.push({
          id: row.task_id,
          benchmark: name,
          language: 'python',
          prompt: row.complete_prompt,
          instruction: row.instruct_prompt,
          entryPoint: row.entry_point,
          canonicalSolution: row.canonical_solution,
          test: { kind: 'python-unittest', test: row.test },
        });
      }
      if (tasks.length === 0) throw new PasskError('E_DATASET', 'the file holds no tasks', path);
      return tasks;
    },
  };
}

export const bigcodebench = makeAdapter('bigcodebench', "BigCodeBench's file, e.g. bigcodebench_v0.1.4.jsonl.gz");
export const bigcodebenchHard = makeAdapter('bigcodebench-hard', "BigCodeBench-Hard's file, e.g. bigcodebench_hard_v0.1.4.jsonl.gz");
