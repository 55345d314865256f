/**
 * The adapters on the real public files (../shared/datasets) and on a hand-made
 * HumanEval+ fixture. Generated input expressions are evaluated by /usr/bin/python3:
 * they are dataset text, trusted.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task, TestSpec } from '../../kernel/task.js';
import { sha256File } from '../../kernel/hash.js';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const HUMANEVAL = datasetPath('HumanEval.jsonl.gz');
const MBPP_PLUS = datasetPath('MbppPlus.jsonl.gz');
const HUMANEVAL_PLUS_MINI = 'test/fixtures/samples/HumanEvalPlus-mini.jsonl';

type Differential = Extract<TestSpec, { kind: 'python-differential' }>;
const differential = (t: Task): Differential => {
  if (t.test.kind !== 'python-differential') throw new Error(`${t.id} is not differential`);
  return t.test;
};

/** Evaluates each task's inputs in Python; returns the value of `perTask` for each, keyed by id. */
function inPython(tasks: Task[], perTask: string, prelude = ''): Record<string, unknown> {
  const jobs = tasks.map((t) => ({ id: t.id, inputs: differential(t).inputs }));
  const script = `${prelude}\nimport sys, json\nout = {}\nfor job in json.load(sys.stdin):\n    inputs = eval(job["inputs"])\n    task_id = job["id"]\n    out[task_id] = ${perTask}\nprint(json.dumps(out))`;
  const r = spawnSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { PYTHONHASHSEED: '0', PATH: '/usr/bin:/bin' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe.skipIf(skipWithoutDatasets('HumanEval.jsonl.gz'))('humaneval', () => {
  it('reads the 164 HumanEval tasks as python-check tasks', async () => {
    const b = await loadBenchmark('humaneval', { data: HUMANEVAL });
    expect(b.tasks).toHaveLength(164);
    expect(b.tasks.map((t) => t.id)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`));
    expect(b.dataSha256).toBe(await sha256File(HUMANEVAL));
    const t0 = b.tasks[0]!;
    expect(t0.entryPoint).toBe('has_close_elements');
    expect(t0.instruction).toBeUndefined();
    expect(t0.test).toMatchObject({ kind: 'python-check', entryPoint: 'has_close_elements' });
    expect(t0.test.kind === 'python-check' && t0.test.test).toContain('def check(candidate)');
  });
});

describe.skipIf(skipWithoutDatasets('MbppPlus.jsonl.gz'))('mbpp and mbppplus', () => {
  let mbpp: Task[];
  let plus: Task[];
  let rawCounts: Record<string, [number, number]>;
  beforeAll(async () => {
    mbpp = (await loadBenchmark('mbpp', { data: MBPP_PLUS })).tasks;
    plus = (await loadBenchmark('mbppplus', { data: MBPP_PLUS })).tasks;
    // Input counts straight from the file, read by Python's json module.
    const r = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        `import gzip, json; print(json.dumps({r["task_id"]: [len(r["base_input"]), len(r["plus_input"])] for r in map(json.loads, gzip.open("${MBPP_PLUS}", "rt"))}))`,
      ],
      { encoding: 'utf8' },
    );
    rawCounts = JSON.parse(r.stdout) as Record<string, [number, number]>;
  });

  it('keeps the file ids and order, with the MBPP+ prompt and an instruction naming the function', () => {
    expect(plus).toHaveLength(399);
    expect(mbpp.map((t) => t.id)).toEqual(plus.map((t) => t.id));
    expect(new Set(plus.map((t) => t.id)).size).toBe(399);
    const t2 = plus.find((t) => t.id === 'Mbpp/2')!;
    expect(t2.prompt).toContain('shared elements');
    expect(t2.instruction).toContain('Write a function to find the shared elements');
    expect(t2.instruction).toContain('assert similar_elements(');
    expect(differential(t2).reference).toBe(t2.prompt + t2.canonicalSolution);
  });

  it('every inputs expression evaluates to a list of argument lists: base for mbpp, base + plus for mbppplus', () => {
    const shape = '[len(inputs), all(isinstance(a, (list, tuple)) for a in inputs)] if isinstance(inputs, list) else None';
    const got = { mbpp: inPython(mbpp, shape), plus: inPython(plus, shape) };
    let base = 0;
    let all = 0;
    for (const t of plus) {
      const [nBase, nPlus] = rawCounts[t.id]!;
      expect(got.mbpp[t.id], t.id).toEqual([nBase, true]);
      expect(got.plus[t.id], t.id).toEqual([nBase + nPlus, true]);
      base += nBase;
      all += nBase + nPlus;
    }
    expect(base).toBe(1236);
    expect(all).toBe(43318);
  });

  it("tasks evalplus leaves alone get exactly what Python's json.loads reads (big ints, 1.0, Infinity, unicode)", () => {
    const script = `repr(inputs) == repr(json.loads(job_raw[task_id]))`;
    const untouched = mbpp.filter((t) => !SPECIAL.has(Number(t.id.split('/')[1])));
    const rawScript = `import gzip, json\njob_raw = {r["task_id"]: json.dumps(r["base_input"]) for r in map(json.loads, gzip.open("${MBPP_PLUS}", "rt"))}\n`;
    const r = inPython(untouched, script, rawScript);
    expect(Object.values(r).filter((v) => v !== true)).toEqual([]);
    expect(Object.keys(r).length).toBeGreaterThan(300);
  });

  it('special cases come out as the types evalplus builds', () => {
    const checks: Record<string, string> = {
      // [tuple(lst) for lst in inp]
      'Mbpp/2': 'all(type(a) is tuple for inp in inputs for a in inp)',
      // (float(inp[0]), complex(inp[1])), argument tuples
      'Mbpp/124': 'all(type(inp) is tuple and type(inp[0]) is float and type(inp[1]) is complex for inp in inputs)',
      // [complex(inp[0])]
      'Mbpp/252': 'all(type(inp[0]) is complex for inp in inputs) and inputs[0] == [complex(1, 0)]',
      // sets for non-empty lists, {} (a dict) for everything else
      'Mbpp/115': 'inputs[1] == [[{1, 2}, {}, {}]] and type(inputs[1][0][1]) is dict and type(inputs[1][0][0]) is set',
      // dict values become tuples
      'Mbpp/722': 'all(type(v) is tuple for inp in inputs for v in inp[0].values()) and type(inputs[0][1]) is float',
      // every list, however deep, becomes a tuple
      'Mbpp/580': 'type(inputs[0]) is tuple and inputs[0][0] == (4, 5, (7, 6, (2, 4)), 6, 8)',
      // [tuple(inp[0])] + [inp[1]]
      'Mbpp/250': 'all(type(inp[0]) is tuple and type(inp) is list for inp in inputs)',
      // tuples of tuples
      'Mbpp/259': 'all(type(a) is tuple and all(type(x) is tuple for x in a) for inp in inputs for a in inp)',
    };
    for (const [set, name] of [
      [plus, 'mbppplus'],
      [mbpp, 'mbpp'],
    ] as const) {
      const chosen = set.filter((t) => t.id in checks);
      expect(chosen, name).toHaveLength(Object.keys(checks).length);
      const results = inPython(
        chosen,
        `bool(${'{'}${Object.entries(checks)
          .map(([id, c]) => `${JSON.stringify(id)}: lambda: ${c}`)
          .join(', ')}${'}'}[task_id]())`,
      );
      expect(results, name).toEqual(Object.fromEntries(Object.keys(checks).map((id) => [id, true])));
    }
  });

  it('gives the evalplus special oracles by entry point', () => {
    const oracle = (id: string) => differential(plus.find((t) => t.id === id)!).oracle;
    expect(oracle('Mbpp/164')).toBe('any-output');
    expect(oracle('Mbpp/295')).toBe('zero-or-equal');
    expect(['Mbpp/737', 'Mbpp/787', 'Mbpp/794'].map(oracle)).toEqual(['not-none', 'not-none', 'not-none']);
    expect(plus.filter((t) => differential(t).oracle !== undefined)).toHaveLength(5);
    expect(plus.filter((t) => differential(t).atol > 0).length).toBe(16);
  });

  it('offers the original MBPP asserts, importing math where they use it', async () => {
    const tasks = (await loadBenchmark('mbpp', { data: MBPP_PLUS, useOriginalAsserts: true })).tasks;
    expect(tasks).toHaveLength(399);
    const asserts = (id: string) => {
      const t = tasks.find((x) => x.id === id)!.test;
      return t.kind === 'python-asserts' ? t.asserts : '';
    };
    expect(asserts('Mbpp/2')).toContain('assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)');
    expect(asserts('Mbpp/2')).not.toContain('import math');
    expect(asserts('Mbpp/120').startsWith('import math\n')).toBe(true);
  });
});

describe('humanevalplus (hand-made fixture in HumanEval+ format)', () => {
  it('reads base + plus inputs losslessly and marks find_zero for the root oracle', async () => {
    const b = await loadBenchmark('humanevalplus', { data: HUMANEVAL_PLUS_MINI });
    expect(b.tasks.map((t) => t.id)).toEqual(['HumanEval/0', 'HumanEval/32', 'HumanEval/99']);
    expect(differential(b.tasks[1]!).oracle).toBe('poly-root');
    expect(differential(b.tasks[1]!).atol).toBe(1e-6);
    expect(differential(b.tasks[0]!).oracle).toBeUndefined();
    const shown = inPython(b.tasks, 'repr(inputs)');
    expect(shown['HumanEval/0']).toBe(
      '[[[1.0, 2.0, 3.5], 1.2], [[1.0, 5.0], 0.5], [[], 1.0], [[1e+308, -1e+308], 1.0], [[2.0, 2.0], 0.0]]',
    );
    expect(shown['HumanEval/99']).toBe(
      `[[1.0, 'float'], [123456789012345678901234567890, 'big'], [None, 'none'], [True, 'b\u00e9\u00e8\u{1F600}"quote"\\\\'], [inf, 'inf'], [[1, [2.5, {'k': False}]], 'nested']]`,
    );
  });
});

const SPECIAL = new Set([
  2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809, 63, 64, 70, 94, 120, 237, 272,
  299, 400, 409, 417, 438, 473, 614, 780, 75, 413, 444, 753, 106, 750, 115, 124, 250, 405, 446, 617, 720, 763, 808, 259, 401, 445, 278, 307,
  722, 252, 580, 615, 791,
]);
